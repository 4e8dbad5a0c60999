//! Comparing and suggesting names, as the runtime crate's `names` module does.

/// The comparison form of a name: full-width ASCII forms folded to ASCII (`（）` → `()`),
/// whitespace dropped, ASCII letters lower-cased. Must agree with `faceid_rules::names`.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// The candidate most similar to `given` (Jaro–Winkler ≥ 0.8 on normalised text).
pub fn suggest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given = normalise(given);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&given, &normalise(c)), c))
        .filter(|&(score, c)| score >= 0.8 && normalise(c) != given)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// ` Did you mean `X`?` or, when nothing is close and there are few (16 at most), the list
/// of names.
pub fn hint<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(s) = suggest(given, candidates.clone()) {
        return format!("; did you mean `{s}`?");
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    match all.len() {
        0 => "; none is declared".to_owned(),
        1..=16 => format!(
            "; expected one of {}",
            all.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(normalise("E证通（权威库）"), normalise("e证通(权威库)"));
        assert_eq!(normalise("微信原生H5"), normalise("微信原生 H5"));
    }

    #[test]
    fn hints_near_misses_or_lists() {
        let names = ["LivenessRecognition", "LivenessCompare", "ImageRecognition"];
        assert_eq!(
            hint("LivenesRecognition", names),
            "; did you mean `LivenessRecognition`?"
        );
        assert_eq!(hint("Zzz", ["A", "B"]), "; expected one of `A`, `B`");
    }
}
