//! A downstream crate with one real Weibo v2 endpoint per construct of the spec language: a file
//! upload (`statuses/upload`), exactly-one-of and at-least-one-of groups (`users/show`,
//! `friendships/show`, `statuses/upload_url_text`), integer and string enumerations
//! (`statuses/home_timeline`, `emotions`), `0`/`1` and `true`/`false` flags, fractional ranges
//! (`place/nearby/photos`), string lengths and conditional requirements (`statuses/update`),
//! repeated keys (`short_url/shorten`), maps keyed by data (`trends/hourly`,
//! `location/geo/is_domestic`), data-keyed members (`tags`), page, cursor and max_id paging
//! (`statuses/home_timeline`, `friendships/friends`, `comments/by_me`) and an endpoint on another
//! host (`remind/unread_count`). `spec/constructs.yaml` says where each was transcribed from.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use futures_util::StreamExt;
//! use weibo_constructs::{models::Feature, v2};
//!
//! let client = weibo_api::Client::builder().access_token("2.00xyzTOKEN").build()?;
//! let pic = weibo_api::Upload::read("cat.jpg").await?; // std::io::Error
//! let status = v2::statuses_upload().status("喵").pic(pic).rip("211.156.0.1").send(&client).await?;
//! let user = v2::users_show().screen_name("zaku").send(&client).await?;
//! let mut originals = v2::statuses_home_timeline().feature(Feature::Original).pages(&client).take(100);
//! while let Some(status) = originals.next().await {
//!     println!("{}", status?.id);
//! }
//! # let _ = (status, user);
//! # Ok(()) }
//! ```

// As strict as tests/downstream: the generated code must be documented and free of `unsafe`.
#![deny(missing_docs, unsafe_code, rust_2018_idioms)]

weibo_api::generate!("spec/constructs.yaml");
