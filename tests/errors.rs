//! Failures are typed, carry context and never leak secrets.

mod support;

use support::TestServer;
use weibo_api::{v2, Client, Error};

const TOKEN: &str = "2.00SECRETtokenVALUE";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .basic_auth("uid", "p4ssw0rd")
        .app_secret("APPSECRETvalue")
        .api_root(&server.url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn error_bodies_with_a_numeric_code_become_api_errors() {
    let server = TestServer::json(
        403,
        r#"{"error":"expired_token","error_code":21327,"request":"/2/account/end_session.json"}"#,
    )
    .await;
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(21327));
    assert!(err.is_auth() && !err.is_rate_limited() && !err.is_retryable());
    match &err {
        Error::Api(api) => {
            assert_eq!((api.status, api.message.as_str()), (403, "expired_token"));
            assert_eq!(api.request.as_deref(), Some("/2/account/end_session.json"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn error_bodies_with_a_string_code_and_http_200_become_api_errors() {
    let server = TestServer::json(200, r#"{"request":"/2/account/end_session.json","error_code":"10023","error":"User requests out of rate limit!"}"#).await;
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(10023));
    assert!(err.is_rate_limited() && !err.is_auth());
    assert!(matches!(&err, Error::Api(api) if api.status == 200));
}

#[tokio::test]
async fn server_errors_are_marked_retryable() {
    let server = TestServer::json(
        500,
        r#"{"error":"system error!","error_code":10001,"request":"/2/account/end_session.json"}"#,
    )
    .await;
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "{err}");
}

#[tokio::test]
async fn a_non_weibo_failure_is_an_http_error_with_an_excerpt() {
    let server = TestServer::start(502, "<html>Bad Gateway</html>", "text/html").await;
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    match err {
        Error::Http {
            endpoint,
            status,
            excerpt,
        } => {
            assert_eq!(
                (endpoint, status, excerpt.as_str()),
                ("account/end_session", 502, "<html>Bad Gateway</html>")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_undecodable_response_names_the_field_path() {
    let server = TestServer::json(200, r#"{"id": 1, "status": {"id": "not a number"}}"#).await;
    let err = v2::account_end_session()
        .send(&client(&server))
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            endpoint,
            path,
            message,
            excerpt,
            status,
            ..
        } => {
            assert_eq!(
                (*endpoint, path.as_str(), *status),
                ("account/end_session", "status.id", 200)
            );
            assert!(message.contains("integer"), "{message}");
            assert!(excerpt.starts_with(r#"{"id": 1"#));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("at `status.id`"), "{err}");
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Transport {
                endpoint: "account/end_session",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable(), "a refused connection is worth retrying");
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    // The cause is the source, not repeated in Display: a report prints each once.
    assert_eq!(
        err.to_string(),
        "HTTP transport error calling `account/end_session`"
    );
    let source = std::error::Error::source(&err).expect("the HTTP client's error");
    assert!(
        source
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_connect),
        "{source:?}"
    );
}

#[test]
fn an_invalid_base_url_is_a_config_error_caused_by_the_parse_error() {
    let err = Client::builder().api_root("not a url").build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: api_root `not a url` is not a valid URL"
    );
    let source = std::error::Error::source(&err).expect("the URL parse error");
    assert_eq!(
        source.downcast_ref::<url::ParseError>(),
        Some(&url::ParseError::RelativeUrlWithoutBase)
    );
}

#[tokio::test]
async fn secrets_never_appear_in_debug_urls_or_errors() {
    let server = TestServer::json(
        400,
        r#"{"error":"invalid_request","error_code":21323,"request":"/2/account/end_session.json"}"#,
    )
    .await;
    let client = client(&server);
    let debug = format!("{client:?}");
    for secret in [TOKEN, "p4ssw0rd", "APPSECRETvalue"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    let request = v2::account_end_session().build().unwrap();
    let url = client.url_of(&request).unwrap();
    assert!(!url.as_str().contains(TOKEN), "{url}");
    let err = client.send(request).await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    let req = server.only_request();
    assert!(!req.path.contains(TOKEN) && !req.query.unwrap_or_default().contains(TOKEN));
}

#[tokio::test]
async fn an_oversized_body_is_refused_instead_of_read_into_memory() {
    let huge = format!("[{}]", "1,".repeat(9 * 1024 * 1024) + "1");
    let server = TestServer::json(200, &huge).await;
    let err = weibo_api::v1::favorites_destroy_batch()
        .ids([1])
        .send(&client(&server))
        .await
        .unwrap_err();
    match err {
        Error::Http {
            endpoint,
            status,
            excerpt,
        } => {
            assert_eq!((endpoint, status), ("favorites/destroy_batch", 200));
            assert_eq!(excerpt, "(the body exceeds 16 MiB and was not read)");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn every_documented_auth_failure_is_an_auth_error_with_its_meaning_shown() {
    // The mock answers a call without credentials with 21301 "auth faild", as Weibo does.
    let server = weibo_api::mock::MockServer::start(&weibo_api::API)
        .await
        .unwrap();
    let anonymous = Client::builder().api_root(server.url()).build().unwrap();
    let err = v2::account_end_session()
        .send(&anonymous)
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(21301));
    assert!(err.is_auth() && !err.is_retryable(), "{err}");
    assert!(
        err.to_string()
            .starts_with("Weibo API error 21301 (Auth faild): auth faild!"),
        "{err}"
    );

    for (code, meaning) in [
        (21302, "Username or password error"),
        (21314, "Token used"),
        (21315, "Token expired"),
        (21316, "Token revoked"),
        (21317, "Token rejected"),
        (21319, "Accessor was revoked"),
        (21325, "invalid_grant"),
        (21327, "Expired token"),
    ] {
        let server = TestServer::json(
            401,
            &format!(
                r#"{{"error":"e","error_code":{code},"request":"/2/account/end_session.json"}}"#
            ),
        )
        .await;
        let err = v2::account_end_session()
            .send(&client(&server))
            .await
            .unwrap_err();
        assert!(err.is_auth(), "{code}");
        assert!(
            err.to_string().contains(&format!("{code} ({meaning})")),
            "{err}"
        );
    }
}
