//! The compiler of `billing_table!` and the runtime compare names alike. The macro writes
//! each table's lookups as `match`es on names in comparison form, folded by
//! `faceid_rules_codegen::names::normalise`; the runtime folds what a log writes with
//! `faceid_rules::names`. For every doc name, identifier, alias and API action of every
//! table — and for the ways a log may write them (full-width forms, the ideographic space,
//! spaces anywhere, capitals) — the two give the same text, and the name finds its item.

use faceid_rules::{with_table, BillingTable, Edition, Named};

/// Spellings a log may use for `name`.
fn variants(name: &str) -> Vec<String> {
    let full_width: String = name
        .chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            ' ' => '\u{3000}',
            c => c,
        })
        .collect();
    let spaced: String = name.chars().flat_map(|c| [c, ' ']).collect();
    vec![
        name.to_owned(),
        name.to_uppercase(),
        name.to_lowercase(),
        full_width,
        format!(" \t{spaced}\u{3000}"),
    ]
}

/// Checks every name of the items of `N`; returns how many names were checked.
fn check<N: Named>(extra: impl Fn(N) -> Vec<&'static str>) -> usize {
    let mut checked = 0;
    for &item in N::ALL {
        let mut names = vec![item.doc_name(), item.ident()];
        names.extend(item.aliases());
        names.extend(extra(item));
        for name in names {
            for text in variants(name) {
                assert_eq!(
                    faceid_rules_codegen::names::normalise(&text),
                    faceid_rules::names::normalise(&text),
                    "{} {text:?}",
                    N::KIND
                );
                checked += 1;
            }
            // Shared aliases are ambiguous by design; a name of one item finds it.
            let owners = N::ALL
                .iter()
                .filter(|o| {
                    let n = faceid_rules::names::normalise(name);
                    faceid_rules::names::normalise(o.doc_name()) == n
                        || faceid_rules::names::normalise(o.ident()) == n
                        || o.aliases()
                            .iter()
                            .any(|a| faceid_rules::names::normalise(a) == n)
                })
                .count();
            if owners == 1 {
                for text in variants(name) {
                    assert_eq!(N::find(&text), Some(item), "{} {text:?}", N::KIND);
                }
            }
        }
    }
    checked
}

#[test]
fn the_macro_and_the_runtime_fold_every_name_alike() {
    for &edition in Edition::ALL {
        let checked = with_table!(edition, T => {
            check::<<T as BillingTable>::Section>(|_| Vec::new())
                + check::<<T as BillingTable>::Channel>(|c| T::channel_actions(c).to_vec())
                + check::<<T as BillingTable>::Source>(|_| Vec::new())
                + check::<<T as BillingTable>::Postpaid>(|_| Vec::new())
                + check::<<T as BillingTable>::Prepaid>(|_| Vec::new())
                + check::<<T as BillingTable>::CodeFamily>(|_| Vec::new())
        });
        assert!(checked > 100, "{edition}: {checked} names");
    }
}
