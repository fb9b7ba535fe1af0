//! Endpoint metadata, emitted by `generate!` from the spec: what the client encodes requests
//! from, and what tooling (the mock server, the tour) reads to serve or call every endpoint.

use crate::{Format, Method};

/// Everything one spec declares.
#[derive(Debug)]
pub struct Api {
    /// The spec file, as named in the `generate!` call.
    pub spec: &'static str,
    /// The API versions, in spec order.
    pub versions: &'static [&'static Version],
    /// The endpoints, in spec order.
    pub endpoints: &'static [&'static Endpoint],
}

impl Api {
    /// The endpoint `name` (e.g. `statuses/destroy`) of API version `version` (e.g. `v1`).
    pub fn endpoint(&self, version: &str, name: &str) -> Option<&'static Endpoint> {
        self.endpoints
            .iter()
            .copied()
            .find(|e| e.version.key == version && e.name == name)
    }
}

/// An API version and its documented host.
#[derive(Debug)]
pub struct Version {
    /// The spec's key, e.g. `v1`.
    pub key: &'static str,
    /// The documented base URL, e.g. `https://api.weibo.com/2`.
    pub base_url: &'static str,
    /// Whether HTTP Basic (user and password) is accepted.
    pub basic_auth: bool,
    /// Whether an OAuth2 access token is accepted.
    pub oauth2: bool,
}

impl Version {
    /// The path part of the documented base URL (`/2` for `https://api.weibo.com/2`, `` for a
    /// bare host): where this version lives below a single host such as the mock server.
    pub fn path_prefix(&self) -> &'static str {
        let without_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url, |(_, rest)| rest);
        match without_scheme.find('/') {
            Some(i) => without_scheme[i..].trim_end_matches('/'),
            None => "",
        }
    }
}

/// One endpoint, as documented.
pub struct Endpoint {
    /// The documented name, e.g. `statuses/destroy`.
    pub name: &'static str,
    /// The API version (and so the host) it belongs to.
    pub version: &'static Version,
    /// The path below the version's base URL, without the format suffix; placeholders are
    /// written `:name`.
    pub path: &'static str,
    /// Supported formats; the first is the default.
    pub formats: &'static [Format],
    /// Whether the URL ends in `.json`/`.xml` (`false` for OAuth2 paths).
    pub format_suffix: bool,
    /// Supported HTTP methods in documented order; the first is the default.
    pub methods: &'static [Method],
    /// `None` where the document leaves it blank.
    pub login_required: Option<bool>,
    /// `None` where the document leaves it blank.
    pub rate_limited: Option<bool>,
    /// Whether sending the same request twice has the effect of sending it once, so that a
    /// client may repeat it after a failure that may have reached the server (a timeout, a
    /// 5xx). True for endpoints whose only method is `GET`, and where the spec says
    /// `idempotent: true`.
    pub idempotent: bool,
    /// Every documented parameter, credentials included.
    pub params: &'static [Param],
    /// The response type as the spec spells it, e.g. `list<Status>`.
    pub response: &'static str,
    /// The documented example responses.
    pub example_json: Option<&'static str>,
    /// The documented XML example, where the endpoint offers XML.
    pub example_xml: Option<&'static str>,
    /// Decodes a body into this endpoint's response type and discards it: `Ok` when the body
    /// would decode.
    pub check_response: fn(&'static Endpoint, &[u8], Format) -> crate::Result<()>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("name", &self.name)
            .field("version", &self.version.key)
            .field("path", &self.path)
            .field("formats", &self.formats)
            .field("methods", &self.methods)
            .field("idempotent", &self.idempotent)
            .field("response", &self.response)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The example response in `format`, if the spec has one.
    pub fn example(&self, format: Format) -> Option<&'static str> {
        match format {
            Format::Json => self.example_json,
            Format::Xml => self.example_xml,
        }
    }

    /// The URL path template with the format suffix, e.g. `/2/account/end_session.json`,
    /// as served below a single host.
    pub fn display_path(&self, format: Format) -> String {
        if self.format_suffix {
            format!(
                "{}/{}.{}",
                self.version.path_prefix(),
                self.path,
                format.extension()
            )
        } else {
            format!("{}/{}", self.version.path_prefix(), self.path)
        }
    }
}

/// Where a parameter goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Substituted into the URL path.
    Path,
    /// The query string for `GET`, the form body for `POST`/`PUT`/`DELETE`.
    Default,
}

/// A parameter's scalar type (of each item, for lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// `string`.
    String,
    /// `int` (32-bit).
    Int,
    /// `int64` / `bigint`.
    Int64,
    /// `bool`.
    Bool,
    /// `float`.
    Float,
    /// `datetime`.
    DateTime,
}

/// Parameters that carry credentials: the client supplies them, never the caller per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// The application's AppKey, sent as `source`.
    AppKey,
    /// The OAuth2 access token: an `Authorization: OAuth2` header where the version accepts
    /// it, otherwise this parameter in the form body (never in a URL).
    AccessToken,
    /// The application's secret (OAuth2 `client_secret`), sent only in a form body.
    AppSecret,
}

#[derive(Debug)]
/// One documented request parameter.
pub struct Param {
    /// The name on the wire.
    pub name: &'static str,
    /// Path, or query/form.
    pub location: Location,
    /// The value type (of each item, for lists).
    pub kind: ParamKind,
    /// A comma-joined list of `kind`.
    pub list: bool,
    /// Whether the document marks it required.
    pub required: bool,
    /// Set when the client supplies it.
    pub credential: Option<Credential>,
    /// The fewest items a list may hold.
    pub min_items: Option<u32>,
    /// The most items a list may hold (e.g. 20 ids).
    pub max_items: Option<u32>,
    /// The smallest value of a number (of each item, for lists).
    pub min: Option<i64>,
    /// The largest value of a number (of each item, for lists).
    pub max: Option<i64>,
    /// Sent when the caller does not set the parameter.
    pub default: Option<&'static str>,
}

impl Param {
    /// An optional query/form parameter of `kind`; the `with_*` methods set the rest. These are
    /// `const fn`s so that the generated tables stay short and are built at compile time.
    pub const fn new(name: &'static str, kind: ParamKind) -> Param {
        Param {
            name,
            location: Location::Default,
            kind,
            list: false,
            required: false,
            credential: None,
            min_items: None,
            max_items: None,
            min: None,
            max: None,
            default: None,
        }
    }

    /// Substituted into the URL path.
    pub const fn with_path(self) -> Param {
        Param {
            location: Location::Path,
            ..self
        }
    }

    /// A comma-joined list of `kind`.
    pub const fn with_list(self) -> Param {
        Param { list: true, ..self }
    }

    /// Required by the document.
    pub const fn with_required(self) -> Param {
        Param {
            required: true,
            ..self
        }
    }

    /// Supplied by the client.
    pub const fn with_credential(self, credential: Credential) -> Param {
        Param {
            credential: Some(credential),
            ..self
        }
    }

    /// List size limits.
    pub const fn with_items(self, min_items: Option<u32>, max_items: Option<u32>) -> Param {
        Param {
            min_items,
            max_items,
            ..self
        }
    }

    /// Value range of a number (of each item, for lists).
    pub const fn with_range(self, min: Option<i64>, max: Option<i64>) -> Param {
        Param { min, max, ..self }
    }

    /// Sent when the caller does not set it.
    pub const fn with_default(self, default: &'static str) -> Param {
        Param {
            default: Some(default),
            ..self
        }
    }
}

/// The function behind [`Endpoint::check_response`].
pub fn check_response<R: serde::de::DeserializeOwned>(
    endpoint: &'static Endpoint,
    body: &[u8],
    format: Format,
) -> crate::Result<()> {
    crate::decode::decode_body::<R>(endpoint, format, 200, body).map(drop)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_get_endpoints_are_idempotent_by_default() {
        let idempotent: Vec<(&str, bool)> = crate::API
            .endpoints
            .iter()
            .map(|e| (e.name, e.idempotent))
            .collect();
        assert_eq!(
            idempotent,
            [
                ("statuses/destroy", false),
                ("favorites/destroy_batch", false),
                ("account/end_session", true),
                ("kandian/statuses/destroy", false),
                ("access_token", false),
                ("get_token_info", false),
                ("revokeoauth2", false),
            ]
        );
    }
}
