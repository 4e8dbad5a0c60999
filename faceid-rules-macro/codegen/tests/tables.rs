//! The compiler on the real tables, as plain Rust: both editions compile, and each check
//! catches a realistic mistake made in the real legacy table (so that removing the check
//! makes a test here fail).

mod support;

use support::{body, diagnose, source};

#[test]
fn both_editions_compile_without_errors() {
    for name in ["legacy", "current"] {
        let errors = diagnose(&source(name));
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let out = faceid_rules_codegen::expand_table(body(&source(name))).to_string();
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
        "            Upload => LivenessCompare / EnhancedUploadWechat,\n",
        "",
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
    let errors = mutate("codes AppSdk", "codes AppSkd");
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
    let errors = mutate("1.. => 1.50", "0.. => 1.50");
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
    let src = source("legacy");
    let errors = diagnose(&src.replacen(
        "billed [0, 2006, 2007, 2009..=2016]",
        "billed [0, 2006, 2007, 2009..=2016, 2010]",
        1,
    ));
    assert_caught(
        &errors,
        "the code 2010 is listed twice in code family `DetectAuthWechat`",
    );
}

#[test]
fn a_change_on_a_day_that_does_not_exist_is_refused() {
    let src = source("legacy");
    let errors = diagnose(&src.replacen("from \"2021-07-19\"", "from \"2021-02-29\"", 1));
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
        .replacen("from \"2021-07-19\"", "from \"2021-13-19\"", 1);
    let errors = diagnose(&broken);
    assert!(errors.len() >= 3, "{errors:#?}");
}
