//! The blocking client calls every documented endpoint against the embedded mock server, with
//! the same generated builders as the async client.

use weibo_api::mock::MockServer;
use weibo_api::{blocking, oauth2, v1, v2, Error, Format, Method};

/// The mock runs on its own runtime's worker threads; the test thread stays synchronous, as in
/// a program without async.
fn mock() -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime
        .block_on(MockServer::start(&weibo_api::API))
        .expect("mock starts");
    (runtime, server)
}

fn client(server: &MockServer) -> blocking::Client {
    blocking::Client::builder()
        .access_token("2.00BLOCKINGtoken")
        .app_key("1234567890")
        .api_root(server.url())
        .build_blocking()
        .unwrap()
}

#[test]
fn every_documented_endpoint_works_without_async() {
    let (_runtime, server) = mock();
    let client = client(&server);

    let status = client
        .send(v1::statuses_destroy().id(142312).method(Method::Delete))
        .unwrap();
    assert_eq!(
        (status.id, status.text.as_deref()),
        (142312, Some("lsdjfl端口"))
    );

    let statuses = client
        .send(
            v1::favorites_destroy_batch()
                .ids([3958728723_i64, 1])
                .format(Format::Xml),
        )
        .unwrap();
    assert_eq!(
        statuses.iter().map(|s| s.id).collect::<Vec<_>>(),
        [3958728723]
    );

    let user = client.send(v2::account_end_session()).unwrap();
    assert_eq!(
        (user.id, user.screen_name.as_deref()),
        (1404376560, Some("zaku"))
    );

    let kandian = client
        .send(
            v2::kandian_statuses_destroy()
                .kandian_id(3260213)
                .id(3377417550859416_i64),
        )
        .unwrap();
    assert_eq!(kandian.annotations[0]["epgId"].as_i64(), Some(1159647));

    let info = client.send(oauth2::get_token_info()).unwrap();
    assert_eq!(info.uid, Some(1404376560));

    let seen: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_string()))
        .collect();
    assert_eq!(
        seen,
        [
            ("DELETE", "/statuses/destroy/142312.json"),
            ("POST", "/favorites/destroy_batch.xml"),
            ("GET", "/2/account/end_session.json"),
            ("POST", "/2/kandian/statuses/destroy.json"),
            ("POST", "/oauth2/get_token_info"),
        ]
        .map(|(m, p)| (m.to_string(), p.to_string()))
    );
}

#[test]
fn blocking_errors_are_the_same_typed_errors() {
    let (_runtime, server) = mock();
    let anonymous = blocking::Client::builder()
        .api_root(server.url())
        .build_blocking()
        .unwrap();
    let err = anonymous.send(v2::account_end_session()).unwrap_err();
    assert_eq!(err.api_code(), Some(21301), "{err}");

    let err = client(&server)
        .send(v1::favorites_destroy_batch().ids((0..21).collect::<Vec<i64>>()))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidRequest {
                parameter: Some("ids"),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the invalid request never left the client"
    );

    let detailed = client(&server)
        .send_detailed(v2::account_end_session())
        .unwrap();
    assert_eq!(
        (detailed.status, detailed.method, detailed.url.path()),
        (200, Method::Get, "/2/account/end_session.json")
    );
}
