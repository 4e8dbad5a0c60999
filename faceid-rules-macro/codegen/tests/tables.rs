//! The compiler on the real tables, as plain Rust: every edition compiles, and each check
//! catches a realistic mistake made in the real legacy table (so that removing the check
//! makes a test here fail).

mod support;

use support::{diagnose, edition, source};

#[test]
fn every_edition_compiles_without_errors() {
    for name in ["legacy", "monthly", "daily"] {
        let errors = diagnose(&source(name));
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let out = faceid_rules_codegen::expand_table(edition(&source(name))).to_string();
        assert!(
            out.contains(&format!("mod {name}")),
            "{name} expands to its module"
        );
        assert!(
            !out.contains("compile_error"),
            "{name} expands without errors"
        );
    }
}

/// Replaces the one occurrence of `from` in the legacy table by `to`, and returns the errors.
fn mutate(from: &str, to: &str) -> Vec<String> {
    let src = source("legacy");
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur once in legacy.rs"
    );
    diagnose(&src.replacen(from, to, 1))
}

fn assert_caught(errors: &[String], fragment: &str) {
    assert!(
        errors.iter().any(|e| e.contains(fragment)),
        "expected an error containing {fragment:?}, got {errors:#?}"
    );
}

#[test]
fn deleting_a_mapping_of_the_mini_program_row_is_a_missing_mapping() {
    let errors = mutate(
        "            Upload => LivenessCompare / LivenessCompare,\n        }\n        // 2021年02月01日起",
        "        }\n        // 2021年02月01日起",
    );
    assert_caught(
        &errors,
        "the row does not map compare source `Upload` of section `Enhanced`",
    );
}

#[test]
fn a_misspelt_label_is_unknown_with_a_suggestion() {
    let errors = mutate(
        "Authority => LivenessRecognition / EnhancedAuthorityWechat",
        "Authority => LivenesRecognition / EnhancedAuthorityWechat",
    );
    assert_caught(
        &errors,
        "unknown postpaid label `LivenesRecognition`; did you mean `LivenessRecognition`?",
    );
}

#[test]
fn a_misspelt_code_family_is_unknown_with_a_suggestion() {
    let errors = mutate("(35866) codes AppSdk", "(35866) codes AppSkd");
    assert_caught(
        &errors,
        "unknown code family `AppSkd`; did you mean `AppSdk`?",
    );
}

#[test]
fn a_source_the_section_lacks_is_refused() {
    let errors = mutate(
        "Authority => EidAuthority / EidAuthority",
        "Upload => EidAuthority / EidAuthority",
    );
    assert_caught(&errors, "section `Eid` does not compare against `Upload`");
}

#[test]
fn a_label_no_row_uses_is_refused() {
    let errors = mutate(
        "Authority => EidAuthority / EidAuthority",
        "Authority => EidAuthority / BasicAuthority",
    );
    assert_caught(
        &errors,
        "the prepaid label `EidAuthority` is not used by any row",
    );
}

#[test]
fn a_channel_named_twice_is_a_duplicate() {
    let errors = mutate("\"微信小程序\" (31071)", "\"微信原生H5\" (31071)");
    assert_caught(&errors, "is already the name of `WechatNativeH5`");
}

#[test]
fn full_width_and_ascii_parentheses_are_one_name() {
    let errors = mutate(
        "BasicUpload = \"基础版人脸核身(自传照片)\"",
        "BasicUpload = \"基础版人脸核身（权威库）\"",
    );
    assert_caught(&errors, "is already the name of `BasicAuthority`");
}

#[test]
fn a_gap_between_tiers_is_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen("1_000..10_000 => 0.85", "2_000..10_000 => 0.85", 1));
    assert_caught(
        &errors,
        "gap between tiers: monthly volumes 1000..2000 have no tier",
    );
}

#[test]
fn overlapping_tiers_are_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen("1_000..10_000 => 0.85", "500..10_000 => 0.85", 1));
    assert_caught(&errors, "tiers overlap");
}

#[test]
fn a_price_rising_with_volume_is_refused() {
    let errors = mutate(
        "10_000..100_000 => 0.11,\n            100_000..200_000 => 0.11",
        "10_000..100_000 => 0.14,\n            100_000..200_000 => 0.11",
    );
    assert_caught(
        &errors,
        "the unit price rises with volume: ¥0.14 here, ¥0.13 for fewer calls",
    );
}

#[test]
fn a_closed_top_tier_is_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen(
        "200_000.. => negotiated",
        "200_000..500_000 => negotiated",
        1,
    ));
    assert_caught(&errors, "the top tier must be open-ended");
}

#[test]
fn a_tier_not_starting_at_the_first_call_is_refused() {
    let errors = mutate(
        "aka [\"通用活体人脸核身\"] tiers {\n            1..1_000",
        "aka [\"通用活体人脸核身\"] tiers {\n            0..1_000",
    );
    assert_caught(
        &errors,
        "the first tier must start at the first call of the month",
    );
}

#[test]
fn packs_out_of_order_are_refused() {
    let errors = mutate("5_000 => 6_500", "50_000 => 6_500");
    assert_caught(&errors, "pack sizes must ascend: 10000 comes after 50000");
}

#[test]
fn a_price_finer_than_a_fen_is_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen("=> 0.85", "=> 0.855", 1));
    assert_caught(&errors, "`0.855` has 3 digits after the point");
}

#[test]
fn a_code_listed_twice_is_refused() {
    let src = source("shared");
    let out = faceid_rules_codegen::expand_shared(support::body(&src.replacen(
        "billed [0, 2006, 2007, 2009..=2016]",
        "billed [0, 2006, 2007, 2009..=2016, 2010]",
        1,
    )))
    .to_string();
    assert!(
        out.contains("the code 2010 is listed twice in code family `DetectAuthWechat`"),
        "{out}"
    );
}

#[test]
fn a_change_on_a_day_that_does_not_exist_is_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen(
        "from \"2021-02-01\" per EarlyPrices =>",
        "from \"2021-02-29\" per EarlyPrices =>",
        1,
    ));
    assert_caught(
        &errors,
        "`2021-02-29` is not a real date: month 2 of 2021 has 28 days",
    );
}

#[test]
fn a_channel_without_codes_is_refused() {
    let errors = mutate("(47837) codes BankCardBasic", "(47837)");
    assert_caught(&errors, "channel `BankCardBasic` needs its result codes");
}

#[test]
fn a_syntax_error_in_one_row_leaves_the_checks_of_the_others() {
    let src = source("legacy");
    let broken = src
        .replacen(
            "] => IdCardInfo / IdCardInfo",
            "] IdCardInfo / IdCardInfo",
            1,
        )
        .replacen("codes AppSdk", "codes AppSkd", 1);
    let errors = diagnose(&broken);
    assert_caught(&errors, "expected `=>` and the row's labels");
    assert_caught(&errors, "unknown code family `AppSkd`");
}

#[test]
fn several_independent_errors_are_all_reported() {
    let src = source("legacy");
    let broken = src
        .replacen("=> 0.85", "=> 0.855", 1)
        .replacen("codes AppSdk", "codes AppSkd", 1)
        .replacen(
            "from \"2021-02-01\" per EarlyPrices =>",
            "from \"2021-13-19\" per EarlyPrices =>",
            1,
        );
    let errors = diagnose(&broken);
    assert!(errors.len() >= 3, "{errors:#?}");
}

/// Replaces the one occurrence of `from` in the edition `name` by `to`, and returns the
/// errors.
fn mutate_in(name: &str, from: &str, to: &str) -> Vec<String> {
    let src = source(name);
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur once in {name}.rs"
    );
    diagnose(&src.replacen(from, to, 1))
}

#[test]
fn a_second_price_on_one_day_overlaps() {
    let errors = mutate(
        "from \"2022-01-01\" per PhoneLabels flat 1.10,",
        "from \"2022-01-01\" per PhoneLabels flat 1.10\n        from \"2022-03-01\" per PhoneLabels flat 1.20\n        from \"2022-03-01\" per PhoneLabels flat 1.30,",
    );
    assert_caught(
        &errors,
        "overlapping dated entries: the price of `PhoneThreeFactor` changes twice on 2022-03-01",
    );
}

#[test]
fn a_change_before_the_edition_starts_is_refused() {
    let errors = mutate_in(
        "monthly",
        "aka [\"E 证通（权威库）\"] flat 1.50,",
        "aka [\"E 证通（权威库）\"] flat 1.50\n        until \"2021-01-01\" per EnhancedLaunch,",
    );
    assert_caught(
        &errors,
        "this change is dated 2021-01-01, before the edition starts on 2021-06-22",
    );
}

#[test]
fn a_change_that_changes_nothing_is_refused() {
    let errors = mutate(
        "from \"2022-01-01\" per PhoneLabels flat 1.10,",
        "from \"2022-01-01\" per PhoneLabels flat 1.10\n        from \"2022-03-01\" per PhoneLabels flat 1.10,",
    );
    assert_caught(
        &errors,
        "this change on 2022-03-01 changes nothing: the price of `PhoneThreeFactor` already is flat ¥1.10",
    );
}

#[test]
fn moving_the_wechat_switch_before_its_labels_exist_is_refused() {
    let errors = mutate(
        "from \"2021-02-01\" per EarlyPrices => {",
        "from \"2021-01-20\" per EarlyPrices => {",
    );
    assert_caught(
        &errors,
        "the postpaid label 微信活体人脸核身 is used here from 2021-01-20 before 2021-06-22, but it is in force only from 2021-02-01 before 2021-06-22",
    );
}

#[test]
fn a_label_ending_before_it_starts_is_out_of_order() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen(
        "until \"2021-06-22\" per EnhancedLaunch,",
        "until \"2021-01-22\" per EnhancedLaunch,",
        1,
    ));
    assert_caught(
        &errors,
        "dates out of order: `WechatLivenessRecognition` ends on 2021-01-22, but a date above is 2021-02-01",
    );
}

#[test]
fn an_impossible_time_of_day_is_refused() {
    let errors = mutate(
        "from \"2022-01-04 10:00\" per PhoneLabels packs {",
        "from \"2022-01-04 10:61\" per PhoneLabels packs {",
    );
    assert_caught(&errors, "`10:61` is not a real time of day");
}

#[test]
fn a_change_without_its_document_is_refused() {
    let errors = mutate(
        "from \"2022-01-01\" per PhoneLabels flat 1.10,",
        "from \"2022-01-01\" flat 1.10,",
    );
    assert_caught(&errors, "a dated change cites the document it comes from");
}

#[test]
fn a_shared_family_misspelt_in_an_edition_is_the_editions_error() {
    let errors = mutate(
        "codes DetectAuthH5 actions [DetectAuth],\n            StandaloneH5",
        "codes DetectAuthH6 actions [DetectAuth],\n            StandaloneH5",
    );
    assert_caught(
        &errors,
        "unknown code family `DetectAuthH6`; did you mean `DetectAuthH5`?",
    );
}

#[test]
fn the_shared_definitions_check_their_own_codes() {
    let shared = source("shared");
    let broken = shared.replacen(
        "            billed [0, -4, -5],",
        "            billed [0, -4, -5, -6],",
        1,
    );
    let out = faceid_rules_codegen::expand_shared(support::body(&broken)).to_string();
    assert!(
        out.contains("the code -6 is listed twice in code family `PhoneThreeFactor`"),
        "{out}"
    );
    // The editions are handed the definitions marked as reported, and say nothing more.
    assert!(out.contains("(reported)"), "{out}");
    let clean = faceid_rules_codegen::expand_shared(support::body(&shared)).to_string();
    assert!(!clean.contains("compile_error"), "{clean}");
}
