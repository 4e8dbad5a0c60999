//! The fast path for the common timestamp forms, `YYYY-MM-DDTHH:MM:SS+08:00` and
//! `YYYY-MM-DDTHH:MM:SS` (China Standard Time either way, so the call's day is the written
//! date).
//!
//! A date is validated once, by the reference parser
//! ([`parse_timestamp_and_day`](crate::calendar::parse_timestamp_and_day)), and remembered;
//! a later timestamp with the same ten date bytes only has its time of day checked (digits,
//! hour ≤ 23, minute and second ≤ 59, the separator, the offset). Everything the reference
//! parser accepts in these forms is accepted here with the same day, and everything else
//! goes to the reference parser: whether the rest of a timestamp is valid never depends on
//! the date, and the date's validity never on the rest.

/// Whether `b` (at least 19 bytes) has a valid time of day after its date:
/// `[Tt ]HH:MM:SS` at bytes 10..19 — checked eight bytes at a time.
#[inline(always)]
fn time_of_day(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // `HH:MM:SS`, little-endian: the colons at bytes 2 and 5, digits elsewhere.
    const COLONS: u64 = 0x0000_FF00_00FF_0000;
    const DIGITS: u64 = !COLONS;
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[11..19]);
    let w = u64::from_le_bytes(w);
    if !matches!(b[10], b'T' | b't' | b' ') || w & COLONS != u64::from_le_bytes(*b"\0\0:\0\0:\0\0")
    {
        return false;
    }
    // Digits: no byte with its high bit set, none below `0` (borrow) or above `9` (carry
    // into the high bit), among the digit positions.
    let d = w & DIGITS;
    let zero = (u64::from(b'0') * ONES) & DIGITS;
    let high = (0x80 * ONES) & DIGITS;
    if d & high != 0 || (d.wrapping_sub(zero) | ((d + 0x46 * ONES) & DIGITS)) & high != 0 {
        return false;
    }
    let v = d - zero;
    let byte = |i: u32| (v >> (8 * i)) as u8;
    byte(0) * 10 + byte(1) < 24 && byte(3) < 6 && byte(6) < 6
}

const CST_SUFFIX: &[u8; 6] = b"+08:00";

/// Whether a whole time field is in one of the fast forms (its date not checked).
pub(crate) fn fast_form(raw: &[u8]) -> bool {
    match raw.len() {
        19 => time_of_day(raw),
        25 => time_of_day(raw) && raw[19..] == *CST_SUFFIX,
        _ => false,
    }
}

/// The length of the fast-form timestamp at the start of `rest`, if there is one that ends
/// at a field or line end (or at the end of the data).
#[inline(always)]
pub(crate) fn fast_len(rest: &[u8]) -> Option<usize> {
    if rest.len() < 19 || !time_of_day(rest) {
        return None;
    }
    let len = if rest.len() >= 25 && rest[19..25] == *CST_SUFFIX {
        25
    } else {
        19
    };
    match rest.get(len) {
        None | Some(b',' | b'\n' | b'\r') => Some(len),
        Some(_) => None,
    }
}

/// Dates already validated, with the slot of their day, indexed by their day of month.
#[derive(Clone)]
pub(crate) struct DateCache {
    entries: [([u8; 10], u32); 32],
}

const NONE: u32 = u32::MAX;

impl Default for DateCache {
    fn default() -> DateCache {
        DateCache {
            entries: [([0; 10], NONE); 32],
        }
    }
}

#[inline]
fn index(date: &[u8]) -> usize {
    (usize::from(date[8]) * 10 + usize::from(date[9])) & 31
}

impl DateCache {
    /// The length and day slot of a fast-form timestamp at the start of `rest` whose date
    /// was remembered.
    #[inline(always)]
    pub(crate) fn fast(&self, rest: &[u8]) -> Option<(usize, u32)> {
        if rest.len() < 19 {
            return None;
        }
        let (date, slot) = &self.entries[index(rest)];
        // The ten date bytes, compared as two words.
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        };
        let same = word(rest) == word(date) && rest[8..10] == date[8..10];
        if *slot == NONE || !same {
            return None;
        }
        Some((fast_len(rest)?, *slot))
    }

    /// Remembers the date of `raw`, a fast-form timestamp that the reference parser
    /// accepted, as being on the day of `slot`.
    pub(crate) fn remember(&mut self, raw: &[u8], slot: u32) {
        let mut date = [0u8; 10];
        date.copy_from_slice(&raw[..10]);
        self.entries[index(&date)] = (date, slot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_timestamp_and_day;
    use proptest::prelude::*;

    /// What the scanner concludes about a field on its own: `Some(day)` when the fast path
    /// applies, given that the date was accepted before.
    fn fast_day(raw: &str) -> Option<chrono::NaiveDate> {
        let b = raw.as_bytes();
        if !fast_form(b) {
            return None;
        }
        // The date as the reference parser reads it from a known-good timestamp.
        let probe = format!("{}T00:00:00", &raw[..10]);
        let (_, day) = parse_timestamp_and_day(&probe).ok()?;
        let mut cache = DateCache::default();
        cache.remember(b, 7);
        let (len, slot) = cache.fast(b)?;
        assert_eq!((len, slot), (b.len(), 7));
        Some(day)
    }

    fn timestamp() -> impl Strategy<Value = String> {
        let part = |values: &[&'static str]| prop::sample::select(values.to_vec());
        (
            part(&[
                "2026-10-31",
                "2024-02-29",
                "2023-02-29",
                "0000-01-01",
                "2026-13-01",
            ]),
            part(&["T", "t", " ", "x"]),
            part(&["00", "09", "19", "23", "24", "25", "99", "0a"]),
            part(&["00", "59", "60", "7"]),
            part(&[":", ";"]),
            part(&["00", "59", "60", "61"]),
            part(&[
                "", "+08:00", "+08:01", "Z", "-08:00", ".5", "+0800", "+08:00 ",
            ]),
        )
            .prop_map(|(date, sep, hour, minute, colon, second, tail)| {
                format!("{date}{sep}{hour}:{minute}{colon}{second}{tail}")
            })
    }

    proptest! {
        /// Whatever the fast path accepts, the reference parser accepts with the same day;
        /// and every timestamp in a fast form that the reference accepts takes it.
        #[test]
        fn agrees_with_the_reference_parser(text in timestamp()) {
            let reference = parse_timestamp_and_day(&text).ok().map(|(_, day)| day);
            match fast_day(&text) {
                Some(day) => prop_assert_eq!(Some(day), reference, "{}", text),
                None => prop_assert!(
                    !fast_form(text.as_bytes()) || reference.is_none(),
                    "{} is in a fast form and valid but was not taken", text
                ),
            }
        }
    }

    #[test]
    fn ends_only_at_a_field_or_line_end() {
        assert_eq!(fast_len(b"2026-10-31T09:15:00+08:00,x"), Some(25));
        assert_eq!(fast_len(b"2026-10-31T09:15:00+08:00"), Some(25));
        assert_eq!(fast_len(b"2026-10-31T09:15:00,x"), Some(19));
        assert_eq!(fast_len(b"2026-10-31T09:15:00\r\n"), Some(19));
        assert_eq!(fast_len(b"2026-10-31T09:15:00Z,"), None);
        assert_eq!(fast_len(b"2026-10-31T09:15:00.5,"), None);
        assert_eq!(fast_len(b"2026-10-31T09:15:00+08:000"), None);
        assert_eq!(fast_len(b"2026-10-31T24:00:00,"), None);
        assert_eq!(fast_len(b"2026-10-31T23:59:60,"), None);
        let mut cache = DateCache::default();
        assert_eq!(cache.fast(b"2026-10-31T09:15:00,"), None);
        cache.remember(b"2026-10-31T00:00:00", 3);
        assert_eq!(cache.fast(b"2026-10-31T09:15:00,"), Some((19, 3)));
        assert_eq!(cache.fast(b"2026-10-01T09:15:00,"), None);
    }
}
