//! A tour of the binding: every endpoint of `spec/weibo.yaml`, called through the generated
//! typed client, one line per call.
//!
//! ```text
//! cargo run -p weibo-api --features mock --example tour
//! ```
//!
//! With no configuration it starts the embedded mock server (`weibo_api::mock`) on 127.0.0.1
//! and runs the OAuth2 web flow, every endpoint (one of them again as XML), two calls that
//! fail on purpose with typed errors, and finally checks that every endpoint in
//! `weibo_api::API` was called, so an endpoint added to the spec but not to the tour is
//! noticed. It exits non-zero if anything did not go as expected.
//!
//! With `WEIBO_BASE_URL` (a host laid out like Weibo's, e.g. `https://api.weibo.com`: v2
//! below `/2`, OAuth2 below `/oauth2`) and `WEIBO_ACCESS_TOKEN` set (and optionally
//! `WEIBO_APP_KEY`), it targets that server instead. Every documented endpoint is destructive
//! (it deletes statuses and favourites, ends the session, revokes the token), so there it only
//! prints what it would call, unless run with `--yes`:
//!
//! ```text
//! WEIBO_BASE_URL=https://api.weibo.com WEIBO_ACCESS_TOKEN=2.00… cargo run -p weibo-api --features mock --example tour -- --yes
//! ```

use serde::de::DeserializeOwned;
use std::process::ExitCode;
use url::Url;
use weibo_api::meta::Endpoint;
use weibo_api::mock::MockServer;
use weibo_api::{oauth2, v1, v2, AuthorizeUrl, Client, Error, Format, IntoRequest, Method, API};

const USAGE: &str = "usage: tour [--yes]

Without configuration: every endpoint against the embedded mock server.
With WEIBO_BASE_URL and WEIBO_ACCESS_TOKEN (optionally WEIBO_APP_KEY): that server instead;
the endpoints are destructive, so only --yes makes the calls (otherwise they are listed).";

/// The application the tour pretends to be, against the mock.
const APP_KEY: &str = "1234567890";
const APP_SECRET: &str = "mock-app-secret";
const REDIRECT_URI: &str = "https://app.example/callback";

/// The documents' example ids.
const STATUS_ID: i64 = 1472669360;
const FAVOURITE_IDS: [i64; 2] = [3958728723, 3958728724];
const KANDIAN_ID: i64 = 3260213;
const KANDIAN_STATUS_ID: i64 = 3377417550859416;

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
    println!(
        "weibo-api tour: every endpoint of {} against the embedded mock server at {root}",
        API.spec
    );
    let mut tour = Tour::default();

    section("OAuth2 web flow");
    let app = Client::builder()
        .app_key(APP_KEY)
        .app_secret(APP_SECRET)
        .api_root(root)
        .build()?;
    let code = authorize(&mut tour, root).await?;
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
        .access_token;
    let user = Client::builder()
        .access_token(token.expose())
        .app_key(APP_KEY)
        .api_root(root)
        .build()?;
    // As in the documents' curl examples: `curl -u uid:password … ?source=appkey`.
    let basic = Client::builder()
        .basic_auth("uid", "password")
        .app_key("appkey")
        .api_root(root)
        .build()?;

    documented_calls(&mut tour, &basic, &user).await;

    section("The same status, as XML");
    tour.call(
        &basic,
        v1::statuses_destroy()
            .id(STATUS_ID)
            .method(Method::Delete)
            .format(Format::Xml),
        show_status,
    )
    .await;

    section("Errors, typed");
    let before = server.requests().len();
    tour.expect_error(
        &v1::FAVORITES_DESTROY_BATCH,
        "with 21 ids",
        v1::favorites_destroy_batch()
            .ids((1..=21).collect::<Vec<i64>>())
            .into_request()
            .map(drop),
        |e| {
            matches!(
                e,
                Error::InvalidRequest {
                    parameter: Some("ids"),
                    ..
                }
            )
        },
    );
    if server.requests().len() != before {
        tour.unexpected("the invalid request reached the server");
    }
    let anonymous = Client::builder().app_key(APP_KEY).api_root(root).build()?;
    tour.expect_error(
        &v2::ACCOUNT_END_SESSION,
        "without a token",
        anonymous.send(v2::account_end_session()).await.map(drop),
        |e| e.api_code() == Some(21301),
    );

    section("Revoking the token");
    revoke(&mut tour, &user).await;

    let served = server.requests().len();
    server.shutdown().await;
    Ok(tour.finish(true, &format!("the mock served {served} requests")))
}

/// Against a real server: a dry run unless `yes`.
async fn against(root: &str, token: &str, app_key: Option<String>, yes: bool) -> Fallible<bool> {
    let mut builder = Client::builder().access_token(token).api_root(root);
    if let Some(app_key) = app_key {
        builder = builder.app_key(app_key);
    }
    let user = builder.build()?;
    println!(
        "weibo-api tour: every endpoint of {} against {root} (WEIBO_BASE_URL)",
        API.spec
    );
    println!(
        "These endpoints delete statuses and favourites, end the session and revoke the token."
    );
    let mut tour = Tour {
        dry_run: !yes,
        ..Tour::default()
    };
    if tour.dry_run {
        println!("Dry run: nothing is sent. Rerun with --yes to make these calls.");
    }
    documented_calls(&mut tour, &user, &user).await;
    revoke(&mut tour, &user).await;
    println!(
        "  {:<LABEL$} skipped: the code exchange needs a browser login (use WEIBO_ACCESS_TOKEN)",
        label(&oauth2::ACCESS_TOKEN)
    );
    Ok(tour.finish(false, "against WEIBO_BASE_URL"))
}

/// The documented calls both modes make, in the documents' order.
async fn documented_calls(tour: &mut Tour, basic: &Client, user: &Client) {
    section("Statuses and favourites (v1)");
    tour.call(
        basic,
        v1::statuses_destroy().id(STATUS_ID).method(Method::Delete),
        show_status,
    )
    .await;
    tour.call(
        user,
        v1::favorites_destroy_batch().ids(FAVOURITE_IDS),
        |list| {
            let first = list.first().map(|s| {
                format!(
                    ": status {} by {}",
                    s.id,
                    s.user
                        .as_ref()
                        .and_then(|u| u.screen_name.as_deref())
                        .unwrap_or("?")
                )
            });
            format!(
                "{} favourite(s) removed{}",
                list.len(),
                first.unwrap_or_default()
            )
        },
    )
    .await;

    section("Account and Kandian (v2)");
    tour.call(user, v2::account_end_session(), |u| {
        format!(
            "logged out {} (uid {}), {}",
            u.screen_name.as_deref().unwrap_or("?"),
            u.id,
            u.location.as_deref().unwrap_or("?")
        )
    })
    .await;
    tour.call(
        user,
        v2::kandian_statuses_destroy()
            .kandian_id(KANDIAN_ID)
            .id(KANDIAN_STATUS_ID),
        |s| {
            let annotation = s.annotations.first();
            format!(
                "deleted Kandian status {} (feed {}, programme {})",
                s.id,
                annotation
                    .and_then(|a| a["feedId"].as_i64())
                    .unwrap_or_default(),
                annotation
                    .and_then(|a| a["epgId"].as_i64())
                    .unwrap_or_default()
            )
        },
    )
    .await;

    section("The token (OAuth2)");
    tour.call(user, oauth2::get_token_info(), |info| {
        format!(
            "uid {}, appkey {}, expires in {} s",
            info.uid.unwrap_or_default(),
            info.appkey.as_deref().unwrap_or("?"),
            info.expire_in.unwrap_or_default()
        )
    })
    .await;
}

async fn revoke(tour: &mut Tour, user: &Client) {
    tour.call(user, oauth2::revokeoauth2(), |r| {
        format!("revoked: {}", r.result)
    })
    .await;
}

/// `GET /oauth2/authorize`, as a browser would, and the code from the redirect. Not an API
/// call (the user logs in on Weibo's page); the mock approves at once.
async fn authorize(tour: &mut Tour, root: &str) -> Fallible<String> {
    let url = AuthorizeUrl::new(APP_KEY, REDIRECT_URI)
        .state("tour")
        .api_root(root)
        .to_url()?;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = browser.get(url.clone()).send().await?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| Url::parse(l).ok())
        .ok_or_else(|| format!("authorize answered HTTP {status} without a redirect"))?;
    let param = |name: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let code = param("code").ok_or("the redirect carries no code")?;
    if param("state").as_deref() != Some("tour") {
        tour.unexpected("the redirect did not return the state unchanged");
    }
    println!(
        "  {:<LABEL$} {:<6} {status}  {}  -> back to {REDIRECT_URI} with code *** and state \"tour\"",
        "oauth2 authorize (browser)",
        "GET",
        masked(&url)
    );
    Ok(code)
}

fn show_status(s: &weibo_api::models::Status) -> String {
    format!(
        "deleted status {} by {}: {:?}",
        s.id,
        s.user
            .as_ref()
            .and_then(|u| u.screen_name.as_deref())
            .unwrap_or("?"),
        s.text.as_deref().unwrap_or_default()
    )
}

/// What was called and what went wrong.
#[derive(Default)]
struct Tour {
    dry_run: bool,
    called: Vec<&'static Endpoint>,
    failures: usize,
}

impl Tour {
    /// Sends one request and prints one line; `None` (and a failure) if it did not succeed.
    async fn call<T>(
        &mut self,
        client: &Client,
        builder: T,
        show: impl FnOnce(&T::Response) -> String,
    ) -> Option<T::Response>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        let request = match builder.into_request() {
            Ok(request) => request,
            Err(e) => {
                self.unexpected(&e.to_string());
                return None;
            }
        };
        let endpoint = request.endpoint();
        let label = label(endpoint);
        if self.dry_run {
            match client.url_of(&request) {
                Ok(url) => println!(
                    "  {label:<LABEL$} {:<6} would call {}",
                    request.method().as_str(),
                    masked(&url)
                ),
                Err(e) => self.unexpected(&e.to_string()),
            }
            return None;
        }
        match client.send_detailed(request).await {
            Ok(response) => {
                self.called.push(endpoint);
                println!(
                    "  {label:<LABEL$} {:<6} {}  {}  -> {}",
                    response.method.as_str(),
                    response.status,
                    masked(&response.url),
                    show(&response.value)
                );
                Some(response.value)
            }
            Err(e) => {
                self.unexpected(&format!("{label}: {e}"));
                None
            }
        }
    }

    /// A call to `endpoint` that must fail with the error `expected` recognises.
    fn expect_error(
        &mut self,
        endpoint: &Endpoint,
        what: &str,
        result: weibo_api::Result<()>,
        expected: impl Fn(&Error) -> bool,
    ) {
        let what = format!("{} {what}", label(endpoint));
        match result {
            Err(e) if expected(&e) => {
                let kind = match &e {
                    Error::Api(_) => "Error::Api",
                    Error::InvalidRequest { .. } => "Error::InvalidRequest, nothing sent",
                    _ => "Error",
                };
                println!("  {what}  -> {kind}: {e}");
            }
            Err(e) => self.unexpected(&format!("{what}: failed differently: {e}")),
            Ok(()) => self.unexpected(&format!("{what}: succeeded but should have failed")),
        }
    }

    fn unexpected(&mut self, what: &str) {
        self.failures += 1;
        println!("  FAILED: {what}");
    }

    /// Prints the summary; `true` when nothing failed (and, if `all_required`, every endpoint
    /// of the spec was called).
    fn finish(self, all_required: bool, note: &str) -> bool {
        println!();
        let missing: Vec<String> = API
            .endpoints
            .iter()
            .filter(|e| !self.called.iter().any(|c| std::ptr::eq(*c, **e)))
            .map(|e| label(e))
            .collect();
        if self.dry_run {
            println!("Dry run: nothing was sent.");
            return self.failures == 0;
        }
        if missing.is_empty() {
            println!(
                "All {} endpoints of {} called ({note}).",
                API.endpoints.len(),
                API.spec
            );
        } else {
            println!(
                "Not called ({note}): {}{}",
                missing.join(", "),
                if all_required {
                    " -- add them to examples/tour.rs"
                } else {
                    ""
                }
            );
        }
        let not_called = if all_required { missing.len() } else { 0 };
        if self.failures == 0 && not_called == 0 {
            println!("Tour complete: every call went as expected.");
            true
        } else {
            println!(
                "Tour failed: {} unexpected result(s), {not_called} endpoint(s) not called.",
                self.failures
            );
            false
        }
    }
}

fn section(title: &str) {
    println!("\n{title}");
}

/// `v1 statuses/destroy`: the version key and the documented name.
fn label(endpoint: &Endpoint) -> String {
    format!("{} {}", endpoint.version.key, endpoint.name)
}

/// The URL with any secret query value replaced by `***`.
fn masked(url: &Url) -> String {
    if !url
        .query_pairs()
        .any(|(k, _)| SECRET_PARAMS.contains(&k.as_ref()))
    {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            let v = if SECRET_PARAMS.contains(&k.as_str()) {
                "***".to_string()
            } else {
                v
            };
            (k, v)
        })
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut().clear().extend_pairs(pairs);
    out.to_string()
}
