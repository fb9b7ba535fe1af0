//! An endpoint on another host: `remind/unread_count` is documented at
//! `https://rm.api.weibo.com/2` while the rest of v2 is at `https://api.weibo.com/2`. It stays in
//! `v2`, goes to its own host by default, and follows the client wherever the client routes v2
//! (`api_root`, `base_url("v2", …)`), so the mock serves it at `/2/remind/unread_count.json`.

mod support;

use support::*;
use weibo_constructs::v2;

fn request() -> weibo_api::Request<weibo_api::models::UnreadCount> {
    v2::remind_unread_count()
        .uid(1404376560)
        .unread_message(true)
        .build()
        .unwrap()
}

#[test]
fn by_default_the_endpoint_goes_to_its_own_host_and_the_rest_of_v2_does_not() {
    let client = weibo_api::Client::builder()
        .access_token(TOKEN)
        .build()
        .unwrap();
    assert_eq!(
        client.url_of(&request()).unwrap().as_str(),
        "https://rm.api.weibo.com/2/remind/unread_count.json?uid=1404376560&unread_message=1"
    );
    let other = v2::users_show().uid(1404376560).build().unwrap();
    assert_eq!(
        client.url_of(&other).unwrap().as_str(),
        "https://api.weibo.com/2/users/show.json?uid=1404376560"
    );
    assert_eq!(
        v2::REMIND_UNREAD_COUNT.base_url,
        Some("https://rm.api.weibo.com/2")
    );
    assert_eq!(v2::USERS_SHOW.base_url, None);

    // Routing another version elsewhere leaves it alone.
    let v1_elsewhere = weibo_api::Client::builder()
        .access_token(TOKEN)
        .base_url("v1", "https://v1.example")
        .build()
        .unwrap();
    assert_eq!(
        v1_elsewhere.url_of(&request()).unwrap().host_str(),
        Some("rm.api.weibo.com")
    );
}

#[tokio::test]
async fn api_root_routes_it_to_the_mock_like_the_rest_of_v2() {
    let server = mock().await;
    let counts = v2::remind_unread_count()
        .uid(1404376560)
        .unread_message(false)
        .send(&client(&server))
        .await
        .unwrap();
    let req = only_request(&server);
    assert_eq!(
        (req.method(), req.path(), req.status()),
        ("GET", "/2/remind/unread_count.json", 200)
    );
    assert_eq!(
        req.query(),
        [("uid", "1404376560"), ("unread_message", "0")]
    );
    assert_eq!(req.header("authorization"), Some("OAuth2 ***"));
    assert_eq!(
        (counts.status, counts.follower, counts.cmt, counts.dm),
        (Some(0), Some(1), Some(0), Some(1))
    );
    assert_eq!((counts.photo, counts.msgbox), (Some(0), Some(0)));
}

#[tokio::test]
async fn a_v2_base_url_routes_it_too() {
    let server = mock().await;
    let client = weibo_api::Client::builder()
        .access_token(TOKEN)
        .base_url("v2", format!("{}/2", server.url()))
        .build()
        .unwrap();
    assert_eq!(
        client.url_of(&request()).unwrap().as_str(),
        format!(
            "{}/2/remind/unread_count.json?uid=1404376560&unread_message=1",
            server.url()
        )
    );
    let counts = client.send(request()).await.unwrap();
    assert_eq!(counts.follower, Some(1));
    assert_eq!(only_request(&server).path(), "/2/remind/unread_count.json");
}

#[test]
fn the_blocking_client_routes_it_the_same_way() {
    let (_runtime, server) = blocking_mock();
    let counts = blocking_client(&server).send(request()).unwrap();
    assert_eq!(counts.dm, Some(1));
    let req = only_request(&server);
    assert_eq!(req.path(), "/2/remind/unread_count.json");
    assert_eq!(
        req.query(),
        [("uid", "1404376560"), ("unread_message", "1")]
    );
}
