// `statuses/upload_url_text` needs at least one of `url`, `pic_id`.

fn main() {
    let _ = weibo_api::v2::statuses_upload_url_text()
        .status("图")
        .build();
}
