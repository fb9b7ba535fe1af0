//! Response bodies to typed values or typed errors.

use crate::meta::Endpoint;
use crate::{ApiError, Error, Format, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 200;

/// The first characters of a body, for error messages (never split inside a character).
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// A Weibo error code: sent as a number or as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Code {
    Number(u64),
    Text(String),
}

impl Code {
    fn value(&self) -> Option<u32> {
        match self {
            Code::Number(n) => u32::try_from(*n).ok(),
            Code::Text(t) => t.trim().parse().ok(),
        }
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: Option<String>,
    error_code: Option<Code>,
    request: Option<String>,
    error_description: Option<String>,
}

/// `<hash><request>…</request><error_code>…</error_code><error>…</error></hash>`.
#[derive(Deserialize)]
struct XmlErrorBody {
    error: Option<String>,
    error_code: Option<String>,
    request: Option<String>,
    error_description: Option<String>,
}

/// Weibo's error body, if `body` is one: JSON `{"error": …, "error_code": …, "request": …}` or
/// XML `<hash><request>…</request><error_code>…</error_code><error>…</error></hash>`. Cheap for
/// ordinary responses: only a body that mentions an error field is parsed.
pub(crate) fn api_error(status: u16, body: &[u8]) -> Option<ApiError> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace())?;
    let parsed: ErrorBody = match body[start] {
        b'{' if contains(body, b"\"error\"") || contains(body, b"\"error_") => {
            serde_json::from_slice(body).ok()?
        }
        b'<' if contains(body, b"<error_code>") || contains(body, b"<error>") => {
            let xml: XmlErrorBody =
                quick_xml::de::from_str(std::str::from_utf8(body).ok()?).ok()?;
            ErrorBody {
                error: xml.error,
                error_code: xml.error_code.map(Code::Text),
                request: xml.request,
                error_description: xml.error_description,
            }
        }
        _ => return None,
    };
    if parsed.error_code.is_none() && parsed.error.is_none() {
        return None;
    }
    Some(ApiError {
        status,
        code: parsed.error_code.as_ref().and_then(Code::value),
        message: parsed.error.unwrap_or_default(),
        request: parsed.request,
        description: parsed.error_description,
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Turns a response into `R` or the fitting error.
pub(crate) fn decode_body<R: DeserializeOwned>(
    endpoint: &'static Endpoint,
    format: Format,
    status: u16,
    body: &[u8],
) -> Result<R> {
    if let Some(api) = api_error(status, body) {
        return Err(Error::Api(api));
    }
    if !(200..300).contains(&status) {
        return Err(Error::Http {
            endpoint: endpoint.name,
            status,
            excerpt: excerpt(body),
        });
    }
    let decode_error = |path: String, message: String| Error::Decode {
        endpoint: endpoint.name,
        format,
        status,
        path,
        message,
        excerpt: excerpt(body),
    };
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))
        }
        Format::Xml => {
            let text = std::str::from_utf8(body)
                .map_err(|e| decode_error(".".into(), format!("the body is not UTF-8: {e}")))?;
            let is_list = endpoint.response.starts_with("list<");
            let mut de = quick_xml::de::Deserializer::from_str(text);
            let result = if is_list {
                serde_path_to_error::deserialize::<_, XmlList<R>>(&mut de).map(|list| list.items)
            } else {
                serde_path_to_error::deserialize::<_, R>(&mut de).map(Some)
            };
            match result {
                Ok(Some(value)) => Ok(value),
                // `<statuses/>`: an empty list.
                Ok(None) => R::deserialize(serde::de::value::SeqDeserializer::<
                    _,
                    serde::de::value::Error,
                >::new(std::iter::empty::<()>()))
                .map_err(|e| decode_error(".".into(), e.to_string())),
                Err(e) => Err(decode_error(
                    xml_path(&e.path().to_string()),
                    e.inner().to_string(),
                )),
            }
        }
    }
}

/// A field path without quick-xml's `$text`/`$value` pseudo-fields: `user.id`, `[0].created_at`.
fn xml_path(path: &str) -> String {
    let cleaned = path
        .replace(".$text", "")
        .replace(".$value", "")
        .replace("$value", "");
    if cleaned.is_empty() {
        ".".into()
    } else {
        cleaned
    }
}

/// An XML list response: a root element (`<statuses>`) whose children are the items.
#[derive(Deserialize)]
#[serde(bound(deserialize = "R: Deserialize<'de>"))]
struct XmlList<R> {
    #[serde(rename = "$value", default = "Option::default")]
    items: Option<R>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_error_bodies_with_number_or_string_codes() {
        let e = api_error(200, br#"{"request":"/statuses/destroy/1.json","error_code":"20101","error":"target weibo does not exist!"}"#).unwrap();
        assert_eq!(
            (e.status, e.code, e.message.as_str()),
            (200, Some(20101), "target weibo does not exist!")
        );
        assert_eq!(e.request.as_deref(), Some("/statuses/destroy/1.json"));
        let e = api_error(403, br#" {"error":"expired_token","error_code":21327}"#).unwrap();
        assert_eq!(e.code, Some(21327));
    }

    #[test]
    fn ignores_ordinary_bodies() {
        assert!(api_error(
            200,
            br#"{"id": 1, "text": "an \"error\" in text is fine only when not a key"}"#
        )
        .is_none());
        assert!(api_error(200, br#"[{"error": "x"}]"#).is_none());
        assert!(api_error(200, b"").is_none());
    }

    #[test]
    fn excerpts_stop_at_a_character_boundary() {
        let body = "微".repeat(300);
        let e = excerpt(body.as_bytes());
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
    }
}
