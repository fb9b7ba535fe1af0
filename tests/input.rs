//! Caller input is sent as given or refused before any I/O, never silently changed: string path
//! parameters that URL resolution would drop (`.`, `..`) or strip (control characters), and
//! ids outside Weibo's range (ids are positive).

mod support;

use support::TestServer;
use weibo_api::{v1, v2, Client, Error};

mod api {
    weibo_api::generate!("tests/specs/paths.yaml");
}

async fn server_and_client() -> (TestServer, Client) {
    let server = TestServer::json(200, r#"{"id": 1}"#).await;
    let client = Client::builder()
        .access_token("t")
        .api_root(&server.url)
        .build()
        .unwrap();
    (server, client)
}

#[track_caller]
fn assert_invalid(result: weibo_api::Result<impl std::fmt::Debug>, parameter: &str, reason: &str) {
    match result {
        Err(Error::InvalidRequest {
            parameter: Some(p),
            reason: r,
            ..
        }) => {
            assert_eq!(p, parameter);
            assert!(r.contains(reason), "{r}");
        }
        other => panic!("expected InvalidRequest for `{parameter}`, got {other:?}"),
    }
}

#[tokio::test]
async fn dot_segments_and_control_characters_in_path_parameters_are_refused() {
    let (server, client) = server_and_client().await;
    for value in [".", ".."] {
        let result = api::v2::users_timeline().name(value).send(&client).await;
        assert_invalid(result, "name", "URL path resolution would drop");
        let result = api::v2::tags_show().tag(value).send(&client).await;
        assert_invalid(result, "tag", "URL path resolution would drop");
    }
    for (value, code) in [
        ("a\nb", "U+000A"),
        ("a\rb", "U+000D"),
        ("\tx", "U+0009"),
        ("x\0", "U+0000"),
        ("x\u{7f}", "U+007F"),
        ("x\u{85}", "U+0085"),
    ] {
        let result = api::v2::users_timeline().name(value).send(&client).await;
        assert_invalid(result, "name", code);
        let result = api::v2::tags_show().tag(value).build();
        assert_invalid(result, "tag", code);
    }
    assert_eq!(server.requests().len(), 0, "{:#?}", server.requests());
}

#[tokio::test]
async fn anything_else_is_one_percent_encoded_segment() {
    let (server, client) = server_and_client().await;
    let cases = [
        ("a/b", "a%2Fb"),
        ("...", "..."),
        (".a", ".a"),
        ("%2e%2e", "%252e%252e"),
        ("a b", "a%20b"),
        ("微博", "%E5%BE%AE%E5%8D%9A"),
        ("?#", "%3F%23"),
        ("a\\b", "a%5Cb"),
    ];
    for (value, _) in cases {
        api::v2::users_timeline()
            .name(value)
            .send(&client)
            .await
            .unwrap();
        api::v2::tags_show().tag(value).send(&client).await.unwrap();
    }
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    let expected: Vec<String> = cases
        .iter()
        .flat_map(|(_, encoded)| {
            [
                format!("/2/users/{encoded}/timeline.json"),
                format!("/2/tags/show/{encoded}.json"),
            ]
        })
        .collect();
    assert_eq!(paths, expected);
}

#[tokio::test]
async fn a_placeholder_written_in_braces_is_filled_like_one_written_with_a_colon() {
    let (server, client) = server_and_client().await;
    api::v2::users_braced()
        .name("a b")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(server.only_request().path, "/2/users/a%20b/braced.json");
}

#[tokio::test]
async fn ids_below_one_are_refused_before_any_io() {
    let (server, client) = server_and_client().await;
    for id in [0, -1, i64::MIN] {
        let result = v1::statuses_destroy().id(id).send(&client).await;
        assert_invalid(result, "id", "expected a value of at least 1");
        let result = v2::kandian_statuses_destroy()
            .kandian_id(id)
            .id(1)
            .send(&client)
            .await;
        assert_invalid(result, "kandian_id", "expected a value of at least 1");
        let result = v2::kandian_statuses_destroy()
            .kandian_id(1)
            .id(id)
            .send(&client)
            .await;
        assert_invalid(result, "id", "expected a value of at least 1");
        let result = v1::favorites_destroy_batch()
            .ids([3958728723, id])
            .send(&client)
            .await;
        assert_invalid(result, "ids", "expected a value of at least 1");
    }
    assert_eq!(server.requests().len(), 0, "{:#?}", server.requests());

    // 1 and the largest id go through, unchanged.
    v1::statuses_destroy().id(1).send(&client).await.unwrap();
    v1::statuses_destroy()
        .id(i64::MAX)
        .send(&client)
        .await
        .unwrap();
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/statuses/destroy/1.json".to_string(),
            format!("/statuses/destroy/{}.json", i64::MAX)
        ]
    );
}
