//! The editions of the Face ID documents, by the day an account opened the service: their
//! declared ranges neither overlap nor leave a gap, so every opening day has one edition.
//! (Each edition is its own `billing_table!`, so this spans several macro calls: a test.)

use faceid_rules::Edition;

#[test]
fn every_opening_day_has_exactly_one_edition() {
    let mut ranges: Vec<(Edition, faceid_rules::Opened)> =
        Edition::ALL.iter().map(|&e| (e, e.info().opened)).collect();
    ranges.sort_by_key(|(_, o)| o.from);
    let (first, last) = (ranges[0], ranges[ranges.len() - 1]);
    assert_eq!(
        first.1.from, None,
        "{}: the first edition has no first day",
        first.0
    );
    assert_eq!(
        last.1.before, None,
        "{}: the last edition has no last day",
        last.0
    );
    for w in ranges.windows(2) {
        let ((a, ra), (b, rb)) = (w[0], w[1]);
        assert!(
            ra.before.is_some(),
            "{a} and {b} overlap: {a} has no last day"
        );
        assert_eq!(
            ra.before, rb.from,
            "{a} ends before {:?}, {b} starts on {:?}: a gap or an overlap",
            ra.before, rb.from
        );
    }
    // And so each day picks the edition whose range holds it.
    for (e, range) in ranges {
        if let Some(from) = range.from {
            assert_eq!(Edition::for_opened(from), e);
        }
    }
}
