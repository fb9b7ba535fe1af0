//! Compile-time guarantees, checked with trybuild: what must not compile (with the error a
//! newcomer would read, committed as `.stderr`) and what must compile without ceremony.
//!
//! Refresh the expected output after an intended change with
//! `TRYBUILD=overwrite cargo test --test ui`, then read every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/required/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
