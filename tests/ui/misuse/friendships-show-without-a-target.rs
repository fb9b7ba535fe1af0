// `friendships/show` has two exactly-one-of groups; the source is set, the target is not: the
// error names the second group only.

fn main() {
    let _ = weibo_api::v2::friendships_show()
        .source_id(1734528095)
        .build();
}
