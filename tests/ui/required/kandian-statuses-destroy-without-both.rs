// `kandian/statuses/destroy` with neither `kandian_id` nor `id`: both must be reported.

fn main() {
    let _ = weibo_api::v2::kandian_statuses_destroy().build();
}
