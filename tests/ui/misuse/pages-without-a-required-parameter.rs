// `.pages(…)` without the required `uid` of `tags` does not compile either.

fn main() {
    let client = weibo_api::blocking::Client::builder()
        .build_blocking()
        .unwrap();
    let _ = weibo_api::v2::tags().count(20).pages(&client);
}
