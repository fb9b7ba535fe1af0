//! UTF-8 text, `+`, `&`, `=` and spaces are percent-encoded correctly in queries and form
//! bodies. Uses a test-only spec run through the same macro.

mod support;

use support::TestServer;
use weibo_api::Client;

mod api {
    weibo_api::generate!("tests/specs/encoding.yaml");
}

const TRICKY: &str = "1+1=2 & 微博 #tag% ?/";

/// A client with a token, talking to `server`.
fn client(server: &TestServer) -> Client {
    Client::builder()
        .access_token("t")
        .api_root(&server.url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn get_parameters_are_percent_encoded_in_the_query() {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let client = Client::builder()
        .access_token("t")
        .app_key("key")
        .api_root(&server.url)
        .build()
        .unwrap();
    api::v2::search_statuses()
        .q(TRICKY)
        .count(5)
        .filter_ori(true)
        .send(&client)
        .await
        .unwrap();
    let req = server.only_request();
    assert_eq!(req.path, "/2/search/statuses.json");
    assert_eq!(
        req.query.as_deref(),
        Some("q=1%2B1%3D2+%26+%E5%BE%AE%E5%8D%9A+%23tag%25+%3F%2F&count=5&filter_ori=1&source=key")
    );
    assert_eq!(
        req.query_pairs(),
        support::owned(&[
            ("q", TRICKY),
            ("count", "5"),
            ("filter_ori", "1"),
            ("source", "key")
        ])
    );
}

#[tokio::test]
async fn names_that_differ_only_in_spelling_keep_their_own_wire_names_under_a_given_rust_name() {
    let server = TestServer::json(200, r#"{"user_id": 1, "userId": 2, "type": "x"}"#).await;
    let client = client(&server);
    let decoded = api::v2::users_lookup()
        .screen_name("snake")
        .screen_name_camel("camel")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        server.only_request().query_pairs(),
        support::owned(&[("screen_name", "snake"), ("screenName", "camel")])
    );
    assert_eq!(
        (
            decoded.user_id,
            decoded.user_id_camel,
            decoded.r#type.as_deref()
        ),
        (Some(1), Some(2), Some("x"))
    );
}

#[tokio::test]
async fn each_flag_of_a_list_goes_in_its_wire_form() {
    let server = TestServer::json(200, "{}").await;
    let client = client(&server);
    api::v2::users_lookup()
        .screen_name_camel("x")
        .flags([true, false, true])
        .words([false, true])
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        server.only_request().query_pairs(),
        support::owned(&[
            ("screenName", "x"),
            ("flags", "1,0,1"),
            ("words", "false,true")
        ])
    );
}

#[tokio::test]
async fn post_parameters_are_percent_encoded_in_the_form_body() {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let client = client(&server);
    api::v2::statuses_update()
        .status(TRICKY)
        .send(&client)
        .await
        .unwrap();
    let req = server.only_request();
    assert_eq!(
        req.body,
        "status=1%2B1%3D2+%26+%E5%BE%AE%E5%8D%9A+%23tag%25+%3F%2F"
    );
    assert_eq!(req.form_pairs(), support::owned(&[("status", TRICKY)]));
    assert_eq!(req.query, None);
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment() {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let client = client(&server);
    weibo_api::v1::statuses_destroy()
        .id(3377417550859416)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        server.only_request().path,
        "/statuses/destroy/3377417550859416.json"
    );
}

#[tokio::test]
async fn numbers_outside_the_documented_range_are_rejected_before_io() {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let client = client(&server);
    let err = api::v2::search_statuses()
        .q("x")
        .count(201)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request for `search/statuses`: parameter `count`: is 201; expected a value from 1 to 200"
    );
    let err = api::v2::search_statuses()
        .q("x")
        .count(0)
        .send(&client)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            weibo_api::Error::InvalidRequest {
                parameter: Some("count"),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(server.requests().is_empty());
    api::v2::search_statuses()
        .q("x")
        .count(200)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        server.only_request().query_pairs()[1],
        ("count".to_string(), "200".to_string())
    );
}
