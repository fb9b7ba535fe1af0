//! The README's "Extending" step 5, word for word (`tests/readme.rs` checks that it is): the
//! tests a downstream crate writes for its own spec, run against the mock server. Rustdoc does
//! not run `#[test]` functions, so that README block is `ignore`d there and runs here.
//!
//! `my_crate::my_api` stands for the downstream crate's module that calls `generate!` on the
//! README's example spec (`spec/my-endpoints.yaml`, also checked against the README).

mod my_crate {
    pub mod my_api {
        weibo_api::generate!("spec/my-endpoints.yaml");
    }
}

use my_crate::my_api;

#[tokio::test]
async fn user_timeline() {
    let server = weibo_api::mock::MockServer::builder()
        .api(&weibo_api::API) // optional: weibo-api's endpoints as well
        .api(&my_api::API)
        .start()
        .await
        .unwrap();
    let client = weibo_api::Client::builder()
        .access_token("t")
        .api_root(server.url())
        .build()
        .unwrap();
    let timeline = my_api::v2::statuses_user_timeline()
        .uid(1404376560)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(timeline.total_number, Some(2908));
    assert_eq!(server.requests()[0].query(), [("uid", "1404376560")]);
}

#[test]
fn every_example_decodes() {
    for e in my_api::API.endpoints {
        (e.check_response)(
            e,
            e.example_json.unwrap().as_bytes(),
            weibo_api::Format::Json,
        )
        .unwrap();
    }
}
