//! The `source` of a status: an HTML link in JSON (`<a href="…" rel="nofollow">name</a>`), an
//! `<a href="…">name</a>` element in XML. Both decode to the same [`Link`].

use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A link: its text and target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// What the link says, e.g. `新浪微博`.
    pub text: String,
    /// Where it points, e.g. `http://weibo.com`.
    pub href: Option<String>,
}

impl Link {
    /// Parses `<a … href="URL" …>TEXT</a>`; plain text becomes a link without a target.
    pub fn from_html(html: &str) -> Link {
        let html = html.trim();
        let Some(open_end) = html.strip_prefix("<a").and_then(|_| html.find('>')) else {
            return Link {
                text: html.to_string(),
                href: None,
            };
        };
        let tag = &html[..open_end];
        let href = attribute(tag, "href");
        let rest = &html[open_end + 1..];
        let text = rest.strip_suffix("</a>").unwrap_or(rest).trim().to_string();
        Link { text, href }
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(i) = search.find(name) {
        let before_ok = search[..i].ends_with(|c: char| c.is_whitespace());
        let after = search[i + name.len()..].trim_start();
        if before_ok {
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let inner = &value[1..];
                return inner.find(quote).map(|end| inner[..end].to_string());
            }
        }
        search = &search[i + name.len()..];
    }
    None
}

/// XML: `<source><a id="…" href="…">name</a></source>`.
#[derive(Deserialize)]
struct SourceElement {
    a: Option<Anchor>,
    #[serde(rename = "$text")]
    text: Option<String>,
}

#[derive(Deserialize)]
struct Anchor {
    #[serde(rename = "@href")]
    href: Option<String>,
    #[serde(rename = "$text")]
    text: Option<String>,
}

struct LinkVisitor;

impl<'de> Visitor<'de> for LinkVisitor {
    type Value = Option<Link>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an HTML link or an <a> element")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((!v.trim().is_empty()).then(|| Link::from_html(v)))
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

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let element = SourceElement::deserialize(MapAccessDeserializer::new(map))?;
        Ok(match (element.a, element.text) {
            (Some(a), _) => Some(Link {
                text: a.text.unwrap_or_default().trim().to_string(),
                href: a.href,
            }),
            (None, Some(text)) if !text.trim().is_empty() => Some(Link::from_html(&text)),
            (None, _) => None,
        })
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

    #[test]
    fn parses_the_documented_html_links() {
        let l = Link::from_html(
            r#"<a id="10013" href="http://t.sina.com.cn/" rel="nofollow">SinaDestTop</a>"#,
        );
        assert_eq!(
            l,
            Link {
                text: "SinaDestTop".into(),
                href: Some("http://t.sina.com.cn/".into())
            }
        );
        let l = Link::from_html(r#"<a href="http://weibo.com" rel="nofollow">新浪微博</a>"#);
        assert_eq!(
            (l.text.as_str(), l.href.as_deref()),
            ("新浪微博", Some("http://weibo.com"))
        );
        assert_eq!(
            Link::from_html("web"),
            Link {
                text: "web".into(),
                href: None
            }
        );
        assert_eq!(Link::from_html("<a rel=x>t</a>").href, None);
        assert_eq!(
            Link::from_html("<a data-href=\"x\" href='y'>t</a>")
                .href
                .as_deref(),
            Some("y")
        );
        // Malformed input never panics.
        for bad in [
            "<a",
            "<a href=",
            "<a href=\"unterminated>",
            "<a>",
            "<a href=\"x\">",
            "</a>",
        ] {
            let _ = Link::from_html(bad);
        }
    }
}
