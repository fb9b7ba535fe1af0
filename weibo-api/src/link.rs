//! The `source` of a status: an HTML link in JSON (`<a href="…" rel="nofollow">name</a>`), an
//! `<a href="…">name</a>` element in XML. Both decode to the same [`Link`].
//!
//! The HTML is read by a WHATWG tokenizer (html5gum), as a browser would: character
//! references (`&amp;`, `&quot;`, `&#39;`, `&#x4e2d;`) are decoded once in the text and the
//! `href`, tag and attribute names are case-insensitive, attribute values may be double-,
//! single- or unquoted and come in any order. The link text is kept exactly as sent.

use crate::de::is_blank;
use html5gum::{Token, Tokenizer};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A link: its text and target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// What the link says, e.g. `新浪微博`, exactly as sent (entities decoded).
    pub text: String,
    /// Where it points, e.g. `http://weibo.com`; `None` when there is no target (plain text,
    /// or an empty `href`).
    pub href: Option<String>,
}

impl Link {
    /// Parses `<a … href="URL" …>TEXT</a>` (surrounding whitespace allowed). Anything else,
    /// such as plain text (`web`) or text around a link, is kept whole as the text of a link
    /// without a target: a source is never an error and never lost.
    pub fn from_html(html: &str) -> Link {
        simple_anchor(html)
            .or_else(|| anchor(html))
            .unwrap_or_else(|| Link {
                text: html.to_string(),
                href: None,
            })
    }

    fn new(text: String, href: Option<String>) -> Link {
        Link {
            text,
            href: href.filter(|h| !is_blank(h)),
        }
    }
}

/// `<a href="URL" rel="nofollow">TEXT</a>` or `<a href="URL">TEXT</a>` exactly, as Weibo writes
/// nearly every source, read without the tokenizer when neither URL nor TEXT holds a character
/// that the tokenizer treats specially (`&`, `<`, `>`, quotes, NUL, CR): for those strings its
/// result is known. Anything else is `None` and goes to [`anchor`].
fn simple_anchor(html: &str) -> Option<Link> {
    let rest = html.strip_prefix("<a href=\"")?;
    let (href, rest) = rest.split_once('"')?;
    let rest = rest
        .strip_prefix(" rel=\"nofollow\">")
        .or_else(|| rest.strip_prefix('>'))?;
    let text = rest.strip_suffix("</a>")?;
    let plain = |s: &str| {
        !s.bytes()
            .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\0' | b'\r'))
    };
    (plain(href) && plain(text)).then(|| Link::new(text.to_string(), Some(href.to_string())))
}

/// The link, if `html` is exactly one `<a>` element (with blank text around it at most).
fn anchor(html: &str) -> Option<Link> {
    let mut tokens = Tokenizer::new(html).flatten();
    let href = loop {
        match tokens.next()? {
            Token::StartTag(tag) if tag.name.as_slice() == b"a" => {
                break tag
                    .attributes
                    .get(b"href".as_slice())
                    .map(|value| lossy(&value.value));
            }
            Token::String(text) if is_blank_bytes(&text.value) => {}
            Token::Comment(_) | Token::Error(_) => {}
            _ => return None,
        }
    };
    let mut text = Vec::new();
    for token in tokens.by_ref() {
        match token {
            Token::EndTag(tag) if tag.name.as_slice() == b"a" => break,
            Token::String(s) => text.extend_from_slice(&s.value),
            // Markup inside the link (`<b>`) adds no text; the text around it is kept.
            _ => {}
        }
    }
    for token in tokens {
        match token {
            Token::String(s) if !is_blank_bytes(&s.value) => return None,
            Token::StartTag(_) | Token::EndTag(_) => return None,
            _ => {}
        }
    }
    Some(Link::new(lossy(&text), href))
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn is_blank_bytes(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

struct LinkVisitor;

impl<'de> Visitor<'de> for LinkVisitor {
    type Value = Option<Link>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an HTML link or an <a> element")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((!is_blank(v)).then(|| Link::from_html(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    /// XML: `<source><a href="…">name</a></source>` (element and attribute names in any case),
    /// or `<source>` holding the HTML as escaped text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut link = None;
        let mut text = None;
        while let Some(key) = map.next_key::<String>()? {
            if key.eq_ignore_ascii_case("a") && link.is_none() {
                link = Some(map.next_value::<XmlAnchor>()?.0);
            } else if key == "$text" || key == "$value" {
                text = Some(map.next_value::<String>()?);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(link.or_else(|| text.filter(|t| !is_blank(t)).map(|t| Link::from_html(&t))))
    }
}

/// XML `<a href="…">name</a>`, as quick-xml presents it: a map of `@href` and `$text`.
struct XmlAnchor(Link);

impl<'de> Deserialize<'de> for XmlAnchor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnchorVisitor;
        impl<'de> Visitor<'de> for AnchorVisitor {
            type Value = XmlAnchor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an <a> element")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<XmlAnchor, E> {
                Ok(XmlAnchor(Link::new(v.to_string(), None)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<XmlAnchor, E> {
                self.visit_str("")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<XmlAnchor, A::Error> {
                let mut href = None;
                let mut text = String::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key.eq_ignore_ascii_case("@href") && href.is_none() {
                        href = Some(map.next_value::<String>()?);
                    } else if key == "$text" || key == "$value" {
                        text = map.next_value::<String>()?;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(XmlAnchor(Link::new(text, href)))
            }
        }
        d.deserialize_any(AnchorVisitor)
    }
}

/// An optional link field: `null`, absent and `""` are `None`.
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Link>, D::Error> {
    d.deserialize_any(LinkVisitor)
}

/// Deserializes from either form; the models use [`optional`].
impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        optional(d)?.ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(""), &"a link"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, href: &str) -> Link {
        Link {
            text: text.into(),
            href: Some(href.into()),
        }
    }

    #[test]
    fn the_shortcut_agrees_with_the_tokenizer() {
        let cases = [
            r#"<a href="http://weibo.com/" rel="nofollow">微博 weibo.com</a>"#,
            r#"<a href="http://app.weibo.com/t/feed/4fuyNj" rel="nofollow">即刻笔记</a>"#,
            r#"<a href="http://kandian.com">看点</a>"#,
            r#"<a href="" rel="nofollow">web</a>"#,
            r#"<a href=" " rel="nofollow"> x </a>"#,
            r#"<a href="http://a.b/?x=1&amp;y=2" rel="nofollow">A &amp; B</a>"#,
            r#"<a href="http://a.b/" rel="nofollow">a<b>b</b></a>"#,
            r#"<a href="http://a.b/" rel="nofollow">it's</a>"#,
            "<a href=\"http://a.b/\" rel=\"nofollow\">a\r\nb</a>",
            "<a href=\"http://a.b/\" rel=\"nofollow\">a\0b</a>",
            r#"<a href="http://a.b/" rel="nofollow">x</a> "#,
            r#"<a href="http://a.b/" rel="nofollow">x</A>"#,
        ];
        for html in cases {
            let slow = anchor(html);
            if let Some(fast) = simple_anchor(html) {
                assert_eq!(Some(fast), slow, "{html}");
            }
        }
        assert!(simple_anchor(cases[0]).is_some() && simple_anchor(cases[2]).is_some());
    }

    fn plain(text: &str) -> Link {
        Link {
            text: text.into(),
            href: None,
        }
    }

    #[test]
    fn parses_the_documented_html_links() {
        assert_eq!(
            Link::from_html(
                r#"<a id="10013" href="http://t.sina.com.cn/" rel="nofollow">SinaDestTop</a>"#
            ),
            link("SinaDestTop", "http://t.sina.com.cn/")
        );
        assert_eq!(
            Link::from_html(r#"<a href="http://weibo.com" rel="nofollow">新浪微博</a>"#),
            link("新浪微博", "http://weibo.com")
        );
    }

    #[test]
    fn reads_html_as_a_browser_does() {
        // Entities in the text and in the href, decoded once.
        assert_eq!(
            Link::from_html(
                r#"<a href="http://app.weibo.com/t?a=1&amp;b=&quot;2&quot;">Tom &amp; Jerry&#39;s &#x4e2d;文 &lt;3</a>"#
            ),
            link(
                "Tom & Jerry's 中文 <3",
                r#"http://app.weibo.com/t?a=1&b="2""#
            )
        );
        assert_eq!(
            Link::from_html("<a href=x>&amp;amp;</a>").text,
            "&amp;",
            "decoded once"
        );
        // Case-insensitive names, single-quoted and unquoted values, attributes in any order.
        assert_eq!(
            Link::from_html("<A REL=nofollow HREF='http://weibo.com/' ID=1>微博</A>"),
            link("微博", "http://weibo.com/")
        );
        assert_eq!(
            Link::from_html("<a rel=nofollow href=http://weibo.com/>微博</a>"),
            link("微博", "http://weibo.com/"),
            "an unquoted value keeps its trailing slash"
        );
        assert_eq!(
            Link::from_html(r#"<a data-href="x" href='y'>t</a>"#),
            link("t", "y")
        );
        // Text exactly as sent, markup inside the link adds nothing.
        assert_eq!(
            Link::from_html("  <a href=\"u\"> 新浪 <b>微博</b> </a>\n"),
            link(" 新浪 微博 ", "u")
        );
    }

    #[test]
    fn anything_that_is_not_one_link_is_kept_as_text() {
        for text in [
            "web",
            "  web ",
            "来自 <a href=\"u\">x</a>",
            "<a href=\"u\">x</a> and more",
            "<b>bold</b>",
            "R&D",
        ] {
            assert_eq!(Link::from_html(text), plain(text), "{text}");
        }
        assert_eq!(Link::from_html("<a rel=x>t</a>"), plain("t"));
        assert_eq!(Link::from_html("<a href=\"\">t</a>"), plain("t"));
        assert_eq!(Link::from_html("<a href=\"x\">"), link("", "x"));
        // Malformed input never panics and keeps a value.
        for bad in [
            "<a",
            "<a href=",
            "<a href=\"unterminated>",
            "<a>",
            "</a>",
            "<a href=x>&#0;&#xD800;&#99999999;</a>",
            "<!DOCTYPE html><a href=x>t</a>",
            "<a href=x><![CDATA[t]]></a>",
        ] {
            let _ = Link::from_html(bad);
        }
    }
}
