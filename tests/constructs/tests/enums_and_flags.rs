//! Enumerations (integer: `Feature`, `Visibility`, the search filters; string: `EmotionType`,
//! `EmotionLanguage`) and booleans (`bool_format: number` sends `1`/`0`, `word` sends
//! `true`/`false`), plus `max_length` on `statuses/update`: what goes on the wire, what is
//! refused before I/O, and what the mock refuses (10017).
//!
//! `emotions`, `search/statuses` and `statuses/update` have no documented example. Once every
//! check has passed, the mock answers `emotions` and `search/statuses` with the smallest body
//! their response types accept (an empty list), and `statuses/update`, whose `Status` is
//! weibo-api's model (`extern_models`, fields this expansion cannot see), with its 501 / 10001
//! "no example": the requests are checked and recorded either way.

mod support;

use support::*;
use weibo_api::WireEnum;
use weibo_constructs::models::{
    EmotionLanguage, EmotionType, Feature, SearchOriginalFilter, SearchPictureFilter, Visibility,
};
use weibo_constructs::v2;

/// The mock's answer to a request that passed its checks but has no documented example: the
/// minimal body (200), or 501 / 10001 where the response is another crate's model.
fn assert_passed_the_checks(server: &weibo_api::mock::MockServer, expected: (u16, Option<u32>)) {
    let requests = server.requests();
    let last = requests.last().expect("a request");
    assert_eq!((last.status(), last.error_code()), expected, "{last:?}");
}

#[tokio::test]
async fn home_timeline_sends_the_feature_as_its_number_and_base_app_as_1_or_0() {
    let server = mock().await;
    let client = client(&server);
    let timeline = v2::statuses_home_timeline()
        .count(20)
        .base_app(true)
        .feature(Feature::Original)
        .send(&client)
        .await
        .unwrap();
    v2::statuses_home_timeline()
        .feature(Feature::Music)
        .base_app(false)
        .send(&client)
        .await
        .unwrap();
    v2::statuses_home_timeline()
        .feature(Feature::All)
        .send(&client)
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(
        requests[0].query(),
        [("count", "20"), ("base_app", "1"), ("feature", "1")]
    );
    assert_eq!(requests[1].query(), [("base_app", "0"), ("feature", "4")]);
    assert_eq!(requests[2].query(), [("feature", "0")]);
    assert!(
        requests
            .iter()
            .all(|r| r.path() == "/2/statuses/home_timeline.json" && r.status() == 200)
    );

    assert_eq!(timeline.statuses.len(), 1);
    let status = &timeline.statuses[0];
    assert_eq!(status.id, 11488058246);
    assert_eq!(status.text.as_deref(), Some("求关注。"));
    assert_eq!(
        status.user.as_ref().map(|u| u.id),
        Some(1404376560),
        "weibo-api's User inside this crate's StatusTimeline"
    );
    assert_eq!(timeline.ad.len(), 1);
    assert_eq!(
        (timeline.ad[0].id, timeline.ad[0].mark.as_deref()),
        (Some(3366614911586452), Some("AB21321XDFJJK"))
    );
    assert_eq!(
        (
            timeline.previous_cursor,
            timeline.next_cursor,
            timeline.total_number
        ),
        (Some(0), Some(11488013766), Some(81655))
    );
}

#[test]
fn the_generated_enums_know_their_documented_values_only() {
    assert_eq!(Feature::VALUES, ["0", "1", "2", "3", "4"]);
    assert_eq!((Feature::NUMERIC, EmotionType::NUMERIC), (true, false));
    assert_eq!(
        [
            Feature::All,
            Feature::Original,
            Feature::Picture,
            Feature::Video,
            Feature::Music
        ]
        .map(Feature::wire),
        Feature::VALUES
    );
    assert_eq!(Feature::from_wire("3"), Some(Feature::Video));
    assert_eq!(Feature::from_wire("5"), None);
    assert_eq!(Feature::from_wire("video"), None);

    assert_eq!(EmotionType::VALUES, ["face", "ani", "cartoon"]);
    assert_eq!(EmotionType::from_wire("ani"), Some(EmotionType::Ani));
    assert_eq!(EmotionType::from_wire("Ani"), None);
    assert_eq!(EmotionLanguage::Twname.wire(), "twname");
    assert_eq!(Visibility::Group.wire(), "3");
    assert_eq!(SearchPictureFilter::WithoutPicture.wire(), "2");
}

#[tokio::test]
async fn emotions_sends_string_enums_as_their_text() {
    let server = mock().await;
    let result = v2::emotions()
        .r#type(EmotionType::Ani)
        .language(EmotionLanguage::Twname)
        .send(&client(&server))
        .await;
    assert!(result.expect("the minimal body").is_empty());
    assert_passed_the_checks(&server, (200, None));
    let req = only_request(&server);
    assert_eq!(req.path(), "/2/emotions.json");
    assert_eq!(req.query(), [("type", "ani"), ("language", "twname")]);
}

#[tokio::test]
async fn search_statuses_sends_true_false_and_1_0_flags_side_by_side() {
    let server = mock().await;
    let result = v2::search_statuses()
        .q("北京")
        .filter_ori(SearchOriginalFilter::Original)
        .filter_pic(SearchPictureFilter::WithPicture)
        .needcount(true)
        .base_app(true)
        .send(&client(&server))
        .await;
    assert!(result.expect("the minimal body").is_empty());
    let result = v2::search_statuses()
        .needcount(false)
        .base_app(false)
        .send(&client(&server))
        .await;
    assert!(result.expect("the minimal body").is_empty());

    let requests = server.requests();
    assert_eq!(
        requests[0].query(),
        [
            ("q", "北京"),
            ("filter_ori", "1"),
            ("filter_pic", "1"),
            ("needcount", "true"),
            ("base_app", "1"),
        ]
    );
    assert_eq!(
        requests[1].query(),
        [("needcount", "false"), ("base_app", "0")]
    );
    assert!(requests.iter().all(|r| r.status() == 200));
}

#[tokio::test]
async fn statuses_update_posts_the_visibility_flag_floats_and_annotations() {
    let server = mock().await;
    let result = v2::statuses_update()
        .status("发布一条新微博")
        .visible(Visibility::OnlyMe)
        .is_longtext(false)
        .lat(39.9042)
        .long(116.4074)
        .annotations(r#"[{"type":"test"}]"#)
        .rip("211.156.0.1")
        .send(&client(&server))
        .await;
    assert_eq!(api_code(result), Some(10001));
    assert_passed_the_checks(&server, (501, Some(10001)));
    let req = only_request(&server);
    assert_eq!(
        (req.method(), req.path()),
        ("POST", "/2/statuses/update.json")
    );
    assert!(req.query().is_empty());
    assert_eq!(
        req.form(),
        [
            ("status", "发布一条新微博"),
            ("visible", "1"),
            ("is_longtext", "0"),
            ("lat", "39.9042"),
            ("long", "116.4074"),
            ("annotations", r#"[{"type":"test"}]"#),
            ("rip", "211.156.0.1"),
        ]
    );
}

#[tokio::test]
async fn statuses_update_counts_characters_before_any_io() {
    let server = mock().await;
    let client = client(&server);
    let status = "长".repeat(141);
    let result = v2::statuses_update()
        .status(status.as_str())
        .rip("211.156.0.1")
        .send(&client)
        .await;
    let (parameter, reason) = invalid(result, "statuses/update");
    assert_eq!(parameter, Some("status"));
    assert_eq!(
        reason,
        format!("is {}; expected at most 140 characters", "长".repeat(64)),
        "the value is echoed cut to 64 characters"
    );
    let result = v2::statuses_update()
        .status("x")
        .annotations("a".repeat(513))
        .rip("211.156.0.1")
        .send(&client)
        .await;
    let (parameter, reason) = invalid(result, "statuses/update");
    assert_eq!(parameter, Some("annotations"));
    assert!(
        reason.ends_with("expected at most 512 characters"),
        "{reason}"
    );
    assert!(server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------
// The mock's own checks, with values the typed builders cannot express.

#[tokio::test]
async fn the_mock_refuses_flags_in_the_other_form_with_10017() {
    let server = mock().await;
    let word_for_number = raw(
        &server,
        "GET",
        "/2/statuses/home_timeline.json?base_app=true",
        None,
        b"",
    )
    .await;
    assert_eq!(
        (word_for_number.status, word_for_number.code()),
        (400, Some(10017)),
        "{word_for_number:?}"
    );
    assert!(
        word_for_number
            .error()
            .contains("parameter (base_app)'s value invalid,expect (`1` or `0`) , but get (true)"),
        "{word_for_number:?}"
    );

    let number_for_word = raw(
        &server,
        "GET",
        "/2/search/statuses.json?needcount=1",
        None,
        b"",
    )
    .await;
    assert_eq!(
        (number_for_word.status, number_for_word.code()),
        (400, Some(10017)),
        "{number_for_word:?}"
    );
    assert!(
        number_for_word.error().contains(
            "parameter (needcount)'s value invalid,expect (`true` or `false`) , but get (1)"
        ),
        "{number_for_word:?}"
    );

    // The right forms pass.
    let ok = raw(
        &server,
        "GET",
        "/2/statuses/home_timeline.json?base_app=1",
        None,
        b"",
    )
    .await;
    assert_eq!((ok.status, ok.code()), (200, None), "{ok:?}");
    let form_ok = raw(
        &server,
        "POST",
        "/2/statuses/update.json",
        Some("application/x-www-form-urlencoded"),
        &form(&[("status", "x"), ("is_longtext", "1"), ("rip", "1.1.1.1")]),
    )
    .await;
    assert_eq!(
        (form_ok.status, form_ok.code()),
        (501, Some(10001)),
        "{form_ok:?}"
    );
    let form_bad = raw(
        &server,
        "POST",
        "/2/statuses/update.json",
        Some("application/x-www-form-urlencoded"),
        &form(&[("status", "x"), ("is_longtext", "yes"), ("rip", "1.1.1.1")]),
    )
    .await;
    assert_eq!(
        (form_bad.status, form_bad.code()),
        (400, Some(10017)),
        "{form_bad:?}"
    );
}

#[tokio::test]
async fn the_mock_refuses_values_outside_an_enum_with_10017() {
    let server = mock().await;
    for (target, expected) in [
        (
            "/2/statuses/home_timeline.json?feature=5",
            "expect (one of 0, 1, 2, 3, 4) , but get (5)",
        ),
        (
            "/2/statuses/home_timeline.json?feature=original",
            "expect (a value of type int) , but get (original)",
        ),
        (
            "/2/emotions.json?type=smile",
            "expect (one of face, ani, cartoon) , but get (smile)",
        ),
        (
            "/2/emotions.json?language=FACE",
            "expect (one of cnname, twname) , but get (FACE)",
        ),
    ] {
        let answer = raw(&server, "GET", target, None, b"").await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, Some(10017)),
            "{target}: {answer:?}"
        );
        assert!(answer.error().contains(expected), "{target}: {answer:?}");
    }
    // Documented values pass (to the minimal body for emotions).
    let ok = raw(
        &server,
        "GET",
        "/2/emotions.json?type=cartoon&language=cnname",
        None,
        b"",
    )
    .await;
    assert_eq!((ok.status, ok.code()), (200, None), "{ok:?}");
}

#[tokio::test]
async fn the_mock_counts_characters_of_the_status_with_10017() {
    let server = mock().await;
    // 140 characters of 3 bytes each pass; 141 do not. `+` is a space in a form body.
    let longest = "长".repeat(140);
    let ok = raw(
        &server,
        "POST",
        "/2/statuses/update.json",
        Some("application/x-www-form-urlencoded"),
        format!("status={longest}&rip=1.1.1.1").as_bytes(),
    )
    .await;
    assert_eq!((ok.status, ok.code()), (501, Some(10001)), "{ok:?}");
    let too_long = raw(
        &server,
        "POST",
        "/2/statuses/update.json",
        Some("application/x-www-form-urlencoded"),
        format!("status={longest}+&rip=1.1.1.1").as_bytes(),
    )
    .await;
    assert_eq!(
        (too_long.status, too_long.code()),
        (400, Some(10017)),
        "{too_long:?}"
    );
    assert!(
        too_long.error().contains("expect (at most 140 characters)"),
        "{too_long:?}"
    );
}

#[test]
fn the_blocking_client_sends_the_same_enum_and_flag_values() {
    let (_runtime, server) = blocking_mock();
    let timeline = blocking_client(&server)
        .send(
            v2::statuses_home_timeline()
                .feature(Feature::Picture)
                .base_app(true),
        )
        .unwrap();
    assert_eq!(timeline.total_number, Some(81655));
    assert_eq!(
        only_request(&server).query(),
        [("base_app", "1"), ("feature", "2")]
    );
}
