//! The mock misbehaves on request (`MockServer::inject(Fault)`): a Weibo error, a bare HTTP
//! status or a delay, for one endpoint or all, for N calls or until cleared; then it recovers.

use std::time::Duration;
use weibo_api::mock::{Fault, MockServer};
use weibo_api::{v1, v2, Client, Error, Format, Method, API};

async fn start() -> (MockServer, Client) {
    let server = MockServer::start(&API).await.expect("the mock starts");
    let client = Client::builder()
        .access_token("2.00FAULTtoken")
        .app_key("1234567890")
        .api_root(server.url())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    (server, client)
}

fn statuses(server: &MockServer) -> Vec<(u16, Option<u32>)> {
    server
        .requests()
        .iter()
        .map(|r| (r.status(), r.error_code()))
        .collect()
}

#[tokio::test]
async fn a_weibo_error_for_the_next_n_calls_of_one_endpoint_then_recovery() {
    let (server, client) = start().await;
    server.inject(
        Fault::weibo_error(10023)
            .on(&v2::ACCOUNT_END_SESSION)
            .times(2),
    );
    for _ in 0..2 {
        let err = v2::account_end_session().send(&client).await.unwrap_err();
        assert!(err.is_rate_limited(), "{err}");
        match &err {
            Error::Api(api) => {
                assert_eq!((api.status, api.code), (403, Some(10023)));
                assert_eq!(api.message, "User requests out of rate limit!");
                assert_eq!(api.request.as_deref(), Some("/2/account/end_session.json"));
            }
            other => panic!("{other:?}"),
        }
        // Other endpoints are not affected.
        let status = v1::statuses_destroy().id(1).send(&client).await.unwrap();
        assert_eq!(status.id, 142312);
    }
    let user = v2::account_end_session().send(&client).await.unwrap();
    assert_eq!(user.id, 1404376560, "recovered after two calls");
    assert_eq!(
        statuses(&server),
        [
            (403, Some(10023)),
            (200, None),
            (403, Some(10023)),
            (200, None),
            (200, None)
        ]
    );
}

#[tokio::test]
async fn an_untimed_fault_lasts_until_cleared_and_speaks_the_requested_format() {
    let (server, client) = start().await;
    server.inject(Fault::weibo_error(21327));
    for _ in 0..3 {
        let err = v1::statuses_destroy()
            .id(1)
            .method(Method::Delete)
            .format(Format::Xml)
            .send(&client)
            .await
            .unwrap_err();
        assert!(err.is_auth(), "{err}");
        assert_eq!(err.api_code(), Some(21327));
        assert!(
            matches!(&err, Error::Api(api) if api.status == 401),
            "{err:?}"
        );
    }
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    assert!(err.is_auth(), "every endpoint: {err}");
    server.clear_faults();
    let status = v1::statuses_destroy()
        .id(1)
        .format(Format::Xml)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(status.id, 142311);
}

#[tokio::test]
async fn a_bare_http_status_and_a_chosen_status_for_a_weibo_error() {
    let (server, client) = start().await;
    server.inject(Fault::http_status(503).times(1));
    server.inject(Fault::weibo_error(10001).with_status(200).times(1));
    match v2::account_end_session().send(&client).await.unwrap_err() {
        Error::Http {
            status, excerpt, ..
        } => assert_eq!((status, excerpt.as_str()), (503, "mock fault: HTTP 503")),
        other => panic!("{other:?}"),
    }
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status == 200 && api.code == Some(10001)),
        "{err:?}"
    );
    assert!(err.is_retryable());
    v2::account_end_session().send(&client).await.unwrap();
    assert_eq!(
        statuses(&server),
        [(503, None), (200, Some(10001)), (200, None)]
    );
}

#[tokio::test]
async fn a_delay_longer_than_the_timeout_is_a_timeout_and_still_recorded() {
    let (server, client) = start().await;
    server.inject(Fault::delay(Duration::from_secs(2)).times(1));
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    match &err {
        Error::Transport { source, .. } => assert!(source.is_timeout(), "{err:?}"),
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
    let user = v2::account_end_session().send(&client).await.unwrap();
    assert_eq!(user.id, 1404376560);
    assert_eq!(server.requests().len(), 2);
}
