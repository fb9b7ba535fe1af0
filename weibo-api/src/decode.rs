//! Response bodies to typed values or typed errors.
//!
//! Whatever a server sends, decoding ends in a value or an [`Error`], never a panic or a stack
//! overflow: before any deserializer runs, a body is checked for nesting deeper than
//! [`MAX_DEPTH`] (both formats) and, in XML, for a `DOCTYPE` (which Weibo never sends and which
//! could declare entities). Both checks are one pass over the bytes.

use crate::de::MapValues;
use crate::meta::Endpoint;
use crate::{ApiError, Error, Format, Result};
use memchr::memmem::Finder;
use quick_xml::events::Event;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::sync::LazyLock;

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
/// ordinary responses: only a body that has an error member is parsed.
#[cfg(any(test, feature = "mock"))]
pub(crate) fn api_error(status: u16, body: &[u8]) -> Option<ApiError> {
    match first_byte(body)? {
        b'{' => json_api_error(status, body, &scan_json(body)),
        b'<' => xml_api_error(status, body),
        _ => None,
    }
}

/// The first byte that is not whitespace.
fn first_byte(body: &[u8]) -> Option<u8> {
    body.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// A JSON object body's error, when [`scan_json`] saw a top-level `error` or `error_code`
/// member in a body of acceptable depth.
fn json_api_error(status: u16, body: &[u8], scan: &JsonScan) -> Option<ApiError> {
    if !scan.error_member || scan.too_deep.is_some() {
        return None;
    }
    api_error_from(status, serde_json::from_slice(body).ok()?)
}

fn xml_api_error(status: u16, body: &[u8]) -> Option<ApiError> {
    if !(contains(body, &XML_ERROR_CODE) || contains(body, &XML_ERROR)) {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    check_xml(text).ok()?;
    let xml: XmlErrorBody = quick_xml::de::from_str(text).ok()?;
    api_error_from(
        status,
        ErrorBody {
            error: xml.error,
            error_code: xml.error_code.map(Code::Text),
            request: xml.request,
            error_description: xml.error_description,
        },
    )
}

fn api_error_from(status: u16, parsed: ErrorBody) -> Option<ApiError> {
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

/// Searchers for the few needles the decoder looks for, built once: `memmem::find` would build
/// one per call (a measurable part of a small call's decoding).
static ERROR_MEMBER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"error"));
static XML_ERROR_CODE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<error_code>"));
static XML_ERROR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<error>"));

fn contains(haystack: &[u8], needle: &Finder<'_>) -> bool {
    needle.find(haystack).is_some()
}

/// Turns a response into `R` or the fitting error.
///
/// A JSON body is read once before decoding ([`scan_json`]: its depth, and whether it is
/// Weibo's error body), then decoded without path tracking. Only when that fails is it decoded
/// a second time with `serde_path_to_error`, for the field path of the error: a successful
/// decode pays nothing for the error report.
///
/// The XML decoder comes from the caller (`xml`): a request has one only when its endpoint
/// offers XML, so that crates calling JSON-only endpoints never compile XML decoding of their
/// response types.
pub(crate) fn decode_body<R: DeserializeOwned>(
    endpoint: &'static Endpoint,
    format: Format,
    status: u16,
    body: &[u8],
    xml: Option<XmlDecoder<R>>,
) -> Result<R> {
    let first = first_byte(body);
    // Weibo answers errors in JSON even to some XML requests: the body decides, not the format.
    let scan = (first == Some(b'{') || format == Format::Json).then(|| quick_scan(body));
    let api = match (first, &scan) {
        (Some(b'{'), Some(scan)) => json_api_error(status, body, scan),
        (Some(b'<'), _) => xml_api_error(status, body),
        _ => None,
    };
    if let Some(api) = api {
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
            if let Some(offset) = scan.and_then(|scan| scan.too_deep) {
                return Err(decode_error(".".into(), too_deep(offset)));
            }
            // Checked as a whole once, the text needs no UTF-8 check string by string (which
            // `from_slice` makes). A body that is not UTF-8 fails, and is reported, below.
            let fast = std::str::from_utf8(body)
                .ok()
                .and_then(|text| serde_json::from_str(text).ok());
            match fast {
                Some(value) => Ok(value),
                None => json_with_path(body).map_err(|(path, message)| decode_error(path, message)),
            }
        }
        Format::Xml => match xml {
            Some(xml) => xml(endpoint, status, body),
            None => Err(Error::InvalidRequest {
                endpoint: endpoint.name,
                parameter: None,
                reason: "format `xml` needs a request made by the endpoint's builder (`.format(Format::Xml)`), which compiles the XML decoder in".into(),
            }),
        },
    }
}

/// Decodes an XML answer (after [`decode_body`]'s checks of error bodies and status).
pub(crate) type XmlDecoder<R> = fn(&'static Endpoint, u16, &[u8]) -> Result<R>;

/// The [`XmlDecoder`] of `R`: path tracking from the start (XML answers are rare; one decoder
/// per response type is what matters here).
pub(crate) fn xml_body<R: DeserializeOwned>(
    endpoint: &'static Endpoint,
    status: u16,
    body: &[u8],
) -> Result<R> {
    let decode_error = |path: String, message: String| Error::Decode {
        endpoint: endpoint.name,
        format: Format::Xml,
        status,
        path,
        message,
        excerpt: excerpt(body),
    };
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

/// The second decode of a JSON body that failed: the same bytes, tracking the field path.
/// (Should it succeed after all, its value is as good as the first decode's.)
#[cold]
#[inline(never)]
fn json_with_path<R: DeserializeOwned>(body: &[u8]) -> std::result::Result<R, (String, String)> {
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

fn too_deep(offset: usize) -> String {
    format!("nested deeper than {MAX_DEPTH} levels at byte {offset} (the limit for any response)")
}

/// [`scan_json`]'s answers, without reading the body byte by byte when two vectorised
/// searches settle them: a body with at most [`MAX_DEPTH`] opening brackets cannot nest
/// deeper, and one without `"error` has no error member. Small answers (most calls that
/// return one object) take only those searches.
fn quick_scan(body: &[u8]) -> JsonScan {
    let openers = memchr::memchr2_iter(b'{', b'[', body)
        .take(MAX_DEPTH + 1)
        .count();
    if openers <= MAX_DEPTH && !contains(body, &ERROR_MEMBER) {
        return JsonScan {
            too_deep: None,
            error_member: false,
        };
    }
    scan_json(body)
}

/// The bytes of `word` equal to `byte`, flagged by their high bit: exact for the lowest one
/// (a false flag can only follow a true one), which is all the scans need.
fn has_byte(word: u64, byte: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// What one pass over a JSON body finds.
struct JsonScan {
    /// The offset of the first bracket nested deeper than [`MAX_DEPTH`].
    too_deep: Option<usize>,
    /// Whether the top-level object has a member named `error` or `error_code` (before any
    /// nesting beyond the limit).
    error_member: bool,
}

/// One pass over a JSON body: its depth (brackets outside strings, so for any prefix that
/// serde_json accepts the count is serde_json's own depth) and whether the top level holds an
/// `error` or `error_code` member. Every response goes through it, so strings (most of a
/// body) are skipped eight bytes at a time ([`string_end`]). No allocation; syntax errors are
/// left to the deserializer.
fn scan_json(body: &[u8]) -> JsonScan {
    let mut scan = JsonScan {
        too_deep: None,
        error_member: false,
    };
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        // Between strings: skip eight bytes at a time while none is a quote or a bracket
        // (indentation, numbers, `true`, separators).
        while let Some(chunk) = body.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            // `[` and `]` differ from `{` and `}` by the 0x20 bit alone.
            let lower = word | u64::from_ne_bytes([0x20; 8]);
            if has_byte(word, b'"') | has_byte(lower, b'{') | has_byte(lower, b'}') != 0 {
                break;
            }
            i += 8;
        }
        let Some(&byte) = body.get(i) else { break };
        match byte {
            b'"' => {
                let Some(end) = string_end(body, i + 1) else {
                    return scan; // unterminated: the deserializer will say so
                };
                if depth == 1 && !scan.error_member {
                    let name = &body[i + 1..end];
                    if (name == b"error" || name == b"error_code")
                        && first_byte(&body[end + 1..]) == Some(b':')
                    {
                        scan.error_member = true;
                    }
                }
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    scan.too_deep = Some(i);
                    return scan;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    scan
}

/// The offset of the quote that closes the string whose content starts at `start`: eight bytes
/// at a time while none of them is `"` or `\` (the word trick of serde_json's own string
/// reader), then byte by byte.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut j = start;
    loop {
        while let Some(chunk) = body.get(j..j + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            let found = has_byte(word, b'"') | has_byte(word, b'\\');
            if found != 0 {
                // The lowest flagged byte is exact (a false flag only follows a true one).
                j += (found.trailing_zeros() / 8) as usize;
                break;
            }
            j += 8;
        }
        match *body.get(j)? {
            b'"' => return Some(j),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
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

    /// The byte-by-byte reading `scan_json` must agree with.
    fn naive_depth(body: &[u8]) -> Option<usize> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
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
                        return Some(offset);
                    }
                }
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn the_scan_counts_depth_outside_strings_only() {
        let deep = |n: usize, pad: &str| {
            let mut s = String::new();
            for i in 0..n {
                s.push_str(if i % 2 == 0 { "{\"k\":" } else { "[" });
                s.push_str(pad);
            }
            s
        };
        let cases = [
            deep(MAX_DEPTH, "        "),
            deep(MAX_DEPTH + 1, "        "),
            deep(MAX_DEPTH + 1, ""),
            format!("{{\"a\": \"{}\"}}", "[{".repeat(100)),
            format!("{{\"a\": \"x\\\"{}\"}}", "[".repeat(100)),
            format!("{{\"a\": \"\\\\\", \"b\": {}}}", "[".repeat(70)),
            format!("\"unterminated {}", "[".repeat(70)),
            "  {\"微博\": [1, 2, {\"x\": \"]]]]]]]]]]]]\"}]}  ".to_string(),
        ];
        for case in &cases {
            assert_eq!(
                scan_json(case.as_bytes()).too_deep,
                naive_depth(case.as_bytes()),
                "{case}"
            );
            assert_eq!(
                quick_scan(case.as_bytes()).too_deep,
                naive_depth(case.as_bytes()),
                "{case}"
            );
        }
    }

    #[test]
    fn the_scan_finds_error_members_at_the_top_level_only() {
        let member = |body: &str| {
            let full = scan_json(body.as_bytes()).error_member;
            assert_eq!(quick_scan(body.as_bytes()).error_member, full, "{body}");
            full
        };
        assert!(member(r#"{"error":"x"}"#));
        assert!(member(r#"{ "request" : "/a", "error_code" : 21327 }"#));
        assert!(member(
            "{\n    \"a\": [1, 2],\n    \"error\"\t:\n \"expired\"}"
        ));
        assert!(!member(r#"{"user": {"error": "x"}}"#));
        assert!(!member(r#"{"text": "error", "error_x": 1, "errors": 2}"#));
        assert!(!member(r#"{"a": ["error", "error_code"]}"#));
        assert!(!member(r#"{"a": "\"error\": 1"}"#));
    }

    #[test]
    fn excerpts_stop_at_a_character_boundary() {
        let body = "微".repeat(300);
        let e = excerpt(body.as_bytes());
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
    }
}
