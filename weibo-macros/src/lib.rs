//! The procedural macro behind [`weibo-api`](https://docs.rs/weibo-api).
//!
//! Use it through `weibo_api::generate!("path/to/spec.yaml")`; the path is resolved against the
//! invoking crate's `CARGO_MANIFEST_DIR`. The pipeline is the one serde_derive and thiserror use:
//! `load` reads the YAML into the raw spec model (`spec`), `valid` checks every rule and
//! builds the typed intermediate form (`ir`) while collecting *all* problems, and `expand`
//! only emits tokens (private modules of this crate). Any problem becomes a `compile_error!` naming the spec file, line and column
//! and how to fix it; the macro never panics.

#![forbid(unsafe_code)]

mod diag;
mod docs;
mod expand;
mod input;
mod ir;
mod load;
mod locate;
mod names;
mod spec;
mod types;
mod valid;

#[cfg(test)]
mod snapshot;

/// Generates the typed Weibo API binding described by a YAML spec file.
///
/// ```text
/// weibo_api::generate!("spec/my-endpoints.yaml");
/// ```
///
/// At the invocation site it emits `models` (the spec's response types), one module per API
/// version (e.g. `v2`) holding a builder, a constructor function and a metadata static per
/// endpoint, and `API`, the table of every endpoint (what the mock server serves). The output
/// refers to the runtime only through `::weibo_api::…`, so it compiles in any crate that
/// depends on `weibo-api`.
///
/// The path is resolved against the invoking crate's `CARGO_MANIFEST_DIR` (absolute paths are
/// used as written; if no file is there and `WEIBO_API_SPEC_DIR` is set, against that). The
/// file is included with `include_bytes!`, so editing it rebuilds the crate. A malformed spec
/// is a compile error per problem, naming the file, line and column and how to fix it.
///
/// See the `weibo-api` README ("The spec language" and "Extending") for the spec format.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::generate(input.into()).into()
}
