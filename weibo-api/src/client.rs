//! The client: one connection pool, the credentials, and where each API version lives.

use crate::config::{Config, Prepared};
use crate::credentials;
use crate::decode::decode_body;
use crate::retry::{Retrier, RetryPolicy};
use crate::secret::Secret;
use crate::trace;
use crate::{Error, IntoRequest, Method, Request, Result};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument as _;
use url::Url;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_USER_AGENT: &str = concat!("weibo-api/", env!("CARGO_PKG_VERSION"));

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
    allow_insecure_http: bool,
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    #[cfg(feature = "blocking")]
    pub(crate) blocking_http: Option<reqwest::blocking::Client>,
}

impl ClientBuilder {
    /// The OAuth2 access token, sent as `Authorization: OAuth2 <token>`, never in a URL.
    /// [`build`](Self::build) refuses an empty one, or one with spaces, control or non-ASCII
    /// characters.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(Secret::new(token));
        self
    }

    /// The application's AppKey, sent as the `source` parameter (checked like the token).
    pub fn app_key(mut self, app_key: impl Into<String>) -> Self {
        self.app_key = Some(app_key.into());
        self
    }

    /// The application's secret (OAuth2 `client_secret`), needed only to exchange an
    /// authorization code for a token. Sent only in form bodies (checked like the token).
    pub fn app_secret(mut self, app_secret: impl Into<String>) -> Self {
        self.app_secret = Some(Secret::new(app_secret));
        self
    }

    /// HTTP Basic credentials, for API versions that accept them (v1, as in the documents'
    /// `curl -u uid:password` examples). Used only when no access token is set. Neither may be
    /// empty or hold control characters; the user name cannot hold `:`.
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

    /// Lets credentials (access token, HTTP Basic, app secret) travel over plain HTTP to hosts
    /// other than loopback. Off by default: such a request fails with
    /// [`Error::InsecureHttp`] before any I/O. v1's documented host,
    /// `http://api.t.sina.com.cn`, is plain HTTP; prefer `.base_url("v1", "https://…")`, and
    /// turn this on only if you accept that anyone on the network path can read the secrets.
    /// Loopback (127.0.0.0/8, `::1`, `localhost`) never needs it.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Retries failed calls that may succeed when repeated, as `policy` says (see
    /// [`RetryPolicy`] for which failures and which requests). Off by default: every call is
    /// sent once.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The timeout of one attempt (default 30 seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default `weibo-api/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends every call through `http`, a `reqwest::Client` the application built: for a
    /// proxy, a company CA, client certificates, or one connection pool shared with the rest
    /// of the application. [`timeout`](Self::timeout) and [`user_agent`](Self::user_agent)
    /// then do not apply (set them on `http`), nor do the TLS features.
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`: weibo-api cannot change
    /// the redirect policy of a client it did not build. Its own never follows one, since a
    /// followed redirect carries the request (and the credentials in its body) to another
    /// host. A client that follows redirects is caught when the answer comes from another URL
    /// (the call fails with [`Error::Redirect`]), but by then the request has been resent.
    ///
    /// weibo-api enables reqwest's `rustls-no-provider` feature: unless something else in the
    /// application enables `rustls` (aws-lc-rs), install a crypto provider before building
    /// `http`, e.g. `rustls::crypto::ring::default_provider().install_default()`.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    pub(crate) fn into_config(self) -> Result<(Config, Duration, String)> {
        if let Some(token) = &self.access_token {
            credentials::access_token(token.expose())?;
        }
        if let Some(key) = &self.app_key {
            credentials::app_key(key)?;
        }
        if let Some(secret) = &self.app_secret {
            credentials::app_secret(secret.expose())?;
        }
        if let Some((user, password)) = &self.basic {
            credentials::basic(user, password.expose())?;
        }
        let parse = |what: &str, s: &str| {
            Url::parse(s)
                .map_err(|e| Error::config_caused(format!("{what} `{s}` is not a valid URL"), e))
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
        let config = Config::new(
            self.access_token,
            self.app_key,
            self.app_secret,
            self.basic,
            base_urls,
            api_root,
            self.allow_insecure_http,
            self.retry,
        )?;
        Ok((
            config,
            self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.into()),
        ))
    }

    /// Builds the async [`Client`].
    pub fn build(mut self) -> Result<Client> {
        let own = self.http.take();
        let (config, timeout, user_agent) = self.into_config()?;
        let http = match own {
            Some(http) => http,
            None => reqwest::Client::builder()
                // Weibo's API never redirects; following one would carry credentials elsewhere.
                .redirect(reqwest::redirect::Policy::none())
                .timeout(timeout)
                .user_agent(user_agent)
                .tls_backend_preconfigured(crate::tls::config()?)
                .build()
                .map_err(|e| Error::config_caused("cannot build the HTTP client", e))?,
        };
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
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("retry", &self.retry)
            .field("own_http_client", &self.http.is_some())
            .finish_non_exhaustive()
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

/// A 3xx answer as an error, before its body is read: redirects are never followed (the
/// transports are built with `redirect::Policy::none()`), since Weibo's API does not redirect
/// and a followed redirect would carry the request's credentials to another host.
pub(crate) fn redirect_error(
    endpoint: &'static str,
    url: &Url,
    status: u16,
    location: Option<&reqwest::header::HeaderValue>,
) -> Option<Error> {
    (300..400).contains(&status).then(|| Error::Redirect {
        endpoint,
        status,
        location: location.and_then(|value| shown_location(url, value)),
    })
}

/// An answer from another URL than the one asked: an application's own HTTP client
/// ([`ClientBuilder::http_client`]) followed a redirect. Reported as the redirect it was.
pub(crate) fn followed(
    endpoint: &'static str,
    asked: &Url,
    answered: &Url,
    status: u16,
) -> Option<Error> {
    (answered != asked).then(|| {
        let mut shown = answered.clone();
        shown.set_query(None);
        shown.set_fragment(None);
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        Error::Redirect {
            endpoint,
            status,
            location: Some(shown.into()),
        }
    })
}

/// `Location` resolved against the request URL, without user info, query or fragment.
fn shown_location(base: &Url, value: &reqwest::header::HeaderValue) -> Option<String> {
    let mut url = base.join(value.to_str().ok()?.trim()).ok()?;
    url.set_query(None);
    url.set_fragment(None);
    // Both fail only for URLs that cannot carry user info; nothing to strip then.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Some(url.into())
}

impl<R: DeserializeOwned> Request<R> {
    /// Decodes a response to this request exactly as the clients do: Weibo's error body
    /// ([`Error::Api`]), another non-2xx status ([`Error::Http`]) or the response type, with
    /// the field path of what did not fit ([`Error::Decode`]). For callers that bring their own
    /// transport.
    pub fn decode_response(&self, status: u16, body: &[u8]) -> Result<R> {
        decode_body(
            self.endpoint(),
            self.format(),
            status,
            body,
            self.xml_decoder(),
        )
    }
}

/// Decodes a received body into the request's response type, with the exchange's details.
pub(crate) fn finish<R: DeserializeOwned>(
    request: &Request<R>,
    url: Url,
    status: u16,
    body: &[u8],
) -> Result<Response<R>> {
    let value = request.decode_response(status, body)?;
    Ok(Response {
        status,
        method: request.method(),
        url,
        value,
    })
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
        let request = request.into_request().inspect_err(trace::refused)?;
        let span = trace::call_span(&request);
        let mut retrier = Retrier::new(self.inner.config.retry);
        let result = self
            .call(&request, &mut retrier, &span)
            .instrument(span.clone())
            .await;
        trace::finished(&span, &result, &retrier);
        result
    }

    /// Every attempt of one call, inside its span.
    async fn call<R: DeserializeOwned>(
        &self,
        request: &Request<R>,
        retrier: &mut Retrier,
        span: &tracing::Span,
    ) -> Result<Response<R>> {
        let prepared = self.inner.config.prepare_to_send(request)?;
        span.record("path", prepared.url.path());
        loop {
            match self.attempt(request, &prepared).await {
                Err(err) => match retrier.next_delay(&err, request) {
                    Some(delay) => {
                        trace::retrying(&err, retrier.attempt(), delay);
                        tokio::time::sleep(delay).await;
                    }
                    None => return Err(err),
                },
                done => return done,
            }
        }
    }

    /// One exchange: send, read at most [`MAX_BODY`], decode.
    async fn attempt<R: DeserializeOwned>(
        &self,
        request: &Request<R>,
        prepared: &Prepared,
    ) -> Result<Response<R>> {
        let transport = |source| Error::Transport {
            endpoint: request.endpoint().name,
            source,
        };
        let builder = self
            .inner
            .http
            .request(prepared.method.clone(), prepared.url.clone());
        let mut response = prepared.request(builder).send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let location = response.headers().get(reqwest::header::LOCATION);
        if let Some(err) = redirect_error(request.endpoint().name, &prepared.url, status, location)
            .or_else(|| {
                followed(
                    request.endpoint().name,
                    &prepared.url,
                    response.url(),
                    status,
                )
            })
        {
            return Err(err);
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            return Err(too_large(request.endpoint().name, status));
        }
        // A body that arrives in one chunk (most do) is decoded where it is, without a copy.
        let mut single = None;
        let mut joined = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            let read = single.as_ref().map_or(joined.len(), |first: &_| {
                <_ as AsRef<[u8]>>::as_ref(first).len()
            });
            if read + chunk.len() > MAX_BODY {
                return Err(too_large(request.endpoint().name, status));
            }
            match single.take() {
                None if joined.is_empty() => single = Some(chunk),
                None => joined.extend_from_slice(&chunk),
                Some(first) => {
                    joined.reserve(read + chunk.len());
                    joined.extend_from_slice(&first);
                    joined.extend_from_slice(&chunk);
                }
            }
        }
        let body: &[u8] = single.as_deref().unwrap_or(&joined);
        finish(request, prepared.url.clone(), status, body)
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
