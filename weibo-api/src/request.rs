//! Requests: what the generated builders produce, checked against the spec before any I/O.

use crate::meta::{Endpoint, Location};
use crate::{Error, Result};
use std::fmt;
use std::marker::PhantomData;

/// A response format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// JSON, every endpoint's default.
    Json,
    /// XML, offered by the v1 endpoints.
    Xml,
}

impl Format {
    /// The URL suffix, `json` or `xml`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// An HTTP method an endpoint may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name, e.g. `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of a required parameter that has not been set yet. A builder whose type still
/// mentions `Missing` cannot be built or sent; the compiler says which parameter is missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing;

/// Per-call choices every builder carries: format and method (defaults: the spec's first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The response format; `None` for the endpoint's default.
    pub format: Option<Format>,
    /// The HTTP method; `None` for the endpoint's default.
    pub method: Option<Method>,
}

impl CallOptions {
    /// The defaults.
    pub const fn new() -> Self {
        CallOptions {
            format: None,
            method: None,
        }
    }
}

/// A parameter value as it goes on the wire: one text, a list, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A single value.
    Text(String),
    /// A list, sent comma-joined (or as one key per item, where the spec says so).
    List(Vec<String>),
    /// A file, sent as a `multipart/form-data` part.
    File(crate::Upload),
    /// A `type: secret` parameter (a password): `Debug` shows `***`, it is never sent in a
    /// URL (a GET carrying one is refused) and never quoted in an error.
    Secret(crate::Secret),
}

impl ParamValue {
    /// The wire form: lists joined with commas; a file's name.
    pub fn to_wire(&self) -> String {
        match self {
            ParamValue::Text(t) => t.clone(),
            ParamValue::List(items) => items.join(","),
            ParamValue::File(file) => file.file_name().to_string(),
            ParamValue::Secret(secret) => secret.expose().to_string(),
        }
    }

    /// The values on the wire, item by item (one for a single value, none for a file).
    pub fn items(&self) -> &[String] {
        match self {
            ParamValue::Text(t) => std::slice::from_ref(t),
            ParamValue::List(items) => items,
            ParamValue::File(_) => &[],
            ParamValue::Secret(secret) => std::slice::from_ref(secret.expose_string()),
        }
    }
}

/// Values a parameter can take.
pub trait ToParam {
    /// The wire form of the value.
    fn to_param(self) -> ParamValue;
}

macro_rules! scalar_param {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(self) -> ParamValue {
                ParamValue::Text(self.to_string())
            }
        }
    )*};
}
scalar_param!(String, i32, i64, bool, f64);

impl ToParam for &str {
    fn to_param(self) -> ParamValue {
        ParamValue::Text(self.to_string())
    }
}

impl ToParam for crate::DateTime {
    fn to_param(self) -> ParamValue {
        ParamValue::Text(self.format(crate::de::WEIBO_DATE_FORMAT).to_string())
    }
}

impl ToParam for crate::Upload {
    fn to_param(self) -> ParamValue {
        ParamValue::File(self)
    }
}

impl<T: ToParam> ToParam for Vec<T> {
    fn to_param(self) -> ParamValue {
        ParamValue::List(
            self.into_iter()
                .map(|item| item.to_param().to_wire())
                .collect(),
        )
    }
}

/// The parameters a builder set, by spec name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, ParamValue)>);

impl Params {
    /// An empty set with room for `n` parameters.
    pub fn with_capacity(n: usize) -> Self {
        Params(Vec::with_capacity(n))
    }

    /// Adds parameter `name`.
    pub fn push(&mut self, name: &'static str, value: impl ToParam) {
        self.0.push((name, value.to_param()));
    }

    /// Sets parameter `name`, replacing its value if it has one (paging moves a cursor).
    pub fn set(&mut self, name: &'static str, value: impl ToParam) {
        let value = value.to_param();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.0.push((name, value)),
        }
    }

    /// The value of parameter `name`, if set.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// How many parameters are set.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parameters in the order they were set.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &ParamValue)> {
        self.0.iter().map(|(n, v)| (*n, v))
    }
}

/// A checked request for one endpoint, decoding into `R`. Made by a builder's `build()`;
/// sent by [`Client::send`](crate::Client::send) (or the blocking client).
pub struct Request<R> {
    endpoint: &'static Endpoint,
    params: Params,
    format: Format,
    method: Method,
    response: PhantomData<fn() -> R>,
    /// How an XML answer decodes into `R`, for requests made by the builder of an endpoint
    /// that offers XML (see [`Request::with_xml`]).
    xml: Option<crate::decode::XmlDecoder<R>>,
}

impl<R> Clone for Request<R> {
    fn clone(&self) -> Self {
        Request {
            endpoint: self.endpoint,
            params: self.params.clone(),
            format: self.format,
            method: self.method,
            response: PhantomData,
            xml: self.xml,
        }
    }
}

impl<R> fmt::Debug for Request<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("version", &self.endpoint.version.key)
            .field("method", &self.method)
            .field("format", &self.format)
            .field("params", &self.params)
            .finish()
    }
}

impl<R> Request<R> {
    /// Checks `params` and `options` against the endpoint's spec: format and method offered,
    /// required parameters present, list sizes within the documented limits.
    pub fn new(
        endpoint: &'static Endpoint,
        params: Params,
        options: crate::CallOptions,
    ) -> Result<Self> {
        let (format, method) = check(endpoint, &params, options)?;
        Ok(Request {
            endpoint,
            params,
            format,
            method,
            response: PhantomData,
            xml: None,
        })
    }
}

/// [`Request::new`]'s checks, apart from the response type so that they are compiled once,
/// not once per response type: the format and method to use, or why the request breaks the
/// spec.
fn check(
    endpoint: &'static Endpoint,
    params: &Params,
    options: crate::CallOptions,
) -> Result<(Format, Method)> {
    let invalid = |parameter: Option<&'static str>, reason: String| Error::InvalidRequest {
        endpoint: endpoint.name,
        parameter,
        reason,
    };
    let format = match options.format {
        None => *endpoint
            .formats
            .first()
            .ok_or_else(|| invalid(None, "the spec lists no format".into()))?,
        Some(f) if endpoint.formats.contains(&f) => f,
        Some(f) => {
            return Err(invalid(
                None,
                format!(
                    "format `{f}` is not offered (offered: {})",
                    list(endpoint.formats)
                ),
            ))
        }
    };
    let method = match options.method {
        None => *endpoint
            .methods
            .first()
            .ok_or_else(|| invalid(None, "the spec lists no HTTP method".into()))?,
        Some(m) if endpoint.methods.contains(&m) => m,
        Some(m) => {
            return Err(invalid(
                None,
                format!(
                    "HTTP method `{m}` is not accepted (accepted: {})",
                    list(endpoint.methods)
                ),
            ))
        }
    };
    for spec in endpoint.params.iter().filter(|p| p.credential.is_none()) {
        let value = params.get(spec.name);
        let Some(value) = value else {
            if spec.required {
                return Err(invalid(Some(spec.name), "is required".into()));
            }
            if let Some((other, wanted)) = spec.required_if {
                if params.get(other).is_some_and(|v| v.to_wire() == wanted) {
                    return Err(invalid(
                        Some(spec.name),
                        format!("is required when `{other}` is {wanted}"),
                    ));
                }
            }
            continue;
        };
        if let Some((item, problem)) = value
            .items()
            .iter()
            .find_map(|item| spec.item_problem(item).map(|p| (item, p)))
        {
            let shown: String = match value {
                ParamValue::Secret(_) => "a secret".into(),
                _ => item.chars().take(64).collect(),
            };
            return Err(invalid(
                Some(spec.name),
                format!("is {shown}; expected {problem}"),
            ));
        }
        match value {
            ParamValue::List(items) => {
                let min = spec.min_items.unwrap_or(u32::from(spec.required));
                let count = items.len();
                if count < min as usize {
                    return Err(invalid(
                        Some(spec.name),
                        format!("has {count} items; at least {min} required"),
                    ));
                }
                if let Some(max) = spec.max_items {
                    if count > max as usize {
                        return Err(invalid(
                            Some(spec.name),
                            format!("has {count} items; at most {max} allowed"),
                        ));
                    }
                }
            }
            ParamValue::Text(t) if spec.location == Location::Path && t.is_empty() => {
                return Err(invalid(
                    Some(spec.name),
                    "is a path parameter and cannot be empty".into(),
                ))
            }
            ParamValue::File(file) => {
                if let Some(max) = spec.max_size {
                    if file.len() as u64 > max {
                        return Err(invalid(
                            Some(spec.name),
                            format!(
                                "is a file of {} bytes; at most {max} bytes allowed",
                                file.len()
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
        if spec.location == Location::Path {
            if let Some(reason) = unsendable_segment(&value.to_wire()) {
                return Err(invalid(Some(spec.name), reason));
            }
        }
    }
    for group in endpoint.groups {
        // An empty value is no value: Weibo (and the mock) treat it as absent.
        let set = group.unsatisfied(|name| {
            params.get(name).is_some_and(|v| match v {
                ParamValue::File(_) => true,
                other => !other.to_wire().is_empty(),
            })
        });
        if let Some(set) = set {
            return Err(invalid(
                None,
                format!(
                    "needs {} {} (set: {})",
                    group.kind(),
                    list(group.params),
                    if set.is_empty() {
                        "none".to_string()
                    } else {
                        list(&set)
                    }
                ),
            ));
        }
    }
    Ok((format, method))
}

impl<R> Request<R> {
    /// Lets the request decode XML answers. The generated builders of endpoints that offer
    /// XML call it, so that the XML decoder of a response type is compiled only into crates
    /// that use such an endpoint. A request made with [`Request::new`] alone and sent with
    /// [`Format::Xml`] still reads Weibo's error bodies and HTTP errors, but answers a
    /// successful XML body with [`Error::InvalidRequest`].
    #[doc(hidden)]
    pub fn with_xml(mut self) -> Self
    where
        R: serde::de::DeserializeOwned,
    {
        self.xml = Some(crate::decode::xml_body::<R>);
        self
    }

    /// The XML decoder, if the request has one.
    pub(crate) fn xml_decoder(&self) -> Option<crate::decode::XmlDecoder<R>> {
        self.xml
    }

    /// The endpoint's metadata.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The parameters the caller set (credentials are added by the client).
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Sets one parameter (paging moves its cursor this way).
    pub(crate) fn set_param(&mut self, name: &'static str, value: impl ToParam) {
        self.params.set(name, value);
    }

    /// The response format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }
}

/// Why `value` cannot be one URL path segment as it is, if it cannot. Everything else is
/// percent-encoded into a single segment (`/` included); but URL path resolution drops `.`
/// and `..` segments (the request would go to another endpoint) and URL parsers strip tabs and
/// newlines, so those values would be changed silently instead of sent.
fn unsendable_segment(value: &str) -> Option<String> {
    if value == "." || value == ".." {
        return Some(format!(
            "is `{value}`, which URL path resolution would drop (the request would go to another endpoint)"
        ));
    }
    let (i, c) = value.chars().enumerate().find(|(_, c)| c.is_control())?;
    Some(format!(
        "contains a control character (U+{:04X}) at position {}, which a URL path cannot carry",
        u32::from(c),
        i + 1
    ))
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Anything that can become a [`Request`]: every generated builder whose required parameters
/// are all set, and a `Request` itself.
pub trait IntoRequest {
    /// The decoded response type.
    type Response;
    /// Checks the parameters against the spec and returns the request.
    fn into_request(self) -> Result<Request<Self::Response>>;
}

impl<R> IntoRequest for Request<R> {
    type Response = R;
    fn into_request(self) -> Result<Request<R>> {
        Ok(self)
    }
}
