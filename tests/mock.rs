//! The embedded mock server (`weibo_api::mock`) against the real client: each Weibo error it
//! produces (status, code, and the typed error the client gets), every endpoint's happy path
//! through the generated builders, what it records, XML, the OAuth2 web flow, several tables.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;
use weibo_api::meta::{self, Api, Bound, Endpoint, Param, ParamKind, Version};
use weibo_api::mock::MockServer;
use weibo_api::{
    oauth2, v1, v2, ApiError, AuthorizeUrl, CallOptions, Client, Error, Format, Method, Params,
    Request, API,
};

const TOKEN: &str = "2.00TESTtokenSECRET";
const APP_KEY: &str = "1234567890";
const APP_SECRET: &str = "appSECRETvalue";
const REDIRECT_URI: &str = "https://app.example/callback";

async fn start() -> MockServer {
    MockServer::start(&API).await.expect("the mock starts")
}

/// A client with an OAuth2 token and the AppKey, pointed at `server`.
fn user(server: &MockServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .app_key(APP_KEY)
        .api_root(server.url())
        .build()
        .unwrap()
}

/// As in the documents' curl examples: `curl -u uid:password … ?source=appkey`.
fn basic(server: &MockServer) -> Client {
    Client::builder()
        .basic_auth("uid", "password")
        .app_key("appkey")
        .api_root(server.url())
        .build()
        .unwrap()
}

fn anonymous(server: &MockServer) -> Client {
    Client::builder().api_root(server.url()).build().unwrap()
}

/// The Weibo error inside `result`, checked against the expected status, code and path.
#[track_caller]
fn api_error<T: std::fmt::Debug>(
    result: weibo_api::Result<T>,
    status: u16,
    code: u32,
    request: &str,
) -> ApiError {
    match result {
        Err(Error::Api(e)) => {
            assert_eq!(
                (e.status, e.code, e.request.as_deref()),
                (status, Some(code), Some(request)),
                "{e:?}"
            );
            e
        }
        other => panic!("expected Weibo error {code}, got {other:?}"),
    }
}

/// An endpoint that declares nothing, so that the client sends exactly what a test pushes
/// (the spec's own builders refuse malformed requests before they reach the mock).
fn loose(version: &'static Version, path: &'static str) -> &'static Endpoint {
    Box::leak(Box::new(Endpoint {
        name: "loose (test)",
        version,
        path,
        base_url: None,
        formats: &[Format::Json, Format::Xml],
        format_suffix: version.basic_auth || version.oauth2,
        methods: &[Method::Get, Method::Post, Method::Put, Method::Delete],
        login_required: None,
        rate_limited: None,
        idempotent: false,
        params: &[],
        groups: &[],
        paging: None,
        response: "any",
        example_json: None,
        example_xml: None,
        minimal_json: None,
        check_response: meta::check_response::<serde_json::Value>,
    }))
}

async fn send_loose(
    client: &Client,
    endpoint: &'static Endpoint,
    method: Method,
    format: Format,
    params: &[(&'static str, &str)],
) -> weibo_api::Result<serde_json::Value> {
    let mut pushed = Params::with_capacity(params.len());
    for (name, value) in params {
        pushed.push(name, *value);
    }
    let options = CallOptions {
        format: Some(format),
        method: Some(method),
    };
    client
        .send(Request::<serde_json::Value>::new(
            endpoint, pushed, options,
        )?)
        .await
}

/// A raw HTTP/1.1 exchange, for what the typed client cannot send (curl-style requests,
/// redirects, malformed input).
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[track_caller]
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn raw(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Raw {
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(body);
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).expect("connect to the mock");
        // A guard against a hung test, not a timing assertion.
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(&request).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Raw {
            status,
            headers,
            body: body.to_string(),
        }
    })
    .await
    .unwrap()
}

/// The mock's authorize redirect: where it points (without the query) and its query pairs.
struct Redirect {
    to: String,
    pairs: Vec<(String, String)>,
}

impl Redirect {
    fn param(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The code from the mock's authorize redirect, and the redirect.
async fn authorize(server: &MockServer, state: &str) -> (String, Redirect) {
    let url = AuthorizeUrl::new(APP_KEY, REDIRECT_URI)
        .state(state)
        .api_root(server.url())
        .to_url()
        .unwrap();
    let target = &url.as_str()[server.url().len()..];
    let response = raw(server.addr(), "GET", target, &[], b"").await;
    assert_eq!(response.status, 302, "{}", response.body);
    let location = response.header("location").expect("a Location");
    let (to, query) = location.split_once('?').expect("a query");
    let redirect = Redirect {
        to: to.to_string(),
        pairs: form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
    };
    let code = redirect
        .param("code")
        .expect("the redirect carries a code")
        .to_string();
    (code, redirect)
}

fn app(server: &MockServer) -> Client {
    Client::builder()
        .app_key(APP_KEY)
        .app_secret(APP_SECRET)
        .api_root(server.url())
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// Each error, in the order the mock checks.

#[tokio::test]
async fn unknown_path_is_10020_with_404() {
    let server = start().await;
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(server.url())
        .base_url("v2", format!("{}/3", server.url()))
        .build()
        .unwrap();
    let e = api_error(
        v2::account_end_session().send(&client).await,
        404,
        10020,
        "/3/account/end_session.json",
    );
    assert_eq!(e.message, "Request api not found!");

    let response = raw(server.addr(), "GET", "/nothing/here.json", &[], b"").await;
    assert_eq!(response.status, 404);
    let body = response.json();
    assert_eq!(body["error_code"], 10020);
    assert_eq!(body["request"], "/nothing/here.json");
    assert_eq!(server.requests().last().unwrap().error_code(), Some(10020));
}

#[tokio::test]
async fn method_not_listed_is_10021_with_405() {
    let server = start().await;
    let endpoint = loose(&v1::VERSION, "statuses/destroy/1472669360");
    let result = send_loose(&user(&server), endpoint, Method::Get, Format::Json, &[]).await;
    api_error(result, 405, 10021, "/statuses/destroy/1472669360.json");

    let response = raw(
        server.addr(),
        "PUT",
        "/2/account/end_session.json",
        &[],
        b"",
    )
    .await;
    assert_eq!(response.status, 405);
    assert_eq!(response.header("allow"), Some("GET"));
    assert_eq!(response.json()["error_code"], 10021);
}

#[tokio::test]
async fn format_not_offered_is_10020_in_xml() {
    let server = start().await;
    let endpoint = loose(&v2::VERSION, "account/end_session");
    let result = send_loose(&user(&server), endpoint, Method::Get, Format::Xml, &[]).await;
    let e = api_error(result, 404, 10020, "/2/account/end_session.xml");
    assert!(e.message.contains("format xml is not offered"), "{e:?}");

    let response = raw(
        server.addr(),
        "GET",
        "/2/account/end_session.xml",
        &[("Authorization", "OAuth2 t")],
        b"",
    )
    .await;
    assert_eq!(response.status, 404);
    assert_eq!(
        response.header("content-type"),
        Some("text/xml;charset=UTF-8")
    );
    assert_eq!(
        response.body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hash><request>/2/account/end_session.xml</request><error_code>10020</error_code><error>Request api not found! (format xml is not offered; offered: json)</error></hash>"
    );
}

#[tokio::test]
async fn missing_credentials_are_21301_with_401() {
    let server = start().await;
    let nobody = anonymous(&server);
    api_error(
        v1::statuses_destroy().id(1).send(&nobody).await,
        401,
        21301,
        "/statuses/destroy/1.json",
    );
    api_error(
        v1::favorites_destroy_batch()
            .ids([1_i64])
            .send(&nobody)
            .await,
        401,
        21301,
        "/favorites/destroy_batch.json",
    );
    api_error(
        v2::account_end_session().send(&nobody).await,
        401,
        21301,
        "/2/account/end_session.json",
    );
    api_error(
        v2::kandian_statuses_destroy()
            .kandian_id(1)
            .id(2)
            .send(&nobody)
            .await,
        401,
        21301,
        "/2/kandian/statuses/destroy.json",
    );
    // OAuth2's own endpoints: the declared credential parameters.
    api_error(
        oauth2::get_token_info().send(&nobody).await,
        401,
        21301,
        "/oauth2/get_token_info",
    );
    api_error(
        oauth2::revokeoauth2().send(&nobody).await,
        401,
        21301,
        "/oauth2/revokeoauth2",
    );
    let no_secret = Client::builder()
        .app_key(APP_KEY)
        .api_root(server.url())
        .build()
        .unwrap();
    let e = api_error(
        oauth2::access_token()
            .code("c")
            .redirect_uri(REDIRECT_URI)
            .send(&no_secret)
            .await,
        401,
        21301,
        "/oauth2/access_token",
    );
    assert!(e.message.contains("client_secret"), "{e:?}");

    // A malformed Basic header is no credential either.
    let response = raw(
        server.addr(),
        "DELETE",
        "/statuses/destroy/1.json?source=appkey",
        &[("Authorization", "Basic not-base64!")],
        b"",
    )
    .await;
    assert_eq!(
        (response.status, response.json()["error_code"].clone()),
        (401, 21301.into())
    );
}

#[tokio::test]
async fn http_basic_without_source_is_10006_with_400() {
    let server = start().await;
    let no_app_key = Client::builder()
        .basic_auth("uid", "password")
        .api_root(server.url())
        .build()
        .unwrap();
    let e = api_error(
        v1::statuses_destroy()
            .id(1472669360)
            .send(&no_app_key)
            .await,
        400,
        10006,
        "/statuses/destroy/1472669360.json",
    );
    assert_eq!(e.message, "source paramter(appkey) is missing");
    api_error(
        v1::favorites_destroy_batch()
            .ids([1_i64])
            .send(&no_app_key)
            .await,
        400,
        10006,
        "/favorites/destroy_batch.json",
    );

    // `source` is "not needed with OAuth": a token without an AppKey goes through.
    let token_only = Client::builder()
        .access_token(TOKEN)
        .api_root(server.url())
        .build()
        .unwrap();
    let statuses = v1::favorites_destroy_batch()
        .ids([1_i64])
        .send(&token_only)
        .await
        .unwrap();
    assert_eq!(statuses[0].id, 3958728723);
    assert_eq!(server.requests().last().unwrap().param("source"), None);
}

#[tokio::test]
async fn missing_required_parameter_is_10016_with_400() {
    let server = start().await;
    let client = user(&server);
    let batch = loose(&v1::VERSION, "favorites/destroy_batch");
    let e = api_error(
        send_loose(&client, batch, Method::Post, Format::Json, &[]).await,
        400,
        10016,
        "/favorites/destroy_batch.json",
    );
    assert_eq!(
        e.message,
        "miss required parameter (ids) , see doc for more info."
    );

    let kandian = loose(&v2::VERSION, "kandian/statuses/destroy");
    let e = api_error(
        send_loose(&client, kandian, Method::Post, Format::Json, &[("id", "2")]).await,
        400,
        10016,
        "/2/kandian/statuses/destroy.json",
    );
    assert!(e.message.contains("(kandian_id)"), "{e:?}");

    // An empty value counts as missing.
    let e = api_error(
        send_loose(&client, batch, Method::Post, Format::Json, &[("ids", "")]).await,
        400,
        10016,
        "/favorites/destroy_batch.json",
    );
    assert!(e.message.contains("(ids)"));

    let token = loose(&oauth2::VERSION, "access_token");
    let e = api_error(
        send_loose(
            &client,
            token,
            Method::Post,
            Format::Json,
            &[("client_id", "k"), ("client_secret", "s"), ("code", "c")],
        )
        .await,
        400,
        10016,
        "/oauth2/access_token",
    );
    assert!(e.message.contains("(redirect_uri)"), "{e:?}");
}

#[tokio::test]
async fn invalid_values_are_10017_with_400() {
    let server = start().await;
    let client = user(&server);
    let batch = loose(&v1::VERSION, "favorites/destroy_batch");
    let e = api_error(
        send_loose(
            &client,
            batch,
            Method::Post,
            Format::Json,
            &[("ids", "1,abc")],
        )
        .await,
        400,
        10017,
        "/favorites/destroy_batch.json",
    );
    assert_eq!(
        e.message,
        "parameter (ids)'s value invalid,expect (a value of type int64) , but get (abc) , see doc for more info."
    );

    let many = (1..=21)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let e = api_error(
        send_loose(
            &client,
            batch,
            Method::Post,
            Format::Json,
            &[("ids", &many)],
        )
        .await,
        400,
        10017,
        "/favorites/destroy_batch.json",
    );
    assert!(
        e.message
            .contains("expect (at most 20 items) , but get (21 items)"),
        "{e:?}"
    );

    let not_a_number = loose(&v1::VERSION, "statuses/destroy/abc");
    api_error(
        send_loose(&client, not_a_number, Method::Delete, Format::Json, &[]).await,
        400,
        10017,
        "/statuses/destroy/abc.json",
    );
    let too_big = loose(&v1::VERSION, "statuses/destroy/99999999999999999999");
    api_error(
        send_loose(&client, too_big, Method::Delete, Format::Json, &[]).await,
        400,
        10017,
        "/statuses/destroy/99999999999999999999.json",
    );

    let kandian = loose(&v2::VERSION, "kandian/statuses/destroy");
    let e = api_error(
        send_loose(
            &client,
            kandian,
            Method::Post,
            Format::Json,
            &[("kandian_id", "x"), ("id", "2")],
        )
        .await,
        400,
        10017,
        "/2/kandian/statuses/destroy.json",
    );
    assert!(e.message.contains("(kandian_id)"));

    // In XML for `.xml` requests, decoded by the client into the same typed error.
    let e = api_error(
        send_loose(&client, batch, Method::Post, Format::Xml, &[("ids", "x")]).await,
        400,
        10017,
        "/favorites/destroy_batch.xml",
    );
    assert!(e.message.contains("(ids)"));
}

// ---------------------------------------------------------------------------------------
// Happy paths.

#[tokio::test]
async fn the_seed_endpoints_answer_their_examples_through_the_typed_builders() {
    // Every other endpoint is called through the metadata in tests/every_endpoint.rs, and
    // through its builder in the tour or tests/constructs.
    let server = start().await;
    let user = user(&server);
    let seeds = API.endpoints.iter().filter(|e| {
        e.version.key != "v2"
            || matches!(e.name, "account/end_session" | "kandian/statuses/destroy")
    });
    for endpoint in seeds {
        let key = (endpoint.version.key, endpoint.name);
        match key {
            ("v1", "statuses/destroy") => {
                let status = v1::statuses_destroy()
                    .id(1472669360)
                    .method(Method::Delete)
                    .send(&basic(&server))
                    .await
                    .unwrap();
                assert_eq!(status.id, 142312);
                assert_eq!(status.text.as_deref(), Some("lsdjfl端口"));
                let author = status.user.unwrap();
                assert_eq!(
                    (author.id, author.screen_name.as_deref()),
                    (11075, Some("name_11075"))
                );
            }
            ("v1", "favorites/destroy_batch") => {
                let statuses = v1::favorites_destroy_batch()
                    .ids([3958728723_i64, 3958728724])
                    .send(&user)
                    .await
                    .unwrap();
                assert_eq!(statuses.len(), 1);
                assert_eq!(statuses[0].id, 3958728723);
                let author = statuses[0].user.as_ref().unwrap();
                assert_eq!(author.screen_name.as_deref(), Some("微博开放平台"));
                assert_eq!(author.followers_count, Some(13034));
            }
            ("v2", "account/end_session") => {
                let me = v2::account_end_session().send(&user).await.unwrap();
                assert_eq!(
                    (me.id, me.screen_name.as_deref()),
                    (1404376560, Some("zaku"))
                );
                assert_eq!(me.location.as_deref(), Some("北京 朝阳区"));
                assert_eq!(me.status.unwrap().mid, Some(5610221544300749636));
            }
            ("v2", "kandian/statuses/destroy") => {
                let status = v2::kandian_statuses_destroy()
                    .kandian_id(3260213)
                    .id(3377417550859416_i64)
                    .send(&user)
                    .await
                    .unwrap();
                assert_eq!(status.id, 3377417550859416);
                assert_eq!(
                    (
                        status.annotations[0]["feedId"].as_i64(),
                        status.annotations[0]["epgId"].as_i64()
                    ),
                    (Some(3260213), Some(1159647))
                );
                assert_eq!(status.user.unwrap().screen_name.as_deref(), Some("钱志强"));
            }
            ("oauth2", "access_token") => {
                let (code, _) = authorize(&server, "s").await;
                let token = oauth2::access_token()
                    .code(code)
                    .redirect_uri(REDIRECT_URI)
                    .send(&app(&server))
                    .await
                    .unwrap();
                assert_eq!(token.access_token.expose(), "2.00xyzMOCKtoken");
                assert_eq!(token.expires_in, Some(157679999));
                assert_eq!(token.uid.as_deref(), Some("1404376560"));
            }
            ("oauth2", "get_token_info") => {
                let info = oauth2::get_token_info().send(&user).await.unwrap();
                assert_eq!(info.uid, Some(1404376560));
                assert_eq!(info.appkey.as_deref(), Some("1234567890"));
                assert_eq!(info.scope, None);
                assert_eq!(
                    (info.create_at, info.expire_in),
                    (Some(1352267591), Some(157679471))
                );
            }
            ("oauth2", "revokeoauth2") => {
                let revoked = oauth2::revokeoauth2().send(&user).await.unwrap();
                assert!(revoked.result);
            }
            (version, name) => panic!("no happy-path case for {version} {name}: add one here"),
        }
        let last = server.requests().pop().unwrap();
        assert_eq!(
            (
                last.endpoint().map(|e| e.name),
                last.status(),
                last.error_code()
            ),
            (Some(endpoint.name), 200, None),
            "{last:?}"
        );
    }
}

#[tokio::test]
async fn records_the_exact_request_and_never_prints_secrets() {
    let server = start().await;
    // The documents' curl example, through the typed client.
    v1::statuses_destroy()
        .id(1472669360)
        .method(Method::Delete)
        .send(&basic(&server))
        .await
        .unwrap();
    v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .id(3377417550859416_i64)
        .send(&user(&server))
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);

    let delete = &requests[0];
    assert_eq!(delete.method(), "DELETE");
    assert_eq!(delete.path(), "/statuses/destroy/1472669360.json");
    assert_eq!(delete.query(), vec![]);
    assert_eq!(delete.form(), vec![("source", "appkey")]);
    assert_eq!(delete.header("authorization"), Some("Basic ***"));
    assert_eq!(
        delete.expose_header("authorization"),
        Some("Basic dWlkOnBhc3N3b3Jk")
    );
    assert_eq!(delete.endpoint().map(|e| e.name), Some("statuses/destroy"));

    let kandian = &requests[1];
    assert_eq!(
        (kandian.method(), kandian.path()),
        ("POST", "/2/kandian/statuses/destroy.json")
    );
    assert_eq!(
        kandian.form(),
        vec![
            ("kandian_id", "3260213"),
            ("id", "3377417550859416"),
            ("source", APP_KEY)
        ]
    );
    assert_eq!(kandian.header("Authorization"), Some("OAuth2 ***"));
    assert_eq!(
        kandian.expose_header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str())
    );

    let printed = format!("{requests:?} {server:?}");
    assert!(!printed.contains(TOKEN), "{printed}");
    assert!(!printed.contains("dWlkOnBhc3N3b3Jk"), "{printed}");
    assert!(
        printed.contains("OAuth2 ***") && printed.contains("Basic ***"),
        "{printed}"
    );

    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn serves_xml_for_xml_requests() {
    let server = start().await;
    // `curl -u uid:password -X DELETE ".../statuses/destroy/1472669360.xml?source=appkey"`
    let response = raw(
        server.addr(),
        "DELETE",
        "/statuses/destroy/1472669360.xml?source=appkey",
        &[("Authorization", "Basic dWlkOnBhc3N3b3Jk")],
        b"",
    )
    .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("text/xml;charset=UTF-8")
    );
    assert_eq!(
        Some(response.body.as_str()),
        v1::STATUSES_DESTROY.example_xml
    );
    let recorded = server.requests().pop().unwrap();
    assert_eq!(recorded.query(), vec![("source", "appkey")]);

    // And the typed client decodes it (the XML example has its own id, 142311).
    let status = v1::statuses_destroy()
        .id(1472669360)
        .format(Format::Xml)
        .send(&basic(&server))
        .await
        .unwrap();
    assert_eq!(status.id, 142311);
    assert_eq!(
        status.user.unwrap().url.as_deref(),
        Some("http://timyang.net")
    );
    let statuses = v1::favorites_destroy_batch()
        .ids([3958728723_i64])
        .format(Format::Xml)
        .send(&user(&server))
        .await
        .unwrap();
    assert_eq!(statuses[0].id, 3958728723);
}

// ---------------------------------------------------------------------------------------
// OAuth2.

#[tokio::test]
async fn the_oauth2_web_flow_end_to_end() {
    let server = start().await;
    let (code, redirect) = authorize(&server, "xyz 1").await;
    assert_eq!(redirect.to, REDIRECT_URI);
    assert_eq!(redirect.pairs.len(), 2, "{:?}", redirect.pairs);
    assert!(code.starts_with("MOCK"), "{code}");
    assert_eq!(redirect.param("state"), Some("xyz 1"));

    let app = app(&server);
    let token = oauth2::access_token()
        .code(code.clone())
        .redirect_uri(REDIRECT_URI)
        .send(&app)
        .await
        .unwrap();
    let exchange = server.requests().pop().unwrap();
    assert_eq!(
        (exchange.method(), exchange.path()),
        ("POST", "/oauth2/access_token")
    );
    assert_eq!(exchange.query(), vec![]);
    assert_eq!(exchange.param("client_id"), Some(APP_KEY));
    assert_eq!(exchange.param("client_secret"), Some("***"));
    assert_eq!(exchange.expose_param("client_secret"), Some(APP_SECRET));
    assert_eq!(exchange.expose_param("code"), Some(code.as_str()));
    assert_eq!(exchange.param("grant_type"), Some("authorization_code"));
    assert_eq!(exchange.param("redirect_uri"), Some(REDIRECT_URI));
    assert!(!format!("{exchange:?}").contains(APP_SECRET));
    assert!(!format!("{exchange:?}").contains(&code));

    let holder = Client::builder()
        .access_token(token.access_token.expose())
        .api_root(server.url())
        .build()
        .unwrap();
    let info = oauth2::get_token_info().send(&holder).await.unwrap();
    assert_eq!(info.uid, Some(1404376560));
    assert_eq!(
        server
            .requests()
            .pop()
            .unwrap()
            .expose_param("access_token"),
        Some("2.00xyzMOCKtoken")
    );
    let revoked = oauth2::revokeoauth2().send(&holder).await.unwrap();
    assert!(revoked.result);

    // Codes are single use.
    let e = api_error(
        oauth2::access_token()
            .code(code)
            .redirect_uri(REDIRECT_URI)
            .send(&app)
            .await,
        400,
        21325,
        "/oauth2/access_token",
    );
    assert_eq!(e.message, "invalid_grant");
}

#[tokio::test]
async fn a_code_the_mock_did_not_issue_is_21325_invalid_grant() {
    let server = start().await;
    let e = api_error(
        oauth2::access_token()
            .code("not-a-mock-code")
            .redirect_uri(REDIRECT_URI)
            .send(&app(&server))
            .await,
        400,
        21325,
        "/oauth2/access_token",
    );
    assert_eq!(e.message, "invalid_grant");
    assert_eq!(
        e.description.as_deref(),
        Some("the authorization code is unknown, already used or expired")
    );

    // A real code with another redirect URI than the one authorized.
    let (code, _) = authorize(&server, "s").await;
    let e = api_error(
        oauth2::access_token()
            .code(code)
            .redirect_uri("https://elsewhere.example/")
            .send(&app(&server))
            .await,
        400,
        21322,
        "/oauth2/access_token",
    );
    assert_eq!(e.message, "redirect_uri_mismatch");
}

#[tokio::test]
async fn authorize_without_client_id_or_redirect_uri_is_21323() {
    let server = start().await;
    for target in [
        "/oauth2/authorize?redirect_uri=https%3A%2F%2Fa%2F&response_type=code",
        "/oauth2/authorize?client_id=k&response_type=code",
    ] {
        let response = raw(server.addr(), "GET", target, &[], b"").await;
        assert_eq!(response.status, 400, "{target}");
        let body = response.json();
        assert_eq!(
            (body["error_code"].clone(), body["error"].clone()),
            (21323.into(), "invalid_request".into())
        );
        assert_eq!(body["request"], "/oauth2/authorize");
        assert!(response.header("location").is_none());
    }
}

// ---------------------------------------------------------------------------------------
// Tables, robustness, lifecycle.

static PING: Endpoint = Endpoint {
    name: "test/ping",
    version: &v2::VERSION,
    path: "test/ping/:n",
    base_url: None,
    formats: &[Format::Json],
    format_suffix: true,
    methods: &[Method::Get],
    login_required: Some(false),
    rate_limited: None,
    idempotent: true,
    params: &[Param::new("n", ParamKind::Int)
        .with_path()
        .with_required()
        .with_range(Some(Bound::Int(1)), Some(Bound::Int(99)))],
    groups: &[],
    paging: None,
    response: "Pong",
    example_json: Some(r#"{"pong": true}"#),
    example_xml: None,
    minimal_json: None,
    check_response: meta::check_response::<serde_json::Value>,
};

/// A downstream crate's table: served by the same mock, with no code of its own.
static OTHER: Api = Api {
    spec: "tests/other.yaml",
    versions: &[&v2::VERSION],
    endpoints: &[&PING],
};

#[tokio::test]
async fn serves_any_table_and_several_at_once() {
    let both = MockServer::builder()
        .api(&API)
        .api(&OTHER)
        .start()
        .await
        .unwrap();
    let client = anonymous(&both);
    let mut params = Params::with_capacity(1);
    params.push("n", 7);
    let request = Request::<serde_json::Value>::new(&PING, params, CallOptions::new()).unwrap();
    let pong = client.send(request.clone()).await.unwrap();
    assert_eq!(pong, serde_json::json!({"pong": true}));
    assert_eq!(both.requests()[0].path(), "/2/test/ping/7.json");
    let me = v2::account_end_session().send(&user(&both)).await.unwrap();
    assert_eq!(me.id, 1404376560);

    let only_other = MockServer::start(&OTHER).await.unwrap();
    api_error(
        v2::account_end_session().send(&user(&only_other)).await,
        404,
        10020,
        "/2/account/end_session.json",
    );
    assert_eq!(
        anonymous(&only_other).send(request).await.unwrap()["pong"],
        true
    );

    let err = MockServer::builder().start().await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn values_outside_the_documented_range_are_10017() {
    let server = MockServer::start(&OTHER).await.unwrap();
    let response = raw(server.addr(), "GET", "/2/test/ping/100.json", &[], b"").await;
    assert_eq!(
        (response.status, response.json()["error_code"].clone()),
        (400, 10017.into())
    );
    let message = response.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("a value from 1 to 99"), "{message}");
    let response = raw(server.addr(), "GET", "/2/test/ping/99.json", &[], b"").await;
    assert_eq!(response.status, 200);

    // The client refuses the same value before any I/O.
    let mut params = Params::with_capacity(1);
    params.push("n", 0);
    let err = Request::<serde_json::Value>::new(&PING, params, CallOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request for `test/ping`: parameter `n`: is 0; expected a value from 1 to 99"
    );
    assert_eq!(server.requests().len(), 2);
}

/// Method, target, headers, body; expected status and error code.
type Case<'a> = (
    &'a str,
    &'a str,
    &'a [(&'a str, &'a str)],
    &'a [u8],
    u16,
    u32,
);

#[tokio::test]
async fn malformed_input_gets_weibo_errors_and_the_server_keeps_serving() {
    let server = start().await;
    let cases: [Case; 9] = [
        ("GET", "/%FF%FE.json", &[], b"", 404, 10020),
        (
            "GET",
            "/statuses/destroy/%E5%BE%AE.json",
            &[],
            b"",
            405,
            10021,
        ),
        (
            "POST",
            "/statuses/destroy/%E5%BE%AE.json",
            &[("Authorization", "OAuth2 t")],
            b"",
            400,
            10017,
        ),
        (
            "POST",
            "/statuses/destroy/%zz.json",
            &[("Authorization", "OAuth2 t")],
            b"",
            400,
            10017,
        ),
        (
            "POST",
            "/statuses/destroy/1.json",
            &[("Authorization", "Basic")],
            b"",
            401,
            21301,
        ),
        (
            "POST",
            "/statuses/destroy/1.json",
            &[("Authorization", "OAuth2")],
            b"",
            401,
            21301,
        ),
        (
            "POST",
            "/favorites/destroy_batch.json",
            &[
                ("Authorization", "OAuth2 t"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            b"ids=\xff\xfe",
            400,
            10017,
        ),
        ("BREW", "/2/account/end_session.json", &[], b"", 405, 10021),
        (
            "GET",
            "/oauth2/authorize?client_id=k&redirect_uri=%0D%0A",
            &[],
            b"",
            400,
            21323,
        ),
    ];
    for (method, target, headers, body, status, code) in cases {
        let response = raw(server.addr(), method, target, headers, body).await;
        assert_eq!(
            response.status, status,
            "{method} {target}: {}",
            response.body
        );
        assert_eq!(response.json()["error_code"], code, "{method} {target}");
    }
    let long = format!("/favorites/destroy_batch.json?ids={}", "9".repeat(10_000));
    let response = raw(
        server.addr(),
        "POST",
        &long,
        &[("Authorization", "OAuth2 t")],
        b"",
    )
    .await;
    assert_eq!(response.status, 400);
    assert!(response.body.len() < 1000, "the echoed value is bounded");

    let me = v2::account_end_session()
        .send(&user(&server))
        .await
        .unwrap();
    assert_eq!(me.id, 1404376560);
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let server = start().await;
    let addr = server.addr();
    assert_eq!(addr.ip(), std::net::Ipv4Addr::LOCALHOST);
    assert_eq!(server.url(), format!("http://{addr}"));
    server.shutdown().await;
    let refused = tokio::task::spawn_blocking(move || TcpStream::connect(addr))
        .await
        .unwrap();
    assert!(refused.is_err(), "nothing listens after shutdown");
}
