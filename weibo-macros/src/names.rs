//! Turning spec names (`statuses/destroy`, `feedId`, `type`, `short-url`) into Rust identifiers.
//! Words and case come from `heck` (split at anything that is not a letter or digit, at
//! camelCase humps and after acronyms); what Rust forbids as identifiers (keywords, a leading
//! digit) is handled here.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot even be raw identifiers.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

fn leading_digit_safe(mut s: String, prefix: &str) -> String {
    if s.is_empty() {
        s.push_str("unnamed");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, prefix);
    }
    s
}

/// `statuses/destroy` → `statuses_destroy`, `feedId` → `feed_id`, `HTTPServer` →
/// `http_server`.
pub fn snake(name: &str) -> String {
    leading_digit_safe(name.to_snake_case(), "_")
}

/// `statuses/destroy` → `STATUSES_DESTROY`.
pub fn screaming(name: &str) -> String {
    snake(name).to_uppercase()
}

/// `statuses/destroy` → `StatusesDestroy`, `HTTPServer` → `HttpServer`.
pub fn pascal(name: &str) -> String {
    leading_digit_safe(name.to_upper_camel_case(), "N")
}

/// An identifier for `name` as written (already sanitised): raw when it is a keyword,
/// suffixed with `_` when it cannot be raw (`self`, `crate`, ...).
pub fn ident(name: &str) -> Ident {
    if RESERVED.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Whether `name` is a plain identifier already (so no rename is needed for serde).
pub fn is_plain_ident(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_spec_names() {
        assert_eq!(snake("statuses/destroy"), "statuses_destroy");
        assert_eq!(
            snake("kandian/statuses/destroy"),
            "kandian_statuses_destroy"
        );
        assert_eq!(snake("feedId"), "feed_id");
        assert_eq!(snake("short-url/expand"), "short_url_expand");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(pascal("favorites/destroy_batch"), "FavoritesDestroyBatch");
        assert_eq!(pascal("kandian_id"), "KandianId");
        assert_eq!(screaming("account/end_session"), "ACCOUNT_END_SESSION");
        assert_eq!(screaming("2fa"), "_2FA");
        assert_eq!(pascal("2fa"), "N2fa");
    }

    #[test]
    fn acronyms_are_one_word() {
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(pascal("HTTPServer"), "HttpServer");
        assert_eq!(screaming("HTTPServer"), "HTTP_SERVER");
        assert_eq!(snake("XMLHttpRequest"), "xml_http_request");
        assert_eq!(snake("userID"), "user_id");
        assert_eq!(pascal("user_id"), "UserId");
        assert_eq!(snake("__leading/trailing__"), "leading_trailing");
        assert_eq!(snake(""), "unnamed");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("class").to_string(), "class");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert!(is_plain_ident("feedId"));
        assert!(!is_plain_ident("short-url"));
    }
}
