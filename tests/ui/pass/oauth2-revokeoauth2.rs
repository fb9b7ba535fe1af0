// `oauth2/revokeoauth2`: nothing to set; the token revoked is the client's.

use weibo_api::{oauth2, Client};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _result: weibo_api::models::RevokeResult = oauth2::revokeoauth2().send(client).await?;
    Ok(())
}

fn main() {
    let request = oauth2::revokeoauth2().build().unwrap();
    assert_eq!(request.endpoint().name, "revokeoauth2");
    assert_eq!(request.params().iter().count(), 0);
}
