// `kandian/statuses/destroy` needs both `kandian_id` and `id`; here `id` is missing.

fn main() {
    let _ = weibo_api::v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .build();
}
