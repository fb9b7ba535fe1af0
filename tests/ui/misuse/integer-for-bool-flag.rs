// A 0/1 flag is a `bool` in Rust; the setter does not take the wire number.

fn main() {
    let _ = weibo_api::v2::statuses_home_timeline().base_app(1);
}
