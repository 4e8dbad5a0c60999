//! Time in China Standard Time (UTC+08:00): timestamps, days and months as the input files
//! write them.
//!
//! Billing happens in China Standard Time: a call belongs to the calendar day and month its
//! time falls on in UTC+08:00, whatever offset the log wrote it with.
//!
//! # Accepted forms
//!
//! - A **timestamp** ([`parse_timestamp`]) is RFC 3339: `YYYY-MM-DD`, then `T` (or `t`, or
//!   one space), then `HH:MM:SS`, an optional fraction of a second (`.` and digits; digits past
//!   the ninth are ignored), and an optional offset: `Z` (or `z`) for UTC, `+hh:mm` or
//!   `-hh:mm`, or nothing, which means China Standard Time.
//! - A **day** ([`parse_day`]) is `YYYY-MM-DD`, or a timestamp, which stands for its day in
//!   China Standard Time.
//! - A **date or timestamp** ([`parse_date_or_timestamp`], a pack's `purchased`) is
//!   `YYYY-MM-DD` (midnight, China Standard Time) or a timestamp, converted to China Standard
//!   Time when it has an offset.
//! - A **month** ([`Month`]'s `FromStr`, `--month`) is `YYYY-MM`.
//!
//! # Rejected on purpose
//!
//! - `24:00:00`: RFC 3339 has no hour 24; the end of a day is `00:00:00` of the next one.
//! - Years before 1970 ([`FIRST_YEAR`]) and years of more than four digits: Tencent Cloud
//!   logs carry Unix time, so `0000-01-01` or `10000-01-01` is a corrupt value, not a call.
//! - `23:59:60`: leap seconds. Tencent Cloud logs carry Unix time, which has no leap second,
//!   so a second 60 is a corrupt value rather than a real call time; accepting it would also
//!   give two spellings to one instant.
//! - Days that do not exist (February 30, February 29 of a common year, April 31), month 0 or
//!   13, minute or second 60 and above, offsets of 24 hours or more, offsets without a colon
//!   (`+0800`), a `/` or other separators in the date, text after the offset.
//!
//! Each rejection says what was wrong and which form was expected:
//! `"2026-13-01" is not a timestamp: month 13 (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00)`.
//!
//! The scanner reads the fixed positions of `YYYY-MM-DDTHH:MM:SS` directly (the common form
//! of a log is parsed with a handful of byte comparisons) and validates every component;
//! calendar days are checked by `chrono`, which builds the values. A property test checks
//! that it agrees with `chrono`'s own RFC 3339 parser.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// China Standard Time, UTC+08:00: the time zone of every day, month and pack validity.
pub const CST: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+08:00 is a valid offset"),
};

/// The calendar day on which `t` falls in China Standard Time.
pub fn cst_day(t: DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&CST).date_naive()
}

/// `t` as a wall-clock time in China Standard Time.
pub fn to_cst(t: DateTime<FixedOffset>) -> NaiveDateTime {
    t.with_timezone(&CST).naive_local()
}

/// What kind of value a text was read as; it decides the wording of a [`TimeError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// An RFC 3339 timestamp ([`parse_timestamp`]).
    Timestamp,
    /// A calendar day ([`parse_day`]).
    Day,
    /// A date or a timestamp ([`parse_date_or_timestamp`]).
    DateOrTimestamp,
    /// A month `YYYY-MM` ([`Month`]).
    Month,
}

impl Expected {
    fn noun(self) -> &'static str {
        match self {
            Expected::Timestamp => "a timestamp",
            Expected::Day => "a date",
            Expected::DateOrTimestamp => "a date or timestamp",
            Expected::Month => "a month",
        }
    }

    /// The form expected, with an example, as error messages show it.
    pub fn form(self) -> &'static str {
        match self {
            Expected::Timestamp => "RFC 3339, e.g. 2026-10-31T09:15:00+08:00",
            Expected::Day => "YYYY-MM-DD, e.g. 2021-06-22",
            Expected::DateOrTimestamp => {
                "YYYY-MM-DD or a timestamp in China Standard Time, e.g. 2026-10-01 or 2026-10-01T09:00:00"
            }
            Expected::Month => "YYYY-MM, e.g. 2026-10",
        }
    }
}

/// Why a text is not a timestamp, date or month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError {
    /// The text as given.
    pub text: String,
    /// What it was read as.
    pub expected: Expected,
    /// What is wrong with it, e.g. `month 13`.
    pub reason: String,
}

/// Texts longer than this are shortened in messages.
const SHOWN_CHARS: usize = 64;

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text.char_indices().nth(SHOWN_CHARS) {
            Some((cut, _)) => write!(f, "\"{}…\"", self.text[..cut].escape_debug())?,
            None => write!(f, "{:?}", self.text)?,
        }
        write!(
            f,
            " is not {}: {} (expected {})",
            self.expected.noun(),
            self.reason,
            self.expected.form()
        )
    }
}

impl std::error::Error for TimeError {}

/// Parses an RFC 3339 timestamp; without an offset it is China Standard Time.
///
/// `2026-10-31T09:15:00+08:00`, `2026-10-31 09:15:00`, `2026-10-31T01:15:00.250Z`.
/// Surrounding white space is ignored. See the [module documentation](self) for what is
/// rejected.
pub fn parse_timestamp(text: &str) -> Result<DateTime<FixedOffset>, TimeError> {
    parse_timestamp_and_day(text).map(|(at, _)| at)
}

/// Parses a timestamp as [`parse_timestamp`] does, with its day in China Standard Time
/// ([`cst_day`]), which costs nothing more when the time is written in China Standard Time.
pub fn parse_timestamp_and_day(
    text: &str,
) -> Result<(DateTime<FixedOffset>, NaiveDate), TimeError> {
    let fail = |reason: String| TimeError {
        text: text.to_owned(),
        expected: Expected::Timestamp,
        reason,
    };
    let scanned = scan(text.trim().as_bytes()).map_err(fail)?;
    let Some(time) = scanned.time else {
        return Err(fail(
            "no time of day (a call's time needs HH:MM:SS after the date)".to_owned(),
        ));
    };
    let at = at_offset(scanned.date, time, scanned.offset).map_err(fail)?;
    let day = match scanned.offset {
        None => scanned.date,
        Some(offset) if offset == CST => scanned.date,
        Some(_) => cst_day(at),
    };
    Ok((at, day))
}

/// Parses a calendar day: `YYYY-MM-DD`, or a timestamp, which stands for its day in China
/// Standard Time.
pub fn parse_day(text: &str) -> Result<NaiveDate, TimeError> {
    let fail = |reason: String| TimeError {
        text: text.to_owned(),
        expected: Expected::Day,
        reason,
    };
    let scanned = scan(text.trim().as_bytes()).map_err(fail)?;
    match scanned.time {
        None => Ok(scanned.date),
        Some(time) => Ok(cst_day(
            at_offset(scanned.date, time, scanned.offset).map_err(fail)?,
        )),
    }
}

/// Parses a date (midnight, China Standard Time) or a timestamp, as wall-clock time in China
/// Standard Time: a timestamp without an offset is taken as written, one with an offset is
/// converted.
pub fn parse_date_or_timestamp(text: &str) -> Result<NaiveDateTime, TimeError> {
    let fail = |reason: String| TimeError {
        text: text.to_owned(),
        expected: Expected::DateOrTimestamp,
        reason,
    };
    let scanned = scan(text.trim().as_bytes()).map_err(fail)?;
    match scanned.time {
        None => Ok(scanned.date.and_time(NaiveTime::MIN)),
        Some(time) => Ok(to_cst(
            at_offset(scanned.date, time, scanned.offset).map_err(fail)?,
        )),
    }
}

/// The parts of a timestamp or date, validated one by one.
struct Scanned {
    date: NaiveDate,
    time: Option<NaiveTime>,
    offset: Option<FixedOffset>,
}

fn at_offset(
    date: NaiveDate,
    time: NaiveTime,
    offset: Option<FixedOffset>,
) -> Result<DateTime<FixedOffset>, String> {
    let offset = offset.unwrap_or(CST);
    offset
        .from_local_datetime(&date.and_time(time))
        .single()
        .ok_or_else(|| "out of the range of representable times".to_owned())
}

/// The first year of a time or day: Tencent Cloud's logs carry Unix time, which starts in
/// 1970; an earlier year (`0000`, `0202` for `2020`) is a corrupt value.
pub const FIRST_YEAR: i32 = 1970;

/// Two ASCII digits at `at`.
fn two_digits(b: &[u8], at: usize) -> Option<u32> {
    match (b.get(at), b.get(at + 1)) {
        (Some(&h @ b'0'..=b'9'), Some(&l @ b'0'..=b'9')) => {
            Some(u32::from(h - b'0') * 10 + u32::from(l - b'0'))
        }
        _ => None,
    }
}

fn four_digits(b: &[u8]) -> Option<i32> {
    Some((two_digits(b, 0)? * 100 + two_digits(b, 2)?) as i32)
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days in `month` (1–12) of `year`, Gregorian.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Shows a byte of the input in a reason: the character at `at` (which may be multi-byte).
fn found_at(b: &[u8], at: usize) -> String {
    match b.get(at..) {
        None | Some([]) => "the end of the text".to_owned(),
        Some(rest) => {
            let shown = String::from_utf8_lossy(&rest[..rest.len().min(4)]);
            match shown.chars().next() {
                Some(c) => format!("{c:?}"),
                None => "the end of the text".to_owned(),
            }
        }
    }
}

/// Reads `YYYY-MM` at the start of `b`, validated.
fn scan_year_month(b: &[u8]) -> Result<(i32, u32), String> {
    let shape = b.len() >= 7
        && b[4] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit);
    if !shape {
        if b.is_empty() {
            return Err("empty".to_owned());
        }
        if b.contains(&b'/') || b.contains(&b'.') {
            return Err("the date must be written with `-` as YYYY-MM-DD".to_owned());
        }
        let digits = b.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits > 4 && b.get(digits) == Some(&b'-') {
            let year = String::from_utf8_lossy(&b[..digits]);
            return Err(format!("year {year}: a year has four digits"));
        }
        return Err("does not start with a date YYYY-MM-DD".to_owned());
    }
    let year = four_digits(b).unwrap_or_default();
    if year < FIRST_YEAR {
        return Err(format!(
            "year {year:04}: billing times start in {FIRST_YEAR} (Tencent Cloud logs carry Unix time)"
        ));
    }
    let month = two_digits(b, 5).unwrap_or_default();
    if !(1..=12).contains(&month) {
        return Err(format!("month {month}"));
    }
    Ok((year, month))
}

/// Scans `YYYY-MM-DD[(T| )HH:MM:SS[.fff][Z|±hh:mm]]`.
fn scan(b: &[u8]) -> Result<Scanned, String> {
    let (year, month) = scan_year_month(b)?;
    if b.get(7) != Some(&b'-')
        || !b
            .get(8..10)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    {
        return Err("does not start with a date YYYY-MM-DD (two digits for the day)".to_owned());
    }
    let day = two_digits(b, 8).unwrap_or_default();
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Err(format!(
            "day {day}: {} {year} has {last} days",
            MONTH_NAMES[month as usize - 1]
        ));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{year}-{month:02}-{day:02} is not a calendar day"))?;
    if b.len() == 10 {
        return Ok(Scanned {
            date,
            time: None,
            offset: None,
        });
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return Err(format!(
            "expected `T` or a space after the date, found {}",
            found_at(b, 10)
        ));
    }
    let time_shape = b.len() >= 19
        && b[13] == b':'
        && b[16] == b':'
        && [11, 14, 17].iter().all(|&i| two_digits(b, i).is_some());
    if !time_shape {
        if b.len() >= 16 && b[13] == b':' && b.get(16).is_none_or(|&c| c != b':') {
            return Err("the seconds are missing (write HH:MM:SS)".to_owned());
        }
        return Err("expected a time HH:MM:SS after the date".to_owned());
    }
    let hour = two_digits(b, 11).unwrap_or_default();
    let minute = two_digits(b, 14).unwrap_or_default();
    let second = two_digits(b, 17).unwrap_or_default();
    if hour == 24 {
        return Err(
            "hour 24 (a day ends at 23:59:59; 24:00 is 00:00:00 of the next day)".to_owned(),
        );
    }
    if hour > 24 {
        return Err(format!("hour {hour}"));
    }
    if minute > 59 {
        return Err(format!("minute {minute}"));
    }
    if second == 60 {
        return Err(
            "second 60: leap seconds are not accepted (logs carry Unix time, which has none)"
                .to_owned(),
        );
    }
    if second > 60 {
        return Err(format!("second {second}"));
    }
    let mut at = 19;
    let mut nano = 0u32;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return Err("a `.` after the seconds must be followed by digits".to_owned());
        }
        let mut scale = 100_000_000;
        for &d in &b[at..at + digits.min(9)] {
            nano += u32::from(d - b'0') * scale;
            scale /= 10;
        }
        at += digits;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
        .ok_or_else(|| format!("{hour:02}:{minute:02}:{second:02} is not a time of day"))?;
    let offset = match &b[at..] {
        [] => None,
        [b'Z' | b'z'] => Some(FixedOffset::east_opt(0).unwrap_or(CST)),
        [sign @ (b'+' | b'-'), rest @ ..] => Some(scan_offset(*sign, rest)?),
        _ => {
            return Err(format!(
                "unexpected {} after the time (an offset is written +08:00 or Z, or left out for China Standard Time)",
                found_at(b, at)
            ))
        }
    };
    Ok(Scanned {
        date,
        time: Some(time),
        offset,
    })
}

/// The `hh:mm` of an offset after its sign.
fn scan_offset(sign: u8, rest: &[u8]) -> Result<FixedOffset, String> {
    let shown = String::from_utf8_lossy(rest);
    let sign_char = sign as char;
    if rest.len() == 4 && rest.iter().all(u8::is_ascii_digit) {
        return Err(format!(
            "offset {sign_char}{shown} must be written with a colon, {sign_char}{}:{}",
            &shown[..2],
            &shown[2..]
        ));
    }
    let (Some(hours), Some(minutes), true) = (
        two_digits(rest, 0),
        two_digits(rest, 3),
        rest.len() == 5 && rest[2] == b':',
    ) else {
        return Err(format!(
            "offset {sign_char}{shown} is not ±hh:mm (e.g. +08:00)"
        ));
    };
    if hours > 23 || minutes > 59 {
        return Err(format!(
            "offset {sign_char}{shown} is out of range (hours 00–23, minutes 00–59)"
        ));
    }
    let seconds = (hours * 3600 + minutes * 60) as i32;
    let seconds = if sign == b'-' { -seconds } else { seconds };
    FixedOffset::east_opt(seconds)
        .ok_or_else(|| format!("offset {sign_char}{shown} is out of range"))
}

/// A calendar month in China Standard Time, written `2026-10`.
///
/// `month` is 1–12; [`Month::new`] and `FromStr` check it. The derived order is
/// chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month of the year, 1–12.
    pub month: u32,
}

impl Month {
    /// The month `year-month`, if `month` is 1–12 and the year is one `chrono` can represent.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The month a time falls in, in China Standard Time.
    pub fn of_time(t: DateTime<FixedOffset>) -> Month {
        Month::of(cst_day(t))
    }

    /// The first day of the month.
    ///
    /// # Panics
    ///
    /// If the month was built by hand with a month outside 1–12 (never for one from
    /// [`Month::new`], [`Month::of`] or `FromStr`).
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .expect("Month holds a month 1-12 of a representable year")
    }

    /// The last day of the month.
    ///
    /// # Panics
    ///
    /// As [`Month::first_day`].
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.days())
            .expect("Month holds a month 1-12 of a representable year")
    }

    /// The number of days in the month.
    pub fn days(self) -> u32 {
        days_in_month(self.year, self.month)
    }

    /// Whether `day` is in the month.
    pub fn contains(self, day: NaiveDate) -> bool {
        day.year() == self.year && day.month() == self.month
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month >= 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before this one.
    pub fn prev(self) -> Month {
        if self.month <= 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

/// `2026-10`.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses `YYYY-MM`, as `--month` takes it.
impl FromStr for Month {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Month, TimeError> {
        let fail = |reason: String| TimeError {
            text: text.to_owned(),
            expected: Expected::Month,
            reason,
        };
        let b = text.trim().as_bytes();
        let (year, month) = scan_year_month(b).map_err(|reason| {
            fail(if reason.starts_with("does not start") {
                "not of the form YYYY-MM".to_owned()
            } else {
                reason
            })
        })?;
        if b.len() != 7 {
            return Err(fail(if b.len() == 10 && b[7] == b'-' {
                "a month has no day; leave out the -DD".to_owned()
            } else {
                format!("unexpected {} after YYYY-MM", found_at(b, 7))
            }));
        }
        Month::new(year, month).ok_or_else(|| fail("out of range".to_owned()))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn reason(text: &str) -> String {
        parse_timestamp(text).unwrap_err().reason
    }

    #[test]
    fn end_of_october_in_cst_is_october() {
        let t = parse_timestamp("2026-10-31T23:59:59+08:00").unwrap();
        assert_eq!(cst_day(t), ymd(2026, 10, 31));
        assert_eq!(Month::of_time(t).to_string(), "2026-10");
    }

    #[test]
    fn utc_afternoon_of_october_31_is_november_1_in_cst() {
        let t = parse_timestamp("2026-10-31T16:00:00Z").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 0);
        assert_eq!(cst_day(t), ymd(2026, 11, 1));
        let before = parse_timestamp("2026-10-31T15:59:59Z").unwrap();
        assert_eq!(cst_day(before), ymd(2026, 10, 31));
    }

    #[test]
    fn no_offset_is_china_standard_time() {
        let t = parse_timestamp("2026-10-31T23:30:00").unwrap();
        assert_eq!(*t.offset(), CST);
        assert_eq!(t, parse_timestamp("2026-10-31T15:30:00Z").unwrap());
        assert_eq!(cst_day(t), ymd(2026, 10, 31));
        // A space instead of `T`, surrounding blanks, a lower-case `t`.
        assert_eq!(parse_timestamp(" 2026-10-31 23:30:00 ").unwrap(), t);
        assert_eq!(parse_timestamp("2026-10-31t23:30:00").unwrap(), t);
    }

    #[test]
    fn other_offsets_and_fractions() {
        // 11:00 at UTC-05:30 is 16:30 UTC, 00:30 on November 1 in China.
        let t = parse_timestamp("2026-10-31T11:00:00.123456789-05:30").unwrap();
        assert_eq!(t.offset().local_minus_utc(), -(5 * 3600 + 30 * 60));
        assert_eq!(t.nanosecond(), 123_456_789);
        assert_eq!(cst_day(t), ymd(2026, 11, 1));
        let t = parse_timestamp("2026-10-31T10:00:00-05:30").unwrap();
        assert_eq!(cst_day(t), ymd(2026, 10, 31));
        let t = parse_timestamp("2026-10-31T10:00:00.5z").unwrap();
        assert_eq!(t.nanosecond(), 500_000_000);
        // Digits past nanoseconds are dropped, not rounded.
        let t = parse_timestamp("2026-10-31T10:00:00.1234567899+08:00").unwrap();
        assert_eq!(t.nanosecond(), 123_456_789);
    }

    #[test]
    fn the_day_comes_with_the_timestamp() {
        for text in [
            "2026-10-31T23:59:59",
            "2026-10-31T23:59:59+08:00",
            "2026-10-31T16:00:00Z",
            "2026-10-31T15:59:59Z",
            "2026-10-31T11:00:00-05:30",
            "2026-11-01T00:30:00+09:00",
        ] {
            let (at, day) = parse_timestamp_and_day(text).unwrap();
            assert_eq!(day, cst_day(at), "{text}");
            assert_eq!(at, parse_timestamp(text).unwrap());
        }
    }

    #[test]
    fn leap_years() {
        assert!(parse_timestamp("2024-02-29T12:00:00").is_ok());
        assert!(parse_timestamp("2000-02-29T12:00:00").is_ok());
        assert_eq!(
            reason("2026-02-29T12:00:00"),
            "day 29: February 2026 has 28 days"
        );
        assert_eq!(
            reason("2100-02-29T12:00:00"),
            "day 29: February 2100 has 28 days"
        );
    }

    #[test]
    fn years_before_1970_and_of_five_digits_are_corrupt() {
        assert_eq!(
            reason("0000-01-01T09:00:00+08:00"),
            "year 0000: billing times start in 1970 (Tencent Cloud logs carry Unix time)"
        );
        assert!(reason("1969-12-31T23:59:59").starts_with("year 1969:"));
        assert!(parse_timestamp("1970-01-01T00:00:00Z").is_ok());
        assert_eq!(
            reason("10000-01-01T09:00:00+08:00"),
            "year 10000: a year has four digits"
        );
        assert!(parse_day("0202-10-01").is_err());
        assert!("0000-10".parse::<Month>().is_err());
    }

    #[test]
    fn each_rejection_has_its_reason() {
        assert_eq!(reason("2026-13-01T00:00:00"), "month 13");
        assert_eq!(reason("2026-00-01T00:00:00"), "month 0");
        assert_eq!(
            reason("2026-02-30T00:00:00"),
            "day 30: February 2026 has 28 days"
        );
        assert_eq!(
            reason("2026-04-31T00:00:00"),
            "day 31: April 2026 has 30 days"
        );
        assert_eq!(
            reason("2026-10-00T00:00:00"),
            "day 0: October 2026 has 31 days"
        );
        assert!(reason("2026-10-31T24:00:00").starts_with("hour 24"));
        assert_eq!(reason("2026-10-31T25:00:00"), "hour 25");
        assert_eq!(reason("2026-10-31T23:60:00"), "minute 60");
        assert!(reason("2026-12-31T23:59:60Z").starts_with("second 60: leap seconds"));
        assert_eq!(reason("2026-10-31T23:59:61"), "second 61");
        assert!(reason("2026-10-31").starts_with("no time of day"));
        assert_eq!(
            reason("2026-10-31T09:15"),
            "the seconds are missing (write HH:MM:SS)"
        );
        assert!(reason("2026/10/31 09:15:00").contains("with `-`"));
        assert!(reason("31.10.2026 09:15:00").contains("with `-`"));
        assert!(reason("yesterday").starts_with("does not start with a date"));
        assert_eq!(reason(""), "empty");
        assert_eq!(reason("   "), "empty");
        assert!(reason("2026-10-31X09:15:00").contains("found 'X'"));
        assert!(reason("2026-10-31T09:15:00+0800").contains("+08:00"));
        assert!(reason("2026-10-31T09:15:00+08").contains("not ±hh:mm"));
        assert!(reason("2026-10-31T09:15:00+24:00").contains("out of range"));
        assert!(reason("2026-10-31T09:15:00 CST").contains("unexpected ' '"));
        assert!(reason("2026-10-31T09:15:00Z trailing").contains("unexpected 'Z'"));
        assert!(reason("2026-10-31T09:15:00.").contains("followed by digits"));
        assert!(reason("2026-10-31T09:15:00+08:00:00").contains("not ±hh:mm"));
        assert!(reason("２０２６-10-31T09:15:00").starts_with("does not start"));
    }

    #[test]
    fn error_message_names_the_expected_form() {
        let e = parse_timestamp("2026-13-01").unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"2026-13-01\" is not a timestamp: month 13 (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00)"
        );
        let long = "x".repeat(1000);
        let shown = parse_timestamp(&long).unwrap_err().to_string();
        assert!(shown.len() < 200, "{shown}");
        assert!(shown.contains('…'));
        let e = parse_day("2026-02-30").unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"2026-02-30\" is not a date: day 30: February 2026 has 28 days (expected YYYY-MM-DD, e.g. 2021-06-22)"
        );
    }

    #[test]
    fn days_and_dates_or_timestamps() {
        assert_eq!(parse_day("2021-06-22").unwrap(), ymd(2021, 6, 22));
        assert_eq!(parse_day("2021-06-21T16:00:00Z").unwrap(), ymd(2021, 6, 22));
        assert!(parse_day("2021-06-22x").is_err());
        assert_eq!(
            parse_date_or_timestamp("2026-10-15").unwrap(),
            ymd(2026, 10, 15).and_hms_opt(0, 0, 0).unwrap()
        );
        assert_eq!(
            parse_date_or_timestamp("2026-10-15 09:30:00").unwrap(),
            ymd(2026, 10, 15).and_hms_opt(9, 30, 0).unwrap()
        );
        assert_eq!(
            parse_date_or_timestamp("2026-10-15T01:30:00Z").unwrap(),
            ymd(2026, 10, 15).and_hms_opt(9, 30, 0).unwrap()
        );
        let e = parse_date_or_timestamp("2026-10-32").unwrap_err();
        assert!(
            e.to_string().contains("is not a date or timestamp: day 32"),
            "{e}"
        );
    }

    #[test]
    fn months() {
        let m: Month = "2026-10".parse().unwrap();
        assert_eq!(
            m,
            Month {
                year: 2026,
                month: 10
            }
        );
        assert_eq!(m.to_string(), "2026-10");
        assert_eq!(m.first_day(), ymd(2026, 10, 1));
        assert_eq!(m.last_day(), ymd(2026, 10, 31));
        assert_eq!(
            "2024-02".parse::<Month>().unwrap().last_day(),
            ymd(2024, 2, 29)
        );
        assert_eq!("2026-02".parse::<Month>().unwrap().days(), 28);
        assert_eq!(
            m.next(),
            Month {
                year: 2026,
                month: 11
            }
        );
        assert_eq!(
            Month {
                year: 2026,
                month: 12
            }
            .next(),
            Month {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(
            Month {
                year: 2026,
                month: 1
            }
            .prev(),
            Month {
                year: 2025,
                month: 12
            }
        );
        assert!(m.contains(ymd(2026, 10, 31)));
        assert!(!m.contains(ymd(2026, 11, 1)));
        assert!(
            Month {
                year: 2026,
                month: 9
            } < m
                && m < Month {
                    year: 2027,
                    month: 1
                }
        );
        assert_eq!(Month::new(2026, 13), None);
        assert_eq!(Month::of(ymd(2026, 10, 5)), m);
        let e = "2026-13".parse::<Month>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"2026-13\" is not a month: month 13 (expected YYYY-MM, e.g. 2026-10)"
        );
        assert!("2026-10-01"
            .parse::<Month>()
            .unwrap_err()
            .reason
            .contains("no day"));
        assert!("2026-1"
            .parse::<Month>()
            .unwrap_err()
            .reason
            .contains("YYYY-MM"));
        assert!("October".parse::<Month>().is_err());
        assert!("2026-10x".parse::<Month>().is_err());
    }

    #[test]
    fn cst_is_eight_hours_east() {
        assert_eq!(CST.local_minus_utc(), 8 * 3600);
        let t = parse_timestamp("2026-10-31T16:00:00Z").unwrap();
        assert_eq!(to_cst(t), ymd(2026, 11, 1).and_hms_opt(0, 0, 0).unwrap());
    }

    proptest::proptest! {
        /// Every timestamp chrono formats as RFC 3339 reads back to the same instant and
        /// offset, and agrees with chrono's own RFC 3339 parser.
        #[test]
        fn agrees_with_chrono(
            secs in 86_400i64..4_000_000_000i64,
            nanos in 0u32..1_000_000_000,
            offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59i32),
            space in proptest::bool::ANY,
        ) {
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let t = DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&offset);
            let mut text = t.to_rfc3339();
            if space {
                text.replace_range(10..11, " ");
            }
            let ours = parse_timestamp(&text).unwrap();
            proptest::prop_assert_eq!(ours, t);
            proptest::prop_assert_eq!(*ours.offset(), offset);
            let theirs = DateTime::parse_from_rfc3339(&text).unwrap();
            proptest::prop_assert_eq!(ours, theirs);
        }

        /// Arbitrary text never panics, and whatever is accepted chrono accepts too.
        #[test]
        fn never_panics(text in "[0-9T:+Zz .-]{0,40}|\\PC{0,30}") {
            if let Ok(t) = parse_timestamp(&text) {
                let normal = text.trim();
                let with_offset = if normal.len() >= 19 && !normal[19..].contains(['Z', 'z', '+', '-']) {
                    format!("{normal}+08:00")
                } else {
                    normal.to_owned()
                };
                let theirs = DateTime::parse_from_rfc3339(&with_offset);
                proptest::prop_assert_eq!(Ok(t), theirs);
            }
            let _ = parse_day(&text);
            let _ = parse_date_or_timestamp(&text);
            let _ = text.parse::<Month>();
        }
    }
}
