//! Matching names as people write them: doc names, aliases, identifiers, API actions.
//!
//! The documents spell one label several ways (`增强版人脸核身(权威库)-微信` in the label
//! table, `增强版人脸核身（权威库）-微信` in the price table, `- 微信` with spaces in another),
//! so names are compared after [`normalise`]: full-width ASCII forms (`（）`, `Ａ`) folded to
//! ASCII, whitespace removed, ASCII letters lower-cased. `billing_table!` rejects a table in
//! which two names of one kind normalise to the same text.

use std::borrow::Cow;
use std::fmt;

/// The comparison form of a name: full-width forms folded to ASCII, whitespace dropped,
/// ASCII lower-cased. `" 增强版人脸核身（权威库） - App "` → `"增强版人脸核身(权威库)-app"`.
pub fn normalise(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
        || is_normal(name)
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(fold(name))
}

/// Whether `name` is already in comparison form (no folding needed).
fn is_normal(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_whitespace()
            && !c.is_ascii_uppercase()
            && !matches!(c as u32, 0xFF01..=0xFF5E | 0x3000)
    })
}

fn fold(name: &str) -> String {
    name.chars().filter_map(fold_char).collect()
}

/// One character of a name in comparison form: full-width ASCII forms folded to ASCII, the
/// ideographic space a space, white space dropped (`None`), ASCII lower-cased.
pub fn fold_char(c: char) -> Option<char> {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
}

/// The candidate closest to `given` by Jaro–Winkler similarity on normalised text, if it is
/// close enough (≥ 0.8) to be a likely typo.
pub fn suggest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given = normalise(given);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&given, &normalise(c)), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A name that matches nothing of its kind in a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What was looked up: `channel`, `compare source`, `postpaid label`, ….
    pub kind: &'static str,
    /// The name as given.
    pub given: String,
    /// The closest known name, when one is close.
    pub suggestion: Option<&'static str>,
    /// The doc names of every item of this kind.
    pub known: Vec<&'static str>,
    /// Set when the name is an alias or API action shared by several items.
    pub ambiguous: Vec<&'static str>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.ambiguous.is_empty() {
            return write!(
                f,
                "{} {:?} is ambiguous: it names {}; give one of those instead",
                self.kind,
                self.given,
                quoted_list(&self.ambiguous)
            );
        }
        write!(f, "unknown {} {:?}", self.kind, self.given)?;
        match self.suggestion {
            Some(s) => write!(f, "; did you mean {s:?}?"),
            None => write!(f, "; expected one of {}", quoted_list(&self.known)),
        }
    }
}

impl std::error::Error for UnknownName {}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_parentheses_spaces_and_case() {
        assert_eq!(
            normalise("增强版人脸核身（权威库）- App"),
            normalise("增强版人脸核身(权威库)-APP")
        );
        assert_eq!(normalise(" 微信原生H5 "), normalise("微信原生 H5"));
        assert_ne!(normalise("权威库"), normalise("上传照片"));
    }

    #[test]
    fn suggests_the_near_miss_only() {
        let names = ["微信小程序", "微信原生 H5", "E证通"];
        assert_eq!(suggest("微信小成序", names), Some("微信小程序"));
        assert_eq!(suggest("银行卡", names), None);
    }
}
