//! The client: one connection pool, the credentials, and where each API version lives.

use crate::decode::decode_body;
use crate::meta::{Credential, Location, Version};
use crate::secret::Secret;
use crate::{Error, IntoRequest, Method, ParamValue, Request, Result};
use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_USER_AGENT: &str = concat!("weibo-api/", env!("CARGO_PKG_VERSION"));
pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

/// Configures a [`Client`].
///
/// ```
/// let client = weibo_api::Client::builder()
///     .access_token("2.00xyzTOKEN")
///     .app_key("1234567890")
///     .timeout(std::time::Duration::from_secs(10))
///     .build()?;
/// assert!(!format!("{client:?}").contains("2.00xyzTOKEN"));
/// # Ok::<(), weibo_api::Error>(())
/// ```
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    access_token: Option<Secret>,
    app_key: Option<String>,
    app_secret: Option<Secret>,
    basic: Option<(String, Secret)>,
    base_urls: Vec<(String, String)>,
    api_root: Option<String>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
}

impl ClientBuilder {
    /// The OAuth2 access token, sent as `Authorization: OAuth2 <token>`, never in a URL.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(Secret::new(token));
        self
    }

    /// The application's AppKey, sent as the `source` parameter.
    pub fn app_key(mut self, app_key: impl Into<String>) -> Self {
        self.app_key = Some(app_key.into());
        self
    }

    /// The application's secret (OAuth2 `client_secret`), needed only to exchange an
    /// authorization code for a token. Sent only in form bodies.
    pub fn app_secret(mut self, app_secret: impl Into<String>) -> Self {
        self.app_secret = Some(Secret::new(app_secret));
        self
    }

    /// HTTP Basic credentials, for API versions that accept them (v1, as in the documents'
    /// `curl -u uid:password` examples). Used only when no access token is set.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some((user.into(), Secret::new(password)));
        self
    }

    /// Sends API version `version` (a spec key such as `v1`) to `url` instead of its
    /// documented host, e.g. for a proxy or a test server.
    pub fn base_url(mut self, version: impl Into<String>, url: impl Into<String>) -> Self {
        self.base_urls.push((version.into(), url.into()));
        self
    }

    /// Serves every API version from one host laid out like Weibo's: v1 at the root, v2
    /// below `/2`, and so on (the path of each documented base URL). This is how a client
    /// talks to the mock server.
    pub fn api_root(mut self, url: impl Into<String>) -> Self {
        self.api_root = Some(url.into());
        self
    }

    /// The whole-request timeout (default 30 seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default `weibo-api/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    pub(crate) fn into_config(self) -> Result<(Config, Duration, String)> {
        let parse = |what: &str, s: &str| {
            Url::parse(s)
                .map_err(|e| Error::Config(format!("{what} `{s}` is not a valid URL: {e}")))
        };
        let base_urls = self
            .base_urls
            .iter()
            .map(|(v, u)| Ok((v.clone(), parse(&format!("base URL for `{v}`"), u)?)))
            .collect::<Result<Vec<_>>>()?;
        let api_root = self
            .api_root
            .as_deref()
            .map(|u| parse("api_root", u))
            .transpose()?;
        let config = Config {
            access_token: self.access_token,
            app_key: self.app_key,
            app_secret: self.app_secret,
            basic: self.basic,
            base_urls,
            api_root,
        };
        Ok((
            config,
            self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.into()),
        ))
    }

    /// Builds the async [`Client`].
    pub fn build(self) -> Result<Client> {
        let (config, timeout, user_agent) = self.into_config()?;
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(user_agent)
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner { http, config }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("access_token", &self.access_token)
            .field("app_key", &self.app_key)
            .field("app_secret", &self.app_secret)
            .field("basic_user", &self.basic.as_ref().map(|(u, _)| u))
            .field("base_urls", &self.base_urls)
            .field("api_root", &self.api_root)
            .finish_non_exhaustive()
    }
}

/// Credentials and routing, shared by the async and blocking clients.
pub(crate) struct Config {
    access_token: Option<Secret>,
    app_key: Option<String>,
    app_secret: Option<Secret>,
    basic: Option<(String, Secret)>,
    base_urls: Vec<(String, Url)>,
    api_root: Option<Url>,
}

/// A request ready for the wire.
pub(crate) struct Prepared {
    pub method: reqwest::Method,
    pub url: Url,
    pub authorization: Option<HeaderValue>,
    /// The form (`application/x-www-form-urlencoded`) or `multipart/form-data` body.
    pub body: Option<Vec<u8>>,
    /// The body's content type.
    pub content_type: Option<HeaderValue>,
}

impl Prepared {
    /// The headers both transports send: auth (marked sensitive) and the form content type.
    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(auth) = &self.authorization {
            headers.insert(AUTHORIZATION, auth.clone());
        }
        if let Some(content_type) = &self.content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        headers
    }
}

/// The largest response body read; Weibo's responses are a few kilobytes, so anything near
/// this is a misbehaving server, and reading on would only exhaust memory.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

pub(crate) fn too_large(endpoint: &'static str, status: u16) -> Error {
    Error::Http {
        endpoint,
        status,
        excerpt: format!(
            "(the body exceeds {} MiB and was not read)",
            MAX_BODY / (1024 * 1024)
        ),
    }
}

/// Decodes a received body into the request's response type, with the exchange's details.
pub(crate) fn finish<R: DeserializeOwned>(
    request: &Request<R>,
    url: Url,
    status: u16,
    body: &[u8],
) -> Result<Response<R>> {
    let value = decode_body(request.endpoint(), request.format(), status, body)?;
    Ok(Response {
        status,
        method: request.method(),
        url,
        value,
    })
}

impl Config {
    /// Where `endpoint` is served: the version's override or `api_root` when set, otherwise
    /// the endpoint's own documented host, otherwise its version's.
    pub(crate) fn endpoint_base_url(&self, endpoint: &'static crate::meta::Endpoint) -> Result<Url> {
        let overridden = self.api_root.is_some()
            || self.base_urls.iter().any(|(k, _)| k == endpoint.version.key);
        match endpoint.base_url {
            Some(own) if !overridden => Url::parse(own).map_err(|e| {
                Error::Config(format!("documented base URL `{own}` is invalid: {e}"))
            }),
            _ => self.base_url(endpoint.version),
        }
    }

    /// Where `version` is served.
    pub(crate) fn base_url(&self, version: &'static Version) -> Result<Url> {
        if let Some((_, url)) = self.base_urls.iter().find(|(k, _)| k == version.key) {
            return Ok(url.clone());
        }
        if let Some(root) = &self.api_root {
            let mut url = root.clone();
            url.path_segments_mut()
                .map_err(|_| Error::Config(format!("api_root `{root}` cannot have a path")))?
                .pop_if_empty()
                .extend(version.path_prefix().split('/').filter(|s| !s.is_empty()));
            return Ok(url);
        }
        Url::parse(version.base_url).map_err(|e| {
            Error::Config(format!(
                "documented base URL `{}` is invalid: {e}",
                version.base_url
            ))
        })
    }

    /// URL (path parameters substituted and percent-encoded), method, auth header and form body.
    pub(crate) fn prepare<R>(&self, request: &Request<R>) -> Result<Prepared> {
        let endpoint = request.endpoint();
        let mut url = self.endpoint_base_url(endpoint)?;
        let ext = request.format().extension();
        let segments: Vec<String> = endpoint
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|seg| match seg.strip_prefix(':') {
                Some(name) => request.params().get(name).map(ParamValue::to_wire).ok_or(
                    Error::InvalidRequest {
                        endpoint: endpoint.name,
                        parameter: endpoint.param(name).map(|p| p.name),
                        reason: "is a path parameter and was not set".into(),
                    },
                ),
                None => Ok(seg.to_string()),
            })
            .collect::<Result<_>>()?;
        {
            let mut path = url.path_segments_mut().map_err(|_| {
                Error::Config(format!(
                    "base URL `{}` cannot have a path",
                    endpoint.version.base_url
                ))
            })?;
            path.pop_if_empty();
            let last = segments.len().saturating_sub(1);
            for (i, seg) in segments.iter().enumerate() {
                if i == last && endpoint.format_suffix {
                    path.push(&format!("{seg}.{ext}"));
                } else {
                    path.push(seg);
                }
            }
        }

        let mut pairs: Vec<(&str, String)> = Vec::with_capacity(request.params().len() + 2);
        let mut files: Vec<(&str, &crate::Upload)> = Vec::new();
        for (name, value) in request.params().iter() {
            let spec = endpoint.param(name);
            if spec.is_some_and(|p| p.location == Location::Path) {
                continue;
            }
            match value {
                ParamValue::File(file) => files.push((name, file)),
                ParamValue::List(items) if spec.is_some_and(|p| p.repeated_key) => {
                    pairs.extend(items.iter().map(|item| (name, item.clone())));
                }
                other => pairs.push((name, other.to_wire())),
            }
        }
        for p in endpoint.params {
            if let Some(default) = p.default {
                if request.params().get(p.name).is_none() {
                    pairs.push((p.name, default.to_string()));
                }
            }
        }
        let method = request.method();
        let version = endpoint.version;
        let declared = |c: Credential| {
            endpoint
                .params
                .iter()
                .find(|p| p.credential == Some(c))
                .map(|p| p.name)
        };
        if let Some(app_key) = &self.app_key {
            // v1 and v2 take the AppKey as `source` on every call; elsewhere only where declared.
            let fallback = (version.basic_auth || version.oauth2).then_some("source");
            if let Some(name) = declared(Credential::AppKey).or(fallback) {
                pairs.push((name, app_key.clone()));
            }
        }
        // Secrets travel only in a form body: never in a URL.
        let secrets = [
            (Credential::AppSecret, self.app_secret.as_ref()),
            (
                Credential::AccessToken,
                self.access_token.as_ref().filter(|_| !version.oauth2),
            ),
        ];
        for (credential, value) in secrets {
            if let (Some(name), Some(value)) = (declared(credential), value) {
                if method == Method::Get {
                    return Err(Error::InvalidRequest {
                        endpoint: endpoint.name,
                        parameter: Some(name),
                        reason: "is a secret and cannot be sent with GET (it would be in the URL); use POST".into(),
                    });
                }
                pairs.push((name, value.expose().to_string()));
            }
        }

        let (body, content_type) = if method == Method::Get {
            if !files.is_empty() {
                return Err(Error::InvalidRequest {
                    endpoint: endpoint.name,
                    parameter: files.first().map(|(name, _)| *name),
                    reason: "is a file and cannot be sent with GET".into(),
                });
            }
            if !pairs.is_empty() {
                url.query_pairs_mut()
                    .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            }
            (None, None)
        } else if files.is_empty() {
            let mut form = form_urlencoded::Serializer::new(String::new());
            form.extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            (
                Some(form.finish().into_bytes()),
                Some(HeaderValue::from_static(FORM)),
            )
        } else {
            let (content_type, body) = crate::upload::multipart(&pairs, &files);
            let content_type = HeaderValue::from_str(&content_type)
                .map_err(|_| Error::Config("invalid multipart content type".into()))?;
            (Some(body), Some(content_type))
        };

        Ok(Prepared {
            method: reqwest_method(method),
            url,
            authorization: self.authorization(endpoint.version)?,
            body,
            content_type,
        })
    }

    fn authorization(&self, version: &'static Version) -> Result<Option<HeaderValue>> {
        let value = match (&self.access_token, &self.basic) {
            (Some(token), _) if version.oauth2 => format!("OAuth2 {}", token.expose()),
            (_, Some((user, password))) if version.basic_auth => {
                let raw = format!("{user}:{}", password.expose());
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                )
            }
            _ => return Ok(None),
        };
        let mut header = HeaderValue::from_str(&value).map_err(|_| {
            Error::Config(
                "the credentials contain characters that cannot go in an HTTP header".into(),
            )
        })?;
        header.set_sensitive(true);
        Ok(Some(header))
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
            .finish()
    }
}

/// The async Weibo client. Cheap to clone (one shared connection pool); `Send + Sync`.
///
/// Every endpoint is called through its generated builder:
///
/// ```no_run
/// # async fn run() -> weibo_api::Result<()> {
/// let client = weibo_api::Client::builder().access_token("2.00xyzTOKEN").build()?;
/// let user = weibo_api::v2::account_end_session().send(&client).await?;
/// println!("logged out {}", user.screen_name.unwrap_or_default());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: Config,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.config.fmt(f)
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Sends a request (a generated builder with its required parameters set, or a built
    /// [`Request`]) and decodes the response.
    pub async fn send<T>(&self, request: T) -> Result<T::Response>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        self.send_detailed(request).await.map(|r| r.value)
    }

    /// Like [`send`](Self::send), but also returns the HTTP status, method and URL.
    pub async fn send_detailed<T>(&self, request: T) -> Result<Response<T::Response>>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        let request = request.into_request()?;
        let prepared = self.inner.config.prepare(&request)?;
        let transport = |source| Error::Transport {
            endpoint: request.endpoint().name,
            source,
        };
        let mut builder = self
            .inner
            .http
            .request(prepared.method.clone(), prepared.url.clone())
            .headers(prepared.headers());
        if let Some(body) = prepared.body {
            builder = builder.body(body);
        }
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(too_large(request.endpoint().name, status));
            }
            body.extend_from_slice(&chunk);
        }
        finish(&request, prepared.url, status, &body)
    }

    /// The URL a request goes to (secrets are never part of it), e.g. for logging.
    pub fn url_of<R>(&self, request: &Request<R>) -> Result<Url> {
        self.inner.config.prepare(request).map(|p| p.url)
    }
}

/// A decoded response with the exchange it came from.
#[derive(Debug, Clone)]
pub struct Response<R> {
    /// The HTTP status.
    pub status: u16,
    /// The HTTP method used.
    pub method: Method,
    /// The URL called; it never holds a secret.
    pub url: Url,
    /// The decoded response.
    pub value: R,
}

/// `Client` is shared across tasks and threads.
const _: () = {
    const fn check<T: Send + Sync + Clone + 'static>() {}
    check::<Client>();
};
