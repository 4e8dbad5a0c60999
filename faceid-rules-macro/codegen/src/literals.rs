//! Reading the table's literals exactly: money, counts, dates, codes.
//!
//! Money is read from the literal's decimal digits, never through a float.

use proc_macro2::Span;
use syn::{Error, Lit, LitInt, LitStr};

/// An amount of fen read from a money literal (`0.85`, `1_150`).
pub fn money_fen(lit: &Lit) -> Result<i64, Error> {
    let (digits, suffix) = match lit {
        Lit::Int(i) => (i.base10_digits().to_owned(), i.suffix()),
        Lit::Float(f) => (f.base10_digits().to_owned(), f.suffix()),
        _ => {
            return Err(Error::new(
                lit.span(),
                "expected an amount of yuan, e.g. `0.85` or `1_150`",
            ))
        }
    };
    if !suffix.is_empty() {
        return Err(Error::new(
            lit.span(),
            format!("amounts of yuan take no type suffix: remove `{suffix}`"),
        ));
    }
    if digits.contains(['e', 'E']) {
        return Err(Error::new(
            lit.span(),
            "write the amount as a plain decimal, without an exponent",
        ));
    }
    let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    if frac.len() > 2 {
        return Err(Error::new(
            lit.span(),
            format!("`{digits}` has {} digits after the point; amounts are exact to the fen (at most 2)", frac.len()),
        ));
    }
    let too_large = || {
        Error::new(
            lit.span(),
            "amount too large to count in fen (the limit is 92233720368547758.07 yuan)",
        )
    };
    let whole: i64 = whole.parse().map_err(|_| too_large())?;
    let mut fen = whole.checked_mul(100).ok_or_else(too_large)?;
    let mut scale = 10;
    for d in frac.bytes() {
        fen = fen
            .checked_add(i64::from(d - b'0') * scale)
            .ok_or_else(too_large)?;
        scale /= 10;
    }
    Ok(fen)
}

/// A count of calls (`1_000`).
pub fn count(lit: &LitInt) -> Result<u64, Error> {
    if !lit.suffix().is_empty() {
        return Err(Error::new(
            lit.span(),
            format!("call counts take no type suffix: remove `{}`", lit.suffix()),
        ));
    }
    lit.base10_parse::<u64>()
}

/// A date written `"YYYY-MM-DD"`, checked to be a real day of the Gregorian calendar.
pub fn date(lit: &LitStr) -> Result<(i32, u32, u32), Error> {
    date_text(&lit.value(), lit.span())
}

fn date_text(text: &str, span: Span) -> Result<(i32, u32, u32), Error> {
    let fail = |why: String| Error::new(span, why);
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(fail(format!(
            "`{text}` is not a date: expected \"YYYY-MM-DD\""
        )));
    };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return Err(fail(format!(
            "`{text}` is not a date: expected \"YYYY-MM-DD\""
        )));
    };
    if !(1..=12).contains(&month) {
        return Err(fail(format!(
            "`{text}` is not a real date: there is no month {month}"
        )));
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Err(fail(format!(
            "`{text}` is not a real date: month {month} of {year} has {days} days"
        )));
    }
    Ok((year as i32, month, day))
}

/// A moment written `"YYYY-MM-DD"` (00:00 of that day) or `"YYYY-MM-DD HH:MM"`, China
/// Standard Time: the day, checked real, and the minute of the day.
pub fn instant(lit: &LitStr) -> Result<((i32, u32, u32), u32), Error> {
    let text = lit.value();
    let (day, time) = match text.split_once(' ') {
        Some((day, time)) => (day, Some(time)),
        None => (text.as_str(), None),
    };
    let day = date_text(day, lit.span())?;
    let minute = match time {
        None => 0,
        Some(t) => clock_text(t.trim(), lit.span())?,
    };
    Ok((day, minute))
}

/// A time of day written `"HH:MM"`, as minutes after midnight (`"24:00"` is the end of the
/// day, 1440).
pub fn clock(lit: &LitStr) -> Result<u32, Error> {
    clock_text(&lit.value(), lit.span())
}

fn clock_text(text: &str, span: Span) -> Result<u32, Error> {
    let fail = |why: String| Error::new(span, why);
    let Some((h, m)) = text.split_once(':') else {
        return Err(fail(format!(
            "`{text}` is not a time of day: expected \"HH:MM\""
        )));
    };
    let num = |s: &str| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(hour), Some(minute)) = (num(h), num(m)) else {
        return Err(fail(format!(
            "`{text}` is not a time of day: expected \"HH:MM\""
        )));
    };
    if minute > 59 || hour > 24 || (hour == 24 && minute > 0) {
        return Err(fail(format!(
            "`{text}` is not a real time of day: hours run 00 to 23, minutes 00 to 59"
        )));
    }
    Ok(hour * 60 + minute)
}

/// A commit written as 7 to 40 hexadecimal digits (`"0e629ca4"`).
pub fn commit(lit: &LitStr) -> Result<String, Error> {
    let text = lit.value();
    if (7..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(Error::new(
            lit.span(),
            format!(
                "`{text}` is not a commit: expected 7 to 40 hexadecimal digits, e.g. \"0e629ca4\""
            ),
        ))
    }
}

/// An integer result code, with its sign.
pub fn code_int(neg: bool, lit: &LitInt, span: Span) -> Result<i64, Error> {
    if !lit.suffix().is_empty() {
        return Err(Error::new(span, "result codes take no type suffix"));
    }
    let n: i64 = lit.base10_parse()?;
    Ok(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn money_is_exact() {
        assert_eq!(money_fen(&parse_quote!(0.85)).unwrap(), 85);
        assert_eq!(money_fen(&parse_quote!(1_150)).unwrap(), 115_000);
        assert_eq!(money_fen(&parse_quote!(1.5)).unwrap(), 150);
        assert!(money_fen(&parse_quote!(0.855)).is_err());
        assert!(money_fen(&parse_quote!(1e3)).is_err());
        assert!(money_fen(&parse_quote!(1u8)).is_err());
        assert!(money_fen(&parse_quote!(92233720368547758.08)).is_err());
    }

    #[test]
    fn dates_are_real() {
        assert_eq!(date(&parse_quote!("2021-07-19")).unwrap(), (2021, 7, 19));
        assert!(date(&parse_quote!("2021-02-29")).is_err());
        assert!(date(&parse_quote!("2020-02-29")).is_ok());
        assert!(date(&parse_quote!("2021-13-01")).is_err());
        assert!(date(&parse_quote!("2021/07/19")).is_err());
    }

    #[test]
    fn instants_and_clock_times_are_real() {
        assert_eq!(
            instant(&parse_quote!("2022-01-04 10:00")).unwrap(),
            ((2022, 1, 4), 600)
        );
        assert_eq!(
            instant(&parse_quote!("2022-01-04")).unwrap(),
            ((2022, 1, 4), 0)
        );
        assert!(instant(&parse_quote!("2022-01-04 25:00")).is_err());
        assert!(instant(&parse_quote!("2022-01-04 10:60")).is_err());
        assert!(instant(&parse_quote!("2022-02-30 10:00")).is_err());
        assert_eq!(clock(&parse_quote!("08:00")).unwrap(), 480);
        assert_eq!(clock(&parse_quote!("24:00")).unwrap(), 1440);
        assert!(clock(&parse_quote!("8:00")).is_err());
        assert_eq!(commit(&parse_quote!("0E629CA4")).unwrap(), "0e629ca4");
        assert!(commit(&parse_quote!("0e62")).is_err());
        assert!(commit(&parse_quote!("0e629cag")).is_err());
    }
}
