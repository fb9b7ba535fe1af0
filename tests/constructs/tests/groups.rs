//! Parameter groups: `exactly_one_of` (`users/show`, `friendships/show` with two groups) and
//! `at_least_one_of` (`statuses/upload_url_text`). The compiler enforces them on the builders
//! (tests/ui); here: what each allowed combination sends, the runtime check of a hand-built
//! `Request`, and the mock's 10016.

mod support;

use support::*;
use weibo_api::models::{FriendshipRelation, Status, User};
use weibo_api::{CallOptions, Params, Request};
use weibo_constructs::{models::Visibility, v2};

fn assert_is_zaku(user: &User) {
    assert_eq!(user.id, 1404376560);
    assert_eq!(user.screen_name.as_deref(), Some("zaku"));
    assert_eq!(user.location.as_deref(), Some("北京 朝阳区"));
    assert_eq!(user.followers_count, Some(1204));
    assert_eq!(user.bi_followers_count, Some(215));
    let status = user.status.as_deref().expect("the latest status");
    assert_eq!(status.id, 11142488790);
    assert_eq!(status.text.as_deref(), Some("我的相机到了。"));
}

#[tokio::test]
async fn users_show_sends_exactly_the_member_that_was_set() {
    let server = mock().await;
    let client = client(&server);
    let by_uid = v2::users_show()
        .uid(1404376560)
        .send(&client)
        .await
        .unwrap();
    let by_name = v2::users_show()
        .screen_name("zaku")
        .send(&client)
        .await
        .unwrap();
    assert_is_zaku(&by_uid);
    assert_eq!(by_uid, by_name);

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for req in &requests {
        assert_eq!(
            (req.method(), req.path(), req.status()),
            ("GET", "/2/users/show.json", 200)
        );
    }
    assert_eq!(requests[0].query(), [("uid", "1404376560")]);
    assert_eq!(requests[1].query(), [("screen_name", "zaku")]);
}

#[tokio::test]
async fn friendships_show_takes_one_member_of_each_of_its_two_groups() {
    let server = mock().await;
    let client = client(&server);
    let relations: Vec<FriendshipRelation> = vec![
        v2::friendships_show()
            .source_id(1734528095)
            .target_id(1418348195)
            .send(&client)
            .await
            .unwrap(),
        v2::friendships_show()
            .target_screen_name("zaku")
            .source_screen_name("檀木幻想")
            .send(&client)
            .await
            .unwrap(),
    ];
    for relation in &relations {
        let source = relation.source.as_ref().expect("source");
        let target = relation.target.as_ref().expect("target");
        assert_eq!(
            (source.id, source.screen_name.as_deref()),
            (Some(1734528095), Some("檀木幻想"))
        );
        assert_eq!(
            (target.id, target.screen_name.as_deref()),
            (Some(1418348195), Some("zaku"))
        );
        assert_eq!(
            (
                source.followed_by,
                source.following,
                source.notifications_enabled
            ),
            (Some(false), Some(false), Some(false))
        );
    }
    let requests = server.requests();
    assert_eq!(
        requests[0].query(),
        [("source_id", "1734528095"), ("target_id", "1418348195")]
    );
    // Spec order on the wire, whatever order the setters were called in.
    assert_eq!(
        requests[1].query(),
        [
            ("source_screen_name", "檀木幻想"),
            ("target_screen_name", "zaku")
        ]
    );
}

fn assert_is_the_upload_example(status: &Status) {
    assert_eq!(status.id, 3504803600500000);
    assert_eq!(status.text.as_deref(), Some("分组定向图片微博"));
    assert_eq!(
        status.thumbnail_pic.as_deref(),
        Some("http://ww2.sinaimg.cn/thumbnail/71666d49jw1dy6q8t3p0rj.jpg")
    );
}

#[tokio::test]
async fn upload_url_text_takes_a_url_a_list_of_pic_ids_or_both() {
    let server = mock().await;
    let client = client(&server);
    let by_url = v2::statuses_upload_url_text()
        .status("图")
        .url("http://ww2.sinaimg.cn/large/71666d49jw1dy6q8t3p0rj.jpg")
        .send(&client)
        .await
        .unwrap();
    // `list<string>`, comma-joined (the default list_format); an array of &str.
    let by_ids = v2::statuses_upload_url_text()
        .status("图")
        .pic_id(["71666d49jw1dy6q8t3p0rj", "71666d49jw1dy6q8t3p0rk"])
        .send(&client)
        .await
        .unwrap();
    let both = v2::statuses_upload_url_text()
        .status("图")
        .visible(Visibility::Group)
        .list_id("3469454702570000")
        .url("http://example.com/a.jpg")
        .pic_id(vec!["71666d49jw1dy6q8t3p0rj".to_string()])
        .lat(-33.8688)
        .long(151.2093)
        .send(&client)
        .await
        .unwrap();
    for status in [&by_url, &by_ids, &both] {
        assert_is_the_upload_example(status);
    }

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for req in &requests {
        assert_eq!(
            (req.method(), req.path(), req.status()),
            ("POST", "/2/statuses/upload_url_text.json", 200)
        );
        assert_eq!(
            req.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert!(req.query().is_empty());
    }
    assert_eq!(
        requests[0].form(),
        [
            ("status", "图"),
            (
                "url",
                "http://ww2.sinaimg.cn/large/71666d49jw1dy6q8t3p0rj.jpg"
            )
        ]
    );
    assert_eq!(
        requests[1].form(),
        [
            ("status", "图"),
            ("pic_id", "71666d49jw1dy6q8t3p0rj,71666d49jw1dy6q8t3p0rk")
        ]
    );
    assert_eq!(
        requests[1].params("pic_id"),
        ["71666d49jw1dy6q8t3p0rj,71666d49jw1dy6q8t3p0rk"],
        "one key, comma-joined"
    );
    assert_eq!(
        requests[2].form(),
        [
            ("status", "图"),
            ("visible", "3"),
            ("list_id", "3469454702570000"),
            ("url", "http://example.com/a.jpg"),
            ("pic_id", "71666d49jw1dy6q8t3p0rj"),
            ("lat", "-33.8688"),
            ("long", "151.2093"),
        ]
    );
}

#[tokio::test]
async fn a_hand_built_request_is_checked_against_the_groups_before_any_io() {
    let server = mock().await;
    let client = client(&server);

    let neither = Request::<User>::new(&v2::USERS_SHOW, Params::default(), CallOptions::new());
    let (parameter, reason) = invalid(neither, "users/show");
    assert_eq!(parameter, None);
    assert_eq!(
        reason,
        "needs exactly one of `uid`, `screen_name` (set: none)"
    );

    let mut params = Params::default();
    params.push("uid", 1404376560_i64);
    params.push("screen_name", "zaku");
    let both = Request::<User>::new(&v2::USERS_SHOW, params, CallOptions::new());
    let (parameter, reason) = invalid(both, "users/show");
    assert_eq!(parameter, None);
    assert_eq!(
        reason,
        "needs exactly one of `uid`, `screen_name` (set: `uid`, `screen_name`)"
    );

    let mut params = Params::default();
    params.push("status", "图");
    let none_of_two =
        Request::<Status>::new(&v2::STATUSES_UPLOAD_URL_TEXT, params, CallOptions::new());
    let (_, reason) = invalid(none_of_two, "statuses/upload_url_text");
    assert_eq!(reason, "needs at least one of `url`, `pic_id` (set: none)");

    // The second group of friendships/show is checked as well as the first.
    let mut params = Params::default();
    params.push("source_id", 1734528095_i64);
    let half =
        Request::<FriendshipRelation>::new(&v2::FRIENDSHIPS_SHOW, params, CallOptions::new());
    let (_, reason) = invalid(half, "friendships/show");
    assert_eq!(
        reason,
        "needs exactly one of `target_id`, `target_screen_name` (set: none)"
    );

    // A valid one goes through the same client call.
    let mut params = Params::default();
    params.push("screen_name", "zaku");
    let one = Request::<User>::new(&v2::USERS_SHOW, params, CallOptions::new()).unwrap();
    assert_is_zaku(&client.send(one).await.unwrap());
    assert_eq!(only_request(&server).query(), [("screen_name", "zaku")]);
}

#[tokio::test]
async fn the_mock_answers_10016_for_neither_or_both_members() {
    let server = mock().await;
    let neither = raw(&server, "GET", "/2/users/show.json", None, b"").await;
    assert_eq!(
        (neither.status, neither.code()),
        (400, Some(10016)),
        "{neither:?}"
    );
    assert!(
        neither
            .error()
            .contains("(exactly one of uid, screen_name; got none)"),
        "{neither:?}"
    );

    let both = raw(
        &server,
        "GET",
        "/2/users/show.json?uid=1404376560&screen_name=zaku",
        None,
        b"",
    )
    .await;
    assert_eq!((both.status, both.code()), (400, Some(10016)), "{both:?}");
    assert!(
        both.error()
            .contains("(exactly one of uid, screen_name; got uid, screen_name)"),
        "{both:?}"
    );

    let half = raw(
        &server,
        "GET",
        "/2/friendships/show.json?source_id=1734528095",
        None,
        b"",
    )
    .await;
    assert_eq!((half.status, half.code()), (400, Some(10016)), "{half:?}");
    assert!(
        half.error()
            .contains("(exactly one of target_id, target_screen_name; got none)"),
        "{half:?}"
    );

    let none_of_two = raw(
        &server,
        "POST",
        "/2/statuses/upload_url_text.json",
        Some("application/x-www-form-urlencoded"),
        &form(&[("status", "x")]),
    )
    .await;
    assert_eq!(
        (none_of_two.status, none_of_two.code()),
        (400, Some(10016)),
        "{none_of_two:?}"
    );
    assert!(
        none_of_two
            .error()
            .contains("(at least one of url, pic_id; got none)"),
        "{none_of_two:?}"
    );

    // Both members of an at-least-one-of group are fine.
    let both_ok = raw(
        &server,
        "POST",
        "/2/statuses/upload_url_text.json",
        Some("application/x-www-form-urlencoded"),
        &form(&[
            ("status", "x"),
            ("url", "http://a/b.jpg"),
            ("pic_id", "p1,p2"),
        ]),
    )
    .await;
    assert_eq!((both_ok.status, both_ok.code()), (200, None), "{both_ok:?}");

    let codes: Vec<Option<u32>> = server.requests().iter().map(|r| r.error_code()).collect();
    assert_eq!(
        codes,
        [Some(10016), Some(10016), Some(10016), Some(10016), None]
    );
}

#[tokio::test]
async fn at_most_9_pic_ids_before_any_io_and_on_the_mock() {
    let server = mock().await;
    let ten: Vec<String> = (0..10).map(|i| format!("p{i}")).collect();
    let result = v2::statuses_upload_url_text()
        .status("图")
        .pic_id(&ten[..])
        .send(&client(&server))
        .await;
    let (parameter, reason) = invalid(result, "statuses/upload_url_text");
    assert_eq!(parameter, Some("pic_id"));
    assert_eq!(reason, "has 10 items; at most 9 allowed");
    assert!(server.requests().is_empty());

    let answer = raw(
        &server,
        "POST",
        "/2/statuses/upload_url_text.json",
        Some("application/x-www-form-urlencoded"),
        &form(&[("status", "x"), ("pic_id", &ten.join(","))]),
    )
    .await;
    assert_eq!(
        (answer.status, answer.code()),
        (400, Some(10017)),
        "{answer:?}"
    );
    assert!(
        answer
            .error()
            .contains("expect (at most 9 items) , but get (10 items)"),
        "{answer:?}"
    );
}
