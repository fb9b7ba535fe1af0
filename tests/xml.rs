//! The XML format of the v1 endpoints: requests go to `….xml`, and the documents' XML examples
//! decode into the same models, with the same values, as their JSON twins.

mod support;

use support::{link, rfc3339, TestServer};
use weibo_api::{v1, Client, Error, Format};

const XML: &str = "text/xml;charset=UTF-8";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .access_token("2.00TESTtoken")
        .app_key("appkey")
        .api_root(&server.url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn favorites_destroy_batch_in_xml_equals_the_json_twin() {
    let server =
        TestServer::start(200, v1::FAVORITES_DESTROY_BATCH.example_xml.unwrap(), XML).await;
    let xml = v1::favorites_destroy_batch()
        .ids([3958728723_i64])
        .format(Format::Xml)
        .send(&client(&server))
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/favorites/destroy_batch.xml")
    );
    assert_eq!(
        req.form_pairs(),
        support::owned(&[("ids", "3958728723"), ("source", "appkey")])
    );

    assert_eq!(xml.len(), 1);
    let status = &xml[0];
    assert_eq!(
        status.id, 3958728723,
        "numbers in text nodes become numbers"
    );
    assert_eq!(rfc3339(&status.created_at), "2010-11-29T16:08:43+08:00");
    assert_eq!(
        status.source,
        Some(link("新浪微博", "http://t.sina.com.cn")),
        "<source><a href=…> decodes like the JSON HTML"
    );
    assert_eq!(status.geo, None, "<geo/> is absent");
    assert_eq!(
        (
            status.in_reply_to_status_id,
            status.in_reply_to_user_id,
            status.in_reply_to_screen_name.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(
        (status.favorited, status.truncated),
        (Some(false), Some(false))
    );
    let user = status.user.as_ref().unwrap();
    assert_eq!(
        (
            user.id,
            user.screen_name.as_deref(),
            user.province.as_deref(),
            user.city.as_deref()
        ),
        (11051, Some("微博开放平台"), Some("11"), Some("8"))
    );
    assert_eq!(
        (user.verified, user.allow_all_act_msg, user.geo_enabled),
        (Some(true), Some(true), Some(true))
    );

    // The document's two examples describe the same favourite: every field is equal.
    let server = TestServer::json(200, v1::FAVORITES_DESTROY_BATCH.example_json.unwrap()).await;
    let json = v1::favorites_destroy_batch()
        .ids([1_i64])
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(xml, json);
}

#[tokio::test]
async fn statuses_destroy_in_xml_matches_the_json_twin_except_where_the_document_differs() {
    let server = TestServer::start(200, v1::STATUSES_DESTROY.example_xml.unwrap(), XML).await;
    let xml = v1::statuses_destroy()
        .id(142311)
        .format(Format::Xml)
        .method(weibo_api::Method::Delete)
        .send(&client(&server))
        .await
        .unwrap();

    let req = server.only_request();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("DELETE", "/statuses/destroy/142311.xml")
    );

    assert_eq!(xml.id, 142311);
    assert_eq!(xml.text.as_deref(), Some("lsdjfl端口"));
    assert_eq!(
        xml.source,
        Some(link("SinaDestTop", "http://t.sina.com.cn"))
    );
    let user = xml.user.as_ref().unwrap();
    assert_eq!(user.location, None, "<location></location> is absent");
    assert_eq!(user.gender, None);
    assert_eq!(rfc3339(&user.created_at), "1970-01-01T08:00:00+08:00");

    // The document's XML and JSON examples are two different deletions: they differ in these
    // fields and agree on every other one.
    let server = TestServer::json(200, v1::STATUSES_DESTROY.example_json.unwrap()).await;
    let mut expected = v1::statuses_destroy()
        .id(1)
        .send(&client(&server))
        .await
        .unwrap();
    expected.id = 142311;
    expected.created_at = xml.created_at;
    assert_eq!(rfc3339(&xml.created_at), "2010-01-07T18:26:53+08:00");
    expected.source = Some(link("SinaDestTop", "http://t.sina.com.cn"));
    let expected_user = expected.user.as_mut().unwrap();
    expected_user.url = Some("http://timyang.net".into());
    expected_user.favourites_count = Some(33);
    assert_eq!(xml, expected);
}

#[tokio::test]
async fn xml_error_bodies_become_the_same_typed_api_error() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<hash>
  <request>/statuses/destroy/1.xml</request>
  <error_code>20101</error_code>
  <error>target weibo does not exist!</error>
</hash>"#;
    let server = TestServer::start(400, body, XML).await;
    let err = v1::statuses_destroy()
        .id(1)
        .format(Format::Xml)
        .send(&client(&server))
        .await
        .unwrap_err();
    match err {
        Error::Api(api) => {
            assert_eq!((api.status, api.code), (400, Some(20101)));
            assert_eq!(api.message, "target weibo does not exist!");
            assert_eq!(api.request.as_deref(), Some("/statuses/destroy/1.xml"));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_xml_is_a_typed_decode_error() {
    let cases = [
        ("<status><id>142311</id><text>cut", "truncated"),
        ("<status><id>abc</id></status>", "id"),
        (
            "<status><user><id>x</id></user><id>1</id></status>",
            "user.id",
        ),
        ("not xml at all", ""),
    ];
    for (body, path) in cases {
        let server = TestServer::start(200, body, XML).await;
        let err = v1::statuses_destroy()
            .id(1)
            .format(Format::Xml)
            .send(&client(&server))
            .await
            .unwrap_err();
        match err {
            Error::Decode {
                endpoint,
                format,
                path: at,
                excerpt,
                ..
            } => {
                assert_eq!((endpoint, format), ("statuses/destroy", Format::Xml));
                if !path.is_empty() && path != "truncated" {
                    assert_eq!(at, path, "{body}");
                }
                assert_eq!(excerpt, body);
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_format_the_endpoint_does_not_offer_is_rejected_before_io() {
    let server = TestServer::json(200, "{}").await;
    let err = weibo_api::Request::<weibo_api::models::Status>::new(
        &weibo_api::v2::KANDIAN_STATUSES_DESTROY,
        weibo_api::Params::default(),
        weibo_api::CallOptions {
            format: Some(Format::Xml),
            method: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "invalid request for `kandian/statuses/destroy`: format `xml` is not offered (offered: `json`)");
    assert_eq!(server.requests().len(), 0);
}
