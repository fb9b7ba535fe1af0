//! Opt-in retries against the mock server failing N times (its faults), counting the requests
//! that reached it: which failures are retried, which requests may be repeated, the caps on
//! attempts and time, the async and the blocking client.

use std::time::{Duration, Instant};
use weibo_api::meta::{self, Api, Endpoint};
use weibo_api::mock::{Fault, MockServer};
use weibo_api::{
    v1, v2, CallOptions, Client, ClientBuilder, Error, Format, Method, Params, Request, RetryPolicy,
};

const MS: Duration = Duration::from_millis(1);

/// A POST endpoint the table marks idempotent, and its twin that is not.
static TOUCH_IDEMPOTENT: Endpoint = touch("test/touch_idempotent", true);
static TOUCH: Endpoint = touch("test/touch", false);

const fn touch(path: &'static str, idempotent: bool) -> Endpoint {
    Endpoint {
        name: path,
        version: &v2::VERSION,
        path,
        base_url: None,
        formats: &[Format::Json],
        format_suffix: true,
        methods: &[Method::Post],
        login_required: Some(false),
        rate_limited: None,
        idempotent,
        params: &[],
        groups: &[],
        paging: None,
        response: "any",
        example_json: Some(r#"{"ok": true}"#),
        example_xml: None,
        minimal_json: None,
        check_response: meta::check_response::<serde_json::Value>,
    }
}

static TEST_API: Api = Api {
    spec: "tests/retries.rs",
    versions: &[&v2::VERSION],
    endpoints: &[&TOUCH_IDEMPOTENT, &TOUCH],
};

fn post(endpoint: &'static Endpoint) -> Request<serde_json::Value> {
    Request::new(endpoint, Params::default(), CallOptions::new()).unwrap()
}

/// Fast and deterministic: 10 ms, 20 ms, 40 ms, … without jitter.
fn policy() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(3)
        .initial_delay(10 * MS)
        .jitter(false)
}

async fn start() -> MockServer {
    MockServer::builder()
        .api(&weibo_api::API)
        .api(&TEST_API)
        .start()
        .await
        .expect("the mock starts")
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .access_token("2.00RETRYtoken")
        .api_root(server.url())
        .timeout(Duration::from_millis(300))
}

fn client(server: &MockServer) -> Client {
    builder(server).retry(policy()).build().unwrap()
}

#[tokio::test]
async fn retries_are_off_by_default() {
    let server = start().await;
    server.inject(Fault::http_status(503).times(1));
    let client = builder(&server).build().unwrap();
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 503, .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_get_is_retried_through_5xx_and_transient_weibo_errors_until_it_succeeds() {
    let server = start().await;
    let client = client(&server);

    server.inject(Fault::http_status(503).times(2));
    let user = v2::account_end_session().send(&client).await.unwrap();
    assert_eq!(user.id, 1404376560);
    assert_eq!(server.requests().len(), 3, "two failures, then success");

    for code in [10001, 10002, 10003, 10009, 10010, 10011] {
        server.clear_requests();
        server.inject(Fault::weibo_error(code).times(1));
        let user = v2::account_end_session().send(&client).await.unwrap();
        assert_eq!(user.id, 1404376560);
        let answered: Vec<Option<u32>> = server.requests().iter().map(|r| r.error_code()).collect();
        assert_eq!(answered, [Some(code), None], "{code}");
    }
}

#[tokio::test]
async fn attempts_are_capped() {
    let server = start().await;
    server.inject(Fault::http_status(502).times(5));
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Http { status: 502, .. }), "{err:?}");
    assert_eq!(server.requests().len(), 3, "max_attempts(3)");
}

#[tokio::test]
async fn total_time_is_capped() {
    let server = start().await;
    server.inject(Fault::http_status(503));
    let client = builder(&server)
        .retry(
            RetryPolicy::new()
                .max_attempts(10)
                .initial_delay(100 * MS)
                .max_elapsed(250 * MS)
                .jitter(false),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 503, .. }), "{err:?}");
    // Attempt 1 at 0 ms, attempt 2 at 100 ms; a third would start at 300 ms > 250 ms.
    assert_eq!(server.requests().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn rate_limits_and_other_errors_are_never_retried() {
    let server = start().await;
    let client = client(&server);
    for fault in [
        Fault::weibo_error(10022),
        Fault::weibo_error(10023),
        Fault::weibo_error(10024).with_status(503),
        Fault::weibo_error(21327),
        Fault::weibo_error(20101).with_status(500),
        Fault::http_status(404),
        Fault::http_status(429),
    ] {
        server.clear_requests();
        server.inject(fault.clone().times(1));
        let err = v2::account_end_session().send(&client).await.unwrap_err();
        assert_eq!(server.requests().len(), 1, "{fault:?}: {err}");
    }
}

#[tokio::test]
async fn a_post_that_may_have_reached_the_server_is_repeated_only_if_idempotent() {
    let server = start().await;
    let client = client(&server);

    // Not idempotent: a 5xx, a transient Weibo error or a timeout ends the call.
    for fault in [
        Fault::http_status(503),
        Fault::weibo_error(10001),
        Fault::delay(Duration::from_secs(1)),
    ] {
        server.clear_requests();
        server.inject(fault.clone().on(&v1::STATUSES_DESTROY).times(1));
        let err = v1::statuses_destroy()
            .id(1)
            .send(&client)
            .await
            .unwrap_err();
        assert!(err.is_retryable(), "{err}");
        assert_eq!(server.requests().len(), 1, "{fault:?}");

        server.clear_requests();
        server.inject(fault.clone().on(&TOUCH).times(1));
        client.send(post(&TOUCH)).await.unwrap_err();
        assert_eq!(server.requests().len(), 1, "{fault:?}");

        // Marked idempotent: repeated, and the second attempt succeeds.
        server.clear_requests();
        server.inject(fault.clone().on(&TOUCH_IDEMPOTENT).times(1));
        let value = client.send(post(&TOUCH_IDEMPOTENT)).await.unwrap();
        assert_eq!(value, serde_json::json!({"ok": true}));
        assert_eq!(server.requests().len(), 2, "{fault:?}");
    }
}

#[tokio::test]
async fn a_get_that_timed_out_is_repeated() {
    let server = start().await;
    server.inject(Fault::delay(Duration::from_secs(1)).times(1));
    let user = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(user.id, 1404376560);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    // Nothing listens: the request never reaches a server, so repeating it is harmless.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .access_token("2.00RETRYtoken")
        .api_root(format!("http://127.0.0.1:{port}"))
        .retry(policy().initial_delay(50 * MS))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = v1::statuses_destroy()
        .id(1)
        .send(&client)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    match &err {
        Error::Transport { source, .. } => assert!(source.is_connect(), "{err:?}"),
        other => panic!("{other:?}"),
    }
    // Three attempts: waits of 50 ms and 100 ms between them (give or take f32 rounding).
    assert!(elapsed >= 145 * MS, "{elapsed:?}");

    let once = Client::builder()
        .access_token("2.00RETRYtoken")
        .api_root(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let started = Instant::now();
    once.send(v1::statuses_destroy().id(1)).await.unwrap_err();
    assert!(started.elapsed() < 150 * MS, "no retry without a policy");
}

#[test]
fn the_blocking_client_retries_the_same_way() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(start());
    let client = builder(&server).retry(policy()).build_blocking().unwrap();

    server.inject(Fault::http_status(503).times(2));
    let user = client.send(v2::account_end_session()).unwrap();
    assert_eq!(user.id, 1404376560);
    assert_eq!(server.requests().len(), 3);

    server.clear_requests();
    server.inject(Fault::weibo_error(10023).times(1));
    let err = client.send(v2::account_end_session()).unwrap_err();
    assert!(err.is_rate_limited());
    assert_eq!(server.requests().len(), 1, "rate limits are not retried");

    server.clear_requests();
    server.inject(Fault::http_status(503).times(1));
    client.send(v1::statuses_destroy().id(1)).unwrap_err();
    assert_eq!(server.requests().len(), 1, "a POST is not repeated");

    server.clear_requests();
    server.inject(Fault::http_status(503).on(&TOUCH_IDEMPOTENT).times(2));
    client.send(post(&TOUCH_IDEMPOTENT)).unwrap();
    assert_eq!(server.requests().len(), 3, "an idempotent POST is");
}
