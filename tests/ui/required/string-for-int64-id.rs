// `id` of `statuses/destroy` is an int64: a string (even one of digits) is a type error.

fn main() {
    let _ = weibo_api::v1::statuses_destroy().id("142312").build();
}
