//! What the mock server received: recorded requests whose `Debug` output never shows a secret.

use super::{Incoming, ReceivedFile};
use crate::meta::Endpoint;
use std::fmt;

/// Shown in place of a secret value.
const MASK: &str = "***";

/// Headers whose values are credentials.
const SECRET_HEADERS: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];

/// Parameter names that always carry secrets, whatever the tables declare (`code` is the
/// short-lived OAuth2 authorization code, as good as a token until exchanged).
pub(super) const SECRET_PARAMS: [&str; 4] = ["access_token", "client_secret", "code", "password"];

/// One name/value pair as received, and how it may be shown.
#[derive(Clone)]
struct Entry {
    name: String,
    value: String,
    /// `Some` for secrets: what `Debug` and the non-`expose_` accessors show instead.
    masked: Option<String>,
}

impl Entry {
    fn shown(&self) -> &str {
        self.masked.as_deref().unwrap_or(&self.value)
    }
}

/// One request the mock server received, with its answer.
///
/// `Debug` and the plain accessors ([`query`](Self::query), [`form`](Self::form),
/// [`param`](Self::param), [`header`](Self::header)) show secrets as `***` (the scheme of an
/// `Authorization` header stays: `OAuth2 ***`, `Basic ***`). Tests that must see a secret
/// read it with [`expose_param`](Self::expose_param) or [`expose_header`](Self::expose_header).
#[derive(Clone)]
pub struct RecordedRequest {
    method: String,
    path: String,
    query: Vec<Entry>,
    form: Vec<Entry>,
    files: Vec<ReceivedFile>,
    headers: Vec<Entry>,
    endpoint: Option<&'static Endpoint>,
    status: u16,
    error_code: Option<u32>,
}

impl RecordedRequest {
    pub(super) fn new(
        incoming: &Incoming,
        secret_params: &[&str],
        endpoint: Option<&'static Endpoint>,
        status: u16,
        error_code: Option<u32>,
    ) -> Self {
        let param = |(name, value): &(String, String)| Entry {
            masked: secret_params
                .contains(&name.as_str())
                .then(|| MASK.to_string()),
            name: name.clone(),
            value: value.clone(),
        };
        let header = |(name, value): &(String, String)| Entry {
            masked: SECRET_HEADERS
                .contains(&name.as_str())
                .then(|| mask_header(value)),
            name: name.clone(),
            value: value.clone(),
        };
        RecordedRequest {
            method: incoming.method.clone(),
            path: incoming.path.clone(),
            query: incoming.query.iter().map(param).collect(),
            form: incoming.form.iter().map(param).collect(),
            files: incoming.files.clone(),
            headers: incoming.headers.iter().map(header).collect(),
            endpoint,
            status,
            error_code,
        }
    }

    /// The HTTP method, e.g. `DELETE`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path as received (still percent-encoded), e.g. `/statuses/destroy/1472669360.json`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The decoded query pairs in order, secrets masked.
    pub fn query(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|e| (e.name.as_str(), e.shown()))
            .collect()
    }

    /// The decoded form-body pairs in order, secrets masked.
    pub fn form(&self) -> Vec<(&str, &str)> {
        self.form
            .iter()
            .map(|e| (e.name.as_str(), e.shown()))
            .collect()
    }

    /// The file parts of a `multipart/form-data` body, in order.
    pub fn files(&self) -> &[ReceivedFile] {
        &self.files
    }

    /// Every value of parameter `name` in the query and the form body, in order (a list sent
    /// as a repeated key has several), secrets masked.
    pub fn params(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .chain(&self.form)
            .filter(|e| e.name == name)
            .map(Entry::shown)
            .collect()
    }

    /// A parameter from the query or else the form body, masked if it is a secret.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.find_param(name).map(Entry::shown)
    }

    /// A parameter's value as received, secret or not.
    pub fn expose_param(&self, name: &str) -> Option<&str> {
        self.find_param(name).map(|e| e.value.as_str())
    }

    /// A header (name case-insensitive), masked if it carries credentials.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.find_header(name).map(Entry::shown)
    }

    /// A header's value as received, credentials included.
    pub fn expose_header(&self, name: &str) -> Option<&str> {
        self.find_header(name).map(|e| e.value.as_str())
    }

    /// The spec endpoint the request was routed to, if any.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        self.endpoint
    }

    /// The HTTP status the mock answered with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The Weibo `error_code` the mock answered with, if it answered with an error.
    pub fn error_code(&self) -> Option<u32> {
        self.error_code
    }

    fn find_param(&self, name: &str) -> Option<&Entry> {
        self.query.iter().chain(&self.form).find(|e| e.name == name)
    }

    fn find_header(&self, name: &str) -> Option<&Entry> {
        self.headers
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }
}

/// `OAuth2 ***` for `OAuth2 <token>`: the scheme helps debugging and is not secret.
fn mask_header(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) if !scheme.is_empty() && scheme.len() <= 16 => {
            format!("{scheme} {MASK}")
        }
        _ => MASK.to_string(),
    }
}

struct Pairs<'a>(&'a [Entry]);

impl fmt::Debug for Pairs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|e| (&e.name, e.shown())))
            .finish()
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &Pairs(&self.query))
            .field("form", &Pairs(&self.form))
            .field("files", &self.files)
            .field("headers", &Pairs(&self.headers))
            .field(
                "endpoint",
                &self
                    .endpoint
                    .map(|e| format!("{} {}", e.version.key, e.name)),
            )
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn debug_and_plain_accessors_mask_secrets() {
        let incoming = Incoming {
            method: "POST".into(),
            path: "/oauth2/access_token".into(),
            query: pairs(&[("source", "appkey")]),
            form: pairs(&[("client_secret", "S3CRET"), ("code", "C0DE")]),
            files: Vec::new(),
            malformed: None,
            headers: pairs(&[("authorization", "OAuth2 T0KEN"), ("host", "x")]),
        };
        let r = RecordedRequest::new(&incoming, &SECRET_PARAMS, None, 200, None);
        let debug = format!("{r:?}");
        for secret in ["S3CRET", "C0DE", "T0KEN"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("\"OAuth2 ***\""), "{debug}");
        assert_eq!(r.param("source"), Some("appkey"));
        assert_eq!(r.param("client_secret"), Some("***"));
        assert_eq!(r.expose_param("client_secret"), Some("S3CRET"));
        assert_eq!(r.form(), vec![("client_secret", "***"), ("code", "***")]);
        assert_eq!(r.header("Authorization"), Some("OAuth2 ***"));
        assert_eq!(r.expose_header("authorization"), Some("OAuth2 T0KEN"));
        assert_eq!(r.header("host"), Some("x"));
    }

    #[test]
    fn headers_without_a_scheme_are_fully_masked() {
        assert_eq!(mask_header("T0KEN"), "***");
        assert_eq!(mask_header("Basic dWlkOnB3"), "Basic ***");
    }
}
