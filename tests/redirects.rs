//! Redirects are never followed: whatever a server answers with 301, 302, 303, 307 or 308,
//! no credential (OAuth2 header, HTTP Basic, `source`, `client_secret` or `access_token` in a
//! form body) reaches the origin `Location` points to. Each case runs two servers on
//! 127.0.0.1: the configured one answers with the redirect, the other records what reaches it.

mod support;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use support::TestServer;
use weibo_api::{oauth2, v1, v2, Client, ClientBuilder, Error};

const TOKEN: &str = "2.00REDIRECTtokenSECRET";
const PASSWORD: &str = "basicPASSWORDsecret";
const APP_KEY: &str = "9876543210";
const APP_SECRET: &str = "appSECRETredirect";
const STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

/// Answers every request with `status` and `Location: {location}`, counting requests.
struct Redirector {
    url: String,
    hits: Arc<AtomicUsize>,
}

impl Redirector {
    async fn start(status: u16, location: String) -> Redirector {
        let hits = Arc::new(AtomicUsize::new(0));
        let state = (status, location, hits.clone());
        let app = axum::Router::new()
            .fallback(
                |State((status, location, hits)): State<(u16, String, Arc<AtomicUsize>)>| async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    let mut headers = HeaderMap::new();
                    headers.insert("location", location.parse().expect("a header value"));
                    (StatusCode::from_u16(status).expect("a status"), headers, "")
                        .into_response()
                },
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("redirector runs") });
        Redirector { url, hits }
    }
}

/// A credential kind: how the client is configured and which call carries it.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// `Authorization: OAuth2 …` on a v2 GET and a v1 POST with a form body.
    OAuth2Header,
    /// `Authorization: Basic …` with `source` in the v1 form body.
    Basic,
    /// The AppKey as `source`: in the query (v2 GET) and in the form body (v1 POST).
    Source,
    /// `client_secret` in the `oauth2/access_token` form body.
    ClientSecret,
    /// The access token in the `oauth2/get_token_info` form body.
    AccessTokenInBody,
}

const KINDS: [Kind; 5] = [
    Kind::OAuth2Header,
    Kind::Basic,
    Kind::Source,
    Kind::ClientSecret,
    Kind::AccessTokenInBody,
];

fn builder(kind: Kind, root: &str) -> ClientBuilder {
    let builder = Client::builder().api_root(root);
    match kind {
        Kind::OAuth2Header | Kind::AccessTokenInBody => builder.access_token(TOKEN),
        Kind::Basic => builder.basic_auth("uid", PASSWORD).app_key(APP_KEY),
        Kind::Source => builder.app_key(APP_KEY),
        Kind::ClientSecret => builder.app_key(APP_KEY).app_secret(APP_SECRET),
    }
}

/// Every call of `kind`, each returning the error it ended with.
async fn calls(kind: Kind, client: &Client) -> Vec<Error> {
    let results = match kind {
        Kind::OAuth2Header | Kind::Source => vec![
            v2::account_end_session().send(client).await.map(drop),
            v1::favorites_destroy_batch()
                .ids([1, 2])
                .send(client)
                .await
                .map(drop),
        ],
        Kind::Basic => vec![v1::statuses_destroy().id(7).send(client).await.map(drop)],
        Kind::ClientSecret => vec![oauth2::access_token()
            .code("CODE")
            .redirect_uri("https://app.example/cb")
            .send(client)
            .await
            .map(drop)],
        Kind::AccessTokenInBody => vec![oauth2::get_token_info().send(client).await.map(drop)],
    };
    results
        .into_iter()
        .map(|r| r.expect_err("a redirect is an error"))
        .collect()
}

fn assert_redirect(err: &Error, status: u16, elsewhere: &str, context: &str) {
    match err {
        Error::Redirect {
            status: got,
            location,
            ..
        } => {
            assert_eq!(*got, status, "{context}");
            assert_eq!(
                location.as_deref(),
                Some(format!("{elsewhere}/collect").as_str()),
                "{context}: the location without user info, query or fragment"
            );
        }
        other => panic!("{context}: expected Error::Redirect, got {other:?}"),
    }
    let shown = format!("{err} {err:?}");
    for secret in [TOKEN, PASSWORD, APP_SECRET, "LEAKED", "hunter2"] {
        assert!(!shown.contains(secret), "{context}: {shown}");
    }
}

/// Where the redirects point: the other server, with secrets in user info, query and fragment
/// that the error must not repeat.
fn location(elsewhere: &TestServer) -> String {
    let host = elsewhere.url.trim_start_matches("http://");
    format!("http://user:hunter2@{host}/collect?access_token=LEAKED#LEAKED")
}

#[tokio::test]
async fn no_redirect_is_followed_for_any_status_or_credential_kind() {
    let elsewhere = TestServer::json(200, "{}").await;
    for status in STATUSES {
        let origin = Redirector::start(status, location(&elsewhere)).await;
        for kind in KINDS {
            let before = origin.hits.load(Ordering::SeqCst);
            let client = builder(kind, &origin.url).build().unwrap();
            let errors = calls(kind, &client).await;
            for err in &errors {
                assert_redirect(err, status, &elsewhere.url, &format!("{status} {kind:?}"));
            }
            assert_eq!(
                origin.hits.load(Ordering::SeqCst) - before,
                errors.len(),
                "{status} {kind:?}: one request per call, none repeated"
            );
        }
    }
    assert_eq!(
        elsewhere.requests().len(),
        0,
        "nothing may reach another origin: {:#?}",
        elsewhere.requests()
    );
}

#[test]
fn the_blocking_client_follows_no_redirect_either() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let elsewhere = runtime.block_on(TestServer::json(200, "{}"));
    for status in STATUSES {
        let origin = runtime.block_on(Redirector::start(status, location(&elsewhere)));
        for kind in KINDS {
            let client = builder(kind, &origin.url).build_blocking().unwrap();
            let err = match kind {
                Kind::OAuth2Header | Kind::Source => client
                    .send(v1::favorites_destroy_batch().ids([1, 2]))
                    .map(drop),
                Kind::Basic => client.send(v1::statuses_destroy().id(7)).map(drop),
                Kind::ClientSecret => client
                    .send(
                        oauth2::access_token()
                            .code("CODE")
                            .redirect_uri("https://app.example/cb"),
                    )
                    .map(drop),
                Kind::AccessTokenInBody => client.send(oauth2::get_token_info()).map(drop),
            }
            .expect_err("a redirect is an error");
            assert_redirect(&err, status, &elsewhere.url, &format!("{status} {kind:?}"));
        }
        assert_eq!(origin.hits.load(Ordering::SeqCst), KINDS.len());
    }
    assert_eq!(elsewhere.requests().len(), 0, "{:#?}", elsewhere.requests());
}

#[tokio::test]
async fn a_redirect_without_a_location_is_still_an_error() {
    let server = TestServer::json(302, "").await;
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(&server.url)
        .build()
        .unwrap();
    let err = v2::account_end_session().send(&client).await.unwrap_err();
    match err {
        Error::Redirect {
            endpoint,
            status,
            location,
        } => assert_eq!(
            (endpoint, status, location),
            ("account/end_session", 302, None)
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 1);
}
