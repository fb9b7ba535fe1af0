//! `.pages(&client)`: a `Stream` of items with the async client, an `Iterator` with the
//! blocking one, for page paging (`statuses/home_timeline`, items in `statuses`; `tags`, the
//! response is the list), cursor paging (`friendships/friends`) and max_id paging
//! (`comments/by_me`). The mock answers every page with the same example, so these tests
//! assert the requests each page sends and how many items come, capped with `.take(n)` where
//! the pages would not end.

mod support;

use futures_util::{StreamExt, TryStreamExt};
use support::*;
use weibo_api::mock::Fault;
use weibo_constructs::{models::Feature, v2};

/// The query of every request the mock received, as owned pairs.
fn queries(server: &weibo_api::mock::MockServer) -> Vec<Vec<(String, String)>> {
    server
        .requests()
        .iter()
        .map(|r| {
            assert_eq!(r.status(), 200, "{r:?}");
            r.query()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn home_timeline_pages_by_page_number_as_a_stream() {
    let server = mock().await;
    let client = client(&server);
    let statuses: Vec<weibo_api::models::Status> = v2::statuses_home_timeline()
        .count(1)
        .feature(Feature::Original)
        .pages(&client)
        .take(3)
        .try_collect()
        .await
        .unwrap();
    // One status per page in the example, and `total_number` (81655) is far: `take` ends it.
    assert_eq!(
        statuses.iter().map(|s| s.id).collect::<Vec<_>>(),
        [11488058246, 11488058246, 11488058246]
    );
    // The first request is the one built (the server assumes page 1); then page=2, 3. No
    // fourth request: the stream fetches a page only when an item is wanted.
    assert_eq!(
        queries(&server),
        [
            pairs(&[("count", "1"), ("feature", "1")]),
            pairs(&[("count", "1"), ("feature", "1"), ("page", "2")]),
            pairs(&[("count", "1"), ("feature", "1"), ("page", "3")]),
        ]
    );
}

#[tokio::test]
async fn paging_starts_from_the_page_that_was_set() {
    let server = mock().await;
    let statuses: Vec<_> = v2::statuses_home_timeline()
        .page(5)
        .pages(&client(&server))
        .take(2)
        .collect()
        .await;
    assert_eq!(statuses.len(), 2);
    assert!(statuses.iter().all(Result::is_ok));
    assert_eq!(
        queries(&server),
        [pairs(&[("page", "5")]), pairs(&[("page", "6")])]
    );
}

#[test]
fn home_timeline_pages_as_an_iterator_with_the_blocking_client() {
    let (_runtime, server) = blocking_mock();
    let client = blocking_client(&server);
    let ids: Vec<i64> = v2::statuses_home_timeline()
        .base_app(true)
        .pages(&client)
        .take(3)
        .map(|s| s.map(|s| s.id))
        .collect::<weibo_api::Result<_>>()
        .unwrap();
    assert_eq!(ids, [11488058246; 3]);
    assert_eq!(
        queries(&server),
        [
            pairs(&[("base_app", "1")]),
            pairs(&[("base_app", "1"), ("page", "2")]),
            pairs(&[("base_app", "1"), ("page", "3")]),
        ]
    );
}

#[tokio::test]
async fn a_list_response_pages_too() {
    let server = mock().await;
    let tags: Vec<weibo_constructs::models::Tag> = v2::tags()
        .uid(1404376560)
        .count(1)
        .pages(&client(&server))
        .take(4)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tags.len(), 4);
    assert!(
        tags.iter()
            .all(|t| t.tag.contains_key("221012100001985342"))
    );
    assert_eq!(
        queries(&server),
        [
            pairs(&[("uid", "1404376560"), ("count", "1")]),
            pairs(&[("uid", "1404376560"), ("count", "1"), ("page", "2")]),
            pairs(&[("uid", "1404376560"), ("count", "1"), ("page", "3")]),
            pairs(&[("uid", "1404376560"), ("count", "1"), ("page", "4")]),
        ]
    );
}

#[tokio::test]
async fn friends_page_by_next_cursor_and_stop_when_it_does_not_move() {
    let server = mock().await;
    // The example's next_cursor is 5 on every page: the second page repeats it, so paging ends
    // there instead of looping (a real server would move it, or send 0 on the last page).
    let users: Vec<weibo_api::models::User> = v2::friendships_friends()
        .uid(1404376560)
        .count(5)
        .pages(&client(&server))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id).collect::<Vec<_>>(),
        [1404376560, 1404376560]
    );
    assert_eq!(
        queries(&server),
        [
            pairs(&[("uid", "1404376560"), ("count", "5")]),
            pairs(&[("uid", "1404376560"), ("count", "5"), ("cursor", "5")]),
        ]
    );
}

#[test]
fn friends_page_by_cursor_with_the_blocking_client_too() {
    let (_runtime, server) = blocking_mock();
    let client = blocking_client(&server);
    let names: Vec<String> = v2::friendships_friends()
        .screen_name("zaku")
        .pages(&client)
        .map(|u| u.unwrap().screen_name.unwrap_or_default())
        .collect();
    assert_eq!(names, ["zaku", "zaku"]);
    assert_eq!(
        queries(&server),
        [
            pairs(&[("screen_name", "zaku")]),
            pairs(&[("screen_name", "zaku"), ("cursor", "5")]),
        ]
    );
}

#[tokio::test]
async fn comments_page_below_the_last_id_with_max_id() {
    let server = mock().await;
    let comments: Vec<weibo_constructs::models::Comment> = v2::comments_by_me()
        .count(50)
        .pages(&client(&server))
        .try_collect()
        .await
        .unwrap();
    // The last (only) comment is 12438492184: the next page asks for ids up to one below. The
    // mock's second page ends on the same comment, so max_id would not move: paging ends.
    assert_eq!(
        comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        [12438492184, 12438492184]
    );
    assert_eq!(comments[0].text.as_deref(), Some("love your work......."));
    assert_eq!(comments[0].status.as_ref().map(|s| s.id), Some(11488058246));
    assert_eq!(
        queries(&server),
        [
            pairs(&[("count", "50")]),
            pairs(&[("count", "50"), ("max_id", "12438492183")]),
        ]
    );
}

#[tokio::test]
async fn an_error_ends_the_stream_as_its_last_item() {
    let server = mock().await;
    let mut statuses = v2::statuses_home_timeline().pages(&client(&server));
    let first = statuses.next().await.expect("a first item").unwrap();
    assert_eq!(first.id, 11488058246);
    // The second page is refused (rate limited): one error, then the end.
    server.inject(Fault::weibo_error(10023).times(1));
    let second = statuses.next().await.expect("an error item");
    assert!(
        matches!(&second, Err(weibo_api::Error::Api(e)) if e.code == Some(10023)),
        "{second:?}"
    );
    assert!(statuses.next().await.is_none());
    let codes: Vec<Option<u32>> = server.requests().iter().map(|r| r.error_code()).collect();
    assert_eq!(codes, [None, Some(10023)]);
}

#[tokio::test]
async fn an_invalid_request_is_the_only_item_and_nothing_is_sent() {
    let server = mock().await;
    let items: Vec<_> = v2::place_nearby_photos()
        .lat(91.0)
        .long(0.0)
        .pages(&client(&server))
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert!(
        matches!(
            &items[0],
            Err(weibo_api::Error::InvalidRequest {
                parameter: Some("lat"),
                ..
            })
        ),
        "{items:?}"
    );
    assert!(server.requests().is_empty());
}
