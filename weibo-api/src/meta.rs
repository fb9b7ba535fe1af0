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
    /// A host of the endpoint's own (e.g. `https://rm.api.weibo.com/2`), used instead of the
    /// version's `base_url` unless the client routes everything elsewhere (`api_root`).
    pub base_url: Option<&'static str>,
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
    /// Groups of parameters of which exactly one (or at least one) must be set.
    pub groups: &'static [Group],
    /// How the endpoint pages through its results, if it does.
    pub paging: Option<crate::paging::Style>,
    /// The response type as the spec spells it, e.g. `list<Status>`.
    pub response: &'static str,
    /// The documented example responses.
    pub example_json: Option<&'static str>,
    /// The documented XML example, where the endpoint offers XML.
    pub example_xml: Option<&'static str>,
    /// Where the document shows no JSON example: the smallest body the response type accepts
    /// (required fields only, with empty values), which the mock server answers with. Never a
    /// transcription.
    pub minimal_json: Option<&'static str>,
    /// Decodes a body into this endpoint's response type and discards it: `Ok` when the body
    /// would decode, in either format. For tooling (the mock server's users, tests), so it is
    /// there with the `mock` feature; without it, it answers [`crate::Error::Config`] (see
    /// [`response_checker`]).
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
    /// The name of the parameter that carries credential `c` on this endpoint, if it has one.
    pub(crate) fn credential_param(&self, c: Credential) -> Option<&'static str> {
        self.params
            .iter()
            .find(|p| p.credential == Some(c))
            .map(|p| p.name)
    }

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

    /// The documented base URL: the endpoint's own host, or its version's.
    pub fn documented_base_url(&self) -> &'static str {
        self.base_url.unwrap_or(self.version.base_url)
    }
}

/// Parameters of which exactly one (or, with `exactly: false`, at least one) must be set.
#[derive(Debug)]
pub struct Group {
    /// Exactly one, rather than at least one.
    pub exactly: bool,
    /// The members' names.
    pub params: &'static [&'static str],
}

impl Group {
    /// `exactly one of` or `at least one of`.
    pub fn kind(&self) -> &'static str {
        if self.exactly {
            "exactly one of"
        } else {
            "at least one of"
        }
    }

    /// The members `is_set` says are set, when they break the rule; `None` when they keep it.
    /// The client (before any I/O) and the mock server (on what it receives) both ask this.
    pub fn unsatisfied(&self, is_set: impl Fn(&str) -> bool) -> Option<Vec<&'static str>> {
        let set: Vec<&'static str> = self.params.iter().copied().filter(|n| is_set(n)).collect();
        let ok = if self.exactly {
            set.len() == 1
        } else {
            !set.is_empty()
        };
        (!ok).then_some(set)
    }
}

/// A number bound of a parameter: whole for integers, fractional for floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// A whole number.
    Int(i64),
    /// A fractional number.
    Float(f64),
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(n) => write!(f, "{n}"),
            Bound::Float(x) => write!(f, "{x}"),
        }
    }
}

/// Where a parameter goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// Substituted into the URL path.
    Path,
    /// The query string for `GET`, the form body for `POST`/`PUT`/`DELETE`.
    Default,
}

/// A parameter's scalar type (of each item, for lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// `file`: a `multipart/form-data` part.
    File,
}

/// Parameters that carry credentials: the client supplies them, never the caller per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// A list of `kind` (comma-joined unless `repeated_key`).
    pub list: bool,
    /// A list sent as the key repeated once per item (`k=a&k=b`).
    pub repeated_key: bool,
    /// Whether the document marks it required.
    pub required: bool,
    /// Set when the client supplies it.
    pub credential: Option<Credential>,
    /// The fewest items a list may hold.
    pub min_items: Option<u32>,
    /// The most items a list may hold (e.g. 20 ids).
    pub max_items: Option<u32>,
    /// The smallest value of a number (of each item, for lists).
    pub min: Option<Bound>,
    /// The largest value of a number (of each item, for lists).
    pub max: Option<Bound>,
    /// Sent when the caller does not set the parameter.
    pub default: Option<&'static str>,
    /// The documented values of an enumeration (their wire forms).
    pub values: Option<&'static [&'static str]>,
    /// A `bool` sent as `true`/`false` rather than `1`/`0`.
    pub bool_words: bool,
    /// The largest file, in bytes.
    pub max_size: Option<u64>,
    /// The most characters of a string (of each item, for lists).
    pub max_length: Option<u32>,
    /// Required when parameter `.0` has the wire value `.1`.
    pub required_if: Option<(&'static str, &'static str)>,
    /// A `type: secret` value (a password the caller sets): never shown by the mock's
    /// records, never sent in a URL.
    pub secret: bool,
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
            repeated_key: false,
            required: false,
            credential: None,
            min_items: None,
            max_items: None,
            min: None,
            max: None,
            default: None,
            values: None,
            bool_words: false,
            max_size: None,
            max_length: None,
            required_if: None,
            secret: false,
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
    pub const fn with_range(self, min: Option<Bound>, max: Option<Bound>) -> Param {
        Param { min, max, ..self }
    }

    /// A list sent as the key repeated once per item.
    pub const fn with_repeated_key(self) -> Param {
        Param {
            repeated_key: true,
            ..self
        }
    }

    /// The documented values of an enumeration.
    pub const fn with_values(self, values: &'static [&'static str]) -> Param {
        Param {
            values: Some(values),
            ..self
        }
    }

    /// A `bool` sent as `true`/`false`.
    pub const fn with_bool_words(self) -> Param {
        Param {
            bool_words: true,
            ..self
        }
    }

    /// A `type: secret` value (a password): masked by the mock's records, refused in a GET.
    pub const fn with_secret(self) -> Param {
        Param {
            secret: true,
            ..self
        }
    }

    /// The largest file, in bytes.
    pub const fn with_max_size(self, max_size: u64) -> Param {
        Param {
            max_size: Some(max_size),
            ..self
        }
    }

    /// The most characters of a string.
    pub const fn with_max_length(self, max_length: u32) -> Param {
        Param {
            max_length: Some(max_length),
            ..self
        }
    }

    /// Required when `other` has the wire value `value`.
    pub const fn with_required_if(self, other: &'static str, value: &'static str) -> Param {
        Param {
            required_if: Some((other, value)),
            ..self
        }
    }

    /// Sent when the caller does not set it.
    pub const fn with_default(self, default: &'static str) -> Param {
        Param {
            default: Some(default),
            ..self
        }
    }
}

impl Param {
    /// What one wire value (one item, for lists) must be and is not: the kind, the documented
    /// range, the enumeration's values, the length of a string, the form of a flag. `None` when
    /// it fits. The client checks this before any I/O; the mock server checks what it receives.
    pub fn item_problem(&self, item: &str) -> Option<String> {
        let kind_ok = match self.kind {
            ParamKind::Int | ParamKind::Int64 => item.parse::<i64>().is_ok(),
            ParamKind::Float => item.parse::<f64>().is_ok_and(f64::is_finite),
            ParamKind::Bool if self.bool_words => matches!(item, "true" | "false"),
            ParamKind::Bool => matches!(item, "0" | "1"),
            ParamKind::String | ParamKind::DateTime | ParamKind::File => true,
        };
        if !kind_ok {
            return Some(match self.kind {
                ParamKind::Bool if self.bool_words => "`true` or `false`".to_string(),
                ParamKind::Bool => "`1` or `0`".to_string(),
                kind => format!("a value of type {}", kind.name()),
            });
        }
        if let Some(values) = self.values {
            if !values.contains(&item) {
                return Some(format!("one of {}", values.join(", ")));
            }
        }
        if let Some(max) = self.max_length {
            if item.chars().count() > max as usize {
                return Some(format!("at most {max} characters"));
            }
        }
        let below = |bound: Bound| match bound {
            Bound::Int(b) => item.parse::<i64>().is_ok_and(|n| n < b),
            Bound::Float(b) => item.parse::<f64>().is_ok_and(|n| n < b),
        };
        let above = |bound: Bound| match bound {
            Bound::Int(b) => item.parse::<i64>().is_ok_and(|n| n > b),
            Bound::Float(b) => item.parse::<f64>().is_ok_and(|n| n > b),
        };
        if self.min.is_some_and(below) || self.max.is_some_and(above) {
            return Some(match (self.min, self.max) {
                (Some(min), Some(max)) => format!("a value from {min} to {max}"),
                (Some(min), None) => format!("a value of at least {min}"),
                (_, Some(max)) => format!("a value of at most {max}"),
                (None, None) => String::new(),
            });
        }
        None
    }
}

impl ParamKind {
    /// The spec's name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            ParamKind::Int => "int",
            ParamKind::Int64 => "int64",
            ParamKind::Float => "float",
            ParamKind::Bool => "bool",
            ParamKind::String => "string",
            ParamKind::DateTime => "datetime",
            ParamKind::File => "file",
        }
    }
}

/// The function behind [`Endpoint::check_response`]: the clients' decoding of a 200 answer
/// (JSON, and XML whatever the endpoint offers), its value discarded.
pub fn check_response<R: serde::de::DeserializeOwned>(
    endpoint: &'static Endpoint,
    body: &[u8],
    format: Format,
) -> crate::Result<()> {
    crate::decode::decode_body::<R>(
        endpoint,
        format,
        200,
        body,
        Some(crate::decode::xml_body::<R>),
    )
    .map(drop)
}

/// What generated metadata holds in [`Endpoint::check_response`]: [`check_response`] for `R`
/// with the `mock` feature, [`check_response_unavailable`] without.
///
/// A function pointer to `check_response::<R>` makes the compiler build every decoding path
/// of `R` (JSON, JSON with field paths, XML, XML lists) in every crate that runs
/// [`generate!`](crate::generate), for every endpoint, whether anything calls it or not; the
/// clients need only what the endpoints a crate calls use. Chosen here, inside this crate, by
/// its own feature: the generated code is the same either way.
pub const fn response_checker<R: serde::de::DeserializeOwned>(
) -> fn(&'static Endpoint, &[u8], Format) -> crate::Result<()> {
    #[cfg(feature = "mock")]
    {
        check_response::<R>
    }
    #[cfg(not(feature = "mock"))]
    {
        check_response_unavailable
    }
}

/// [`Endpoint::check_response`] without the `mock` feature.
pub fn check_response_unavailable(
    endpoint: &'static Endpoint,
    _body: &[u8],
    _format: Format,
) -> crate::Result<()> {
    Err(crate::Error::config(format!(
        "checking a `{}` response needs weibo-api's `mock` feature",
        endpoint.name
    )))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_get_endpoints_are_idempotent_by_default() {
        let seeds = [
            "statuses/destroy",
            "favorites/destroy_batch",
            "account/end_session",
            "kandian/statuses/destroy",
            "access_token",
            "get_token_info",
            "revokeoauth2",
        ];
        let idempotent: Vec<(&str, bool)> = crate::API
            .endpoints
            .iter()
            .filter(|e| e.version.key != "v2" || seeds.contains(&e.name))
            .filter(|e| seeds.contains(&e.name))
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
