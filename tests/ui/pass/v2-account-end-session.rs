// `account/end_session` (v2): nothing to set; `source` and `access_token` come from the client.

use weibo_api::{v2, Client, Method};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _user: weibo_api::models::User = v2::account_end_session().send(client).await?;
    let _user = client.send(v2::account_end_session()).await?;
    Ok(())
}

fn main() {
    let request = v2::account_end_session().build().unwrap();
    assert_eq!(request.endpoint().name, "account/end_session");
    assert_eq!(request.method(), Method::Get);
    assert_eq!(request.params().iter().count(), 0);
}
