//! Credentials never travel over plain HTTP except to loopback, unless the caller opts in with
//! `allow_insecure_http(true)`: the refusal is `Error::InsecureHttp`, before any I/O.
//!
//! A remote host is simulated with `0.0.0.0`: it is not a loopback address, so the client must
//! treat it as remote, yet on Linux a connection to it reaches the recording server this test
//! started on 127.0.0.1. Were the refusal missing, that server would see the secrets.

mod support;

use support::TestServer;
use weibo_api::{oauth2, v1, v2, Client, ClientBuilder, Error};

const TOKEN: &str = "2.00PLAINhttpTOKEN";
const PASSWORD: &str = "plainPASSWORD";
const APP_SECRET: &str = "plainAPPSECRET";

/// The server's port, on `0.0.0.0`: a non-loopback host that still reaches the server.
fn remote(server: &TestServer) -> String {
    server.url.replace("127.0.0.1", "0.0.0.0")
}

fn assert_refused(err: Error, endpoint: &str, origin: &str) {
    match &err {
        Error::InsecureHttp {
            endpoint: got,
            origin: got_origin,
        } => assert_eq!((*got, got_origin.as_str()), (endpoint, origin)),
        other => panic!("expected Error::InsecureHttp for `{endpoint}`, got {other:?}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("allow_insecure_http"), "{shown}");
    for secret in [TOKEN, PASSWORD, APP_SECRET] {
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn every_credential_kind_is_refused_over_plain_http_to_a_remote_host() {
    let server = TestServer::json(200, "{}").await;
    let root = remote(&server);
    let client = |builder: ClientBuilder| builder.api_root(&root).build().unwrap();

    let token = client(Client::builder().access_token(TOKEN));
    let err = v2::account_end_session().send(&token).await.unwrap_err();
    assert_refused(err, "account/end_session", &root);
    let err = v1::statuses_destroy().id(1).send(&token).await.unwrap_err();
    assert_refused(err, "statuses/destroy", &root);
    let err = oauth2::get_token_info().send(&token).await.unwrap_err();
    assert_refused(err, "get_token_info", &root);

    let basic = client(Client::builder().basic_auth("uid", PASSWORD).app_key("k"));
    let err = v1::favorites_destroy_batch()
        .ids([1])
        .send(&basic)
        .await
        .unwrap_err();
    assert_refused(err, "favorites/destroy_batch", &root);

    let app = client(Client::builder().app_key("k").app_secret(APP_SECRET));
    let err = oauth2::access_token()
        .code("c")
        .redirect_uri("https://app.example/cb")
        .send(&app)
        .await
        .unwrap_err();
    assert_refused(err, "access_token", &root);

    // The blocking client owns a runtime: build, use and drop it off the async threads.
    let blocking_root = root.clone();
    let err = tokio::task::spawn_blocking(move || {
        let blocking = Client::builder()
            .access_token(TOKEN)
            .api_root(blocking_root)
            .build_blocking()
            .unwrap();
        blocking.send(v1::statuses_destroy().id(1))
    })
    .await
    .unwrap()
    .unwrap_err();
    assert_refused(err, "statuses/destroy", &root);

    assert_eq!(server.requests().len(), 0, "{:#?}", server.requests());

    // v1's documented host is plain HTTP: refused without a single packet sent.
    let documented = Client::builder().access_token(TOKEN).build().unwrap();
    let err = v1::statuses_destroy()
        .id(1)
        .send(&documented)
        .await
        .unwrap_err();
    assert_refused(err, "statuses/destroy", "http://api.t.sina.com.cn");
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_opt_in_and_calls_without_secrets_go_through() {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let root = remote(&server);

    let opted_in = Client::builder()
        .access_token(TOKEN)
        .api_root(&root)
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let user = v2::account_end_session().send(&opted_in).await.unwrap();
    assert_eq!(user.id, 1);
    assert_eq!(
        server.only_request().header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str())
    );

    // The AppKey alone is no secret: it is sent as `source`, even in URLs.
    let server = TestServer::json(200, r#"{"id": 2}"#).await;
    let app_key_only = Client::builder()
        .app_key("1234567890")
        .api_root(remote(&server))
        .build()
        .unwrap();
    let user = v2::account_end_session().send(&app_key_only).await.unwrap();
    assert_eq!(user.id, 2);
    assert_eq!(
        server.only_request().query.as_deref(),
        Some("source=1234567890")
    );
}

#[tokio::test]
async fn loopback_needs_no_opt_in() {
    let server = TestServer::json(200, r#"{"id": 3}"#).await;
    for root in [
        server.url.clone(),
        server.url.replace("127.0.0.1", "localhost"),
    ] {
        let client = Client::builder()
            .access_token(TOKEN)
            .basic_auth("uid", PASSWORD)
            .api_root(&root)
            .build()
            .unwrap();
        let user = v2::account_end_session().send(&client).await.unwrap();
        assert_eq!(user.id, 3, "{root}");
    }
    assert_eq!(server.requests().len(), 2);
}
