//! Tests of the faceid-rules workspace; see `tests/`.
