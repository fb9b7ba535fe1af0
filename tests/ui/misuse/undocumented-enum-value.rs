// `Feature` has the documented values only (all, original, picture, video, music).

use weibo_api::models::Feature;

fn main() {
    let _ = weibo_api::v2::statuses_home_timeline().feature(Feature::Everything);
}
