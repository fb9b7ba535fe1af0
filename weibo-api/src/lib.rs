//! A typed Rust binding for the Sina Weibo open API.
//!
//! Every endpoint, its parameters, its response model and its documentation are generated at
//! compile time from `spec/weibo.yaml` by [`generate!`]. Nothing endpoint-specific is written
//! by hand: to add an endpoint, add it to the spec.
//!
//! ```no_run
//! # async fn run() -> weibo_api::Result<()> {
//! use weibo_api::{v1, v2, Client};
//!
//! let client = Client::builder()
//!     .access_token("2.00xyzTOKEN")
//!     .app_key("1234567890")
//!     // v1 is documented at plain HTTP, where credentials are refused: an HTTPS host serving v1.
//!     .base_url("v1", "https://v1.example")
//!     .build()?;
//!
//! let status = v1::statuses_destroy().id(142312).send(&client).await?;
//! let favourites = v1::favorites_destroy_batch().ids([3958728723, 3958728724]).send(&client).await?;
//! let user = v2::account_end_session().send(&client).await?;
//! let kandian = v2::kandian_statuses_destroy().kandian_id(3260213).id(3377417550859416).send(&client).await?;
//! # let _ = (status, favourites, user, kandian);
//! # Ok(()) }
//! ```
//!
//! Forgetting a required parameter does not compile, and the error names it:
//!
//! ```compile_fail
//! # async fn run(client: &weibo_api::Client) {
//! weibo_api::v1::statuses_destroy().send(client).await; // `statuses/destroy` is missing the required parameter `id`
//! # }
//! ```
//!
//! Where things are:
//!
//! - [`v1`], [`v2`], [`oauth2`]: one module per API version, one builder per endpoint, with the
//!   document's URL, methods, formats, auth, rate limit and parameter table; [`models`]: the
//!   response types; [`API`]: the endpoint metadata table.
//! - [`Client`] (async) and, with the `blocking` feature, `blocking::Client`, configured by
//!   [`ClientBuilder`] (credentials checked at `build()`, no redirects, no secrets over plain
//!   HTTP, opt-in [`RetryPolicy`], a `tracing` span per call); [`AuthorizeUrl`] for the first
//!   step of the OAuth2 web flow (with an unguessable [`AuthorizeUrl::random_state`]) and
//!   [`AuthorizeRedirect`] for the callback.
//! - [`Error`]: API error bodies ([`ApiError`], with `is_auth`/`is_rate_limited`/`is_retryable`),
//!   requests rejected before any I/O, transport and decode errors; [`error_codes`]: Weibo's
//!   documented error codes, their meanings and categories.
//! - Decoding keeps what Weibo sent (strings exactly, entities decoded once, XML lists and
//!   `source` links read structurally, members the spec does not declare kept in `extra`) and
//!   ends in a value or an [`Error`] for any body: nesting deeper than [`MAX_DEPTH`] and XML
//!   `DOCTYPE`s are refused before deserializing.
//! - With the `mock` feature, `mock::MockServer`: a local Weibo served from the metadata table,
//!   which can also misbehave on request (`mock::Fault`), play the OAuth2 authorize step
//!   (`MockServer::authorize`) and run from blocking code (`MockServer::start_blocking`).
//! - [`generate!`]: the macro behind all of this, for your own spec.
//!
//! Features: `webpki-roots` (default; HTTPS trusts Mozilla's bundled roots), `native-roots`
//! (the operating system's roots), `blocking`, `mock`. An application's own `reqwest::Client`
//! goes in through [`ClientBuilder::http_client`]; builders are named `…Builder` and start
//! from a function of the endpoint's name (`v2::statuses_update()` returns a
//! `v2::StatusesUpdateBuilder`).

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as weibo_api;

mod authorize;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod client;
mod config;
mod credentials;
#[doc(hidden)]
pub mod de;
mod decode;
pub mod error;
pub mod error_codes;
mod link;
pub mod meta;
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub mod mock;
pub mod paging;
mod request;
mod retry;
mod secret;
mod shapes;
mod tls;
mod trace;
mod upload;

pub use authorize::{AuthorizeRedirect, AuthorizeUrl};
pub use client::{Client, ClientBuilder, Response};
pub use decode::MAX_DEPTH;
pub use error::{ApiError, Error, Result};
pub use link::Link;
pub use request::{
    CallOptions, Format, IntoRequest, Method, Missing, ParamValue, Params, Request, ToParam,
};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use shapes::{IntoList, Json, Map, OrUnknown, Set, Slot, WireEnum};
pub use upload::Upload;

/// Generates a typed binding from a YAML spec; see the README's "Extending" section.
pub use weibo_macros::generate;

/// Weibo's timestamps, with their original UTC offset.
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// What generated code needs from this crate; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::de;
    pub use crate::link::optional as link;
    pub use crate::shapes::map;
    pub use serde;

    /// What a setter accepts where more than one type will do: anything that converts into
    /// the parameter's type `T`. One trait shared by every setter (rather than one per
    /// parameter) keeps the generated code small; the error for a wrong value still names the
    /// expected type, and rustc points at the setter (`required by a bound in …::count`).
    /// Setters whose parameter takes exactly one type (`i64`, `bool`, an enum, an upload)
    /// take that type directly.
    #[diagnostic::on_unimplemented(
        message = "this parameter expects `{T}` or a value that converts into it, found `{Self}`",
        label = "`{Self}` does not convert into `{T}`",
        note = "the setter's documentation says what it accepts: parse text first (e.g. `\"20\".parse::<{T}>()`), format other values first (e.g. `n.to_string()`)"
    )]
    pub trait Accepts<T>: Into<T> {}
    #[diagnostic::do_not_recommend]
    impl<T, U: Into<T>> Accepts<T> for U {}

    /// What a list parameter's setter accepts: an array, a slice or a `Vec` of its items
    /// ([`IntoList`](crate::IntoList)), under a message that says so.
    #[diagnostic::on_unimplemented(
        message = "this parameter expects a list of `{T}`, found `{Self}`",
        label = "`{Self}` is not an array, a slice or a `Vec` of `{T}`",
        note = "pass the items as an array, a slice or a `Vec`, e.g. `[a, b]`, with items of type `{T}` (`&str` for `String` items)"
    )]
    pub trait AcceptsList<T>: crate::IntoList<T> {}
    #[diagnostic::do_not_recommend]
    impl<T, U: crate::IntoList<T>> AcceptsList<T> for U {}

    /// The bound of a builder's `build`/`send` on the state of a required parameter: met once
    /// the parameter is set (the state is then its value, of type `T`), not while the state is
    /// [`Missing`](crate::Missing). `P` is a marker type named after the endpoint and the
    /// parameter (`kandian_statuses_destroy::kandian_id`), so that the compiler's message
    /// names both, with one generic impl instead of a trait and an impl per parameter.
    #[diagnostic::on_unimplemented(
        message = "this request is missing the required parameter `{P}`",
        label = "required parameter `{P}` was never set on this request",
        note = "call the setter named like the last segment of `{P}` on the builder before `.build()` or `.send(…)`"
    )]
    pub trait Required<T, P>: Into<T> {}
    #[diagnostic::do_not_recommend]
    impl<T, P> Required<T, P> for T {}
}

generate!("spec/weibo.yaml");
