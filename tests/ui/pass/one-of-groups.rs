// An exactly-one-of group compiles with each of its members alone; an at-least-one-of group with
// any non-empty set of them; two groups independently.

use weibo_api::v2;

fn main() {
    let by_uid = v2::friendships_friends().uid(1404376560).build().unwrap();
    let by_name = v2::friendships_friends()
        .screen_name("zaku")
        .build()
        .unwrap();
    assert!(by_uid.params().get("screen_name").is_none());
    assert_eq!(
        by_name.params().get("screen_name").unwrap().to_wire(),
        "zaku"
    );

    for request in [
        v2::friendships_show().source_id(1).target_id(2).build(),
        v2::friendships_show()
            .source_id(1)
            .target_screen_name("b")
            .build(),
        v2::friendships_show()
            .source_screen_name("a")
            .target_id(2)
            .build(),
        v2::friendships_show()
            .target_screen_name("b")
            .source_screen_name("a")
            .build(),
    ] {
        assert_eq!(request.unwrap().params().len(), 2);
    }

    for request in [
        v2::statuses_upload_url_text()
            .status("图")
            .url("http://a/b.jpg")
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(["p"])
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(["p"])
            .url("http://a/b.jpg")
            .build(),
    ] {
        request.unwrap();
    }
}
