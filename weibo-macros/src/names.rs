//! Turning spec names (`statuses/destroy`, `feedId`, `type`, `short-url`) into Rust identifiers.

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

/// The words of a name: split at anything that is not a letter or digit and at camelCase humps.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn leading_digit_safe(mut s: String, prefix: &str) -> String {
    if s.is_empty() {
        s.push_str("unnamed");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, prefix);
    }
    s
}

/// `statuses/destroy` → `statuses_destroy`, `feedId` → `feed_id`.
pub fn snake(name: &str) -> String {
    leading_digit_safe(words(name).join("_"), "_")
}

/// `statuses/destroy` → `STATUSES_DESTROY`.
pub fn screaming(name: &str) -> String {
    snake(name).to_uppercase()
}

/// `statuses/destroy` → `StatusesDestroy`.
pub fn pascal(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect();
    leading_digit_safe(joined, "N")
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
