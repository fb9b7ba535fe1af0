// `favorites/destroy_batch` (v1): `ids` is the only parameter to set (`source` is the client's
// app key). An array, a `Vec` or anything else that converts into `Vec<i64>` will do.

use weibo_api::{v1, Client};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _statuses: Vec<weibo_api::models::Status> = v1::favorites_destroy_batch()
        .ids([3958728723_i64, 3958728724])
        .send(client)
        .await?;
    Ok(())
}

fn main() {
    let request = v1::favorites_destroy_batch()
        .ids([3958728723_i64, 3958728724])
        .build()
        .unwrap();
    assert_eq!(request.endpoint().name, "favorites/destroy_batch");
    assert_eq!(
        request.params().get("ids").unwrap().to_wire(),
        "3958728723,3958728724"
    );
    assert!(request.params().get("source").is_none());

    // Literals beyond `i32` need no `_i64` suffix.
    let request = v1::favorites_destroy_batch()
        .ids([3958728723, 3958728724])
        .build()
        .unwrap();
    assert_eq!(
        request.params().get("ids").unwrap().to_wire(),
        "3958728723,3958728724"
    );

    let ids: Vec<i64> = vec![1, 2, 3];
    let request = v1::favorites_destroy_batch().ids(ids).build().unwrap();
    assert_eq!(request.params().get("ids").unwrap().to_wire(), "1,2,3");
}
