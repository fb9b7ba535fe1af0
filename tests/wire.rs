//! Each documented endpoint against a real HTTP server on 127.0.0.1: the exact method, path,
//! query, form body and auth headers the client sent, and the decoded response field by field
//! against the document's example.

mod support;

use base64::Engine as _;
use support::{link, owned, rfc3339, TestServer};
use weibo_api::{v1, v2, Client, Error, Method};

const TOKEN: &str = "2.00TESTtokenSECRET";

fn example(endpoint: &weibo_api::meta::Endpoint) -> &'static str {
    endpoint
        .example_json
        .expect("the spec stores the documented JSON example")
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[tokio::test]
async fn statuses_destroy_v1_sends_the_documented_request_and_decodes_the_example() {
    let server = TestServer::json(200, example(&v1::STATUSES_DESTROY)).await;
    // As in the document's curl example: `curl -u uid:password -X DELETE .../statuses/destroy/1472669360.json?source=appkey`.
    let client = Client::builder()
        .basic_auth("uid", "password")
        .app_key("appkey")
        .api_root(&server.url)
        .build()
        .unwrap();

    let status = v1::statuses_destroy()
        .id(1472669360)
        .method(Method::Delete)
        .send(&client)
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "DELETE");
    assert_eq!(req.path, "/statuses/destroy/1472669360.json");
    assert_eq!(req.query, None);
    assert_eq!(req.form_pairs(), owned(&[("source", "appkey")]));
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        req.header("authorization"),
        Some(basic("uid", "password").as_str())
    );

    assert_eq!(status.id, 142312);
    assert_eq!(rfc3339(&status.created_at), "2010-01-07T18:27:35+08:00");
    assert_eq!(status.text.as_deref(), Some("lsdjfl端口"));
    assert_eq!(
        status.source,
        Some(link("SinaDestTop", "http://t.sina.com.cn/"))
    );
    assert_eq!(
        (status.favorited, status.truncated),
        (Some(false), Some(false))
    );
    assert_eq!(
        (status.in_reply_to_status_id, status.in_reply_to_user_id),
        (None, None),
        "\"\" means absent"
    );
    assert_eq!(status.in_reply_to_screen_name, None);
    assert_eq!(status.geo, None);
    let user = status.user.expect("the example embeds the author");
    assert_eq!(user.id, 11075);
    assert_eq!(user.screen_name.as_deref(), Some("name_11075"));
    assert_eq!(user.name.as_deref(), Some("name_11075"));
    assert_eq!(
        (user.province.as_deref(), user.city.as_deref()),
        (Some("0"), Some("0"))
    );
    assert_eq!(
        user.profile_image_url.as_deref(),
        Some("http://tp4.sinaimg.cn/11075/50/0")
    );
    assert_eq!(user.domain.as_deref(), Some("11075"));
    assert_eq!(
        (
            user.followers_count,
            user.friends_count,
            user.statuses_count,
            user.favourites_count
        ),
        (Some(28), Some(50), Some(0), Some(34))
    );
    assert_eq!(rfc3339(&user.created_at), "1970-01-01T08:00:00+08:00");
    assert_eq!(
        (user.following, user.geo_enabled, user.verified),
        (Some(false), Some(false), Some(true))
    );
    assert_eq!(user.url, None, "the example's \"url\":\"\" is absent");
}

#[tokio::test]
async fn statuses_destroy_defaults_to_the_first_documented_method() {
    let server = TestServer::json(200, example(&v1::STATUSES_DESTROY)).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(&server.url)
        .build()
        .unwrap();
    v1::statuses_destroy()
        .id(142312)
        .send(&client)
        .await
        .unwrap();
    let req = server.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/statuses/destroy/142312.json")
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str()),
        "a token wins over nothing else set"
    );
    assert_eq!(req.body, "");
}

#[tokio::test]
async fn favorites_destroy_batch_joins_ids_with_commas_in_the_form_body() {
    let server = TestServer::json(200, example(&v1::FAVORITES_DESTROY_BATCH)).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .app_key("1234567890")
        .api_root(&server.url)
        .build()
        .unwrap();

    let statuses = v1::favorites_destroy_batch()
        .ids([3958728723_i64, 3958728724, 42])
        .send(&client)
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/favorites/destroy_batch.json");
    assert_eq!(req.query, None);
    assert_eq!(
        req.body,
        "ids=3958728723%2C3958728724%2C42&source=1234567890"
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str())
    );

    assert_eq!(statuses.len(), 1);
    let status = &statuses[0];
    assert_eq!(status.id, 3958728723);
    assert_eq!(rfc3339(&status.created_at), "2010-11-29T16:08:43+08:00");
    assert!(status
        .text
        .as_deref()
        .unwrap()
        .starts_with("各位开发者,我们的论坛上线啦~http://sinaurl.cn/h4FWc7"));
    assert_eq!(
        status.source,
        Some(link("新浪微博", "http://t.sina.com.cn"))
    );
    assert_eq!(
        (status.in_reply_to_status_id, status.in_reply_to_user_id),
        (None, None)
    );
    let user = status.user.as_ref().unwrap();
    assert_eq!(
        (user.id, user.screen_name.as_deref(), user.name.as_deref()),
        (11051, Some("微博开放平台"), Some("微博开放平台"))
    );
    assert_eq!(
        (user.province.as_deref(), user.city.as_deref()),
        (Some("11"), Some("8"))
    );
    assert_eq!(user.location.as_deref(), Some("北京 海淀区"));
    assert_eq!(user.followers_count, Some(13034));
    assert_eq!(
        (user.allow_all_act_msg, user.verified),
        (Some(true), Some(true))
    );
    assert_eq!(rfc3339(&user.created_at), "2010-01-20T00:00:00+08:00");
}

#[tokio::test]
async fn favorites_destroy_batch_rejects_more_than_20_ids_before_any_network_io() {
    let server = TestServer::json(200, "[]").await;
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(&server.url)
        .build()
        .unwrap();

    let err = v1::favorites_destroy_batch()
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
    let err = v1::favorites_destroy_batch()
        .ids(Vec::<i64>::new())
        .send(&client)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidRequest {
                parameter: Some("ids"),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 0, "nothing may reach the server");

    // 20 is the documented maximum and goes through.
    v1::favorites_destroy_batch()
        .ids((1..=20).collect::<Vec<i64>>())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        server.only_request().form_pairs()[0].1,
        (1..=20)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
}

#[tokio::test]
async fn account_end_session_v2_uses_get_a_token_header_and_no_token_in_the_url() {
    let server = TestServer::json(200, example(&v2::ACCOUNT_END_SESSION)).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .app_key("1234567890")
        .api_root(&server.url)
        .build()
        .unwrap();

    let user = v2::account_end_session().send(&client).await.unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/2/account/end_session.json");
    assert_eq!(req.query_pairs(), owned(&[("source", "1234567890")]));
    assert!(!req.query.as_deref().unwrap_or_default().contains(TOKEN));
    assert_eq!(
        req.header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str())
    );
    assert_eq!(req.body, "");

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
    assert_eq!(user.gender.as_deref(), Some("m"));
    assert_eq!(
        (
            user.followers_count,
            user.friends_count,
            user.statuses_count
        ),
        (Some(1204), Some(447), Some(2908))
    );
    assert_eq!(rfc3339(&user.created_at), "2009-08-28T00:00:00+08:00");
    assert_eq!(
        (user.allow_all_comment, user.follow_me),
        (Some(true), Some(false))
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
    let status = user.status.expect("the example embeds the latest status");
    assert_eq!(status.id, 11142488790);
    assert_eq!(
        status.mid,
        Some(5610221544300749636),
        "mid is a string beyond 2^53 and stays exact"
    );
    assert_eq!(rfc3339(&status.created_at), "2011-05-24T18:04:53+08:00");
    assert_eq!(status.text.as_deref(), Some("我的相机到了。"));
    assert_eq!(status.source, Some(link("新浪微博", "http://weibo.com")));
    assert_eq!(status.geo, None);
    assert!(status.annotations.is_empty());
    assert_eq!(
        (status.reposts_count, status.comments_count),
        (Some(5), Some(8))
    );
}

#[tokio::test]
async fn kandian_statuses_destroy_v2_posts_both_ids_and_decodes_annotations() {
    let server = TestServer::json(200, example(&v2::KANDIAN_STATUSES_DESTROY)).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .api_root(&server.url)
        .build()
        .unwrap();

    let status = v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .id(3377417550859416_i64)
        .send(&client)
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/2/kandian/statuses/destroy.json");
    assert_eq!(req.query, None);
    assert_eq!(
        req.form_pairs(),
        owned(&[("kandian_id", "3260213"), ("id", "3377417550859416")])
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("OAuth2 {TOKEN}").as_str())
    );

    assert_eq!(status.id, 3377417550859416);
    assert_eq!(
        (status.idstr.as_deref(), status.mid),
        (Some("3377417550859416"), Some(3377417550859416))
    );
    assert_eq!(rfc3339(&status.created_at), "2011-11-08T11:22:36+08:00");
    assert_eq!(status.text.as_deref(), Some("test test http://t.cn/SZYH1W"));
    assert_eq!(status.source, Some(link("看点", "http://kandian.com")));
    assert_eq!(
        status.thumbnail_pic.as_deref(),
        Some("http://ww2.sinaimg.cn/thumbnail/5383cd88jw1dmwc5pkgpsj.jpg")
    );
    assert_eq!(
        status.bmiddle_pic.as_deref(),
        Some("http://ww2.sinaimg.cn/bmiddle/5383cd88jw1dmwc5pkgpsj.jpg")
    );
    assert_eq!(
        status.original_pic.as_deref(),
        Some("http://ww2.sinaimg.cn/large/5383cd88jw1dmwc5pkgpsj.jpg")
    );
    assert_eq!(status.annotations.len(), 1);
    assert_eq!(
        (
            status.annotations[0]["feedId"].as_i64(),
            status.annotations[0]["epgId"].as_i64()
        ),
        (Some(3260213), Some(1159647))
    );
    assert_eq!(
        (status.reposts_count, status.comments_count, status.mlevel),
        (Some(0), Some(0), Some(0))
    );
    let user = status.user.unwrap();
    assert_eq!(
        (user.id, user.idstr.as_deref()),
        (1401146760, Some("1401146760"))
    );
    assert_eq!(user.screen_name.as_deref(), Some("钱志强"));
    assert_eq!(user.verified_type, Some(-1));
    assert_eq!(user.lang.as_deref(), Some("zh-cn"));
    assert_eq!(user.online_status, Some(1));
}
