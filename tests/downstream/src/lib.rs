//! A downstream crate that extends `weibo-api` with endpoints of its own, the way a user of the
//! library would: it depends on `weibo-api` only, writes `spec/downstream.yaml`, and lets
//! `weibo_api::generate!` produce the builders, models and endpoint table from it.
//!
//! The spec adds the v2 equivalents of two v1 endpoints that `weibo-api` already has
//! (`statuses/destroy`, `favorites/destroy_batch`) and the read endpoint
//! `statuses/user_timeline`. It reuses `weibo_api::models::Status` through `extern_models`, so a
//! status from either crate is the same Rust type.
//!
//! ```no_run
//! # async fn run() -> weibo_api::Result<()> {
//! let client = weibo_api::Client::builder().access_token("2.00xyzTOKEN").build()?;
//!
//! // The v1 endpoint from weibo-api and its v2 equivalent from this crate, side by side.
//! let old: weibo_api::models::Status = weibo_api::v1::statuses_destroy().id(142312).send(&client).await?;
//! let new: weibo_api::models::Status = weibo_downstream::v2::statuses_destroy().id(11488058246).send(&client).await?;
//!
//! let timeline = weibo_downstream::v2::statuses_user_timeline().uid(1404376560).count(50).send(&client).await?;
//! println!("{} of {} statuses", timeline.statuses.len(), timeline.total_number.unwrap_or_default());
//! # let _ = (old, new);
//! # Ok(()) }
//! ```

// A downstream crate may be strict and on a newer edition than weibo-api (2021): the generated
// code must still compile, documented and without `unsafe`.
#![deny(missing_docs, unsafe_code, rust_2018_idioms)]

weibo_api::generate!("spec/downstream.yaml");
