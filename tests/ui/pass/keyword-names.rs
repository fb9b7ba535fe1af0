// Spec names that are Rust keywords (`type`, `match`) or not identifiers (`short-url`,
// `item-show`) are turned into usable Rust names, not rejected.

mod api {
    weibo_api::generate!("tests/ui/specs/keyword-names.yaml");
}

use api::models::Item;

fn main() {
    // Endpoint `short-url/item-show`; parameters `type` and `match` are raw identifiers.
    let request = api::v2::short_url_item_show()
        .id(1)
        .r#match("exact")
        .r#type("x")
        .build()
        .unwrap();
    assert_eq!(request.endpoint().name, "short-url/item-show");
    assert_eq!(request.endpoint().path, "short-url/item-show/:id");
    assert_eq!(request.params().get("type").unwrap().to_wire(), "x");
    assert_eq!(request.params().get("match").unwrap().to_wire(), "exact");

    // `type` is optional, `match` is required.
    let request = api::v2::short_url_item_show()
        .r#match("m")
        .id(2)
        .build()
        .unwrap();
    assert!(request.params().get("type").is_none());

    // Model fields `class`, `type` and `short-url` keep their wire names.
    let item: Item = serde_json::from_str(
        r#"{"id": 1, "class": "a", "type": "b", "short-url": "http://t.cn/x"}"#,
    )
    .unwrap();
    assert_eq!(item.id, 1);
    assert_eq!(item.class.as_deref(), Some("a"));
    assert_eq!(item.r#type.as_deref(), Some("b"));
    assert_eq!(item.short_url.as_deref(), Some("http://t.cn/x"));
}
