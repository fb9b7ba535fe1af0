//! No response body crashes the process: hostile XML and JSON end in a typed error (the fault
//! matrix below), never a panic, and bodies nested far beyond the nesting limit are rejected
//! before any recursion, even on a thread with a small stack.

use weibo_api::meta::Endpoint;
use weibo_api::{v1, Error, Format};

fn decode(endpoint: &'static Endpoint, body: &[u8], format: Format) -> weibo_api::Result<()> {
    match std::panic::catch_unwind(|| (endpoint.check_response)(endpoint, body, format)) {
        Ok(result) => result,
        Err(_) => panic!(
            "decoding panicked on {format} body {:?}",
            String::from_utf8_lossy(body)
        ),
    }
}

/// The decode error's message, or a failure naming what came instead.
fn decode_error(endpoint: &'static Endpoint, body: &[u8], format: Format) -> String {
    match decode(endpoint, body, format) {
        Err(Error::Decode {
            endpoint: name,
            format: f,
            message,
            ..
        }) => {
            assert_eq!((name, f), (endpoint.name, format));
            message
        }
        other => panic!(
            "expected a decode error for {:?}, got {other:?}",
            String::from_utf8_lossy(body)
        ),
    }
}

#[test]
fn a_doctype_inside_an_error_element_is_a_decode_error_not_a_panic() {
    // quick-xml 0.38 reached `unreachable!` here, through the error-body check that runs on
    // every body starting with `<`.
    for body in [
        "<hash><error>x<!DOCTYPE x>y</error></hash>",
        "<hash><error_code>1<!DOCTYPE x>2</error_code><error>e</error></hash>",
        "<!DOCTYPE hash [<!ENTITY e \"boom\">]><hash><error>&e;</error></hash>",
    ] {
        for endpoint in [&v1::STATUSES_DESTROY, &v1::FAVORITES_DESTROY_BATCH] {
            let message = decode_error(endpoint, body.as_bytes(), Format::Xml);
            assert!(message.contains("DOCTYPE"), "{body}: {message}");
        }
    }
}

/// The fault matrix: every hostile construct ends in `Error::Decode` (`Api` only for a
/// well-formed Weibo error body). The notes list the same table.
#[test]
fn hostile_bodies_end_in_typed_errors() {
    let status = &v1::STATUSES_DESTROY;
    let xml_cases: &[&[u8]] = &[
        b"<?xml version=\"1.0\"?><!DOCTYPE status SYSTEM \"http://x/\"><status><id>1</id></status>",
        b"<status><id>x<?pi data?>2</id></status>",
        b"<status><id><![CDATA[abc]]></id></status>",
        b"<status><id>&unknown;</id></status>",
        b"<status><id>&#0;</id></status>",
        b"<status><id>&#xD800;</id></status>",
        b"<status><id>1</id><text>a<!-- c -->b</text><user><id>x</id></user></status>",
        b"<status><id>1</id></user></status>",
        b"<status><id>1</status>",
        b"<status><id>1</id>",
        b"<status><id>\xff\xfe</id></status>",
        b"<status><id>99999999999999999999</id></status>",
        b"<status><id>1e400</id></status>",
        b"<status><id>1</id><geo><coordinates><f>1,5</f></coordinates></geo></status>",
        b"<",
        b"<!--",
        b"<![CDATA[",
        b"",
    ];
    for body in xml_cases {
        decode_error(status, body, Format::Xml);
    }
    let json_cases: &[&[u8]] = &[
        b"{\"id\": 1e400}",
        b"{\"id\": 18446744073709551616}",
        b"{\"id\": 1, \"geo\": {\"coordinates\": [1e400]}}",
        b"{\"id\": \"1\", \"id\": 2, \"text\": 5}",
        b"{\"id\": [1]}",
        b"{\"id\": 1, \"user\": []}",
        b"{\"id\": 1, \"text\": \"\xff\"}",
        b"{\"id\": 1, \"text\": \"\\ud800\"}",
        b"{\"id\": 1",
        b"[{\"id\": 1}]",
        b"",
    ];
    for body in json_cases {
        decode_error(status, body, Format::Json);
    }
    // What XML says to ignore is ignored: a processing instruction or a comment inside text.
    assert!(decode(
        status,
        b"<status><id>1<?pi data?>2</id></status>",
        Format::Xml
    )
    .is_ok());
    assert!(decode(
        status,
        b"<status><id>1<!-- c -->2</id></status>",
        Format::Xml
    )
    .is_ok());
    // serde_json reads -0 as the float -0.0, which is no integer id.
    decode_error(status, b"{\"id\": -0}", Format::Json);
    assert!(decode(
        status,
        b"{\"id\": 1, \"geo\": {\"coordinates\": [-0]}}",
        Format::Json
    )
    .is_ok());
    // A well-formed Weibo error body stays an API error in both formats.
    let api = decode(
        status,
        b"<hash><request>/x.xml</request><error_code>20101</error_code><error>e</error></hash>",
        Format::Xml,
    );
    assert!(
        matches!(api, Err(Error::Api(ref e)) if e.code == Some(20101)),
        "{api:?}"
    );
}

fn deep_xml(levels: usize) -> String {
    let mut body = String::new();
    for i in 0..levels {
        body.push_str(if i % 2 == 0 {
            "<status><id>1</id><user><id>2</id>"
        } else {
            ""
        });
    }
    // Close what was opened: `</user></status>` per pair.
    for i in 0..levels {
        if i % 2 == 0 {
            body.push_str("</user></status>");
        }
    }
    body
}

fn deep_json(levels: usize) -> String {
    let mut body = String::new();
    for i in 0..levels {
        body.push_str(if i % 2 == 0 {
            r#"{"id":1,"user":"#
        } else {
            r#"{"id":2,"status":"#
        });
    }
    body.push_str("null");
    body.push_str(&"}".repeat(levels));
    body
}

/// Runs `f` on a thread with a 256 KiB stack: a recursion that the nesting limit did not stop
/// would overflow it and abort the test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn ten_thousand_levels_of_xml_are_rejected_without_overflowing_a_small_stack() {
    let body = deep_xml(10_000);
    let message =
        on_small_stack(move || decode_error(&v1::STATUSES_DESTROY, body.as_bytes(), Format::Xml));
    assert!(
        message.contains("nested deeper than 64 levels"),
        "{message}"
    );
    // Through unknown elements too, and in the error-body check.
    let junk = format!(
        "<status><id>1</id>{}{}</status>",
        "<x>".repeat(10_000),
        "</x>".repeat(10_000)
    );
    let message =
        on_small_stack(move || decode_error(&v1::STATUSES_DESTROY, junk.as_bytes(), Format::Xml));
    assert!(
        message.contains("nested deeper than 64 levels"),
        "{message}"
    );
    let error_body = format!("<hash><error>{}</error></hash>", "<e>".repeat(10_000));
    let message = on_small_stack(move || {
        decode_error(
            &v1::FAVORITES_DESTROY_BATCH,
            error_body.as_bytes(),
            Format::Xml,
        )
    });
    assert!(
        message.contains("nested deeper than 64 levels"),
        "{message}"
    );
}

#[test]
fn ten_thousand_levels_of_json_are_rejected_without_overflowing_a_small_stack() {
    let body = deep_json(10_000);
    let message =
        on_small_stack(move || decode_error(&v1::STATUSES_DESTROY, body.as_bytes(), Format::Json));
    assert!(
        message.contains("nested deeper than 64 levels"),
        "{message}"
    );
    let arrays = format!(
        "{{\"id\":1,\"error\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let message = on_small_stack(move || {
        decode_error(
            &v1::FAVORITES_DESTROY_BATCH,
            arrays.as_bytes(),
            Format::Json,
        )
    });
    assert!(
        message.contains("nested deeper than 64 levels"),
        "{message}"
    );
}
