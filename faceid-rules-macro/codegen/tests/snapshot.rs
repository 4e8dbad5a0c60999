//! The expansion of a small table, formatted and pinned: a change to what the macro
//! generates shows up here as a readable diff. `tests/snapshots/minimal.expanded.rs` is also
//! the place to read what `billing_table!` writes.
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test -p faceid-rules-codegen --test snapshot`.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

fn rustfmt(code: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt runs (it comes with the toolchain)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(code.as_bytes())
        .expect("write to rustfmt");
    let out = child.wait_with_output().expect("rustfmt finishes");
    assert!(out.status.success(), "rustfmt failed on the expansion");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn minimal_table_expansion_is_pinned() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/ui/ok/minimal.rs"
    ))
    .expect("the minimal table");
    let expanded = faceid_rules_codegen::expand_table(support::body(&source)).to_string();
    let formatted = rustfmt(&expanded);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/minimal.expanded.rs"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &formatted).expect("write the snapshot");
        return;
    }
    let pinned = std::fs::read_to_string(path).expect("the snapshot exists");
    assert!(
        pinned == formatted,
        "the expansion changed; review it with UPDATE_SNAPSHOTS=1 and `git diff {path}`"
    );
}
