// A `file` parameter takes a `weibo_api::Upload`; the request keeps it as a file value.

use weibo_api::{v2, ParamValue, Upload};

fn main() {
    let request = v2::statuses_upload()
        .status("喵")
        .pic(Upload::new(vec![0xff, 0xd8], "cat.jpg", "image/jpeg"))
        .rip("211.156.0.1")
        .build()
        .unwrap();
    match request.params().get("pic") {
        Some(ParamValue::File(file)) => {
            assert_eq!(
                (file.len(), file.file_name(), file.mime_type()),
                (2, "cat.jpg", "image/jpeg")
            );
        }
        other => panic!("{other:?}"),
    }
    // `Upload::from_path` is the blocking convenience (`Upload::read` the async one).
    let _: fn(&str) -> std::io::Result<Upload> = |p| Upload::from_path(p);
}
