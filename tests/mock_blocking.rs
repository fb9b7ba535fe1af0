//! The mock server for code without an async runtime: `MockServer::start_blocking` runs it on
//! a thread and a runtime of its own, for applications that use the blocking client. Nothing
//! here is async: a runtime in these tests would hide a mock that needs the caller's.

use std::net::TcpStream;
use weibo_api::mock::{Fault, MockServer};
use weibo_api::{blocking, oauth2, v2, AuthorizeUrl, Error};

const CALLBACK: &str = "https://app.example/callback";

fn client(server: &weibo_api::mock::BlockingMockServer) -> blocking::Client {
    blocking::Client::builder()
        .access_token("2.00TOKEN")
        .app_key("1234567890")
        .app_secret("APPsecret")
        .api_root(server.url())
        .build_blocking()
        .unwrap()
}

#[test]
fn the_blocking_client_calls_the_mock_started_from_blocking_code() {
    let server = MockServer::start_blocking(&weibo_api::API).unwrap();
    assert_eq!(server.url(), format!("http://{}", server.addr()));
    let client = client(&server);

    let user = client.send(v2::account_end_session()).unwrap();
    assert_eq!(user.id, 1404376560);

    server.inject(Fault::weibo_error(10023).times(1));
    let err = client.send(v2::account_end_session()).unwrap_err();
    assert_eq!(err.api_code(), Some(10023));
    assert!(err.is_rate_limited());

    let answered: Vec<(String, Option<u32>)> = server
        .requests()
        .iter()
        .map(|r| (r.path().to_string(), r.error_code()))
        .collect();
    assert_eq!(
        answered,
        [
            ("/2/account/end_session.json".to_string(), None),
            ("/2/account/end_session.json".to_string(), Some(10023)),
        ]
    );
    server.clear_requests();
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn the_oauth2_web_flow_runs_against_the_blocking_mock() {
    let server = MockServer::start_blocking(&weibo_api::API).unwrap();
    let client = client(&server);
    let state = AuthorizeUrl::random_state().unwrap();
    let authorize = AuthorizeUrl::new("1234567890", CALLBACK)
        .state(&state)
        .api_root(server.url());

    let back = server.authorize(&authorize).unwrap();
    assert!(back.code.starts_with("MOCK"), "{}", back.code);
    assert_eq!(back.state.as_deref(), Some(state.as_str()));
    assert!(back.state_matches(&state));
    assert!(!back.state_matches(&AuthorizeUrl::random_state().unwrap()));

    let exchange =
        |code: &str| client.send(oauth2::access_token().code(code).redirect_uri(CALLBACK));
    let token = exchange(&back.code).unwrap();
    assert!(!token.access_token.expose().is_empty());
    assert_eq!(
        exchange(&back.code).unwrap_err().api_code(),
        Some(21325),
        "a code is single use"
    );
    let recorded: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_string()))
        .collect();
    assert_eq!(
        recorded[0],
        ("GET".to_string(), "/oauth2/authorize".to_string())
    );
}

#[test]
fn authorize_refuses_urls_for_other_hosts_before_any_io() {
    let server = MockServer::start_blocking(&weibo_api::API).unwrap();
    // No api_root: this URL is Weibo's, and the mock must not send it there.
    let weibo = AuthorizeUrl::new("1234567890", CALLBACK);
    match server.authorize(&weibo).unwrap_err() {
        Error::InvalidRequest {
            endpoint, reason, ..
        } => {
            assert_eq!(endpoint, "authorize");
            assert!(reason.contains("https://api.weibo.com"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // The mock's own refusals are Weibo errors: a relative redirect_uri is 21323.
    let relative = AuthorizeUrl::new("1234567890", "/callback").api_root(server.url());
    let err = server.authorize(&relative).unwrap_err();
    assert_eq!(err.api_code(), Some(21323), "{err}");
    assert_eq!(
        server.requests().len(),
        1,
        "only the second reached the mock"
    );
}

#[test]
fn shutdown_and_drop_stop_the_server() {
    let server = MockServer::start_blocking(&weibo_api::API).unwrap();
    let addr = server.addr();
    assert!(TcpStream::connect(addr).is_ok());
    server.shutdown();
    assert!(TcpStream::connect(addr).is_err(), "stopped by shutdown");

    let server = MockServer::builder()
        .api(&weibo_api::API)
        .start_blocking()
        .unwrap();
    let addr = server.addr();
    let client = client(&server);
    assert_eq!(
        client.send(v2::account_end_session()).unwrap().id,
        1404376560
    );
    drop(server);
    assert!(TcpStream::connect(addr).is_err(), "stopped by drop");
    let err = client.send(v2::account_end_session()).unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[test]
fn a_builder_without_tables_fails_to_start() {
    let err = MockServer::builder().start_blocking().unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}
