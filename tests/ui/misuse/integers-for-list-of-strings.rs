// `pic_id` is a `list<string>`: an array of integers is not accepted.

fn main() {
    let _ = weibo_api::v2::statuses_upload_url_text()
        .status("图")
        .pic_id([1, 2]);
}
