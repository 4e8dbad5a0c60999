//! What differs between two tables as in force at two moments, label by label: two editions
//! on one day (what an account opened in 2022 pays that one opened in 2020 does not), or one
//! edition on two days (what a dated change changed).
//!
//! A [`Snapshot`] is a table at a moment written out as facts — each postpaid label's price,
//! each prepaid label's packs, each channel's labels per compare source. Two days of one
//! edition match facts by identifier, so a label renamed by a dated change is one label;
//! two editions match them by the comparison form of their names ([`normalise`]), so that
//! `增强版人脸核身(权威库)-微信` of one table and `增强版人脸核身（权威库）-微信` of another are
//! one label. [`diff`] lists the facts that differ, in the order of the first table, then
//! those only the second has.
//!
//! ```
//! use faceid_rules::dated::start_of;
//! use faceid_rules::diff::{diff, Snapshot};
//! use faceid_rules::monthly;
//!
//! let day = |d: &str| start_of(d.parse().unwrap());
//! let before = Snapshot::of::<monthly::Table>(day("2021-12-31"));
//! let after = Snapshot::of::<monthly::Table>(day("2022-01-01"));
//! let changed = diff(&before, &after);
//! let three = changed
//!     .iter()
//!     .find(|d| d.subject == "手机号信息核验（三要素）" && d.kind == "postpaid label")
//!     .unwrap();
//! assert_eq!(three.left, None);
//! assert_eq!(three.right.as_deref(), Some("¥1.10 a call"));
//! ```

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::money::Money;
use crate::names::normalise;
use crate::table::{count_wan, BillingTable, Named, PackOffer, Tier};

/// One fact of a table at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// `postpaid label`, `prepaid label` or `channel`.
    pub kind: &'static str,
    /// Its identifier in the table (a channel's with its source's: `WechatMiniProgram ·
    /// Authority`).
    pub ident: String,
    /// What it is about, as the table names it that day: a label's doc name, or a channel's
    /// with its compare source (`微信小程序 · 跟权威库比对`).
    pub subject: String,
    /// What holds: a price, a pack list, a channel's labels.
    pub value: String,
}

/// A table as in force at a moment, as facts in table order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The edition's name (`legacy`).
    pub edition: &'static str,
    /// The document's title.
    pub title: &'static str,
    /// The moment (China Standard Time).
    pub at: NaiveDateTime,
    /// Postpaid labels, then prepaid labels, then channels, each in table order.
    pub facts: Vec<Fact>,
}

/// A fact that differs between two snapshots; `None` on the side that does not have it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// `postpaid label`, `prepaid label` or `channel`.
    pub kind: &'static str,
    /// As the first snapshot names it (the second's when only it has it).
    pub subject: String,
    /// The second snapshot's name, when a dated change renamed it.
    pub renamed: Option<String>,
    /// In the first snapshot.
    pub left: Option<String>,
    /// In the second.
    pub right: Option<String>,
}

impl Snapshot {
    /// The facts of `T` at `at`: labels and channels in force that day, packs on sale at
    /// that instant.
    pub fn of<T: BillingTable>(at: NaiveDateTime) -> Snapshot {
        let day = at.date();
        let mut facts = Vec::new();
        for &label in T::Postpaid::ALL {
            if let Some(tiers) = T::tiers_on(label, day) {
                facts.push(Fact {
                    kind: "postpaid label",
                    ident: label.ident().to_owned(),
                    subject: T::postpaid_name_on(label, day).to_owned(),
                    value: price_text(tiers),
                });
            }
        }
        for &label in T::Prepaid::ALL {
            if let Some(packs) = T::packs_at(label, at) {
                let covers: Vec<&str> = T::covers_on(label, day)
                    .iter()
                    .map(|&c| T::prepaid_name_on(c, day))
                    .collect();
                facts.push(Fact {
                    kind: "prepaid label",
                    ident: label.ident().to_owned(),
                    subject: T::prepaid_name_on(label, day).to_owned(),
                    value: packs_text(packs, &covers),
                });
            }
        }
        for &channel in T::Channel::ALL {
            for cell in T::cells_on(channel, day).unwrap_or(&[]) {
                let (ident, subject) = match cell.source {
                    Some(s) => (
                        format!("{} · {}", channel.ident(), s.ident()),
                        format!("{} · {}", channel.doc_name(), s.doc_name()),
                    ),
                    None => (channel.ident().to_owned(), channel.doc_name().to_owned()),
                };
                let value = match cell.labels {
                    Some(l) => format!(
                        "{} / {}",
                        T::postpaid_name_on(l.postpaid, day),
                        T::prepaid_name_on(l.prepaid, day)
                    ),
                    None => "not offered".to_owned(),
                };
                facts.push(Fact {
                    kind: "channel",
                    ident,
                    subject,
                    value,
                });
            }
        }
        Snapshot {
            edition: T::INFO.name,
            title: T::INFO.title,
            at,
            facts,
        }
    }
}

/// The facts that differ between `left` and `right`: those of `left` in its order (changed,
/// renamed or only in `left`), then those only in `right`, in its order.
pub fn diff(left: &Snapshot, right: &Snapshot) -> Vec<Difference> {
    let same_table = left.edition == right.edition;
    let key = |f: &Fact| {
        let id = if same_table {
            f.ident.clone()
        } else {
            normalise(&f.subject).into_owned()
        };
        (f.kind, id)
    };
    let rights: HashMap<_, &Fact> = right.facts.iter().map(|f| (key(f), f)).collect();
    let lefts: HashMap<_, &Fact> = left.facts.iter().map(|f| (key(f), f)).collect();
    // Values name labels too: compared as names are.
    let alike = |a: &str, b: &str| normalise(a) == normalise(b);
    let mut out = Vec::new();
    for f in &left.facts {
        let r = rights.get(&key(f));
        let renamed = r
            .filter(|r| !alike(&r.subject, &f.subject))
            .map(|r| r.subject.clone());
        if r.is_some_and(|r| alike(&r.value, &f.value)) && renamed.is_none() {
            continue;
        }
        out.push(Difference {
            kind: f.kind,
            subject: f.subject.clone(),
            renamed,
            left: Some(f.value.clone()),
            right: r.map(|r| r.value.clone()),
        });
    }
    for f in &right.facts {
        if !lefts.contains_key(&key(f)) {
            out.push(Difference {
                kind: f.kind,
                subject: f.subject.clone(),
                renamed: None,
                left: None,
                right: Some(f.value.clone()),
            });
        }
    }
    out
}

/// `¥1.10 a call`, or the tiers: `0<调用量<1000 ¥0.40; 1000≤调用量<1万 ¥0.38; …; 20万及以上
/// 联系商务`.
pub fn price_text(tiers: &[Tier]) -> String {
    let price = |p: Option<Money>| p.map_or("联系商务".to_owned(), Money::display_cny);
    match tiers {
        [one] if one.from <= 1 && one.to.is_none() => format!("{} a call", price(one.price)),
        _ => tiers
            .iter()
            .map(|t| format!("{} {}", t.doc_range(), price(t.price)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// `1千次 ¥1,050.00; 1万次 ¥10,000.00`, `no packs on sale`, or `no packs on sale; packs
/// bought cover 手机号信息核验（二要素）、手机号信息核验（三要素）`.
pub fn packs_text(packs: &[PackOffer], covers: &[&str]) -> String {
    if packs.is_empty() {
        return if covers.is_empty() {
            "no packs on sale".to_owned()
        } else {
            format!("no packs on sale; packs bought cover {}", covers.join("、"))
        };
    }
    packs
        .iter()
        .map(|p| format!("{}次 {}", count_wan(p.size), p.price.display_cny()))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dated::start_of;
    use crate::{daily, legacy, monthly};

    fn at(text: &str) -> NaiveDateTime {
        crate::calendar::parse_date_or_timestamp(text).unwrap()
    }

    #[test]
    fn a_table_does_not_differ_from_itself() {
        let s = Snapshot::of::<legacy::Table>(at("2021-03-01"));
        assert!(diff(&s, &s).is_empty());
    }

    #[test]
    fn the_wechat_switch_of_2021_02_01_shows_label_by_label() {
        let before = Snapshot::of::<legacy::Table>(at("2021-01-31"));
        let after = Snapshot::of::<legacy::Table>(at("2021-02-01"));
        let d = diff(&before, &after);
        let channel = d
            .iter()
            .find(|d| d.subject == "微信小程序 · 跟权威库比对")
            .unwrap();
        assert_eq!(channel.left.as_deref(), Some("活体人脸核身 / 活体人脸核身"));
        assert_eq!(
            channel.right.as_deref(),
            Some("微信活体人脸核身 / 微信活体人脸核身")
        );
        let label = d
            .iter()
            .find(|d| d.kind == "postpaid label" && d.subject == "微信活体人脸核身")
            .unwrap();
        assert_eq!(label.left, None);
        assert!(label
            .right
            .as_deref()
            .unwrap()
            .starts_with("0<调用量<1000 ¥1.20"));
        // Nothing else of 活体人脸核身 changed that day.
        assert!(!d
            .iter()
            .any(|d| d.kind == "postpaid label" && d.subject == "活体人脸核身"));
    }

    #[test]
    fn a_label_renamed_on_a_day_is_one_label() {
        let d = diff(
            &Snapshot::of::<monthly::Table>(at("2021-12-31")),
            &Snapshot::of::<monthly::Table>(at("2022-01-01")),
        );
        let basic = d
            .iter()
            .find(|d| d.kind == "postpaid label" && d.subject == "增值服务")
            .unwrap();
        assert_eq!(basic.renamed.as_deref(), Some("银行卡基础信息查询"));
        assert_eq!(basic.left, basic.right);
        assert!(!d
            .iter()
            .any(|d| d.kind != "channel" && d.subject == "银行卡基础信息查询"));
    }

    #[test]
    fn two_editions_on_one_day_match_labels_by_name() {
        let day = start_of("2023-05-10".parse().unwrap());
        let d = diff(
            &Snapshot::of::<monthly::Table>(day),
            &Snapshot::of::<daily::Table>(day),
        );
        let bank = d
            .iter()
            .find(|d| d.kind == "postpaid label" && d.subject == "银行卡信息核验")
            .unwrap();
        assert!(bank.left.as_deref().unwrap().contains("¥0.38"), "{bank:?}");
        assert_eq!(bank.right.as_deref(), Some("¥0.40 a call"));
        // The same packs on both sides are no difference.
        assert!(!d
            .iter()
            .any(|d| d.kind == "prepaid label" && d.subject == "身份证信息核验"));
        // Only the daily edition has the carrier labels.
        assert!(d.iter().any(|d| d.subject == "手机号信息核验(三要素)-移动"
            && d.left.is_none()
            && d.right.as_deref() == Some("¥1.30 a call")));
    }

    #[test]
    fn packs_on_sale_change_at_their_time_of_day() {
        let d = diff(
            &Snapshot::of::<monthly::Table>(at("2022-01-04 09:59:59")),
            &Snapshot::of::<monthly::Table>(at("2022-01-04 10:00:00")),
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].left.as_deref(), Some("no packs on sale"));
        assert!(d[0].right.as_deref().unwrap().contains("10万次 ¥95,000.00"));
    }
}
