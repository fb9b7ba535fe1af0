//! A tour of the binding, told as an application's story: sign in, read the home timeline,
//! post, upload a picture, comment, repost, unfavourite, check the unread counts, clean up,
//! then the typed errors an application has to handle. One line per call.
//!
//! ```text
//! cargo run -p weibo-api --features mock --example tour
//! ```
//!
//! With no configuration it starts the embedded mock server (`weibo_api::mock`) on 127.0.0.1,
//! which answers every call with the endpoint's documented example (or, where the document
//! shows none, the smallest body the response type accepts), and plays the story against it
//! through the generated builders. Steps whose endpoint is not in the spec (its documentation
//! page was not available) say so on their line. It then shows the typed errors: requests refused
//! before any I/O, and faults the mock injects (a rate limit, an expired token, failures that a
//! `RetryPolicy` rides out). Last, every endpoint of `weibo_api::API` the story did not call is
//! called once through its metadata, so that the tour reaches every endpoint of the spec. It
//! exits non-zero if anything did not go as expected.
//!
//! With `WEIBO_BASE_URL` (a host laid out like Weibo's, e.g. `https://api.weibo.com`: v2 below
//! `/2`, OAuth2 below `/oauth2`) and `WEIBO_ACCESS_TOKEN` set (and optionally `WEIBO_APP_KEY`),
//! it plays the story against that server instead. The story posts and deletes statuses, so
//! there it only prints what it would call, unless run with `--yes`:
//!
//! ```text
//! WEIBO_BASE_URL=https://api.weibo.com WEIBO_ACCESS_TOKEN=2.00… cargo run -p weibo-api --features mock --example tour -- --yes
//! ```

mod coverage;
mod errors;
mod report;
mod story;

use report::{label, section, Tour};
use std::process::ExitCode;
use std::time::Duration;
use weibo_api::mock::MockServer;
use weibo_api::{oauth2, Client, RetryPolicy, API};

const USAGE: &str = "usage: tour [--yes]

Without configuration: the story, the typed errors and every endpoint, against the embedded
mock server. With WEIBO_BASE_URL and WEIBO_ACCESS_TOKEN (optionally WEIBO_APP_KEY): the story
against that server instead; it posts and deletes statuses, so only --yes makes the calls
(otherwise they are listed).";

/// The application the tour pretends to be, against the mock.
const APP_KEY: &str = "1234567890";
const APP_SECRET: &str = "mock-app-secret";
const REDIRECT_URI: &str = "https://app.example/callback";

/// What the application writes.
const POST: &str = "你好，微博！这是 weibo-api 导览发的第一条微博。";
const CAPTION: &str = "我家的猫 🐱";
const COMMENT: &str = "沙发！";
const REPOST: &str = "转发一下。";
/// The user's IP, which Weibo's write endpoints ask for (`rip`): a documentation address.
const USER_IP: &str = "203.0.113.7";

/// A 1×1 orange PNG, the picture the application uploads.
const CAT_PNG: [u8; 69] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xd0, 0xa5, 0x02,
    0x00, 0x04, 0x0c, 0x01, 0x9f, 0x33, 0x61, 0x85, 0xb2, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Where nothing answers (a dry run) or an answer lacks them: the documents' example ids.
const EXAMPLE_UID: i64 = 1404376560;
const EXAMPLE_STATUS_ID: i64 = 11488058246;

/// Statuses per page of the home timeline: the mock's documented example holds one.
const PAGE_SIZE: i32 = 1;

/// Query parameters masked when a URL is printed (the client never puts them in URLs; this
/// is a second guard).
const SECRET_PARAMS: [&str; 3] = ["access_token", "client_secret", "code"];

/// Width of the endpoint column.
const LABEL: usize = 28;

#[tokio::main]
async fn main() -> ExitCode {
    let mut yes = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--yes" | "-y" => yes = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("tour: unknown argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let result = match (env("WEIBO_BASE_URL"), env("WEIBO_ACCESS_TOKEN")) {
        (None, None) => against_the_mock().await,
        (Some(root), Some(token)) => against(&root, &token, env("WEIBO_APP_KEY"), yes).await,
        _ => Err("set both WEIBO_BASE_URL and WEIBO_ACCESS_TOKEN, or neither".into()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("tour: {e}");
            ExitCode::FAILURE
        }
    }
}

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

/// The whole tour against the embedded mock. `Ok(true)` when everything went as expected.
async fn against_the_mock() -> Fallible<bool> {
    let server = MockServer::start(&API).await?;
    let root = server.url();
    println!("weibo-api tour: an application's story against the embedded mock server at {root}");
    println!("(it answers with each endpoint's documented example, or where the document shows none with");
    println!(
        " the smallest body the response type accepts: the ids in its answers are the documents')"
    );
    let mut tour = Tour::new(true, false);

    section("Signing in: the OAuth2 web flow");
    let app = Client::builder()
        .app_key(APP_KEY)
        .app_secret(APP_SECRET)
        .api_root(root)
        .build()?;
    let code = story::authorize(&mut tour, root).await?;
    let token = tour
        .call(
            &app,
            oauth2::access_token().code(code).redirect_uri(REDIRECT_URI),
            |t| {
                format!(
                    "token *** for uid {}, expires in {} s",
                    t.uid.as_deref().unwrap_or("?"),
                    t.expires_in.unwrap_or_default()
                )
            },
        )
        .await
        .ok_or("no access token, cannot go on")?
        .value
        .access_token;
    let user = user_client(root, token.expose(), Some(APP_KEY), None)?;

    let uid = story::story(&mut tour, &user, Some(&server)).await;

    section("Errors, typed");
    errors::refused_before_io(&mut tour, Some(&user), Some(&server)).await;
    let patient = RetryPolicy::new()
        .max_attempts(3)
        .initial_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(100));
    let patient = user_client(root, token.expose(), Some(APP_KEY), Some(patient))?;
    errors::injected_faults(&mut tour, &patient, &server, uid).await;

    section("Every endpoint");
    coverage::every_other_endpoint(&mut tour, &user, &server).await;

    let served = server.requests().len();
    server.shutdown().await;
    Ok(tour.finish(true, &format!("the mock served {served} requests")))
}

/// Against a real server: the story (no sign-in, no injected faults), a dry run unless `yes`.
async fn against(root: &str, token: &str, app_key: Option<String>, yes: bool) -> Fallible<bool> {
    let user = user_client(root, token, app_key.as_deref(), None)?;
    println!("weibo-api tour: an application's story against {root} (WEIBO_BASE_URL)");
    println!("It posts a status, a picture, a comment and a repost, then deletes the statuses.");
    let mut tour = Tour::new(false, !yes);
    if tour.dry_run {
        println!("Dry run: nothing is sent. Rerun with --yes to make these calls.");
    }
    section("Signing in");
    println!(
        "  {:<LABEL$} skipped: the code exchange needs a browser login (WEIBO_ACCESS_TOKEN is used)",
        label(&oauth2::ACCESS_TOKEN)
    );
    story::story(&mut tour, &user, None).await;
    section("Errors, typed");
    errors::refused_before_io(&mut tour, None, None).await;
    println!(
        "  injected faults (rate limit, expired token, retries) need the embedded mock: skipped"
    );
    Ok(tour.finish(false, "against WEIBO_BASE_URL"))
}

fn user_client(
    root: &str,
    token: &str,
    app_key: Option<&str>,
    retry: Option<RetryPolicy>,
) -> weibo_api::Result<Client> {
    let mut builder = Client::builder().access_token(token).api_root(root);
    if let Some(app_key) = app_key {
        builder = builder.app_key(app_key);
    }
    if let Some(retry) = retry {
        builder = builder.retry(retry);
    }
    builder.build()
}
