//! weibo-api's mock server (feature `mock`) serving weibo-api's table and this crate's table at
//! once: the downstream endpoints are routed, checked and answered from the downstream spec
//! alone, next to the same-named v1 endpoints.

use weibo_api::mock::MockServer;
use weibo_api::{Client, Error};
use weibo_downstream::v2;

#[tokio::test]
async fn one_mock_serves_weibo_api_and_the_downstream_spec_side_by_side() {
    let server = MockServer::builder()
        .api(&weibo_api::API)
        .api(&weibo_downstream::API)
        .start()
        .await
        .unwrap();
    let client = Client::builder()
        .access_token("2.00TESTtoken")
        .api_root(server.url())
        .build()
        .unwrap();

    let old = weibo_api::v1::statuses_destroy()
        .id(142312)
        .send(&client)
        .await
        .unwrap();
    let new = v2::statuses_destroy()
        .id(11488058246)
        .send(&client)
        .await
        .unwrap();
    let batch = v2::favorites_destroy_batch()
        .ids([1, 2, 3])
        .send(&client)
        .await
        .unwrap();
    let timeline = v2::statuses_user_timeline()
        .uid(1404376560)
        .count(2)
        .send(&client)
        .await
        .unwrap();

    // Each answer is its endpoint's documented example.
    assert_eq!((old.id, new.id), (142312, 11488058246));
    assert!(batch.result);
    assert_eq!(timeline.total_number, Some(2908));
    assert_eq!(
        timeline.statuses.iter().map(|s| s.id).collect::<Vec<_>>(),
        [11488058246, 11487393117]
    );

    let requests = server.requests();
    let routed: Vec<(&str, &str, u16)> = requests
        .iter()
        .map(|r| (r.method(), r.path(), r.status()))
        .collect();
    assert_eq!(
        routed,
        [
            ("POST", "/statuses/destroy/142312.json", 200),
            ("POST", "/2/statuses/destroy.json", 200),
            ("POST", "/2/favorites/destroy_batch.json", 200),
            ("GET", "/2/statuses/user_timeline.json", 200),
        ]
    );
    // The mock matched each request to the right crate's metadata.
    let matched: Vec<*const weibo_api::meta::Endpoint> = requests
        .iter()
        .map(|r| r.endpoint().expect("routed to an endpoint") as *const _)
        .collect();
    assert_eq!(
        matched,
        [
            &weibo_api::v1::STATUSES_DESTROY as *const _,
            &v2::STATUSES_DESTROY as *const _,
            &v2::FAVORITES_DESTROY_BATCH as *const _,
            &v2::STATUSES_USER_TIMELINE as *const _,
        ]
    );
    assert_eq!(requests[1].form(), [("id", "11488058246")]);
    assert_eq!(requests[2].form(), [("ids", "1,2,3")]);
    assert_eq!(requests[3].query(), [("uid", "1404376560"), ("count", "2")]);

    // Weibo's login check applies to the downstream endpoints too (`login_required: true`).
    let anonymous = Client::builder().api_root(server.url()).build().unwrap();
    let err = v2::statuses_user_timeline()
        .send(&anonymous)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(e) if e.code == Some(21301)),
        "expected Weibo error 21301, got {err:?}"
    );

    server.shutdown().await;
}
