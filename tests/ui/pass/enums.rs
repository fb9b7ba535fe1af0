// Enum parameters take the generated enums; their wire forms are the documented values.

use weibo_api::models::{EmotionLanguage, EmotionType, Feature, Visibility};
use weibo_api::{v2, WireEnum};

fn main() {
    let request = v2::statuses_home_timeline()
        .feature(Feature::Video)
        .base_app(true)
        .build()
        .unwrap();
    assert_eq!(request.params().get("feature").unwrap().to_wire(), "3");
    assert_eq!(request.params().get("base_app").unwrap().to_wire(), "1");

    let request = v2::emotions()
        .r#type(EmotionType::Cartoon)
        .language(EmotionLanguage::Cnname)
        .build()
        .unwrap();
    assert_eq!(request.params().get("type").unwrap().to_wire(), "cartoon");
    assert_eq!(
        request.params().get("language").unwrap().to_wire(),
        "cnname"
    );

    assert_eq!(Visibility::VALUES, ["0", "1", "2", "3"]);
    assert_eq!(Visibility::from_wire("2"), Some(Visibility::CloseFriends));
    let all: [Feature; 5] = [
        Feature::All,
        Feature::Original,
        Feature::Picture,
        Feature::Video,
        Feature::Music,
    ];
    assert_eq!(all.map(Feature::wire), Feature::VALUES);
}
