//! Every example stored in the spec decodes into its endpoint's declared type, and no mangled
//! response (JSON or XML) can make decoding panic.

use weibo_api::meta::Endpoint;
use weibo_api::{Error, Format, API};

fn examples() -> Vec<(&'static Endpoint, Format, &'static str)> {
    API.endpoints
        .iter()
        .flat_map(|e| {
            [Format::Json, Format::Xml]
                .into_iter()
                .filter_map(move |f| e.example(f).map(|x| (*e, f, x)))
        })
        .collect()
}

#[test]
fn every_example_in_the_spec_decodes_into_its_declared_type() {
    // The seeds' examples are all there (in JSON and, for v1, XML); every example is checked.
    let found: Vec<String> = examples()
        .iter()
        .map(|(e, f, _)| format!("{}/{} {f}", e.version.key, e.name))
        .collect();
    for seed in [
        "v1/statuses/destroy json",
        "v1/statuses/destroy xml",
        "v1/favorites/destroy_batch json",
        "v1/favorites/destroy_batch xml",
        "v2/account/end_session json",
        "v2/kandian/statuses/destroy json",
        "oauth2/access_token json",
        "oauth2/get_token_info json",
        "oauth2/revokeoauth2 json",
    ] {
        assert!(
            found.iter().any(|f| f == seed),
            "{seed} is missing from {found:?}"
        );
    }
    assert!(found.len() >= 50, "{} examples", found.len());
    for (endpoint, format, example) in examples() {
        if let Err(e) = (endpoint.check_response)(endpoint, example.as_bytes(), format) {
            panic!(
                "the {format} example of {} does not decode: {e}",
                endpoint.name
            );
        }
    }
}

#[test]
fn a_wrong_example_does_not_decode() {
    // The check is real: the Status example is not a User (no `screen_name` problem, but `id` of
    // the nested user is required), and a list is not an object.
    let status = &weibo_api::v1::STATUSES_DESTROY;
    let user_example = weibo_api::v2::ACCOUNT_END_SESSION.example_json.unwrap();
    let batch = &weibo_api::v1::FAVORITES_DESTROY_BATCH;
    assert!(matches!(
        (batch.check_response)(batch, user_example.as_bytes(), Format::Json),
        Err(Error::Decode { .. })
    ));
    let err = (status.check_response)(
        status,
        br#"{"id": 1, "user": {"name": "no id"}}"#,
        Format::Json,
    )
    .unwrap_err();
    match err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "user");
            assert!(message.contains("missing field `id`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"/>",
    b"</",
    b"null",
    b"\"\"",
    b"-1",
    b"99999999999999999999999",
    b"\xe5\xbe",
    b"&amp;",
    b"<![CDATA[",
    b"\\u0000",
    b",",
    b":",
    b"1e999",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => {
                out.truncate(at);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 if at < out.len() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            _ if at < out.len() => out[at] = rng.next() as u8,
            _ => {}
        }
    }
    out
}

#[test]
fn mangled_responses_never_panic_and_fail_with_typed_errors() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut decoded = 0;
    let mut rejected = 0;
    for (endpoint, format, example) in examples() {
        for _ in 0..400 {
            let body = mutate(&mut rng, example.as_bytes());
            match (endpoint.check_response)(endpoint, &body, format) {
                Ok(()) => decoded += 1,
                Err(Error::Decode {
                    endpoint: name,
                    format: f,
                    ..
                }) => {
                    assert_eq!((name, f), (endpoint.name, format));
                    rejected += 1;
                }
                Err(Error::Api(_)) => rejected += 1,
                Err(other) => panic!("unexpected error kind for a 200 body: {other:?}"),
            }
        }
    }
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert!(
        decoded > 0 && rejected > 0,
        "decoded {decoded}, rejected {rejected}"
    );
}

#[test]
fn members_the_spec_does_not_declare_are_kept_as_sent() {
    let body = r#"{"id": 4091324476411460, "text": "全文 ", "isLongText": true, "deleted": "1",
        "user": {"id": 1, "avatar_hd": "https://tvax1.sinaimg.cn/a.jpg", "verified_type_ext": 1},
        "pic_ids": ["006a", "006b"], "ext": {"nested": [1, {"k": null}]}}"#;
    let status: weibo_api::models::Status = serde_json::from_str(body).unwrap();
    assert_eq!(status.id, 4091324476411460);
    assert_eq!(status.text.as_deref(), Some("全文 "));
    let keys: Vec<&str> = status.extra.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["isLongText", "deleted", "pic_ids", "ext"],
        "in the order sent"
    );
    assert_eq!(status.extra["isLongText"], true);
    assert_eq!(status.extra["deleted"], "1");
    assert_eq!(
        status.extra["ext"],
        serde_json::json!({"nested": [1, {"k": null}]})
    );
    let user = status.user.unwrap();
    assert_eq!(user.extra["avatar_hd"], "https://tvax1.sinaimg.cn/a.jpg");
    assert_eq!(user.extra["verified_type_ext"], 1);
    // Declared fields are not duplicated into `extra`.
    assert!(!status.extra.contains_key("id") && !user.extra.contains_key("id"));
}
