// `.pages(…)` is bound like `send`: without one of `uid`, `screen_name` it does not compile.

fn main() {
    let client = weibo_api::blocking::Client::builder()
        .build_blocking()
        .unwrap();
    let _ = weibo_api::v2::friendships_friends().pages(&client);
}
