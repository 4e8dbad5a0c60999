//! Compile-time behaviour of `billing_table!` and of the code it generates, pinned with
//! trybuild.
//!
//! - `ui/ok/`: tables and dependent code that must compile and run.
//! - `ui/err/<topic>/`: one case per check of the compiler, each a copy of `ui/ok/minimal.rs`
//!   with one thing broken; its `.stderr` pins the message and the token it points at.
//! - `ui/err/lookup/`: the compile-time lookups (`legacy::channel!("…")`) of the shipped tables.
//! - `ui/err/dependent/`: a dependent crate whose `match` misses a channel. Its `.stderr` is
//!   the only one that holds rustc's own diagnostic (E0004); every other one holds only the
//!   table compiler's messages.
//!
//! Regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p faceid-rules-tests --test ui`, and read every changed
//! `.stderr` before keeping it.

/// One trybuild run over the failing cases of `topic`.
fn compile_fail(topic: &str) {
    trybuild::TestCases::new().compile_fail(format!("ui/err/{topic}/*.rs"));
}

#[test]
fn ok() {
    trybuild::TestCases::new().pass("ui/ok/*.rs");
}

#[test]
fn references() {
    compile_fail("references");
}

#[test]
fn names() {
    compile_fail("names");
}

#[test]
fn mapping() {
    compile_fail("mapping");
}

#[test]
fn labels() {
    compile_fail("labels");
}

#[test]
fn tiers() {
    compile_fail("tiers");
}

#[test]
fn packs() {
    compile_fail("packs");
}

#[test]
fn money() {
    compile_fail("money");
}

#[test]
fn codes() {
    compile_fail("codes");
}

#[test]
fn dates() {
    compile_fail("dates");
}

#[test]
fn editions() {
    compile_fail("editions");
}

#[test]
fn shared() {
    compile_fail("shared");
}

#[test]
fn syntax() {
    compile_fail("syntax");
}

#[test]
fn many() {
    compile_fail("many");
}

#[test]
fn lookup() {
    compile_fail("lookup");
}

#[test]
fn dependent() {
    compile_fail("dependent");
}
