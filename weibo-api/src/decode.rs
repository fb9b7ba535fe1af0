//! Response bodies to typed values or typed errors.
//!
//! Whatever a server sends, decoding ends in a value or an [`Error`], never a panic or a stack
//! overflow: before any deserializer runs, a body is checked for nesting deeper than
//! [`MAX_DEPTH`] (both formats) and, in XML, for a `DOCTYPE` (which Weibo never sends and which
//! could declare entities). Both checks are one pass over the bytes.

use crate::de::MapValues;
use crate::meta::Endpoint;
use crate::{ApiError, Error, Format, Result};
use quick_xml::events::Event;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The deepest a response may nest: JSON objects and arrays, XML elements. Real Weibo
/// responses stay below 10 (a timeline holding a repost of a status with its user); decoding
/// recurses once per level, and each level costs up to about 15 KiB of stack in a debug build,
/// so 64 levels stay within half of a tokio worker's 2 MiB stack.
pub const MAX_DEPTH: usize = 64;

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 200;

/// The first characters of a body, for error messages (never split inside a character). Reads
/// only the start of the body, however long it is.
pub(crate) fn excerpt(body: &[u8]) -> String {
    // A character is at most 4 bytes: this prefix holds the excerpt and one more character.
    let head = &body[..body.len().min((EXCERPT_CHARS + 1) * 4)];
    let text = String::from_utf8_lossy(head);
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
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
            check_json(body).ok()?;
            serde_json::from_slice(body).ok()?
        }
        b'<' if contains(body, b"<error_code>") || contains(body, b"<error>") => {
            let text = std::str::from_utf8(body).ok()?;
            check_xml(text).ok()?;
            let xml: XmlErrorBody = quick_xml::de::from_str(text).ok()?;
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
    memchr::memmem::find(haystack, needle).is_some()
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
            check_json(body).map_err(|message| decode_error(".".into(), message))?;
            let mut de = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))
        }
        Format::Xml => {
            let text = std::str::from_utf8(body)
                .map_err(|e| decode_error(".".into(), format!("the body is not UTF-8: {e}")))?;
            check_xml(text).map_err(|message| decode_error(".".into(), message))?;
            let mut de = quick_xml::de::Deserializer::from_str(text);
            let result = if endpoint.response.starts_with("list<") {
                serde_path_to_error::deserialize(XmlListRoot(&mut de))
            } else {
                serde_path_to_error::deserialize(&mut de)
            };
            result.map_err(|e| decode_error(xml_path(&e.path().to_string()), e.inner().to_string()))
        }
    }
}

fn too_deep(offset: usize) -> String {
    format!("nested deeper than {MAX_DEPTH} levels at byte {offset} (the limit for any response)")
}

/// Rejects JSON nested deeper than [`MAX_DEPTH`]. Counts brackets outside strings, so for any
/// prefix that serde_json accepts the count is serde_json's own depth. No allocation.
fn check_json(body: &[u8]) -> std::result::Result<(), String> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in body.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(offset));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Rejects XML nested deeper than [`MAX_DEPTH`], and any `DOCTYPE`. Uses quick-xml's own
/// tokenizer, so the depth counted is exactly the one its deserializer would reach (a
/// hand-written scanner could disagree on comments, CDATA or quoted `>` and let a deep body
/// through). Syntax errors are left to the deserializer, which reports them with a path.
fn check_xml(text: &str) -> std::result::Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        let offset = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(usize::try_from(offset).unwrap_or(usize::MAX)));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(_)) => {
                return Err(format!(
                    "a DOCTYPE declaration at byte {offset}: Weibo never sends one, and it could declare entities"
                ))
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
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

/// An XML list response: the root element's children are the items, whatever their tag
/// (`<statuses><status>…</status>…</statuses>`); `<statuses/>` is an empty list.
struct XmlListRoot<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for XmlListRoot<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(RootItems(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Presents the root element's children to a sequence visitor.
struct RootItems<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for RootItems<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(MapValues::new(map))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        if crate::de::is_blank(v) {
            self.visit_unit()
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_seq(de::value::SeqDeserializer::<_, E>::new(
            std::iter::empty::<()>(),
        ))
    }
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
