//! Empty or malformed credentials are refused when the client is built (`Error::Config`), by
//! the async and the blocking builder alike, and the message never repeats the value.

use weibo_api::{Client, ClientBuilder, Error};

const SECRET: &str = "SECRETpart";

/// Each malformed configuration and the start of the message it must produce.
fn cases() -> Vec<(&'static str, ClientBuilder, &'static str)> {
    let with_secret = |s: &str| format!("{SECRET}{s}");
    vec![
        (
            "empty access token",
            Client::builder().access_token(""),
            "the access token is empty",
        ),
        (
            "CR/LF in the access token",
            Client::builder().access_token(with_secret("\r\nX-Injected: 1")),
            "the access token contains a control character",
        ),
        (
            "trailing space in the access token",
            Client::builder().access_token(with_secret(" ")),
            "the access token contains whitespace",
        ),
        (
            "NUL in the access token",
            Client::builder().access_token(with_secret("\0")),
            "the access token contains a control character",
        ),
        (
            "empty AppKey",
            Client::builder().access_token("t").app_key(""),
            "the AppKey is empty",
        ),
        (
            "newline in the AppKey",
            Client::builder().app_key("123\n456"),
            "the AppKey contains a control character",
        ),
        (
            "empty app secret",
            Client::builder().app_key("k").app_secret(""),
            "the app secret is empty",
        ),
        (
            "tab in the app secret",
            Client::builder().app_key("k").app_secret(with_secret("\t")),
            "the app secret contains a control character",
        ),
        (
            "empty Basic user",
            Client::builder().basic_auth("", SECRET),
            "the HTTP Basic user name is empty",
        ),
        (
            "colon in the Basic user",
            Client::builder().basic_auth("uid:x", SECRET),
            "the HTTP Basic user name contains `:`",
        ),
        (
            "empty Basic password",
            Client::builder().basic_auth("uid", ""),
            "the HTTP Basic password is empty",
        ),
        (
            "CR in the Basic password",
            Client::builder().basic_auth("uid", with_secret("\r")),
            "the HTTP Basic password contains a control character",
        ),
    ]
}

fn assert_config_error(case: &str, result: Result<(), Error>, expected: &str) {
    match result {
        Err(Error::Config { reason, source }) => {
            assert!(reason.starts_with(expected), "{case}: {reason}");
            assert!(!reason.contains(SECRET), "{case}: {reason}");
            assert!(source.is_none(), "{case}: {source:?}");
        }
        other => panic!("{case}: expected Error::Config, got {other:?}"),
    }
}

#[test]
fn the_async_builder_refuses_malformed_credentials() {
    for (case, builder, expected) in cases() {
        assert_config_error(case, builder.build().map(drop), expected);
    }
}

#[test]
fn the_blocking_builder_refuses_them_too() {
    for (case, builder, expected) in cases() {
        assert_config_error(case, builder.build_blocking().map(drop), expected);
    }
}

#[test]
fn well_formed_credentials_build() {
    let client = Client::builder()
        .access_token("2.00abcDEF_123")
        .app_key("1234567890")
        .app_secret("0123456789abcdef")
        .basic_auth("user@example.com", "a pass phrase")
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(debug.contains("1234567890"), "{debug}");
    for secret in ["2.00abcDEF_123", "0123456789abcdef", "a pass phrase"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}
