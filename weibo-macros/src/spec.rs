//! The raw spec model: what the YAML says, before any semantic check.
//!
//! Leaves are plain serde types with `deny_unknown_fields`; [`crate::load`] deserializes each
//! version, model field, endpoint and parameter on its own so that one typo does not hide the
//! next problem.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_yaml::Value;

/// A description: plain English, or English with the original Chinese beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub en: Option<String>,
    pub zh: Option<String>,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a map with `en` and/or `zh`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text {
                    en: Some(v.to_string()),
                    zh: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "en" => text.en = Some(map.next_value()?),
                        "zh" => text.zh = Some(map.next_value()?),
                        other => {
                            let value: Value = map.next_value()?;
                            if value.is_null() {
                                return Err(de::Error::custom(format_args!(
                                    "`{other}` is the end of a text that YAML cut at `, `; quote this text"
                                )));
                            }
                            return Err(de::Error::unknown_field(other, &["en", "zh"]));
                        }
                    }
                }
                Ok(text)
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVersion {
    pub base_url: String,
    /// `None`: OAuth2 only. `[]`: no auth header; credentials travel as parameters.
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    #[serde(default)]
    pub description: Option<Text>,
}

/// A model before its fields are read one by one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModelShell {
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub fields: serde_yaml::Mapping,
}

#[derive(Debug)]
pub struct RawModel {
    pub name: String,
    pub description: Option<Text>,
    pub fields: Vec<(String, RawField)>,
    /// Fields that could not be read (already reported): examples may hold anything there.
    pub broken: Vec<String>,
}

/// A model field: `name: string`, or `name: { type: string, required: true, description: ... }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    /// A `map<string, T>` that takes every member the model does not declare (objects whose
    /// keys are data, such as a tag `{"<id>": "<name>", "weight": 50}`).
    #[serde(default)]
    pub flatten: bool,
    /// The Rust field's name when the one made from the member's name cannot be used (two
    /// members that differ only in case or punctuation, `userId` and `user_id`).
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default)]
    pub description: Option<Text>,
}

impl RawField {
    pub fn from_value(value: Value) -> Result<Self, serde_yaml::Error> {
        match value {
            Value::String(ty) => Ok(RawField {
                ty,
                required: false,
                flatten: false,
                rust_name: None,
                description: None,
            }),
            other => serde_yaml::from_value(other),
        }
    }
}

/// An endpoint before its parameters are read one by one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndpointShell {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub formats: Option<Vec<String>>,
    #[serde(default)]
    pub default_format: Option<String>,
    #[serde(default)]
    pub methods: Option<Vec<String>>,
    #[serde(default)]
    pub login_required: Option<bool>,
    #[serde(default)]
    pub rate_limited: Option<bool>,
    #[serde(default)]
    pub access_level: Option<String>,
    /// `false` for paths without the `.json`/`.xml` suffix (OAuth2).
    #[serde(default)]
    pub format_suffix: Option<bool>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub notes: Option<Text>,
    #[serde(default)]
    pub params: Vec<Value>,
    /// The documentation page the endpoint was transcribed from.
    #[serde(default)]
    pub doc: Option<String>,
    /// A host of its own (`https://rm.api.weibo.com/2`), instead of the version's.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Groups of parameters of which exactly one must be set (`[[uid, screen_name]]`).
    #[serde(default)]
    pub exactly_one_of: Vec<Vec<String>>,
    /// Groups of parameters of which at least one must be set.
    #[serde(default)]
    pub at_least_one_of: Vec<Vec<String>>,
    /// How the endpoint pages through its results.
    #[serde(default)]
    pub paging: Option<RawPaging>,
    /// Safe to send twice (retries may repeat it even when it is not a GET).
    #[serde(default)]
    pub idempotent: Option<bool>,
    pub response: String,
    #[serde(default)]
    pub examples: RawExamples,
    #[serde(default)]
    pub curl: Vec<String>,
}

/// `paging: { style: page, items: statuses }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPaging {
    pub style: String,
    /// The response field holding the items; absent when the response is the list itself.
    #[serde(default)]
    pub items: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub json: Option<String>,
    #[serde(default)]
    pub xml: Option<String>,
}

#[derive(Debug)]
pub struct RawEndpoint {
    pub shell: RawEndpointShell,
    pub params: Vec<Option<RawParam>>,
}

impl RawEndpoint {
    /// The parameter named `name` and its index in `params` (where errors point).
    pub fn param(&self, name: &str) -> Option<(usize, &RawParam)> {
        self.params
            .iter()
            .enumerate()
            .find_map(|(j, p)| p.as_ref().filter(|p| p.name == name).map(|p| (j, p)))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParam {
    pub name: String,
    /// The setter's name when the one made from `name` cannot be used (two parameters that
    /// differ only in case or punctuation).
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default, rename = "in")]
    pub location: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub credential: Option<String>,
    #[serde(default)]
    pub min_items: Option<i64>,
    #[serde(default)]
    pub max_items: Option<i64>,
    /// The smallest value of a number (of each item, for lists).
    #[serde(default)]
    pub min: Option<RawNumber>,
    /// The largest value of a number (of each item, for lists).
    #[serde(default)]
    pub max: Option<RawNumber>,
    /// Sent when the caller does not set the parameter (e.g. `grant_type: authorization_code`).
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// The value the server assumes when the parameter is left out, as documented: shown in
    /// the docs, never sent.
    #[serde(default)]
    pub server_default: Option<serde_yaml::Value>,
    /// How a list goes on the wire: `comma` (default, `a,b`) or `repeat` (`k=a&k=b`).
    #[serde(default)]
    pub list_format: Option<String>,
    /// How a `bool` goes on the wire: `number` (default, `0`/`1`) or `word` (`true`/`false`).
    #[serde(default)]
    pub bool_format: Option<String>,
    /// The largest `file` in bytes.
    #[serde(default)]
    pub max_size: Option<i64>,
    /// The most characters a `string` may have.
    #[serde(default)]
    pub max_length: Option<i64>,
    /// Required when another parameter has a value: `{ visible: 3 }`.
    #[serde(default)]
    pub required_if: Option<serde_yaml::Mapping>,
    #[serde(default)]
    pub description: Option<Text>,
}

/// A number in the spec: whole or fractional.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawNumber {
    Int(i64),
    Float(f64),
}

impl RawNumber {
    pub fn as_f64(self) -> f64 {
        match self {
            RawNumber::Int(n) => n as f64,
            RawNumber::Float(f) => f,
        }
    }
}

impl std::fmt::Display for RawNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RawNumber::Int(n) => write!(f, "{n}"),
            RawNumber::Float(x) => write!(f, "{x:?}"),
        }
    }
}

/// An enumeration: `type: int` or `string`, and its documented values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnum {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub description: Option<Text>,
    pub values: Vec<RawEnumValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    pub value: serde_yaml::Value,
    pub name: String,
    #[serde(default)]
    pub description: Option<Text>,
}

/// The whole spec. `None` entries stand for parts that failed to parse (already reported).
#[derive(Debug, Default)]
pub struct RawSpec {
    pub versions: Vec<(String, Option<RawVersion>)>,
    pub models: Vec<Option<RawModel>>,
    /// `extern_models: { Status: "::weibo_api::models::Status" }`: models another crate defines.
    pub extern_models: Vec<(String, String)>,
    pub enums: Vec<(String, Option<RawEnum>)>,
    pub endpoints: Vec<Option<RawEndpoint>>,
}

/// The top-level keys, for "did you mean" help.
pub const TOP_LEVEL_KEYS: &[&str] = &["versions", "enums", "models", "extern_models", "endpoints"];
