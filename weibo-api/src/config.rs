//! What a client knows (credentials, where each API version lives) and how it turns a checked
//! [`Request`] into bytes for the wire. Shared by the async and blocking clients.
//!
//! Everything that does not change from call to call is worked out once, when the client is
//! built: the `Authorization` header values and the configured base URLs, split so that a
//! call's URL is written into one string and parsed once. A call allocates that string, its
//! body (or query) and little else.

use crate::meta::{Credential, Endpoint, Location, Version};
use crate::secret::Secret;
use crate::{Error, Method, ParamValue, Request, Result};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::header::HeaderValue;
use std::borrow::Cow;
use std::fmt;
use url::Url;

pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

/// What `Url`'s `path_segments_mut().push` encodes in an http(s) URL (the WHATWG path set plus
/// `/`, `%` and `\`): a path parameter is always exactly one segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\');

/// Credentials and routing, shared by the async and blocking clients.
pub(crate) struct Config {
    pub(crate) access_token: Option<Secret>,
    pub(crate) app_key: Option<String>,
    pub(crate) app_secret: Option<Secret>,
    pub(crate) basic: Option<(String, Secret)>,
    pub(crate) base_urls: Vec<(String, Url)>,
    pub(crate) api_root: Option<Url>,
    /// Lets credentials travel over plain HTTP to hosts other than loopback.
    pub(crate) allow_insecure_http: bool,
    /// Off (`None`) unless the caller set a policy.
    pub(crate) retry: Option<crate::RetryPolicy>,
    /// `base_urls` and `api_root`, split once (see [`Base`]).
    bases: Vec<(String, Base<String>)>,
    root: Option<Base<String>>,
    /// `Authorization: OAuth2 …`, built once (marked sensitive). HTTP Basic is left to the
    /// transport's `basic_auth`, which encodes it and marks it sensitive too.
    oauth2_header: Option<HeaderValue>,
}

/// The `Authorization` a request carries.
pub(crate) enum Authorization {
    /// A ready header (`OAuth2 <token>`), marked sensitive.
    Header(HeaderValue),
    /// HTTP Basic (v1 only): the transport's request builder encodes it.
    Basic { user: String, password: Secret },
}

/// A base URL in the parts a call's URL is written from: everything up to the end of its path
/// (without one trailing `/`), and its query and fragment if it has them (a configured URL
/// may; the documented ones do not).
struct Base<S> {
    head: S,
    query: Option<S>,
    fragment: Option<S>,
}

impl Base<String> {
    fn of(url: &Url, what: &str) -> Result<Self> {
        if url.cannot_be_a_base() {
            return Err(Error::config(format!("{what} `{url}` cannot have a path")));
        }
        let Base {
            head,
            query,
            fragment,
        } = Base::split(url.as_str());
        Ok(Base {
            head: head.to_string(),
            query: query.map(str::to_string),
            fragment: fragment.map(str::to_string),
        })
    }

    fn as_ref(&self) -> Base<&str> {
        Base {
            head: &self.head,
            query: self.query.as_deref(),
            fragment: self.fragment.as_deref(),
        }
    }
}

impl<'a> Base<&'a str> {
    fn split(url: &'a str) -> Self {
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (url, None),
        };
        let (head, query) = match rest.split_once('?') {
            Some((head, query)) => (head, Some(query)),
            None => (rest, None),
        };
        Base {
            head: head.strip_suffix('/').unwrap_or(head),
            query,
            fragment,
        }
    }
}

/// A request ready for the wire.
pub(crate) struct Prepared {
    pub method: reqwest::Method,
    pub url: Url,
    pub authorization: Option<Authorization>,
    /// The form (`application/x-www-form-urlencoded`) or `multipart/form-data` body.
    pub body: Option<Vec<u8>>,
    /// The body's content type.
    pub content_type: Option<HeaderValue>,
    /// Whether a credential other than the AppKey is on board (header or form body).
    pub carries_secret: bool,
}

impl Prepared {
    /// One attempt's request: method, URL, auth (marked sensitive), content type and body.
    pub(crate) fn request<B: Attempt>(&self, builder: B) -> B {
        let mut builder = builder;
        match &self.authorization {
            Some(Authorization::Header(auth)) => {
                builder = builder.header(reqwest::header::AUTHORIZATION, auth.clone());
            }
            Some(Authorization::Basic { user, password }) => {
                builder = builder.basic_auth(user, password.expose());
            }
            None => {}
        }
        if let Some(content_type) = &self.content_type {
            builder = builder.header(reqwest::header::CONTENT_TYPE, content_type.clone());
        }
        if let Some(body) = &self.body {
            builder = builder.body(body.clone());
        }
        builder
    }
}

/// The request builders of both transports (`reqwest` and `reqwest::blocking`).
pub(crate) trait Attempt: Sized {
    fn header(self, name: reqwest::header::HeaderName, value: HeaderValue) -> Self;
    fn body(self, body: Vec<u8>) -> Self;
    fn basic_auth(self, user: &str, password: &str) -> Self;
}

impl Attempt for reqwest::RequestBuilder {
    fn header(self, name: reqwest::header::HeaderName, value: HeaderValue) -> Self {
        reqwest::RequestBuilder::header(self, name, value)
    }
    fn body(self, body: Vec<u8>) -> Self {
        reqwest::RequestBuilder::body(self, body)
    }
    fn basic_auth(self, user: &str, password: &str) -> Self {
        reqwest::RequestBuilder::basic_auth(self, user, Some(password))
    }
}

#[cfg(feature = "blocking")]
impl Attempt for reqwest::blocking::RequestBuilder {
    fn header(self, name: reqwest::header::HeaderName, value: HeaderValue) -> Self {
        reqwest::blocking::RequestBuilder::header(self, name, value)
    }
    fn body(self, body: Vec<u8>) -> Self {
        reqwest::blocking::RequestBuilder::body(self, body)
    }
    fn basic_auth(self, user: &str, password: &str) -> Self {
        reqwest::blocking::RequestBuilder::basic_auth(self, user, Some(password))
    }
}

impl Config {
    /// The configuration, with what every call would otherwise work out again.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        access_token: Option<Secret>,
        app_key: Option<String>,
        app_secret: Option<Secret>,
        basic: Option<(String, Secret)>,
        base_urls: Vec<(String, Url)>,
        api_root: Option<Url>,
        allow_insecure_http: bool,
        retry: Option<crate::RetryPolicy>,
    ) -> Result<Config> {
        let bases = base_urls
            .iter()
            .map(|(key, url)| Ok((key.clone(), Base::of(url, "base URL")?)))
            .collect::<Result<_>>()?;
        let root = api_root
            .as_ref()
            .map(|url| Base::of(url, "api_root"))
            .transpose()?;
        let oauth2_header = access_token
            .as_ref()
            .map(|token| {
                let mut header = HeaderValue::from_str(&format!("OAuth2 {}", token.expose()))
                    .map_err(|_| {
                        Error::config(
                            "the access token contains characters that cannot go in an HTTP header",
                        )
                    })?;
                header.set_sensitive(true);
                Ok::<_, Error>(header)
            })
            .transpose()?;
        Ok(Config {
            access_token,
            app_key,
            app_secret,
            basic,
            base_urls,
            api_root,
            allow_insecure_http,
            retry,
            bases,
            root,
            oauth2_header,
        })
    }

    /// Where `endpoint` is served: the version's override or `api_root` (below the version's
    /// path) when set, otherwise the endpoint's own documented host, otherwise its version's.
    /// Returns the base and, for `api_root`, the version's path to add.
    fn base_of(&self, endpoint: &'static Endpoint) -> (Base<&str>, &'static str) {
        let version = endpoint.version;
        if let Some((_, base)) = self.bases.iter().find(|(k, _)| k == version.key) {
            return (base.as_ref(), "");
        }
        if let Some(root) = &self.root {
            return (root.as_ref(), version.path_prefix());
        }
        (Base::split(endpoint.documented_base_url()), "")
    }

    /// URL (path parameters substituted and percent-encoded), method, auth header and form body.
    pub(crate) fn prepare<R>(&self, request: &Request<R>) -> Result<Prepared> {
        let endpoint = request.endpoint();
        let version = endpoint.version;
        let params = request.params();
        let method = request.method();

        // Secrets travel only in a form body: never in a URL.
        let secrets = [
            (Credential::AppSecret, self.app_secret.as_ref()),
            (
                Credential::AccessToken,
                self.access_token.as_ref().filter(|_| !version.oauth2),
            ),
        ];
        let declared = |c: Credential| endpoint.credential_param(c);
        let not_in_a_get = |name: &'static str, reason: &str| Error::InvalidRequest {
            endpoint: endpoint.name,
            parameter: Some(name),
            reason: reason.into(),
        };
        const SECRET: &str =
            "is a secret and cannot be sent with GET (it would be in the URL); use POST";
        let mut secret_in_body = false;
        for (credential, value) in secrets {
            if let (Some(name), Some(_)) = (declared(credential), value) {
                if method == Method::Get {
                    return Err(not_in_a_get(name, SECRET));
                }
                secret_in_body = true;
            }
        }
        // The caller's own values: secrets (`type: secret`) and files, one pass.
        let mut has_files = false;
        for (name, value) in params.iter() {
            let reason = match value {
                ParamValue::Secret(_) => {
                    secret_in_body = true;
                    SECRET
                }
                ParamValue::File(_) => {
                    has_files = true;
                    "is a file and cannot be sent with GET"
                }
                _ => continue,
            };
            if method == Method::Get {
                return Err(not_in_a_get(name, reason));
            }
        }

        // The URL, written into one string: base, version path, endpoint path, suffix, query.
        let (base, version_path) = self.base_of(endpoint);
        let mut url = String::with_capacity(base.head.len() + endpoint.path.len() + 64);
        url.push_str(base.head);
        for segment in version_path.split('/').filter(|s| !s.is_empty()) {
            url.push('/');
            url.extend(utf8_percent_encode(segment, SEGMENT));
        }
        let mut segments = endpoint
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .peekable();
        while let Some(segment) = segments.next() {
            url.push('/');
            match segment.strip_prefix(':') {
                Some(name) => {
                    let value = params.get(name).ok_or(Error::InvalidRequest {
                        endpoint: endpoint.name,
                        parameter: endpoint.param(name).map(|p| p.name),
                        reason: "is a path parameter and was not set".into(),
                    })?;
                    url.extend(utf8_percent_encode(&wire(value), SEGMENT));
                }
                None => url.extend(utf8_percent_encode(segment, SEGMENT)),
            }
            if segments.peek().is_none() && endpoint.format_suffix {
                url.push('.');
                url.push_str(request.format().extension());
            }
        }

        let (body, content_type) = if method == Method::Get {
            let mut query = form_urlencoded::Serializer::new(String::new());
            self.pairs(request, &mut |name, value| {
                query.append_pair(name, value);
            });
            let query = query.finish();
            match (base.query, query.is_empty()) {
                (Some(existing), _) => {
                    url.push('?');
                    url.push_str(existing);
                    if !existing.is_empty() && !query.is_empty() {
                        url.push('&');
                    }
                    url.push_str(&query);
                }
                (None, false) => {
                    url.push('?');
                    url.push_str(&query);
                }
                (None, true) => {}
            }
            (None, None)
        } else {
            if let Some(existing) = base.query {
                url.push('?');
                url.push_str(existing);
            }
            if has_files {
                let mut pairs: Vec<(&str, String)> = Vec::new();
                self.pairs(request, &mut |name, value| {
                    pairs.push((name, value.to_string()));
                });
                let files: Vec<(&str, &crate::Upload)> = params
                    .iter()
                    .filter_map(|(name, value)| match value {
                        ParamValue::File(file) => Some((name, file)),
                        _ => None,
                    })
                    .collect();
                let (content_type, body) = crate::upload::multipart(&pairs, &files);
                let content_type = HeaderValue::from_str(&content_type)
                    .map_err(|_| Error::config("invalid multipart content type"))?;
                (Some(body), Some(content_type))
            } else {
                let mut form = form_urlencoded::Serializer::new(String::with_capacity(128));
                self.pairs(request, &mut |name, value| {
                    form.append_pair(name, value);
                });
                (
                    Some(form.finish().into_bytes()),
                    Some(HeaderValue::from_static(FORM)),
                )
            }
        };
        if let Some(fragment) = base.fragment {
            url.push('#');
            url.push_str(fragment);
        }
        let url = Url::parse(&url).map_err(|e| {
            Error::config_caused(
                format!(
                    "the URL of `{}` (base `{}`) is invalid",
                    endpoint.name, base.head
                ),
                e,
            )
        })?;

        let authorization = self.authorization(version);
        Ok(Prepared {
            method: reqwest_method(method),
            url,
            carries_secret: secret_in_body || authorization.is_some(),
            authorization,
            body,
            content_type,
        })
    }

    /// Every query or form pair of `request`, in wire order: the parameters set (lists comma-
    /// joined or one pair per item), the defaults of those not set, the AppKey, the secrets.
    /// Path parameters and files are not pairs.
    fn pairs<R>(&self, request: &Request<R>, emit: &mut dyn FnMut(&'static str, &str)) {
        let endpoint = request.endpoint();
        let version = endpoint.version;
        for (name, value) in request.params().iter() {
            let spec = endpoint.param(name);
            if spec.is_some_and(|p| p.location == Location::Path) {
                continue;
            }
            match value {
                ParamValue::File(_) => {}
                ParamValue::List(items) if spec.is_some_and(|p| p.repeated_key) => {
                    for item in items {
                        emit(name, item);
                    }
                }
                other => emit(name, &wire(other)),
            }
        }
        for p in endpoint.params {
            if let Some(default) = p.default {
                if request.params().get(p.name).is_none() {
                    emit(p.name, default);
                }
            }
        }
        let declared = |c: Credential| endpoint.credential_param(c);
        if let Some(app_key) = &self.app_key {
            // v1 and v2 take the AppKey as `source` on every call; elsewhere only where declared.
            let fallback = (version.basic_auth || version.oauth2).then_some("source");
            if let Some(name) = declared(Credential::AppKey).or(fallback) {
                emit(name, app_key);
            }
        }
        let secrets = [
            (Credential::AppSecret, self.app_secret.as_ref()),
            (
                Credential::AccessToken,
                self.access_token.as_ref().filter(|_| !version.oauth2),
            ),
        ];
        for (credential, value) in secrets {
            if let (Some(name), Some(value)) = (declared(credential), value) {
                emit(name, value.expose());
            }
        }
    }

    /// [`prepare`](Self::prepare), then the transport rule: credentials go over plain HTTP only
    /// to loopback (the mock, local tests) unless the caller opted in. Checked before any I/O.
    pub(crate) fn prepare_to_send<R>(&self, request: &Request<R>) -> Result<Prepared> {
        let prepared = self.prepare(request)?;
        if prepared.carries_secret
            && !self.allow_insecure_http
            && prepared.url.scheme() != "https"
            && !is_loopback(&prepared.url)
        {
            return Err(Error::InsecureHttp {
                endpoint: request.endpoint().name,
                origin: prepared.url.origin().ascii_serialization(),
            });
        }
        Ok(prepared)
    }

    /// The `Authorization` for `version`: the OAuth2 header built when the client was, or the
    /// Basic credentials for the transport to encode.
    fn authorization(&self, version: &'static Version) -> Option<Authorization> {
        match (&self.oauth2_header, &self.basic) {
            (Some(token), _) if version.oauth2 => Some(Authorization::Header(token.clone())),
            (_, Some((user, password))) if version.basic_auth => Some(Authorization::Basic {
                user: user.clone(),
                password: password.clone(),
            }),
            _ => None,
        }
    }
}

/// A parameter's wire form, borrowed where it is one text.
fn wire(value: &ParamValue) -> Cow<'_, str> {
    match value {
        ParamValue::Text(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_wire()),
    }
}

/// 127.0.0.0/8, `::1` and `localhost`: traffic that never leaves the machine. Strict on
/// purpose: other spellings (`[::ffff:127.0.0.1]`, `0.0.0.0`, `*.localhost`) count as remote.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => {
            let name = name.strip_suffix('.').unwrap_or(name);
            name.eq_ignore_ascii_case("localhost")
        }
        None => false,
    }
}

fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("access_token", &self.access_token)
            .field("app_key", &self.app_key)
            .field("app_secret", &self.app_secret)
            .field("basic_user", &self.basic.as_ref().map(|(u, _)| u))
            .field(
                "base_urls",
                &self
                    .base_urls
                    .iter()
                    .map(|(k, u)| (k, u.as_str()))
                    .collect::<Vec<_>>(),
            )
            .field("api_root", &self.api_root.as_ref().map(Url::as_str))
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("retry", &self.retry)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::is_loopback;
    use crate::{Client, ClientBuilder, Error};

    fn refused(builder: ClientBuilder) -> Option<String> {
        let (config, _, _) = builder.into_config().unwrap();
        let request = crate::v2::account_end_session().build().unwrap();
        match config.prepare_to_send(&request) {
            Ok(_) => None,
            Err(Error::InsecureHttp { origin, .. }) => Some(origin),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_secrets_over_plain_http_to_remote_hosts_are_refused() {
        let remote = |b: ClientBuilder| b.api_root("http://weibo.example:8080/x");
        assert_eq!(
            refused(remote(Client::builder().access_token("t"))).as_deref(),
            Some("http://weibo.example:8080")
        );
        assert_eq!(refused(remote(Client::builder().app_key("k"))), None);
        assert_eq!(
            refused(remote(Client::builder().access_token("t")).allow_insecure_http(true)),
            None
        );
        assert_eq!(
            refused(Client::builder().access_token("t")),
            None,
            "v2 is https"
        );
        assert_eq!(
            refused(
                Client::builder()
                    .access_token("t")
                    .api_root("https://weibo.example")
            ),
            None
        );
    }

    #[test]
    fn loopback_is_127_0_0_0_8_ipv6_localhost_and_localhost_only() {
        for url in [
            "http://127.0.0.1:8080/",
            "http://127.3.4.5/",
            "http://127.1/",
            "http://[::1]:80/",
            "http://localhost/",
            "http://LocalHost.:9/",
        ] {
            assert!(is_loopback(&url.parse().unwrap()), "{url}");
        }
        for url in [
            "http://api.t.sina.com.cn/",
            "http://128.0.0.1/",
            "http://10.0.0.1/",
            "http://0.0.0.0/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost.example/",
            "http://evil.localhost/",
            "http://127.0.0.1.nip.io/",
        ] {
            assert!(!is_loopback(&url.parse().unwrap()), "{url}");
        }
    }
}
