// `kandian/statuses/destroy` needs both `kandian_id` and `id`; here `kandian_id` is missing.

fn main() {
    let _ = weibo_api::v2::kandian_statuses_destroy()
        .id(3377417550859416)
        .build();
}
