// `statuses/destroy` needs the `id` of the status to delete; leaving it out must not compile.

async fn delete(client: &weibo_api::Client) {
    let _ = weibo_api::v1::statuses_destroy().send(client).await;
}

fn main() {
    let _ = delete;
}
