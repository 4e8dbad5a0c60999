#!/usr/bin/env bash
# Expansion time of `billing_table!` before and after a change, side by side in one run:
# the compiler and tables of a baseline commit against those of the working tree.
#
#   faceid-rules-macro/codegen/bench/ab.sh BASE_COMMIT [ROUNDS]
#
# It extracts BASE_COMMIT's compiler and tables (git archive) under target/ab-expand/, builds
# one program that links both compilers (the baseline's renamed `base`), and expands every
# table of each side in turn, ROUNDS times (default 60): medians and the ratio of the
# largest table's. `cargo bench -p faceid-rules-codegen --bench expand` measures the working
# tree alone, with criterion.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BASE=${1:?usage: ab.sh BASE_COMMIT [ROUNDS]}
ROUNDS=${2:-60}
WORK="$ROOT/target/ab-expand"

rm -rf "$WORK/base" "$WORK/harness"
mkdir -p "$WORK/base" "$WORK/harness/src"
git -C "$ROOT" archive "$BASE" faceid-rules-macro/codegen/src faceid-rules/src/tables \
    | tar -x -C "$WORK/base"
# The baseline's compiler as a crate of its own, with the workspace's dependencies.
deps=$(sed -n '/^\[workspace.dependencies\]/,/^\[/p' "$ROOT/Cargo.toml" \
    | grep -E '^(syn|quote|proc-macro2|strsim) ')
cat > "$WORK/base/Cargo.toml" <<TOML
[package]
name = "faceid-rules-codegen-base"
version = "0.0.0"
edition = "2021"

[lib]
path = "faceid-rules-macro/codegen/src/lib.rs"

[dependencies]
$deps
TOML
cat > "$WORK/harness/Cargo.toml" <<TOML
[package]
name = "ab-expand"
version = "0.0.0"
edition = "2021"

[workspace]

[[bin]]
name = "ab-expand"
path = "$ROOT/faceid-rules-macro/codegen/bench/ab_expand.rs"

[dependencies]
base = { package = "faceid-rules-codegen-base", path = "../base" }
new = { package = "faceid-rules-codegen", path = "$ROOT/faceid-rules-macro/codegen" }
proc-macro2 = "1"
TOML
cargo run --quiet --release --manifest-path "$WORK/harness/Cargo.toml" \
    --target-dir "$WORK/target" -- \
    "$WORK/base/faceid-rules/src/tables" "$ROOT/faceid-rules/src/tables" "$ROUNDS"
