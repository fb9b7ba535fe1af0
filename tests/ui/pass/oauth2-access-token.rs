// `oauth2/access_token`: `code` and `redirect_uri` are required; `grant_type` is optional (the spec
// gives it a default) and `client_id`/`client_secret` come from the client.

use weibo_api::{oauth2, Client};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _token: weibo_api::models::AccessToken = oauth2::access_token()
        .code("CODE")
        .redirect_uri("https://example.com/callback")
        .send(client)
        .await?;
    Ok(())
}

fn main() {
    let request = oauth2::access_token()
        .code("CODE")
        .redirect_uri(String::from("https://example.com/callback"))
        .build()
        .unwrap();
    assert_eq!(request.endpoint().name, "access_token");
    assert_eq!(request.params().get("code").unwrap().to_wire(), "CODE");
    assert!(request.params().get("grant_type").is_none());

    let request = oauth2::access_token()
        .grant_type("authorization_code")
        .redirect_uri("https://example.com/callback")
        .code("CODE")
        .build()
        .unwrap();
    assert_eq!(
        request.params().get("grant_type").unwrap().to_wire(),
        "authorization_code"
    );
}
