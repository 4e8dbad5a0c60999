//! Resource packs (预付费资源包) and the ledger that deducts billed calls from them, day by
//! day.
//!
//! # Validity
//!
//! A pack covers calls from 00:00 China Standard Time of its purchase day (价格说明（new）:
//! bought 2021-02-14 14:30, it covers from 2021-02-14 00:00) for one year. The documents
//! do not give the instant it expires; this engine takes **00:00 China Standard Time of
//! the anniversary of the purchase day** ([`expiry_day`]): the last day covered is the day
//! before the anniversary. Coverage starts at a day boundary, so it also ends on one, and
//! lasts exactly one calendar year of whole days; whole days are also what the ledger runs
//! on. A pack bought on February 29 has its anniversary on March 1 of a common year (it
//! never covers less than a year: bought 2024-02-29, it covers through 2025-02-28).
//! Whatever is left at expiry is void.
//!
//! A pack never covers a call made before its purchase day: what went postpaid stays
//! postpaid (计费概述 @147a80ed: 已使用后付费的部分不支持用资源包抵扣).
//!
//! # Packs of renamed or split labels
//!
//! A pack covers the calls of its prepaid label, and, from the day a table says so, those
//! of the labels its label's calls moved to ([`BillingTable::covers_on`]): packs bought
//! before a label was renamed or split keep deducting (产品变更说明 @ee3f121f,
//! 手机号要素核验服务变更说明 @1b16bbcb). Such packs were bought before the change, so they
//! expire before any pack of the new labels and go first among purchased packs.
//!
//! # List prices
//!
//! A purchased pack without price in the packs file costs the list price of its size on
//! sale at its purchase instant ([`BillingTable::packs_at`]): 三要素 packs went on sale on
//! 2022-01-04 at 10:00.
//!
//! # Order of deduction
//!
//! Gift packs, then purchased packs, then postpaid (赠送的资源包 > 购买的资源包 > 后付费).
//! The Face ID documents do not say which of several packs of one kind goes first; this
//! engine uses **the one that expires first** (as Tencent's CLB does), ties broken by
//! purchase time and then by pack id, so the result never depends on the order of the
//! packs file.
//!
//! # Within a day
//!
//! Packs cover whole days, so the ledger runs on daily usage. Several postpaid labels may
//! share one prepaid label (legacy: 活体人脸核身 API and 照片人脸核身 API both draw on
//! 基础版人脸核身(权威库)); when the packs of that prepaid label run out during a day, the
//! day's calls are covered **postpaid label by postpaid label in table order** (the order
//! of the table's `postpaid` block): the first label's calls are covered first, the last
//! label's calls are the ones that go postpaid. (The time of day of each call is not kept
//! in daily usage; this rule makes the split deterministic.)

use std::fmt;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
};

use super::EngineError;
use crate::calendar::CST;
use crate::money::Money;
use crate::records::{PackKind, PackRecord};
use crate::table::{BillingTable, Labels, Named};

/// The day at whose 00:00 (China Standard Time) a pack bought on `purchase_day` expires:
/// the anniversary of the purchase day, March 1 for February 29 in a common year.
pub fn expiry_day(purchase_day: NaiveDate) -> NaiveDate {
    let year = purchase_day.year().saturating_add(1);
    NaiveDate::from_ymd_opt(year, purchase_day.month(), purchase_day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// Where the price of a pack came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PriceSource {
    /// The packs file's `price` column.
    File,
    /// The table's list price for the pack's size.
    List,
    /// A gift pack without a price in the file: nothing was paid.
    Gift,
    /// A contract price given by the user.
    Contract,
}

/// A resource pack resolved against a table.
pub struct Pack<T: BillingTable> {
    /// The pack's id.
    pub id: String,
    /// The prepaid label whose calls it covers.
    pub label: T::Prepaid,
    /// Gift or purchased.
    pub kind: PackKind,
    /// When it was delivered, China Standard Time.
    pub purchased: NaiveDateTime,
    /// Calls in the pack.
    pub size: u64,
    /// What was paid for it.
    pub price: Money,
    /// Where the price came from.
    pub price_source: PriceSource,
}

impl<T: BillingTable> Clone for Pack<T> {
    fn clone(&self) -> Self {
        Pack {
            id: self.id.clone(),
            label: self.label,
            kind: self.kind,
            purchased: self.purchased,
            size: self.size,
            price: self.price,
            price_source: self.price_source,
        }
    }
}

impl<T: BillingTable> fmt::Debug for Pack<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pack")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("kind", &self.kind)
            .field("purchased", &self.purchased)
            .field("size", &self.size)
            .field("price", &self.price)
            .finish()
    }
}

impl<T: BillingTable> Pack<T> {
    /// The first day it covers: its purchase day.
    pub fn first_day(&self) -> NaiveDate {
        self.purchased.date()
    }

    /// The day at whose 00:00 it expires ([`expiry_day`]); it covers days before it.
    pub fn expiry_day(&self) -> NaiveDate {
        expiry_day(self.first_day())
    }

    /// The last day it covers.
    pub fn last_day(&self) -> NaiveDate {
        self.expiry_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    /// The instant it expires: 00:00 China Standard Time of [`Pack::expiry_day`].
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        cst_midnight(self.expiry_day())
    }

    /// Whether it covers calls made on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.first_day() <= day && day < self.expiry_day()
    }

    /// The key that orders packs for deduction: gift before purchased, then the one expiring
    /// first, then purchase time, then id.
    fn deduction_key(&self) -> (PackKind, NaiveDate, NaiveDateTime, &str) {
        (self.kind, self.expiry_day(), self.purchased, &self.id)
    }
}

/// 00:00 of `day` in China Standard Time.
pub(crate) fn cst_midnight(day: NaiveDate) -> DateTime<FixedOffset> {
    in_cst(day.and_time(NaiveTime::MIN))
}

/// A wall-clock time in China Standard Time as an instant.
pub(crate) fn in_cst(t: NaiveDateTime) -> DateTime<FixedOffset> {
    match CST.from_local_datetime(&t) {
        LocalResult::Single(at) => at,
        // A fixed offset maps every wall-clock time to one instant.
        _ => CST.from_utc_datetime(&t),
    }
}

/// Resolves the packs of `account` (records of other accounts are skipped) against `T`:
/// the label by [`Named::lookup`] rules, the price from the record, else (purchased packs)
/// the table's list price for the size, else (gift packs) zero. Returned in purchase order
/// (time, then id).
///
/// Errors name the pack: an unknown label (with what exists), a purchased pack without
/// price whose size is not on sale, an id used twice.
pub fn resolve_packs<T: BillingTable>(
    account: &str,
    records: &[PackRecord],
) -> Result<Vec<Pack<T>>, EngineError> {
    let mut packs = Vec::new();
    for record in records.iter().filter(|r| r.account == account) {
        let label = T::Prepaid::lookup(&record.label).map_err(|error| EngineError::PackLabel {
            origin: record.origin.clone(),
            account: account.to_owned(),
            pack: record.id.clone(),
            error: Box::new(error),
        })?;
        let (price, price_source) = match (record.price, record.kind) {
            (Some(price), _) => (price, PriceSource::File),
            (None, PackKind::Gift) => (Money::ZERO, PriceSource::Gift),
            (None, PackKind::Purchased) => {
                let offers = T::packs_at(label, record.purchased).unwrap_or(&[]);
                match offers.iter().find(|o| o.size == record.size) {
                    Some(offer) => (offer.price, PriceSource::List),
                    None => {
                        return Err(EngineError::PackNotOnSale {
                            origin: record.origin.clone(),
                            account: account.to_owned(),
                            pack: record.id.as_str().into(),
                            purchased: record.purchased,
                            label: label.doc_name(),
                            size: record.size,
                            sizes: offers.iter().map(|o| o.size).collect(),
                        })
                    }
                }
            }
        };
        packs.push(Pack {
            id: record.id.clone(),
            label,
            kind: record.kind,
            purchased: record.purchased,
            size: record.size,
            price,
            price_source,
        });
    }
    let mut by_id: Vec<&PackRecord> = records.iter().filter(|r| r.account == account).collect();
    by_id.sort_by(|a, b| (&a.id, &a.origin).cmp(&(&b.id, &b.origin)));
    if let Some(w) = by_id.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(EngineError::DuplicatePack {
            origin: w[1].origin.clone(),
            first: w[0].origin.clone(),
            account: account.to_owned(),
            pack: w[0].id.clone(),
        });
    }
    packs.sort_by(|a: &Pack<T>, b| (a.purchased, &a.id).cmp(&(b.purchased, &b.id)));
    Ok(packs)
}

/// Calls of one postpaid label covered by one pack on one day.
pub struct Deduction<T: BillingTable> {
    /// The pack's position in the slice given to [`Ledger::new`].
    pub pack: usize,
    /// The postpaid label of the calls covered.
    pub postpaid: T::Postpaid,
    /// Calls covered.
    pub calls: u64,
}

impl<T: BillingTable> Clone for Deduction<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: BillingTable> Copy for Deduction<T> {}

impl<T: BillingTable> fmt::Debug for Deduction<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deduction")
            .field("pack", &self.pack)
            .field("postpaid", &self.postpaid)
            .field("calls", &self.calls)
            .finish()
    }
}

/// The balances of an account's packs, deducted day by day in time order.
pub struct Ledger<'p, T: BillingTable> {
    packs: &'p [Pack<T>],
    /// Indices into `packs` in deduction order.
    order: Vec<usize>,
    used: Vec<u64>,
}

impl<'p, T: BillingTable> Ledger<'p, T> {
    /// A ledger with every pack unused.
    pub fn new(packs: &'p [Pack<T>]) -> Self {
        let mut order: Vec<usize> = (0..packs.len()).collect();
        order.sort_by(|&a, &b| packs[a].deduction_key().cmp(&packs[b].deduction_key()));
        Ledger {
            packs,
            order,
            used: vec![0; packs.len()],
        }
    }

    /// The packs, as given.
    pub fn packs(&self) -> &'p [Pack<T>] {
        self.packs
    }

    /// Calls deducted so far from pack `i`.
    pub fn used(&self, i: usize) -> u64 {
        self.used[i]
    }

    /// Calls left in pack `i` (whether or not it is still valid).
    pub fn remaining(&self, i: usize) -> u64 {
        self.packs[i].size.saturating_sub(self.used[i])
    }

    /// Covers the billed calls of one day, `demand` holding the calls per pair of labels,
    /// and returns the calls left for postpaid, in the order of `demand`. Days must come in
    /// ascending order. Deductions are appended to `out`.
    ///
    /// Calls sharing a prepaid label are covered postpaid label by postpaid label, in table
    /// order (see the [module documentation](self)); `demand` may come in any order.
    pub fn cover_day(
        &mut self,
        day: NaiveDate,
        demand: &[(Labels<T>, u64)],
        out: &mut Vec<Deduction<T>>,
    ) -> Vec<u64> {
        let mut by_table_order: Vec<usize> = (0..demand.len()).collect();
        by_table_order.sort_by_key(|&i| {
            let labels = demand[i].0;
            (labels.prepaid.index(), labels.postpaid.index())
        });
        let mut left = vec![0; demand.len()];
        for i in by_table_order {
            let (labels, calls) = demand[i];
            left[i] = self.cover(day, labels, calls, out);
        }
        left
    }

    /// Covers `calls` billed calls of `labels` made on `day` with the packs valid that day,
    /// in deduction order; returns the calls left for postpaid.
    pub fn cover(
        &mut self,
        day: NaiveDate,
        labels: Labels<T>,
        calls: u64,
        out: &mut Vec<Deduction<T>>,
    ) -> u64 {
        let mut left = calls;
        for &i in &self.order {
            if left == 0 {
                break;
            }
            let pack = &self.packs[i];
            if !pack.covers(day) || !T::pack_covers(pack.label, labels.prepaid, day) {
                continue;
            }
            let take = left.min(pack.size.saturating_sub(self.used[i]));
            if take == 0 {
                continue;
            }
            self.used[i] += take;
            left -= take;
            out.push(Deduction {
                pack: i,
                postpaid: labels.postpaid,
                calls: take,
            });
        }
        left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{day, Mock, Postpaid, Prepaid};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn record(
        id: &str,
        label: &str,
        size: u64,
        purchased: NaiveDateTime,
        kind: PackKind,
    ) -> PackRecord {
        PackRecord {
            origin: crate::records::Origin {
                file: std::sync::Arc::from("packs.csv"),
                line: 2,
            },
            id: id.to_owned(),
            account: "a".to_owned(),
            label: label.to_owned(),
            size,
            purchased,
            kind,
            price: None,
        }
    }

    const AUTH: Labels<Mock> = Labels {
        postpaid: Postpaid::LivenessRec,
        prepaid: Prepaid::BasicAuthority,
    };
    const PHOTO: Labels<Mock> = Labels {
        postpaid: Postpaid::ImageRec,
        prepaid: Prepaid::BasicAuthority,
    };

    #[test]
    fn expiry_is_the_anniversary_and_feb_29_moves_to_march_1() {
        assert_eq!(expiry_day(day(2026, 10, 10)), day(2027, 10, 10));
        assert_eq!(expiry_day(day(2024, 2, 29)), day(2025, 3, 1));
        assert_eq!(expiry_day(day(2023, 2, 28)), day(2024, 2, 28));
        assert_eq!(expiry_day(day(2027, 2, 28)), day(2028, 2, 28));
        let packs = resolve_packs::<Mock>(
            "a",
            &[record(
                "p",
                "基础版人脸核身(权威库)",
                1000,
                at(2026, 10, 10, 14, 30),
                PackKind::Purchased,
            )],
        )
        .unwrap();
        let p = &packs[0];
        assert_eq!(p.last_day(), day(2027, 10, 9));
        assert_eq!(p.expires_at().to_rfc3339(), "2027-10-10T00:00:00+08:00");
        assert!(p.covers(day(2026, 10, 10)));
        assert!(!p.covers(day(2026, 10, 9)));
        assert!(p.covers(day(2027, 10, 9)));
        assert!(!p.covers(day(2027, 10, 10)));
    }

    #[test]
    fn resolves_labels_and_prices() {
        let mut gift = record(
            "g",
            "基础版人脸核身（权威库）",
            100,
            at(2026, 10, 1, 0, 0),
            PackKind::Gift,
        );
        let mut paid = record(
            "p",
            "基础版人脸核身(权威库)",
            10_000,
            at(2026, 10, 2, 0, 0),
            PackKind::Purchased,
        );
        let other = PackRecord {
            account: "b".to_owned(),
            ..record("x", "nonsense", 1, at(2026, 1, 1, 0, 0), PackKind::Gift)
        };
        let packs =
            resolve_packs::<Mock>("a", &[paid.clone(), gift.clone(), other.clone()]).unwrap();
        assert_eq!(packs.len(), 2);
        assert_eq!(packs[0].id, "g");
        assert_eq!(
            (packs[0].price, packs[0].price_source),
            (Money::ZERO, PriceSource::Gift)
        );
        assert_eq!(
            (packs[1].price, packs[1].price_source),
            (Money::from_yuan(8_000), PriceSource::List)
        );
        paid.price = Some(Money::from_yuan(7_000));
        gift.price = Some(Money::from_yuan(1));
        let packs = resolve_packs::<Mock>("a", &[paid.clone(), gift]).unwrap();
        assert_eq!(
            (packs[1].price, packs[1].price_source),
            (Money::from_yuan(7_000), PriceSource::File)
        );
        assert_eq!(packs[0].price_source, PriceSource::File);

        let e = resolve_packs::<Mock>("b", &[other])
            .unwrap_err()
            .to_string();
        assert!(e.contains("pack \"x\""), "{e}");
        assert!(e.contains("unknown prepaid label \"nonsense\""), "{e}");

        let odd = record(
            "odd",
            "基础版人脸核身(权威库)",
            5_000,
            at(2026, 10, 2, 0, 0),
            PackKind::Purchased,
        );
        let e = resolve_packs::<Mock>("a", &[odd]).unwrap_err().to_string();
        assert!(e.contains("5000") && e.contains("1000, 10000"), "{e}");

        let dup = record(
            "p",
            "银行卡信息核验",
            1_000,
            at(2026, 1, 1, 0, 0),
            PackKind::Purchased,
        );
        let e = resolve_packs::<Mock>("a", &[paid, dup])
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"p\"") && e.contains("twice"), "{e}");
    }

    /// Resolves packs, giving a price to those the table does not sell.
    fn ledger_packs(records: &[PackRecord]) -> Vec<Pack<Mock>> {
        let priced: Vec<PackRecord> = records
            .iter()
            .map(|r| PackRecord {
                price: Some(Money::from_yuan(1)),
                ..r.clone()
            })
            .collect();
        resolve_packs::<Mock>("a", &priced).unwrap()
    }

    #[test]
    fn bought_in_the_afternoon_covers_the_morning_but_not_the_day_before() {
        let packs = ledger_packs(&[record(
            "p",
            "基础版人脸核身(权威库)",
            1_000,
            at(2026, 10, 10, 14, 30),
            PackKind::Purchased,
        )]);
        let mut ledger = Ledger::new(&packs);
        let mut out = Vec::new();
        assert_eq!(ledger.cover(day(2026, 10, 9), AUTH, 5, &mut out), 5);
        assert!(out.is_empty());
        assert_eq!(ledger.cover(day(2026, 10, 10), AUTH, 5, &mut out), 0);
        assert_eq!(ledger.used(0), 5);
    }

    #[test]
    fn gift_first_then_earliest_expiring_then_purchase_time_then_id() {
        let label = "基础版人脸核身(权威库)";
        let packs = ledger_packs(&[
            record("late", label, 10, at(2026, 3, 1, 0, 0), PackKind::Purchased),
            record(
                "b-same",
                label,
                10,
                at(2026, 2, 1, 9, 0),
                PackKind::Purchased,
            ),
            record(
                "a-same",
                label,
                10,
                at(2026, 2, 1, 9, 0),
                PackKind::Purchased,
            ),
            record(
                "earlier-time",
                label,
                10,
                at(2026, 2, 1, 8, 0),
                PackKind::Purchased,
            ),
            record("gift", label, 10, at(2026, 5, 1, 0, 0), PackKind::Gift),
        ]);
        let mut ledger = Ledger::new(&packs);
        let mut out = Vec::new();
        assert_eq!(ledger.cover(day(2026, 6, 1), AUTH, 45, &mut out), 0);
        let order: Vec<&str> = out.iter().map(|d| packs[d.pack].id.as_str()).collect();
        assert_eq!(order, ["gift", "earlier-time", "a-same", "b-same", "late"]);
        assert_eq!(out[4].calls, 5);
    }

    #[test]
    fn shared_prepaid_label_covers_postpaid_labels_in_table_order() {
        let packs = ledger_packs(&[record(
            "p",
            "基础版人脸核身(权威库)",
            1_000,
            at(2026, 10, 1, 0, 0),
            PackKind::Purchased,
        )]);
        let mut ledger = Ledger::new(&packs);
        let mut out = Vec::new();
        // 照片人脸核身 comes after 活体人脸核身 in the table, whatever the order given.
        let left = ledger.cover_day(day(2026, 10, 1), &[(PHOTO, 700), (AUTH, 600)], &mut out);
        assert_eq!(left, vec![300, 0]);
        assert_eq!(out[0].postpaid, Postpaid::LivenessRec);
        assert_eq!(out[0].calls, 600);
        assert_eq!(out[1].calls, 400);
        assert_eq!(ledger.remaining(0), 0);
    }

    #[test]
    fn expired_packs_cover_nothing() {
        let packs = ledger_packs(&[record(
            "p",
            "基础版人脸核身(权威库)",
            1_000,
            at(2025, 10, 15, 12, 0),
            PackKind::Purchased,
        )]);
        let mut ledger = Ledger::new(&packs);
        let mut out = Vec::new();
        assert_eq!(ledger.cover(day(2026, 10, 14), AUTH, 10, &mut out), 0);
        assert_eq!(ledger.cover(day(2026, 10, 15), AUTH, 10, &mut out), 10);
        assert_eq!(ledger.used(0), 10);
    }
}
