// `id` of `statuses/destroy` is an `i64`; a variable of another integer type must be converted
// first (integer literals are inferred as `i64` and need no suffix).

fn main() {
    let id: i32 = 142312;
    let _ = weibo_api::v1::statuses_destroy().id(id).build();
}
