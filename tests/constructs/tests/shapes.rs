//! Response shapes: a `map<string, list<T>>` field (`trends/hourly`), a top-level
//! `map<string, Model>` (`location/geo/is_domestic`), a top-level `list<Model>` whose items
//! have data-keyed members (`tags`, `flatten: true`), free-form `json` (weibo-api's
//! `Status.annotations` and `User.badge`), and every documented example decoding as its
//! endpoint's response type (the macro cannot see into extern models, so this is checked here).

mod support;

use support::*;
use weibo_api::{Format, Map, models::LocationDomestic};
use weibo_constructs::{
    API,
    models::{HourlyTrend, Tag},
    v2,
};

#[tokio::test]
async fn trends_hourly_keeps_the_topics_keyed_by_hour() {
    let server = mock().await;
    let trends = v2::trends_hourly()
        .base_app(true)
        .send(&client(&server))
        .await
        .unwrap();
    let req = only_request(&server);
    assert_eq!((req.path(), req.status()), ("/2/trends/hourly.json", 200));
    assert_eq!(req.query(), [("base_app", "1")]);

    let hours: Vec<&str> = trends.trends.keys().map(String::as_str).collect();
    assert_eq!(hours, ["2010-08-03 07:20"]);
    let topics: &Vec<HourlyTrend> = &trends.trends["2010-08-03 07:20"];
    let names: Vec<(Option<&str>, Option<&str>)> = topics
        .iter()
        .map(|t| (t.name.as_deref(), t.query.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            (Some("记忆犹新"), Some("记忆犹新")),
            (Some("金希澈"), Some("金希澈")),
            (Some("希澈"), Some("希澈")),
        ]
    );
    assert_eq!(trends.as_of, Some(1280833537));
}

#[tokio::test]
async fn is_domestic_is_a_map_keyed_by_the_callers_identifiers_in_order() {
    let server = mock().await;
    let coordinates = "120.035847163,23.1014362572,g1|116.035847163,38.1014362572,g2";
    let places: Map<LocationDomestic> = v2::location_geo_is_domestic()
        .coordinates(coordinates)
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).query(),
        [("coordinates", coordinates)]
    );

    let decoded: Vec<(&str, Option<i64>, Option<&str>)> = places
        .iter()
        .map(|(k, v)| (k.as_str(), v.r#type, v.address.as_deref()))
        .collect();
    assert_eq!(
        decoded,
        [
            ("g1", Some(1), Some("台湾")),
            ("g2", Some(1), Some("河北省 衡水市 武强县")),
            ("g3", Some(0), None),
        ]
    );
}

#[tokio::test]
async fn tags_is_a_list_whose_items_keep_their_data_keyed_member() {
    let server = mock().await;
    let tags: Vec<Tag> = v2::tags()
        .uid(1404376560)
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(only_request(&server).query(), [("uid", "1404376560")]);
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].weight, Some(50));
    let members: Vec<(&str, &str)> = tags[0]
        .tag
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(members, [("221012100001985342", "80后")]);
}

#[tokio::test]
async fn free_form_json_is_kept_as_sent() {
    let server = mock().await;
    let client = client(&server);
    // statuses/upload's example carries a user `badge` object (`json`).
    let status = v2::statuses_upload()
        .status("喵")
        .pic(weibo_api::Upload::new(vec![1], "a.jpg", "image/jpeg"))
        .rip("211.156.0.1")
        .send(&client)
        .await
        .unwrap();
    let badge = status.user.and_then(|u| u.badge).expect("a badge");
    assert_eq!(
        badge.to_string(),
        r#"{"kuainv":{"level":0},"uc_domain":0,"enterprise":0,"anniversary":0}"#
    );
    // home_timeline's example has `"annotations": []` (`list<json>`).
    let timeline = v2::statuses_home_timeline().send(&client).await.unwrap();
    assert_eq!(
        timeline.statuses[0].annotations,
        Vec::<weibo_api::Json>::new()
    );
}

#[test]
fn every_documented_example_decodes_as_its_response_type() {
    let mut with_example = Vec::new();
    for endpoint in API.endpoints {
        let Some(json) = endpoint.example_json else {
            continue;
        };
        (endpoint.check_response)(endpoint, json.as_bytes(), Format::Json)
            .unwrap_or_else(|e| panic!("{}: {e}", endpoint.name));
        with_example.push(endpoint.name);
    }
    with_example.sort_unstable();
    assert_eq!(
        with_example,
        [
            "comments/by_me",
            "friendships/friends",
            "friendships/show",
            "location/geo/is_domestic",
            "remind/unread_count",
            "short_url/shorten",
            "statuses/home_timeline",
            "statuses/upload",
            "statuses/upload_url_text",
            "tags",
            "trends/hourly",
            "users/show",
        ]
    );
    // And a body of the wrong shape is a decode error naming the path, not a silent default.
    let err = (v2::TRENDS_HOURLY.check_response)(
        &v2::TRENDS_HOURLY,
        br#"{"trends": {"2010-08-03 07:20": {"name": "x"}}}"#,
        Format::Json,
    )
    .unwrap_err();
    assert!(
        matches!(&err, weibo_api::Error::Decode { path, .. } if path == "trends.2010-08-03 07:20"),
        "{err:?}"
    );
}
