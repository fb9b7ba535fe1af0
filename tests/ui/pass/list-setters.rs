// List setters take arrays, slices and `Vec`s, of `&str` or `String` for `list<string>`, and
// unsuffixed integer literals for `list<int64>`.

use weibo_api::v2;

fn pic_ids(request: &weibo_api::Request<weibo_api::models::Status>) -> Vec<String> {
    request.params().get("pic_id").unwrap().items().to_vec()
}

fn main() {
    let owned: Vec<String> = vec!["a".to_string(), "b".to_string()];
    let borrowed: &[&str] = &["a", "b"];
    let requests = [
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(["a", "b"])
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(borrowed)
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(&["a", "b"][..])
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(vec!["a", "b"])
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(&owned)
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(&owned[..])
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id(owned.clone())
            .build(),
        v2::statuses_upload_url_text()
            .status("图")
            .pic_id([String::from("a"), String::from("b")])
            .build(),
    ];
    for request in requests {
        let request = request.unwrap();
        assert_eq!(pic_ids(&request), ["a", "b"]);
        assert_eq!(request.params().get("pic_id").unwrap().to_wire(), "a,b");
    }

    // list<int64>: literals beyond i32 without a suffix.
    let counts = v2::users_counts()
        .uids([3958728723, 3958728724])
        .build()
        .unwrap();
    assert_eq!(
        counts.params().get("uids").unwrap().to_wire(),
        "3958728723,3958728724"
    );
    let ids: Vec<i64> = vec![1, 2];
    v2::users_counts().uids(&ids[..]).build().unwrap();
    v2::users_counts().uids(ids).build().unwrap();
}
