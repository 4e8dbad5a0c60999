//! `CodeFamily`: its rules as const data and as a `match` on the code and the day.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::expand::docs::*;
use crate::expand::enums::*;
use crate::expand::{int, int_tokens};
use crate::model::*;

pub(crate) fn family_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m.families.iter().map(family_doc).collect();
    let base = named_enum(
        m,
        "CodeFamily",
        "code family",
        &format!("The families of billable result codes of {}.", m.title),
        &m.families
            .iter()
            .map(|f| f.named.clone())
            .collect::<Vec<_>>(),
        &data,
    );
    let arms = m.families.iter().map(|f| {
        let v = &f.named.ident;
        let rules = f.rules.iter().map(|r| {
            let pattern = code_pattern(&r.patterns);
            let body = rule_body(r);
            quote!(#pattern => #body,)
        });
        quote! {
            Self::#v => match code {
                #(#rules)*
                _ => CodeStatus {
                    verdict: Verdict::Unknown,
                    since: None,
                    until: None,
                },
            },
        }
    });
    let v = m.families.iter().map(|f| &f.named.ident);
    let rules = m.families.iter().map(|f| {
        let rules = f.rules.iter().map(|r| {
            let codes = r.patterns.iter().map(|p| match p {
                CodePattern::Range(a, b) => {
                    let (a, b) = (int_tokens(*a), int_tokens(*b));
                    quote!(CodePattern::Range(#a, #b))
                }
                CodePattern::Name(n) => quote!(CodePattern::Name(#n)),
            });
            let billed = match r.base {
                Some(b) => quote!(Some(#b)),
                None => quote!(None),
            };
            let changes = r.changes.iter().map(|&((y, mo, d), billed, _)| {
                let (y, mo, d) = (int(y), int(mo), int(d));
                quote!(CodeChange { from: ymd(#y, #mo, #d), billed: #billed })
            });
            quote!(CodeRule { codes: &[#(#codes),*], billed: #billed, changes: &[#(#changes),*] })
        });
        quote!(const { &[#(#rules),*] })
    });
    quote! {
        #base

        impl CodeFamily {
            /// The family's codes as the table lists them, grouped by how they are billed
            /// over time; [`Self::status`] is the same rules as a `match`.
            #[inline]
            pub const fn rules(self) -> &'static [CodeRule] {
                match self {
                    #(Self::#v => #rules,)*
                }
            }

            /// Whether a call that returned `code` on `day` (China Standard Time) is billed,
            /// and which dated change decided it.
            #[inline]
            pub fn status(
                self,
                code: Code<'_>,
                day: NaiveDate,
            ) -> CodeStatus {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

pub(crate) fn code_pattern(patterns: &[CodePattern]) -> TokenStream {
    let ints: Vec<TokenStream> = patterns
        .iter()
        .filter_map(|p| match p {
            CodePattern::Range(a, b) if a == b => Some(int_tokens(*a)),
            CodePattern::Range(a, b) => {
                let (a, b) = (int_tokens(*a), int_tokens(*b));
                Some(quote!(#a..=#b))
            }
            CodePattern::Name(_) => None,
        })
        .collect();
    let names: Vec<&String> = patterns
        .iter()
        .filter_map(|p| match p {
            CodePattern::Name(n) => Some(n),
            CodePattern::Range(..) => None,
        })
        .collect();
    let mut alternatives = Vec::new();
    if !ints.is_empty() {
        alternatives.push(quote!(Code::Int(#(#ints)|*)));
    }
    if !names.is_empty() {
        alternatives.push(quote!(Code::Name(#(#names)|*)));
    }
    quote!(#(#alternatives)|*)
}

pub(crate) fn verdict(billed: Option<bool>) -> TokenStream {
    match billed {
        Some(true) => quote!(Verdict::Billed),
        Some(false) => quote!(Verdict::NotBilled),
        None => quote!(Verdict::Unknown),
    }
}

pub(crate) fn rule_body(r: &CodeRule) -> TokenStream {
    let date_const = |i: usize| format_ident!("CHANGE_{}", i + 1);
    let status = |billed: Option<bool>, since: Option<usize>, until: Option<usize>| {
        let verdict = verdict(billed);
        let opt = |i: Option<usize>| match i {
            Some(i) => {
                let c = date_const(i);
                quote!(Some(#c))
            }
            None => quote!(None),
        };
        let (since, until) = (opt(since), opt(until));
        quote!(CodeStatus { verdict: #verdict, since: #since, until: #until })
    };
    if r.changes.is_empty() {
        return status(r.base, None, None);
    }
    let consts = r
        .changes
        .iter()
        .enumerate()
        .map(|(i, &((y, mo, d), _, _))| {
            let c = date_const(i);
            let (y, mo, d) = (int(y), int(mo), int(d));
            quote!(const #c: NaiveDate = ymd(#y, #mo, #d);)
        });
    let n = r.changes.len();
    let mut chain = status(r.base, None, Some(0));
    for (i, &(_, billed, _)) in r.changes.iter().enumerate() {
        let c = date_const(i);
        let until = (i + 1 < n).then_some(i + 1);
        let then = status(Some(billed), Some(i), until);
        chain = quote!(if day >= #c { #then } else { #chain });
    }
    quote! {{
        #(#consts)*
        #chain
    }}
}
