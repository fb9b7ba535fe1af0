//! The downstream crate's endpoints against a recording HTTP server on 127.0.0.1: the exact
//! method, path, query, form body and auth header on the wire, and each example decoded field
//! by field. The server is weibo-api's own test server (`tests/support`), shared, not copied.

#[path = "../../support/mod.rs"]
mod support;

use support::{TestServer, owned, rfc3339};
use weibo_api::{Client, Error, Format, models::Status};
use weibo_downstream::v2;

const TOKEN: &str = "2.00TESTtokenSECRET";

fn example(endpoint: &weibo_api::meta::Endpoint) -> &'static str {
    endpoint
        .example_json
        .expect("the downstream spec stores a JSON example for every endpoint")
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .api_root(&server.url)
        .build()
        .unwrap()
}

fn bearer() -> String {
    format!("OAuth2 {TOKEN}")
}

/// The posting application (`source`) as `(name, URL)`.
fn source(status: &Status) -> Option<(&str, Option<&str>)> {
    let link = status.source.as_ref()?;
    Some((link.text.as_str(), link.href.as_deref()))
}

#[tokio::test]
async fn statuses_destroy_v2_posts_the_id_in_the_form_body_and_decodes_a_weibo_api_status() {
    let server = TestServer::json(200, example(&v2::STATUSES_DESTROY)).await;

    // The response type is weibo-api's own model, reused through `extern_models`.
    let status: Status = v2::statuses_destroy()
        .id(11488058246)
        .send(&client(&server))
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/2/statuses/destroy.json");
    assert_eq!(req.query, None);
    assert_eq!(req.form_pairs(), owned(&[("id", "11488058246")]));
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("authorization"), Some(bearer().as_str()));
    assert!(
        !req.body.contains(TOKEN),
        "the token travels in the header only"
    );

    assert_eq!(status.id, 11488058246);
    assert_eq!(status.mid, Some(5612814510546515491));
    assert_eq!(status.idstr, None);
    assert_eq!(rfc3339(&status.created_at), "2011-05-31T17:46:55+08:00");
    assert_eq!(status.text.as_deref(), Some("求关注。"));
    assert_eq!(
        source(&status),
        Some(("新浪微博", Some("http://weibo.com")))
    );
    assert_eq!(
        (status.favorited, status.truncated),
        (Some(false), Some(false))
    );
    assert_eq!(
        (
            status.in_reply_to_status_id,
            status.in_reply_to_user_id,
            status.in_reply_to_screen_name.as_deref()
        ),
        (None, None, None),
        "\"\" means absent"
    );
    assert_eq!(status.geo, None);
    assert!(status.annotations.is_empty());
    assert_eq!(
        (status.reposts_count, status.comments_count),
        (Some(8), Some(9))
    );
    let user = status.user.expect("the example embeds the author");
    assert_eq!(user.id, 1404376560);
    assert_eq!(
        (user.screen_name.as_deref(), user.name.as_deref()),
        (Some("zaku"), Some("zaku"))
    );
    assert_eq!(
        (user.province.as_deref(), user.city.as_deref()),
        (Some("11"), Some("5"))
    );
    assert_eq!(user.location.as_deref(), Some("北京 朝阳区"));
    assert_eq!(
        user.description.as_deref(),
        Some("人生五十年,乃如梦如幻;有生斯有死,壮士复何憾。")
    );
    assert_eq!(user.url.as_deref(), Some("http://blog.sina.com.cn/zaku"));
    assert_eq!(user.domain.as_deref(), Some("zaku"));
    assert_eq!(user.gender.as_deref(), Some("m"));
    assert_eq!(
        (
            user.followers_count,
            user.friends_count,
            user.statuses_count,
            user.favourites_count
        ),
        (Some(1204), Some(447), Some(2908), Some(0))
    );
    assert_eq!(rfc3339(&user.created_at), "2009-08-28T00:00:00+08:00");
    assert_eq!(
        (user.following, user.geo_enabled, user.verified),
        (Some(false), Some(true), Some(false))
    );
    assert_eq!(
        user.avatar_large.as_deref(),
        Some("http://tp1.sinaimg.cn/1404376560/180/0/1")
    );
    assert_eq!(user.verified_reason, None);
    assert_eq!(
        (user.online_status, user.bi_followers_count),
        (Some(0), Some(215))
    );
}

#[tokio::test]
async fn favorites_destroy_batch_v2_joins_ids_with_commas_and_decodes_its_own_result_model() {
    let server = TestServer::json(200, example(&v2::FAVORITES_DESTROY_BATCH)).await;

    let result: weibo_downstream::models::BatchResult = v2::favorites_destroy_batch()
        .ids([3958728723, 3958728724, 42])
        .send(&client(&server))
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/2/favorites/destroy_batch.json");
    assert_eq!(req.query, None);
    assert_eq!(req.body, "ids=3958728723%2C3958728724%2C42");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("authorization"), Some(bearer().as_str()));

    assert!(result.result);
}

#[tokio::test]
async fn favorites_destroy_batch_v2_enforces_its_spec_limit_of_20_ids_before_any_network_io() {
    let server = TestServer::json(200, r#"{"result": false}"#).await;
    let client = client(&server);

    let err = v2::favorites_destroy_batch()
        .ids((1..=21).collect::<Vec<i64>>())
        .send(&client)
        .await
        .unwrap_err();
    match &err {
        Error::InvalidRequest {
            endpoint,
            parameter,
            reason,
        } => {
            assert_eq!(
                (*endpoint, *parameter),
                ("favorites/destroy_batch", Some("ids"))
            );
            assert_eq!(reason, "has 21 items; at most 20 allowed");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 0, "nothing may reach the server");

    let result = v2::favorites_destroy_batch()
        .ids((1..=20).collect::<Vec<i64>>())
        .send(&client)
        .await
        .unwrap();
    assert!(!result.result, "the server's `false` is decoded as such");
    let expected = (1..=20)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        server.only_request().form_pairs(),
        vec![("ids".to_string(), expected)]
    );
}

#[tokio::test]
async fn user_timeline_sends_only_the_optional_parameters_that_were_set() {
    let server = TestServer::json(200, example(&v2::STATUSES_USER_TIMELINE)).await;
    let client = client(&server);

    // Nothing set: no query string at all (Weibo applies its own defaults).
    v2::statuses_user_timeline().send(&client).await.unwrap();
    // Some set: exactly those, in spec order.
    v2::statuses_user_timeline()
        .count(50)
        .uid(1404376560)
        .send(&client)
        .await
        .unwrap();
    // All set.
    v2::statuses_user_timeline()
        .uid(1404376560)
        .since_id(11487393117)
        .max_id(11488058246)
        .count(100)
        .page(3)
        .send(&client)
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for req in &requests {
        assert_eq!(req.method, "GET");
        assert_eq!(req.path, "/2/statuses/user_timeline.json");
        assert_eq!(req.body, "");
        assert_eq!(req.header("content-type"), None);
        assert_eq!(req.header("authorization"), Some(bearer().as_str()));
        assert!(!req.query.as_deref().unwrap_or_default().contains(TOKEN));
    }
    assert_eq!(requests[0].query, None);
    assert_eq!(
        requests[1].query.as_deref(),
        Some("uid=1404376560&count=50")
    );
    assert_eq!(
        requests[2].query_pairs(),
        owned(&[
            ("uid", "1404376560"),
            ("since_id", "11487393117"),
            ("max_id", "11488058246"),
            ("count", "100"),
            ("page", "3"),
        ])
    );

    // The spec's documented ranges (count 1..=100, page >= 1) are checked before any I/O.
    let err = v2::statuses_user_timeline()
        .count(101)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request for `statuses/user_timeline`: parameter `count`: is 101; expected a value from 1 to 100"
    );
    let err = v2::statuses_user_timeline()
        .page(0)
        .send(&client)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            weibo_api::Error::InvalidRequest {
                parameter: Some("page"),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn user_timeline_decodes_its_own_model_holding_weibo_api_statuses() {
    let server = TestServer::json(200, example(&v2::STATUSES_USER_TIMELINE)).await;
    // With an AppKey too: v2 takes it as `source` on every call, here in the query.
    let client = Client::builder()
        .access_token(TOKEN)
        .app_key("1234567890")
        .api_root(&server.url)
        .build()
        .unwrap();

    let timeline: weibo_downstream::models::StatusTimeline = v2::statuses_user_timeline()
        .uid(1404376560)
        .page(1)
        .send(&client)
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(
        req.query_pairs(),
        owned(&[
            ("uid", "1404376560"),
            ("page", "1"),
            ("source", "1234567890")
        ])
    );

    assert_eq!(timeline.total_number, Some(2908));
    assert_eq!(
        (timeline.previous_cursor, timeline.next_cursor),
        (Some(0), Some(11487393116))
    );
    let statuses: &Vec<Status> = &timeline.statuses;
    assert_eq!(statuses.len(), 2);

    let first = &statuses[0];
    assert_eq!(first.id, 11488058246);
    assert_eq!(
        (first.mid, first.idstr.as_deref()),
        (Some(5612814510546515491), Some("11488058246"))
    );
    assert_eq!(rfc3339(&first.created_at), "2011-05-31T17:46:55+08:00");
    assert_eq!(first.text.as_deref(), Some("求关注。"));
    assert_eq!(source(first), Some(("新浪微博", Some("http://weibo.com"))));
    assert_eq!(
        (first.favorited, first.truncated),
        (Some(false), Some(false))
    );
    assert_eq!(first.geo, None);
    assert_eq!(
        (
            first.thumbnail_pic.as_deref(),
            first.original_pic.as_deref()
        ),
        (None, None)
    );
    assert_eq!(
        (first.reposts_count, first.comments_count, first.mlevel),
        (Some(8), Some(9), Some(0))
    );
    let author = first.user.as_ref().unwrap();
    assert_eq!(
        (author.id, author.idstr.as_deref(), author.name.as_deref()),
        (1404376560, Some("1404376560"), Some("zaku"))
    );
    assert_eq!(author.location.as_deref(), Some("北京 朝阳区"));
    assert_eq!(author.statuses_count, Some(2908));
    assert_eq!(rfc3339(&author.created_at), "2009-08-28T00:00:00+08:00");
    assert_eq!(author.verified, Some(false));

    let second = &statuses[1];
    assert_eq!(second.id, 11487393117);
    assert_eq!(rfc3339(&second.created_at), "2011-05-31T09:12:03+08:00");
    assert_eq!(second.text.as_deref(), Some("在三里屯拍的。"));
    assert_eq!(
        source(second),
        Some(("iPhone客户端", Some("http://weibo.com/mobile/iphone.php")))
    );
    assert_eq!(second.favorited, Some(true));
    assert_eq!(
        second.thumbnail_pic.as_deref(),
        Some("http://ww1.sinaimg.cn/thumbnail/53b54b70jw1dhnkx1i2tqj.jpg")
    );
    assert_eq!(
        second.bmiddle_pic.as_deref(),
        Some("http://ww1.sinaimg.cn/bmiddle/53b54b70jw1dhnkx1i2tqj.jpg")
    );
    assert_eq!(
        second.original_pic.as_deref(),
        Some("http://ww1.sinaimg.cn/large/53b54b70jw1dhnkx1i2tqj.jpg")
    );
    let geo = second
        .geo
        .as_ref()
        .expect("the second status is geo-tagged");
    assert_eq!(geo.r#type.as_deref(), Some("Point"));
    assert_eq!(geo.coordinates, vec![39.93286, 116.45492]);
    assert_eq!(
        (second.reposts_count, second.comments_count),
        (Some(0), Some(3))
    );
    let author = second.user.as_ref().unwrap();
    assert_eq!(
        (author.id, author.screen_name.as_deref()),
        (1404376560, Some("zaku"))
    );
    assert_eq!(author.followers_count, None);
}

/// The same endpoint names under v1 (weibo-api) and v2 (this crate) in one program: separate
/// functions, builders, metadata and URLs, one client, one `Status` type.
#[tokio::test]
async fn v1_and_v2_statuses_destroy_coexist_in_one_program() {
    let v1_server = TestServer::json(200, example(&weibo_api::v1::STATUSES_DESTROY)).await;
    let v2_server = TestServer::json(200, example(&v2::STATUSES_DESTROY)).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url("v1", &v1_server.url)
        .base_url("v2", format!("{}/2", v2_server.url))
        .build()
        .unwrap();

    let old = weibo_api::v1::statuses_destroy()
        .id(142312)
        .send(&client)
        .await
        .unwrap();
    let new = weibo_downstream::v2::statuses_destroy()
        .id(11488058246)
        .send(&client)
        .await
        .unwrap();

    // One type for both: a function over weibo-api's Status takes either.
    fn author(status: &Status) -> Option<&str> {
        status.user.as_ref()?.screen_name.as_deref()
    }
    assert_eq!(
        (old.id, author(&old), new.id, author(&new)),
        (142312, Some("name_11075"), 11488058246, Some("zaku"))
    );

    let v1_req = v1_server.only_request();
    assert_eq!(
        (
            v1_req.method.as_str(),
            v1_req.path.as_str(),
            v1_req.body.as_str()
        ),
        ("POST", "/statuses/destroy/142312.json", ""),
        "v1 puts the id in the path"
    );
    let v2_req = v2_server.only_request();
    assert_eq!(
        (
            v2_req.method.as_str(),
            v2_req.path.as_str(),
            v2_req.body.as_str()
        ),
        ("POST", "/2/statuses/destroy.json", "id=11488058246"),
        "v2 puts it in the form body"
    );
    for req in [&v1_req, &v2_req] {
        assert_eq!(req.header("authorization"), Some(bearer().as_str()));
    }

    // Each crate's endpoint table lists its own endpoints only.
    let v1_meta = weibo_api::API
        .endpoint("v1", "statuses/destroy")
        .expect("weibo-api has v1 statuses/destroy");
    let v2_meta = weibo_downstream::API
        .endpoint("v2", "statuses/destroy")
        .expect("the downstream crate has v2 statuses/destroy");
    assert!(std::ptr::eq(v1_meta, &weibo_api::v1::STATUSES_DESTROY));
    assert!(std::ptr::eq(
        v2_meta,
        &weibo_downstream::v2::STATUSES_DESTROY
    ));
    assert_eq!(
        (v1_meta.path, v2_meta.path),
        ("statuses/destroy/:id", "statuses/destroy")
    );
    assert!(weibo_api::API.endpoint("v2", "statuses/destroy").is_none());
    assert!(
        weibo_downstream::API
            .endpoint("v1", "statuses/destroy")
            .is_none()
    );
}

#[test]
fn the_downstream_endpoint_table_and_examples() {
    let api = &weibo_downstream::API;
    assert_eq!(api.spec, "spec/downstream.yaml");
    let listed: Vec<(&str, &str, &str)> = api
        .endpoints
        .iter()
        .map(|e| (e.version.key, e.name, e.response))
        .collect();
    assert_eq!(
        listed,
        [
            ("v2", "statuses/destroy", "Status"),
            ("v2", "favorites/destroy_batch", "BatchResult"),
            ("v2", "statuses/user_timeline", "StatusTimeline"),
        ]
    );
    assert_eq!(api.versions.len(), 1);
    assert_eq!(api.versions[0].base_url, "https://api.weibo.com/2");
    assert_eq!(
        v2::STATUSES_USER_TIMELINE
            .params
            .iter()
            .filter(|p| p.credential.is_none())
            .map(|p| (p.name, p.required))
            .collect::<Vec<_>>(),
        [
            ("uid", false),
            ("since_id", false),
            ("max_id", false),
            ("count", false),
            ("page", false),
        ]
    );
    assert_eq!(
        v2::FAVORITES_DESTROY_BATCH.param("ids").unwrap().max_items,
        Some(20)
    );
    // The macro does not know an extern model's fields, so it cannot check a `Status` example;
    // decoding each example with the real response type does.
    for endpoint in api.endpoints {
        (endpoint.check_response)(endpoint, example(endpoint).as_bytes(), Format::Json)
            .unwrap_or_else(|e| panic!("the example of `{}` does not decode: {e}", endpoint.name));
    }
}
