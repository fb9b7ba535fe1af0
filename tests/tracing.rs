//! Every call emits a `weibo_api.call` span with endpoint, method, status, attempt, elapsed
//! time and error class, and nothing a subscriber sees ever holds a secret: calls with an
//! access token, an app secret and a Basic password, succeeding and failing in every way, are
//! captured by a `tracing` subscriber and the output is searched for them.

mod support;

use base64::Engine as _;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::TestServer;
use tracing_subscriber::fmt::format::FmtSpan;
use weibo_api::mock::{Fault, MockServer};
use weibo_api::{oauth2, v1, v2, Client, RetryPolicy};

const TOKEN: &str = "2.00TRACEtokenSECRET";
const APP_SECRET: &str = "traceAPPSECRETvalue";
const PASSWORD: &str = "tracePASSWORDvalue";

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }

    /// A subscriber writing here: every level, every span's close with its fields.
    fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(FmtSpan::CLOSE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish()
    }
}

fn assert_no_secret(output: &str) {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("uid:{PASSWORD}"));
    for secret in [TOKEN, APP_SECRET, PASSWORD, basic.as_str()] {
        assert!(
            !output.contains(secret),
            "a secret reached the trace output:\n{output}"
        );
    }
}

/// The line of the closed span of the `n`th call to `endpoint`.
fn closed_span<'a>(output: &'a str, endpoint: &str, n: usize) -> &'a str {
    output
        .lines()
        .filter(|l| l.contains("close") && l.contains(&format!("endpoint=\"{endpoint}\"")))
        .nth(n)
        .unwrap_or_else(|| panic!("no closed span #{n} for {endpoint}:\n{output}"))
}

#[tokio::test]
async fn calls_are_traced_with_their_outcome_and_never_a_secret() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber());

    let server = MockServer::start(&weibo_api::API).await.unwrap();
    let user = Client::builder()
        .access_token(TOKEN)
        .app_key("1234567890")
        .app_secret(APP_SECRET)
        .api_root(server.url())
        .timeout(Duration::from_millis(300))
        .retry(
            RetryPolicy::new()
                .initial_delay(Duration::from_millis(5))
                .jitter(false),
        )
        .build()
        .unwrap();
    let basic = Client::builder()
        .basic_auth("uid", PASSWORD)
        .app_key("1234567890")
        .api_root(server.url())
        .build()
        .unwrap();

    // Successes: a GET with the token header, a Basic POST, the token in a form body.
    v2::account_end_session().send(&user).await.unwrap();
    v1::statuses_destroy().id(1).send(&basic).await.unwrap();
    oauth2::get_token_info().send(&user).await.unwrap();
    // A GET retried twice through 503s, then successful.
    server.inject(Fault::http_status(503).times(2));
    v2::account_end_session().send(&user).await.unwrap();
    // Failures: a Weibo error, a timeout, the app secret refused with a Weibo error, a request
    // refused before any I/O, a 5xx on a POST, credentials refused over plain HTTP.
    server.inject(Fault::weibo_error(21327).times(1));
    v2::account_end_session().send(&user).await.unwrap_err();
    server.inject(
        Fault::delay(Duration::from_secs(1))
            .on(&v1::STATUSES_DESTROY)
            .times(1),
    );
    v1::statuses_destroy().id(2).send(&user).await.unwrap_err();
    oauth2::access_token()
        .code("not-issued")
        .redirect_uri("https://app.example/cb")
        .send(&user)
        .await
        .unwrap_err();
    v1::favorites_destroy_batch()
        .ids(Vec::<i64>::new())
        .send(&user)
        .await
        .unwrap_err();
    server.inject(Fault::http_status(502).times(1));
    v1::statuses_destroy().id(3).send(&basic).await.unwrap_err();
    let remote = Client::builder()
        .access_token(TOKEN)
        .api_root("http://weibo.example")
        .build()
        .unwrap();
    v2::account_end_session().send(&remote).await.unwrap_err();

    // A redirect and an undecodable body from plain servers.
    for server in [
        TestServer::json(302, "").await,
        TestServer::json(200, "{\"id\": \"x\"}").await,
    ] {
        let client = Client::builder()
            .access_token(TOKEN)
            .app_secret(APP_SECRET)
            .basic_auth("uid", PASSWORD)
            .api_root(&server.url)
            .build()
            .unwrap();
        v2::account_end_session().send(&client).await.unwrap_err();
    }

    let output = captured.text();
    assert_no_secret(&output);

    let first = closed_span(&output, "account/end_session", 0);
    for field in [
        "weibo_api.call",
        "version=\"v2\"",
        "method=\"GET\"",
        "path=\"/2/account/end_session.json\"",
        "status=200",
        "attempt=1",
        "elapsed_ms=",
    ] {
        assert!(first.contains(field), "{field} in {first}");
    }
    let retried = closed_span(&output, "account/end_session", 1);
    assert!(
        retried.contains("status=200") && retried.contains("attempt=3"),
        "{retried}"
    );
    assert_eq!(
        output.matches("attempt failed; retrying").count(),
        2,
        "{output}"
    );
    let expired = closed_span(&output, "account/end_session", 2);
    for field in ["status=401", "error=\"api\"", "api_code=21327", "attempt=1"] {
        assert!(expired.contains(field), "{field} in {expired}");
    }
    let timed_out = closed_span(&output, "statuses/destroy", 1);
    assert!(
        timed_out.contains("error=\"timeout\"") && timed_out.contains("method=\"POST\""),
        "{timed_out}"
    );
    let grant = closed_span(&output, "access_token", 0);
    assert!(grant.contains("api_code=21325"), "{grant}");
    let refused = closed_span(&output, "favorites/destroy_batch", 0);
    assert!(refused.contains("error=\"invalid_request\""), "{refused}");
    let not_repeated = closed_span(&output, "statuses/destroy", 2);
    assert!(
        not_repeated.contains("status=502") && not_repeated.contains("attempt=1"),
        "{not_repeated}"
    );
    let insecure = closed_span(&output, "account/end_session", 3);
    assert!(insecure.contains("error=\"insecure_http\""), "{insecure}");
    let redirect = closed_span(&output, "account/end_session", 4);
    assert!(redirect.contains("error=\"redirect\""), "{redirect}");
    let decode = closed_span(&output, "account/end_session", 5);
    assert!(decode.contains("error=\"decode\""), "{decode}");
}

#[test]
fn blocking_calls_are_traced_too() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime
        .block_on(MockServer::start(&weibo_api::API))
        .unwrap();
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber());

    let client = Client::builder()
        .access_token(TOKEN)
        .app_secret(APP_SECRET)
        .api_root(server.url())
        .build_blocking()
        .unwrap();
    client.send(v2::account_end_session()).unwrap();
    server.inject(Fault::weibo_error(10023).times(1));
    client.send(v2::account_end_session()).unwrap_err();

    let output = captured.text();
    assert_no_secret(&output);
    assert!(closed_span(&output, "account/end_session", 0).contains("status=200"));
    let limited = closed_span(&output, "account/end_session", 1);
    assert!(
        limited.contains("api_code=10023") && limited.contains("status=403"),
        "{limited}"
    );
}
