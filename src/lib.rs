//! This package owns the workspace's integration and UI tests (`tests/`). Its library is empty
//! except under `cargo test`, where it carries the README: rustdoc compiles every ```` ```rust ````
//! block of `README.md` and runs those not marked `no_run` (against the embedded mock server,
//! never Weibo), with warnings denied. `tests/readme.rs` checks the rest: which blocks may skip
//! running, and that the `ignore`d one is a real, running test word for word.

#![forbid(unsafe_code)]
#![doc(test(attr(deny(warnings))))]

/// `README.md`, for its doctests only.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
