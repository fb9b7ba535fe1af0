//! Decoding keeps what Weibo sent: strings exactly as sent (whitespace decides only whether a
//! value is absent), XML lists of real elements, the `source` link read as HTML, and real
//! response bodies (tests/fixtures/real) decoded to the exact values they hold, in JSON and XML.
//!
//! Assertions name fields the models have today and never assert that a field is absent, so
//! they keep holding as fields are added.

mod support;

use support::{link, rfc3339, TestServer};
use weibo_api::models::Status;
use weibo_api::{v1, Client, Format, Link};

mod real {
    weibo_api::generate!("tests/specs/real.yaml");
}

const XML: &str = "text/xml;charset=UTF-8";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .access_token("t")
        .api_root(&server.url)
        .build()
        .unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A status through the whole client: `statuses/destroy` answered with `body`.
async fn status(body: &str, format: Format) -> weibo_api::Result<Status> {
    let server = match format {
        Format::Json => TestServer::json(200, body).await,
        Format::Xml => TestServer::start(200, body, XML).await,
    };
    v1::statuses_destroy()
        .id(1)
        .format(format)
        .send(&client(&server))
        .await
}

async fn timeline_xml(body: &str) -> weibo_api::Result<Vec<Status>> {
    let server = TestServer::start(200, body, XML).await;
    real::v1::statuses_friends_timeline()
        .format(Format::Xml)
        .send(&client(&server))
        .await
}

#[tokio::test]
async fn json_strings_keep_their_whitespace() {
    let s = status(
        r#"{"id": 1, "text": "可爱滴旅行箱[心] ", "in_reply_to_screen_name": " //@someone: 转发",
            "user": {"id": 2, "screen_name": "\tname\n", "description": "   "}}"#,
        Format::Json,
    )
    .await
    .unwrap();
    assert_eq!(s.text.as_deref(), Some("可爱滴旅行箱[心] "));
    assert_eq!(
        s.in_reply_to_screen_name.as_deref(),
        Some(" //@someone: 转发")
    );
    let user = s.user.unwrap();
    assert_eq!(user.screen_name.as_deref(), Some("\tname\n"));
    assert_eq!(user.description, None, "all whitespace counts as absent");
}

#[tokio::test]
async fn xml_text_is_kept_exactly() {
    let s = status(
        "<status><id> 7 </id><text> a </text><in_reply_to_screen_name>x &amp; y </in_reply_to_screen_name>\
         <user><id>2</id><screen_name><![CDATA[ <b>cdata</b> ]]></screen_name><description>  </description></user></status>",
        Format::Xml,
    )
    .await
    .unwrap();
    assert_eq!(s.id, 7, "numbers may be padded");
    assert_eq!(s.text.as_deref(), Some(" a "));
    assert_eq!(s.in_reply_to_screen_name.as_deref(), Some("x & y "));
    let user = s.user.unwrap();
    assert_eq!(user.screen_name.as_deref(), Some(" <b>cdata</b> "));
    assert_eq!(user.description, None);
}

#[tokio::test]
async fn xml_lists_of_real_elements_decode() {
    // A list with content inside a status, with an attribute on the wrapper.
    let s = status(
        r#"<status><id>1</id>
             <annotations type="array">
               <annotation><feedId>3260213</feedId><epgId>1159647</epgId></annotation>
               <annotation><client_mblogid>iPhone-1</client_mblogid></annotation>
             </annotations>
             <geo><type>Point</type><coordinates><float>23.04298</float><float>113.39773</float></coordinates></geo>
           </status>"#,
        Format::Xml,
    )
    .await
    .unwrap();
    assert_eq!(s.annotations.len(), 2);
    assert_eq!(
        (
            kandian(&s.annotations[0]).feed_id,
            kandian(&s.annotations[0]).epg_id
        ),
        (Some(3260213), Some(1159647))
    );
    let geo = s.geo.unwrap();
    assert_eq!(geo.coordinates, [23.04298, 113.39773]);

    // A top-level list whose items hold lists, whatever the items' tag.
    let statuses = timeline_xml(
        "<statuses>\n\
           <status><id>1</id><annotations><a><feedId>5</feedId></a></annotations></status>\n\
           <item><id>2</id><text> two </text></item>\n\
           <status><id>3</id><annotations/></status>\n\
         </statuses>",
    )
    .await
    .unwrap();
    let ids: Vec<i64> = statuses.iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(kandian(&statuses[0].annotations[0]).feed_id, Some(5));
    assert_eq!(statuses[1].text.as_deref(), Some(" two "));
    assert!(statuses[2].annotations.is_empty());

    assert!(timeline_xml("<statuses/>").await.unwrap().is_empty());
    assert!(timeline_xml("<statuses>\n</statuses>")
        .await
        .unwrap()
        .is_empty());
    let err = timeline_xml("<statuses>text<status><id>1</id></status></statuses>")
        .await
        .unwrap_err();
    assert!(matches!(err, weibo_api::Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn the_source_link_is_read_as_html_and_is_the_same_from_json_and_xml() {
    let expected = link("Tom & Jerry's 中文", "http://app.weibo.com/t?a=1&b=2");
    let json = status(
        r#"{"id": 1, "source": "<A REL=nofollow HREF='http://app.weibo.com/t?a=1&amp;b=2'>Tom &amp; Jerry&#39;s &#x4e2d;文</A>"}"#,
        Format::Json,
    )
    .await
    .unwrap();
    assert_eq!(json.source.as_ref(), Some(&expected));
    let xml = status(
        r#"<status><id>1</id><source><A HREF="http://app.weibo.com/t?a=1&amp;b=2" rel="nofollow">Tom &amp; Jerry's 中文</A></source></status>"#,
        Format::Xml,
    )
    .await
    .unwrap();
    assert_eq!(xml.source.as_ref(), Some(&expected));
    // The HTML as escaped text inside the XML element: the same link again.
    let escaped = status(
        r#"<status><id>1</id><source>&lt;a href="http://app.weibo.com/t?a=1&amp;amp;b=2"&gt;Tom &amp;amp; Jerry&amp;#39;s 中文&lt;/a&gt;</source></status>"#,
        Format::Xml,
    )
    .await
    .unwrap();
    assert_eq!(escaped.source.as_ref(), Some(&expected));

    // Unquoted values, text kept exactly.
    let s = status(
        r#"{"id": 1, "source": "<a rel=nofollow href=http://weibo.com/> 微博 weibo.com </a>"}"#,
        Format::Json,
    )
    .await
    .unwrap();
    assert_eq!(
        s.source,
        Some(link(" 微博 weibo.com ", "http://weibo.com/"))
    );

    // Not a link: kept as text, no URL, no error.
    for (body, format) in [
        (r#"{"id": 1, "source": "web"}"#, Format::Json),
        (
            "<status><id>1</id><source>web</source></status>",
            Format::Xml,
        ),
    ] {
        let s = status(body, format).await.unwrap();
        assert_eq!(
            s.source,
            Some(Link {
                text: "web".into(),
                href: None
            }),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_real_v2_timeline_with_a_repost_decodes_exactly() {
    let server = TestServer::json(200, &fixture("v2-timeline-repost.json")).await;
    let page = real::v2::statuses_home_timeline()
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(page.statuses.len(), 2);
    let first = &page.statuses[0];
    assert_eq!(first.id, 3947127816406260);
    assert_eq!(first.idstr.as_deref(), Some("3947127816406260"));
    assert_eq!(first.mid, Some(3947127816406260));
    assert_eq!(
        first.text.as_deref(),
        Some("经常刮胡子的男生会显得特别年轻[doge]")
    );
    assert_eq!(rfc3339(&first.created_at), "2016-02-27T13:47:48+08:00");
    assert_eq!(
        first.source,
        Some(link("微博 weibo.com", "http://weibo.com/"))
    );
    assert_eq!(first.in_reply_to_status_id, None);
    assert_eq!(
        first.thumbnail_pic.as_deref(),
        Some("http://ww1.sinaimg.cn/thumbnail/6e5c06b1gw1f1duh4irxyj20c836owl8.jpg")
    );
    assert_eq!(
        (first.reposts_count, first.comments_count, first.mlevel),
        (Some(21), Some(20), Some(0))
    );
    assert_eq!(first.geo, None);
    let user = first.user.as_ref().unwrap();
    assert_eq!(
        (
            user.id,
            user.screen_name.as_deref(),
            user.location.as_deref()
        ),
        (1851524785, Some("笑多了会怀孕"), Some("北京 朝阳区"))
    );
    assert_eq!(
        (
            user.domain.as_deref(),
            user.verified_type,
            user.followers_count
        ),
        (None, Some(0), Some(3705964))
    );

    let repost = &page.statuses[1];
    assert_eq!(repost.id, 3947127140374089);
    assert_eq!(repost.text.as_deref(), Some("豆腐脑：妈的智障[doge][doge]"));
    assert!(repost.annotations.is_empty());
    assert_eq!(repost.user.as_ref().unwrap().verified_type, Some(-1));
}

#[tokio::test]
async fn a_real_v2_timeline_with_emoji_geo_and_free_form_annotations_decodes_exactly() {
    let server = TestServer::json(200, &fixture("v2-timeline-emoji-geo.json")).await;
    let page = real::v2::statuses_home_timeline()
        .send(&client(&server))
        .await
        .unwrap();
    let first = &page.statuses[0];
    assert_eq!(
        first.text.as_deref(),
        Some("我是尽了半个月的力了，，没办法[白眼]🎄🎄[摊手] \u{200b}")
    );
    assert_eq!(
        first.source,
        Some(link("iPhone客户端", "http://weibo.com/"))
    );
    assert_eq!(first.annotations.len(), 2, "free-form annotations are kept");
    assert_eq!(kandian(&first.annotations[0]).feed_id, None);
    let second = &page.statuses[1];
    assert_eq!(
        second.text.as_deref(),
        Some("上午考考考，下午吃吃吃的一天[二哈][doge] http://t.cn/RxST1N7 \u{200b}")
    );
    let geo = second.geo.as_ref().unwrap();
    assert_eq!(geo.r#type.as_deref(), Some("Point"));
    assert_eq!(geo.coordinates, [23.04298, 113.39773]);
    assert_eq!(second.annotations.len(), 2);
    assert_eq!(second.user.as_ref().unwrap().city.as_deref(), Some("1000"));
}

#[tokio::test]
async fn a_real_v1_xml_comment_decodes_exactly() {
    let server = TestServer::start(200, &fixture("v1-comment.xml"), XML).await;
    let comment = real::v1::comments_destroy()
        .id(4439022969)
        .format(Format::Xml)
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(comment.id, 4439022969);
    assert_eq!(
        comment.text.as_deref(),
        Some("世界上最快的人~~~ They are just Genies~~")
    );
    assert_eq!(rfc3339(&comment.created_at), "2010-11-11T23:11:28+08:00");
    let user = comment.user.as_ref().unwrap();
    assert_eq!(
        (user.id, user.url.as_deref(), user.location.as_deref()),
        (1658122963, None, Some("北京 朝阳区"))
    );
    let latest = user.status.as_ref().unwrap();
    assert_eq!(latest.id, 3995822273);
    assert_eq!(
        latest.source,
        Some(Link {
            text: "微博开放平台接口".into(),
            href: None
        }),
        "an empty href is no target"
    );
    let commented = comment.status.as_ref().unwrap();
    assert_eq!(
        (commented.id, commented.text.as_deref()),
        (3583883787, Some("http://sinaurl.cn/7yJgU"))
    );
    assert_eq!(
        commented.source,
        Some(link("新浪微博", "http://t.sina.com.cn"))
    );
    assert_eq!(commented.geo, None);
    assert_eq!(commented.user.as_ref().unwrap().followers_count, Some(22));
}

#[tokio::test]
async fn a_real_v1_xml_status_decodes_like_its_json_twin() {
    let server = TestServer::start(200, &fixture("v1-status.xml"), XML).await;
    let xml = real::v1::statuses_show()
        .id(4288554507)
        .format(Format::Xml)
        .send(&client(&server))
        .await
        .unwrap();
    let json = status(
        r#"{"created_at": "Mon Dec 13 14:55:05 +0800 2010", "id": 4288554507, "text": "abcedf",
            "source": "<a href=\"http://open.t.sina.com.cn\" rel=\"nofollow\">微博开放平台接口</a>",
            "favorited": false, "truncated": false, "geo": null, "in_reply_to_status_id": "",
            "in_reply_to_user_id": "", "in_reply_to_screen_name": ""}"#,
        Format::Json,
    )
    .await
    .unwrap();
    assert_eq!(xml, json);
    assert_eq!(xml.text.as_deref(), Some("abcedf"));
    assert_eq!(
        xml.source,
        Some(link("微博开放平台接口", "http://open.t.sina.com.cn"))
    );
}

#[tokio::test]
async fn a_deleted_repost_decodes() {
    // The shape Weibo sends for a status whose author deleted it: no user, `deleted` as "1".
    let s = status(
        r#"{"id": 4229008793005125, "text": "转发微博", "retweeted_status": {"created_at": "Mon Oct 19 01:08:38 +0800 2015",
            "id": 3899463959387300, "mid": "3899463959387300", "idstr": "3899463959387300",
            "text": "抱歉，此微博已被作者删除。查看帮助：http://t.cn/zWSudZc", "deleted": "1"},
            "user": {"id": 1, "status": {"created_at": "Mon Oct 19 01:08:38 +0800 2015", "id": 3899463959387300,
            "text": "抱歉，此微博已被作者删除。查看帮助：http://t.cn/zWSudZc", "deleted": "1"}}}"#,
        Format::Json,
    )
    .await
    .unwrap();
    assert_eq!(s.text.as_deref(), Some("转发微博"));
    let deleted = s.user.unwrap().status.unwrap();
    assert_eq!(deleted.id, 3899463959387300);
    assert_eq!(deleted.user, None);
}

/// A free-form annotation read as a Kandian one (the typed view the spec keeps for them).
fn kandian(annotation: &weibo_api::Json) -> weibo_api::models::Annotation {
    serde_json::from_value(annotation.clone()).expect("an annotation object")
}
