//! Resource packs: sizes ascending and positive, each sold at a positive list price.

use crate::ast::{self, Packs, Price};
use crate::check::Checker;
use crate::literals;
use crate::model::*;

impl Checker<'_> {
    /// A pack list as written (`packs { … }` or `packs none`), checked.
    pub(crate) fn pack_list(&mut self, def: &ast::PacksDef) -> Vec<(u64, i64)> {
        let defs = match &def.packs {
            Packs::None => return Vec::new(),
            Packs::List(defs) if defs.is_empty() && def.complete => {
                self.errors.at(
                    def.keyword,
                    "no packs listed: write `packs none` if the label is sold without packs",
                );
                return Vec::new();
            }
            Packs::List(defs) => defs,
        };
        let mut packs: Vec<(u64, i64)> = Vec::new();
        for def in defs {
            let size = match literals::count(&def.size) {
                Ok(0) => {
                    self.errors
                        .over(&def.size, "a pack holds at least one call");
                    continue;
                }
                Ok(s) => s,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            if let Some(&(prev, _)) = packs.last() {
                if size <= prev {
                    self.errors.over(
                        &def.size,
                        format!("pack sizes must ascend: {size} comes after {prev}"),
                    );
                }
            }
            if let Price::Negotiated(n) = &def.price {
                self.errors
                    .at(n.span(), "packs are sold at a list price: write it in yuan");
                continue;
            }
            match self.money(&def.price, "a pack's price") {
                Some(0) => {
                    if let Price::Money { lit, .. } = &def.price {
                        self.errors
                            .at(lit.span(), "a pack's price must be positive");
                    }
                }
                Some(price) => packs.push((size, price)),
                None => {}
            }
        }
        packs
    }
}

/// A pack list in words: `1000次 ¥1050.00, 1万次 ¥10000.00`, or `none on sale`.
pub(crate) fn describe_packs(packs: &[(u64, i64)]) -> String {
    if packs.is_empty() {
        return "none on sale".to_owned();
    }
    packs
        .iter()
        .map(|&(size, fen)| format!("{}次 ¥{}", wan(size), yuan(fen)))
        .collect::<Vec<_>>()
        .join(", ")
}
