// `friendships/friends` takes exactly one of `uid`, `screen_name`: setting neither does not
// compile, and the error names the group.

fn main() {
    let _ = weibo_api::v2::friendships_friends().count(5).build();
}
