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
    let text = lit.value();
    let fail = |why: String| Error::new(lit.span(), why);
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
}
