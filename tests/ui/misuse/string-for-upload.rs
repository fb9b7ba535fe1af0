// A `file` parameter takes a `weibo_api::Upload` (bytes, file name, MIME type), not a path.

fn main() {
    let _ = weibo_api::v2::statuses_upload()
        .status("喵")
        .pic(String::from("cat.jpg"))
        .rip("211.156.0.1")
        .build();
}
