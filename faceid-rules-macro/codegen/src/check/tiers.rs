//! Prices: money exact to the fen and never negative; tiers contiguous from the first call
//! of the month, half-open, open-ended at the top, with unit prices that never rise with
//! volume.

use proc_macro2::Span;
use syn::Ident;

use crate::ast::{self, Price};
use crate::check::Checker;
use crate::literals;
use crate::model::*;

impl Checker<'_> {
    pub(crate) fn money(&mut self, price: &Price, what: &str) -> Option<i64> {
        match price {
            Price::Negotiated(_) => None,
            Price::Money {
                minus: Some(tokens),
                ..
            } => {
                self.errors
                    .over(tokens, format!("{what} cannot be negative"));
                None
            }
            Price::Money { minus: None, lit } => match literals::money_fen(lit) {
                Ok(fen) => Some(fen),
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            },
        }
    }

    /// A price as written (`tiers { … }` or `flat PRICE`) of the label `ident`, checked.
    pub(crate) fn price(&mut self, def: &ast::PriceDef, ident: &Ident) -> PriceM {
        let defs = &def.tiers;
        if defs.is_empty() && def.complete {
            self.errors.at(
                def.keyword.span(),
                format!("postpaid label `{ident}` lists no tiers: add at least `1.. => PRICE`"),
            );
        }
        if def.flat {
            if let Some(Price::Negotiated(n)) = defs.first().map(|t| &t.price) {
                self.errors.at(
                    n.span(),
                    "a flat price is a list price: write it in yuan, or `tiers { … }` with a 联系商务 tier",
                );
            }
        }
        let mut tiers: Vec<TierM> = Vec::new();
        let mut last_price: Option<(i64, Span)> = None;
        // With a tier that failed to parse, the neighbours' ranges would look wrong.
        let structure = def.complete;
        for (i, def) in defs.iter().enumerate() {
            let from = match literals::count(&def.from) {
                Ok(n) => n,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            let to = match def.to.as_ref().map(literals::count) {
                Some(Ok(t)) => Some(t),
                Some(Err(e)) => {
                    self.errors.push(e);
                    continue;
                }
                None => None,
            };
            if let Some(op) = &def.closed {
                self.errors.over(
                    op,
                    "tiers are half-open ranges: write `FROM..TO`, as the document's `FROM≤调用量<TO`",
                );
            }
            if structure && i == 0 && from != 1 {
                self.errors.over(
                    &def.from,
                    format!("the first tier must start at the first call of the month: write `1..` (the document's `0<调用量`), not `{from}..`"),
                );
            }
            if let Some(t) = to {
                if t <= from {
                    self.errors.over(
                        &def.range_tokens,
                        format!("the tier `{from}..{t}` holds no call count: tiers ascend, `FROM..TO` with FROM < TO"),
                    );
                }
            }
            if let Some(prev) = tiers.last().filter(|_| structure) {
                match prev.to {
                    None => self.errors.over(
                        &defs[i - 1].range_tokens,
                        "only the last tier may be open-ended (`FROM..`)",
                    ),
                    Some(prev_to) if from > prev_to => self.errors.over(
                        &def.from,
                        format!("gap between tiers: monthly volumes {prev_to}..{from} have no tier; start this tier at {prev_to}"),
                    ),
                    Some(_) if from < prev.from => self.errors.over(
                        &def.range_tokens,
                        format!("tiers are not ascending: `{from}..` comes after the tier starting at {}", prev.from),
                    ),
                    Some(prev_to) if from < prev_to => self.errors.over(
                        &def.from,
                        format!("tiers overlap: the previous tier runs up to {prev_to}; start this tier at {prev_to}"),
                    ),
                    Some(_) => {}
                }
            }
            if structure && i == defs.len() - 1 {
                if let Some(t) = to {
                    self.errors.over(
                        &def.range_tokens,
                        format!("the top tier must be open-ended: write `{from}..` (the document's `…及以上`); volumes from {t} would have no price"),
                    );
                }
            }
            let price = self.money(&def.price, "a unit price");
            if let (Some(p), Price::Money { lit, .. }) = (price, &def.price) {
                if let Some((before, _)) = last_price {
                    if p > before {
                        self.errors.at(
                            lit.span(),
                            format!(
                                "the unit price rises with volume: ¥{} here, ¥{} for fewer calls; volume tiers never cost more per call",
                                yuan(p),
                                yuan(before)
                            ),
                        );
                    }
                }
                last_price = Some((p, lit.span()));
            }
            tiers.push(TierM { from, to, price });
        }
        PriceM {
            tiers,
            flat: def.flat,
        }
    }
}

/// A price in words: `flat ¥1.10`, `tiers ¥0.40 / ¥0.38 / … / 联系商务`.
pub(crate) fn describe_price(p: &PriceM) -> String {
    let prices: Vec<String> = p
        .tiers
        .iter()
        .map(|t| {
            t.price
                .map_or("联系商务".to_owned(), |f| format!("¥{}", yuan(f)))
        })
        .collect();
    if p.tiers.len() == 1 && p.tiers[0].to.is_none() {
        format!("flat {}", prices.join(""))
    } else {
        format!("tiers {}", prices.join(" / "))
    }
}
