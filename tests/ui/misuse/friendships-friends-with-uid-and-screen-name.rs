// `friendships/friends` takes exactly one of `uid`, `screen_name`: setting both does not
// compile either, and the error names the group.

async fn send(client: &weibo_api::Client) {
    let _ = weibo_api::v2::friendships_friends()
        .uid(1404376560)
        .screen_name("zaku")
        .send(client)
        .await;
}

fn main() {
    let _ = send;
}
