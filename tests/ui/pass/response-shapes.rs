// Every response shape (enum field, json, maps, flatten, lists of maps) in a spec of its own:
// it compiles, its examples pass the macro's check, and they decode as documented.

mod api {
    weibo_api::generate!("tests/ui/specs/response-shapes.yaml");
}

use api::models::{Feature, Item, Tag};
use weibo_api::{Format, Map, OrUnknown};

fn main() {
    let item: Item = serde_json::from_str(api::v2::ITEMS_SHOW.example_json.unwrap()).unwrap();
    assert_eq!(item.id, 1);
    // 7 is not a documented value of `Feature`: kept, not an error.
    assert_eq!(item.feature, Some(OrUnknown::Unknown("7".to_string())));
    let known: Item = serde_json::from_str(r#"{"id": 2, "feature": "1"}"#).unwrap();
    assert_eq!(known.feature, Some(OrUnknown::Known(Feature::Original)));
    assert_eq!(known.feature.unwrap().known(), Some(Feature::Original));
    assert_eq!(item.annotations[0].to_string(), r#"{"b":1,"a":[2]}"#);
    assert!(item.extra.as_ref().is_none_or(|v| v.is_null()));
    let hours: Vec<(&str, &[i64])> = item
        .by_hour
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    assert_eq!(hours, [("18:00", &[1, 2][..]), ("17:00", &[][..])]);

    let cities: Vec<Map<String>> =
        serde_json::from_str(api::v2::CITIES.example_json.unwrap()).unwrap();
    assert_eq!(cities[0]["001011001"], "东城");

    let tags: Map<Vec<Tag>> = serde_json::from_str(api::v2::TAGS.example_json.unwrap()).unwrap();
    let tag = &tags["1404376560"][0];
    assert_eq!(tag.weight, Some(50));
    assert_eq!(tag.tag["221012100001985342"], "80后");
    assert_eq!(tag.tag.len(), 1);

    for endpoint in api::API.endpoints {
        let json = endpoint.example_json.unwrap();
        (endpoint.check_response)(endpoint, json.as_bytes(), Format::Json).unwrap();
    }
}
