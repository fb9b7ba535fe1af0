// `favorites/destroy_batch` needs the `ids` of the favourites to delete.

async fn delete(client: &weibo_api::Client) {
    let _ = client.send(weibo_api::v1::favorites_destroy_batch()).await;
}

fn main() {
    let _ = delete;
}
