//! What the mock answers: the endpoint's documented example, or an error body shaped like
//! Weibo's (`{"error": …, "error_code": …, "request": …}`, or its XML `<hash>` form).

use crate::meta::Endpoint;
use crate::{Format, Method};

const JSON: &str = "application/json;charset=UTF-8";
const XML: &str = "text/xml;charset=UTF-8";

/// A refusal: HTTP status, Weibo error code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failure {
    pub status: u16,
    pub code: u32,
    pub error: String,
    /// OAuth2's `error_description`.
    pub description: Option<String>,
}

impl Failure {
    pub fn new(status: u16, code: u32, error: impl Into<String>) -> Self {
        Failure {
            status,
            code,
            error: error.into(),
            description: None,
        }
    }

    /// An OAuth2 error: a short `error` keyword plus a readable `error_description`.
    pub fn oauth2(code: u32, error: &str, description: impl Into<String>) -> Self {
        Failure {
            status: 400,
            code,
            error: error.into(),
            description: Some(description.into()),
        }
    }

    pub fn not_found() -> Self {
        Failure::new(404, 10020, "Request api not found!")
    }

    pub fn method_not_allowed(allowed: &[Method]) -> Self {
        let allowed: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
        Failure::new(
            405,
            10021,
            format!(
                "HTTP method is not suported for this request! (allowed: {})",
                allowed.join(", ")
            ),
        )
    }
}

/// An HTTP answer.
#[derive(Debug, Clone)]
pub(super) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    /// Extra headers (`Location`, `Allow`).
    pub headers: Vec<(&'static str, String)>,
    /// The Weibo error code, for the request log.
    pub error_code: Option<u32>,
}

/// 200 with the endpoint's example in `format` (the caller has checked the format is offered).
/// Without a documented JSON example, the smallest body the response type accepts, marked
/// with `X-Mock-Body: minimal` so that no one mistakes it for Weibo's.
pub(super) fn example(endpoint: &Endpoint, format: Format, request: &str) -> Reply {
    let minimal = match format {
        Format::Json => endpoint.minimal_json,
        Format::Xml => None,
    };
    match endpoint.example(format) {
        Some(body) => Reply {
            status: 200,
            content_type: content_type(format),
            body: body.to_string(),
            headers: Vec::new(),
            error_code: None,
        },
        None if minimal.is_some() => Reply {
            status: 200,
            content_type: content_type(format),
            body: minimal.unwrap_or_default().to_string(),
            headers: vec![("x-mock-body", "minimal".to_string())],
            error_code: None,
        },
        // A table may leave an example out; say so rather than invent a body.
        None => error(
            &Failure::new(
                501,
                10001,
                format!(
                    "mock: the spec has no {format} example for `{}`",
                    endpoint.name
                ),
            ),
            request,
            format,
        ),
    }
}

/// Weibo's error body for `failure`, in `format`.
pub(super) fn error(failure: &Failure, request: &str, format: Format) -> Reply {
    let body = match format {
        Format::Json => {
            let mut body = serde_json::json!({
                "error": failure.error,
                "error_code": failure.code,
                "request": request,
            });
            if let (Some(description), Some(map)) = (&failure.description, body.as_object_mut()) {
                map.insert("error_description".into(), description.clone().into());
            }
            body.to_string()
        }
        Format::Xml => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hash><request>{}</request><error_code>{}</error_code><error>{}</error></hash>",
            quick_xml::escape::escape(request),
            failure.code,
            quick_xml::escape::escape(failure.error.as_str())
        ),
    };
    Reply {
        status: failure.status,
        content_type: content_type(format),
        body,
        headers: Vec::new(),
        error_code: Some(failure.code),
    }
}

/// A bare `status` with a plain-text body (no Weibo error body).
pub(super) fn plain(status: u16, text: &str) -> Reply {
    Reply {
        status,
        content_type: "text/plain;charset=UTF-8",
        body: format!("{text}: HTTP {status}"),
        headers: Vec::new(),
        error_code: None,
    }
}

/// A 302 to `location`.
pub(super) fn redirect(location: String) -> Reply {
    Reply {
        status: 302,
        content_type: "text/plain;charset=UTF-8",
        body: String::new(),
        headers: vec![("location", location)],
        error_code: None,
    }
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => JSON,
        Format::Xml => XML,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_in_json_and_xml() {
        let f = Failure::new(
            400,
            10016,
            "miss required parameter (ids) , see doc for more info.",
        );
        let json = error(&f, "/favorites/destroy_batch.json", Format::Json);
        assert_eq!(json.status, 400);
        let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(v["error_code"], 10016);
        assert_eq!(v["request"], "/favorites/destroy_batch.json");
        assert_eq!(v["error"], f.error.as_str());
        assert!(v.get("error_description").is_none());

        let xml = error(&Failure::new(400, 10017, "a<b&c"), "/x.xml", Format::Xml);
        assert_eq!(
            xml.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hash><request>/x.xml</request><error_code>10017</error_code><error>a&lt;b&amp;c</error></hash>"
        );
        assert_eq!(xml.content_type, XML);
        let quoted = error(
            &Failure::new(400, 10017, r#"'a' > "b""#),
            "/x.xml",
            Format::Xml,
        );
        assert!(
            quoted
                .body
                .contains("<error>&apos;a&apos; &gt; &quot;b&quot;</error>"),
            "{}",
            quoted.body
        );
    }

    #[test]
    fn oauth2_errors_carry_a_description() {
        let f = Failure::oauth2(21325, "invalid_grant", "unknown code");
        let v: serde_json::Value =
            serde_json::from_str(&error(&f, "/oauth2/access_token", Format::Json).body).unwrap();
        assert_eq!(v["error"], "invalid_grant");
        assert_eq!(v["error_description"], "unknown code");
    }
}
