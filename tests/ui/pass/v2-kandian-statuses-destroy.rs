// `kandian/statuses/destroy` (v2): both required parameters, set in either order.

use weibo_api::{v2, Client};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _status: weibo_api::models::Status = v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .id(3377417550859416)
        .send(client)
        .await?;
    Ok(())
}

fn main() {
    let one = v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .id(3377417550859416)
        .build()
        .unwrap();
    let other = v2::kandian_statuses_destroy()
        .id(3377417550859416)
        .kandian_id(3260213)
        .build()
        .unwrap();
    for request in [one, other] {
        assert_eq!(request.endpoint().name, "kandian/statuses/destroy");
        assert_eq!(
            request.params().get("kandian_id").unwrap().to_wire(),
            "3260213"
        );
        assert_eq!(
            request.params().get("id").unwrap().to_wire(),
            "3377417550859416"
        );
    }
}
