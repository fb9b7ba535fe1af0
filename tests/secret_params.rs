//! A parameter of `type: secret` (a password the caller sets per call) is treated like the
//! client's own secrets: sent only in a form body, never in a URL, never shown by `Debug`, an
//! error message or the mock's records.

mod support;

use support::TestServer;
use weibo_api::mock::MockServer;
use weibo_api::{Client, Error};

mod api {
    weibo_api::generate!("tests/specs/secrets.yaml");
}

const PASSWORD: &str = "hunter2-SECRET";

fn client(api_root: &str) -> Client {
    Client::builder()
        .access_token("t")
        .api_root(api_root)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_secret_parameter_goes_in_the_form_body_and_nowhere_else() {
    let server = TestServer::json(200, r#"{"ok": true}"#).await;
    let client = client(&server.url);
    let request = api::v2::account_login()
        .username("me")
        .passphrase(PASSWORD)
        .build()
        .unwrap();
    let shown = format!("{request:?}");
    assert!(
        !shown.contains(PASSWORD) && shown.contains("***"),
        "{shown}"
    );
    assert!(!client.url_of(&request).unwrap().as_str().contains(PASSWORD));
    client.send(request).await.unwrap();
    let received = server.only_request();
    assert_eq!(
        received.form_pairs(),
        support::owned(&[("username", "me"), ("passphrase", PASSWORD)])
    );
    assert_eq!(received.query, None);
}

#[tokio::test]
async fn a_get_carrying_a_secret_is_refused_before_any_io() {
    let server = TestServer::json(200, "{}").await;
    let client = client(&server.url);
    let result = api::v2::account_peek()
        .passphrase(PASSWORD)
        .send(&client)
        .await;
    match result {
        Err(Error::InvalidRequest {
            parameter: Some("passphrase"),
            reason,
            ..
        }) => assert!(reason.contains("cannot be sent with GET"), "{reason}"),
        other => panic!("expected InvalidRequest for `passphrase`, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 0);
    // Without it, the same endpoint goes out.
    api::v2::account_peek().send(&client).await.unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_secret_that_breaks_a_rule_is_not_quoted_in_the_error() {
    let client = Client::builder().access_token("t").build().unwrap();
    let long = format!("{PASSWORD}-{PASSWORD}");
    let error = api::v2::account_login()
        .username("me")
        .passphrase(long.as_str())
        .send(&client)
        .await
        .unwrap_err();
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains(PASSWORD), "{shown}");
        assert!(shown.contains("at most 16 characters"), "{shown}");
    }
}

#[tokio::test]
async fn the_mock_records_a_secret_parameter_masked() {
    let mock = MockServer::start(&api::API).await.unwrap();
    let client = client(mock.url());
    api::v2::account_login()
        .username("me")
        .passphrase(PASSWORD)
        .send(&client)
        .await
        .unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("passphrase"), Some("***"));
    assert_eq!(requests[0].expose_param("passphrase"), Some(PASSWORD));
    assert!(!format!("{requests:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_secret_parameter_never_travels_over_plain_http_off_loopback() {
    // No token: the passphrase is the only secret of the call. The host is never reached (the
    // request is refused before any I/O; `.invalid` cannot resolve).
    let client = Client::builder()
        .base_url("v2", "http://weibo.invalid/2")
        .build()
        .unwrap();
    let result = api::v2::account_login()
        .username("me")
        .passphrase(PASSWORD)
        .send(&client)
        .await;
    match result {
        Err(Error::InsecureHttp { origin, .. }) => assert_eq!(origin, "http://weibo.invalid"),
        other => panic!("expected InsecureHttp, got {other:?}"),
    }
}

#[tokio::test]
async fn an_app_secret_or_a_file_in_a_get_is_refused_before_any_io() {
    let server = TestServer::json(200, "{}").await;
    let client = Client::builder()
        .app_key("key")
        .app_secret(PASSWORD)
        .api_root(&server.url)
        .build()
        .unwrap();
    let refused =
        |result: weibo_api::Result<weibo_api::Json>, parameter: &str, reason: &str| match result {
            Err(Error::InvalidRequest {
                parameter: Some(p),
                reason: r,
                ..
            }) => {
                assert_eq!(p, parameter);
                assert!(r.starts_with(reason), "{r}");
                assert!(!r.contains(PASSWORD), "{r}");
            }
            other => panic!("expected InvalidRequest for `{parameter}`, got {other:?}"),
        };
    refused(
        api::oauth2::oauth_peek().send(&client).await,
        "client_secret",
        "is a secret and cannot be sent with GET",
    );
    let pic = || weibo_api::Upload::new(b"GIF89a".to_vec(), "a.gif", "image/gif");
    refused(
        api::v2::statuses_upload()
            .pic(pic())
            .method(weibo_api::Method::Get)
            .send(&client)
            .await,
        "pic",
        "is a file and cannot be sent with GET",
    );
    assert_eq!(server.requests().len(), 0);
    // By POST, the file goes out.
    api::v2::statuses_upload()
        .pic(pic())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1);
}
