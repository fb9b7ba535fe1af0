//! Compile-time guarantees, checked with trybuild: what must not compile (with the error a
//! newcomer reads, committed as `.stderr` next to each case) and what must compile without
//! ceremony.
//!
//! - `tests/ui/required/`: builders with a required parameter missing, or a value of the
//!   wrong type.
//! - `tests/ui/misuse/`: the spec's newer constructs misused: neither or both members of an
//!   exactly-one-of group, no member of an at-least-one-of group, an undocumented enum value,
//!   a number for an enum or a flag, text for a file, integers for a list of strings.
//! - `tests/ui/spec-errors/`: `weibo_api::generate!` on a malformed spec from
//!   `tests/ui/specs/`; the error names the spec file, line and column, what is wrong and how
//!   to fix it.
//! - `tests/ui/pass/`: every seed endpoint of `spec/weibo.yaml` built with only its required
//!   parameters, a spec whose names are Rust keywords, and each construct used as documented
//!   (list setters, one-of groups, enums, uploads, paging with both clients, every response
//!   shape). These run, without network I/O.
//!
//! After an intended change, refresh the expected output with
//! `TRYBUILD=overwrite cargo test --test ui` and read every changed `.stderr`.

#[test]
fn ui() {
    // trybuild compiles the cases in a crate of its own under `target/tests/trybuild/`, so the
    // macro's `CARGO_MANIFEST_DIR` is not this repository. `WEIBO_API_SPEC_DIR` tells it where
    // relative spec paths such as `tests/ui/specs/...` live (see `generate` in
    // weibo-macros/src/expand.rs).
    std::env::set_var("WEIBO_API_SPEC_DIR", env!("CARGO_MANIFEST_DIR"));

    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/required/*.rs");
    t.compile_fail("tests/ui/misuse/*.rs");
    t.compile_fail("tests/ui/spec-errors/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
