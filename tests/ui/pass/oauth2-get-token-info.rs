// `oauth2/get_token_info`: nothing to set; the token inspected is the client's.

use weibo_api::{oauth2, Client};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _info: weibo_api::models::TokenInfo = oauth2::get_token_info().send(client).await?;
    Ok(())
}

fn main() {
    let request = oauth2::get_token_info().build().unwrap();
    assert_eq!(request.endpoint().name, "get_token_info");
    assert_eq!(request.params().iter().count(), 0);
}
