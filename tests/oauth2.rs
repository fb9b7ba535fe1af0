//! OAuth2 on the wire: the app's and the user's secrets travel only in form bodies, the paths
//! have no format suffix, and OAuth2 error bodies become typed errors.

mod support;

use support::{owned, TestServer};
use weibo_api::{oauth2, AuthorizeUrl, Client, Error};

#[tokio::test]
async fn exchanging_a_code_posts_the_app_credentials_in_the_body() {
    let server = TestServer::json(200, oauth2::ACCESS_TOKEN.example_json.unwrap()).await;
    let client = Client::builder()
        .app_key("1234567890")
        .app_secret("APPsecret")
        .api_root(&server.url)
        .build()
        .unwrap();

    let token = oauth2::access_token()
        .code("CODE42")
        .redirect_uri("https://example.com/cb")
        .send(&client)
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str(), req.query.as_deref()),
        ("POST", "/oauth2/access_token", None)
    );
    assert_eq!(
        req.form_pairs(),
        owned(&[
            ("code", "CODE42"),
            ("redirect_uri", "https://example.com/cb"),
            ("grant_type", "authorization_code"),
            ("client_id", "1234567890"),
            ("client_secret", "APPsecret"),
        ])
    );
    assert_eq!(req.header("authorization"), None);

    assert_eq!(token.access_token.expose(), "2.00xyzMOCKtoken");
    assert_eq!(
        (
            token.expires_in,
            token.remind_in.as_deref(),
            token.uid.as_deref()
        ),
        (Some(157679999), Some("798114"), Some("1404376560"))
    );
    assert!(
        !format!("{token:?}").contains("2.00xyzMOCKtoken"),
        "Debug hides the token"
    );
}

#[tokio::test]
async fn token_info_and_revocation_send_the_clients_token_in_the_body() {
    let server = TestServer::json(200, oauth2::GET_TOKEN_INFO.example_json.unwrap()).await;
    let client = Client::builder()
        .access_token("2.00USERtoken")
        .api_root(&server.url)
        .build()
        .unwrap();
    let info = oauth2::get_token_info().send(&client).await.unwrap();
    let req = server.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/oauth2/get_token_info")
    );
    assert_eq!(
        req.form_pairs(),
        owned(&[("access_token", "2.00USERtoken")])
    );
    assert_eq!(
        (info.uid, info.appkey.as_deref(), info.scope.as_deref()),
        (Some(1404376560), Some("1234567890"), None)
    );
    assert_eq!(
        (info.create_at, info.expire_in),
        (Some(1352267591), Some(157679471))
    );

    let server = TestServer::json(200, oauth2::REVOKEOAUTH2.example_json.unwrap()).await;
    let client = Client::builder()
        .access_token("2.00USERtoken")
        .api_root(&server.url)
        .build()
        .unwrap();
    let revoked = oauth2::revokeoauth2().send(&client).await.unwrap();
    assert!(revoked.result, "\"true\" decodes as true");
    assert_eq!(
        server.only_request().form_pairs(),
        owned(&[("access_token", "2.00USERtoken")])
    );
}

#[tokio::test]
async fn oauth2_error_bodies_become_typed_errors_with_their_description() {
    let body = r#"{"error":"invalid_grant","error_code":21325,"request":"/oauth2/access_token","error_uri":"/oauth2/access_token","error_description":"the authorization code is invalid"}"#;
    let server = TestServer::json(400, body).await;
    let client = Client::builder()
        .app_key("k")
        .app_secret("s")
        .api_root(&server.url)
        .build()
        .unwrap();
    let err = oauth2::access_token()
        .code("bad")
        .redirect_uri("https://example.com/cb")
        .send(&client)
        .await
        .unwrap_err();
    match err {
        Error::Api(api) => {
            assert_eq!(
                (api.status, api.code, api.message.as_str()),
                (400, Some(21325), "invalid_grant")
            );
            assert_eq!(
                api.description.as_deref(),
                Some("the authorization code is invalid")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_authorize_url_carries_every_documented_parameter() {
    let url = AuthorizeUrl::new("1234567890", "https://example.com/cb?x=1&y=2")
        .state("csrf 42")
        .scope("all")
        .display("mobile")
        .force_login(false)
        .language("en")
        .api_root("http://127.0.0.1:9")
        .to_url()
        .unwrap();
    assert_eq!(
        (url.host_str(), url.port(), url.path()),
        (Some("127.0.0.1"), Some(9), "/oauth2/authorize")
    );
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        owned(&[
            ("client_id", "1234567890"),
            ("redirect_uri", "https://example.com/cb?x=1&y=2"),
            ("response_type", "code"),
            ("state", "csrf 42"),
            ("scope", "all"),
            ("display", "mobile"),
            ("forcelogin", "false"),
            ("language", "en"),
        ])
    );
    let default = AuthorizeUrl::new("k", "https://example.com/cb")
        .to_url()
        .unwrap();
    assert_eq!(default.as_str(), "https://api.weibo.com/oauth2/authorize?client_id=k&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code");
}

#[tokio::test]
async fn the_mock_plays_the_authorize_step_and_its_codes_are_exchanged_once() {
    let server = weibo_api::mock::MockServer::start(&weibo_api::API)
        .await
        .unwrap();
    let state = AuthorizeUrl::random_state().unwrap();
    let authorize = AuthorizeUrl::new("1234567890", "https://example.com/cb")
        .state(&state)
        .api_root(server.url());
    let first = server.authorize(&authorize).await.unwrap();
    let second = server.authorize(&authorize).await.unwrap();
    assert_ne!(first.code, second.code, "a fresh code each time");
    assert!(first.state_matches(&state) && second.state_matches(&state));

    let app = Client::builder()
        .app_key("1234567890")
        .app_secret("APPsecret")
        .api_root(server.url())
        .build()
        .unwrap();
    let exchange = |code: String, redirect_uri: &'static str| {
        oauth2::access_token()
            .code(code)
            .redirect_uri(redirect_uri)
            .send(&app)
    };
    let token = exchange(first.code.clone(), "https://example.com/cb")
        .await
        .unwrap();
    assert!(!token.access_token.expose().is_empty());
    let again = exchange(first.code, "https://example.com/cb")
        .await
        .unwrap_err();
    assert_eq!(again.api_code(), Some(21325));
    let elsewhere = exchange(second.code, "https://example.com/other")
        .await
        .unwrap_err();
    assert_eq!(elsewhere.api_code(), Some(21322));
    // OAuth2's error_description is part of the message.
    assert!(
        elsewhere
            .to_string()
            .contains("redirect_uri differs from the one used to authorize"),
        "{elsewhere}"
    );
}

#[tokio::test]
async fn the_mock_authorize_step_never_leaves_the_mock() {
    let server = weibo_api::mock::MockServer::start(&weibo_api::API)
        .await
        .unwrap();
    let weibo = AuthorizeUrl::new("1234567890", "https://example.com/cb");
    let err = server.authorize(&weibo).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidRequest {
                endpoint: "authorize",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 0);
}
