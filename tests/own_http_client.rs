//! An application's own `reqwest::Client` (`ClientBuilder::http_client`): calls go through it
//! (its user agent reaches the server), and when it follows a redirect the call still fails
//! with `Error::Redirect`, naming where the answer came from.

use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use weibo_api::mock::MockServer;
use weibo_api::{v2, Client, Error};

fn provider() {
    // weibo-api enables reqwest's `rustls-no-provider`; a client built here needs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[tokio::test]
async fn calls_go_through_the_applications_client() {
    provider();
    let server = MockServer::start(&weibo_api::API).await.expect("mock");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("my-app/7")
        .build()
        .expect("client");
    let client = Client::builder()
        .access_token("2.00own")
        .api_root(server.url())
        .http_client(http)
        .build()
        .expect("weibo client");
    let user = v2::account_end_session()
        .send(&client)
        .await
        .expect("end_session");
    assert_eq!(user.id, 1404376560);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("user-agent"), Some("my-app/7"));

    // Without one, the client's own (weibo-api/<version>).
    let client = Client::builder()
        .access_token("2.00own")
        .api_root(server.url())
        .build()
        .expect("weibo client");
    v2::account_end_session()
        .send(&client)
        .await
        .expect("end_session");
    let ua = server.requests()[1]
        .header("user-agent")
        .map(str::to_string)
        .expect("a user agent");
    assert!(ua.starts_with("weibo-api/"), "{ua}");
}

#[tokio::test]
async fn a_redirect_the_applications_client_followed_is_an_error() {
    provider();
    let target = MockServer::start(&weibo_api::API).await.expect("mock");
    let location = format!("{}/2/account/end_session.json?x=1", target.url());
    let app = axum::Router::new().fallback(move || {
        let location = location.clone();
        async move {
            let mut headers = HeaderMap::new();
            headers.insert("location", location.parse().expect("header"));
            (StatusCode::TEMPORARY_REDIRECT, headers, "").into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });

    // reqwest's default policy follows up to 10 redirects.
    let following = reqwest::Client::builder().build().expect("client");
    let client = Client::builder()
        .access_token("2.00own")
        .api_root(&origin)
        .http_client(following)
        .build()
        .expect("weibo client");
    let err = v2::account_end_session()
        .send(&client)
        .await
        .expect_err("a followed redirect");
    match err {
        Error::Redirect {
            endpoint,
            status,
            location,
        } => {
            assert_eq!(endpoint, "account/end_session");
            // reqwest dropped the `Authorization` header on the way to another origin (another
            // port), so the mock refused the followed request: a form body would have gone.
            assert_eq!(status, 401);
            assert_eq!(
                location.as_deref(),
                Some(format!("{}/2/account/end_session.json", target.url()).as_str())
            );
        }
        other => panic!("expected Error::Redirect, got {other:?}"),
    }
    // The followed request did arrive (without the token): the documentation says so.
    let arrived = target.requests();
    assert_eq!(arrived.len(), 1);
    assert_eq!(arrived[0].header("authorization"), None);
}

#[test]
fn the_blocking_client_takes_the_applications_client_too() {
    provider();
    let server = MockServer::start_blocking(&weibo_api::API).expect("mock");
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("my-blocking-app/2")
        .build()
        .expect("client");
    let client = weibo_api::blocking::Client::builder()
        .access_token("2.00own")
        .api_root(server.url())
        .blocking_http_client(http)
        .build_blocking()
        .expect("weibo client");
    let user = client.send(v2::account_end_session()).expect("end_session");
    assert_eq!(user.id, 1404376560);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("user-agent"), Some("my-blocking-app/2"));
}
