// `statuses/destroy` (v1): set `id`, build or send. Format and method are optional and default
// to the spec's first (`json`, `POST`).

use weibo_api::{v1, Client, Format, Method};

// Type-checked only, never run: sending needs a network.
#[allow(dead_code)]
async fn send(client: &Client) -> weibo_api::Result<()> {
    let _status: weibo_api::models::Status = v1::statuses_destroy().id(142312).send(client).await?;
    let _status = client.send(v1::statuses_destroy().id(142312)).await?;
    Ok(())
}

fn main() {
    let request = v1::statuses_destroy().id(142312).build().unwrap();
    assert_eq!(request.endpoint().name, "statuses/destroy");
    assert_eq!(request.params().get("id").unwrap().to_wire(), "142312");
    assert_eq!(request.format(), Format::Json);
    assert_eq!(request.method(), Method::Post);

    // The optional choices, in any order around the required parameter.
    let request = v1::statuses_destroy()
        .format(Format::Xml)
        .id(7)
        .method(Method::Delete)
        .build()
        .unwrap();
    assert_eq!(request.format(), Format::Xml);
    assert_eq!(request.method(), Method::Delete);
    assert_eq!(request.params().get("id").unwrap().to_wire(), "7");
}
