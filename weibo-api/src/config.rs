//! What a client knows (credentials, where each API version lives) and how it turns a checked
//! [`Request`] into bytes for the wire. Shared by the async and blocking clients.

use crate::meta::{Credential, Location, Version};
use crate::secret::Secret;
use crate::{Error, Method, ParamValue, Request, Result};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use std::fmt;
use url::Url;

pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

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
}

/// The `Authorization` a request carries.
pub(crate) enum Authorization {
    /// A ready header (`OAuth2 <token>`), marked sensitive.
    Header(HeaderValue),
    /// HTTP Basic: the transport's request builder encodes it (`basic_auth`, which marks the
    /// header sensitive too).
    Basic { user: String, password: Secret },
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
    /// The headers both transports send: a ready auth header (marked sensitive) and the form
    /// content type. HTTP Basic is not among them: see [`basic_auth`](Self::basic_auth).
    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(Authorization::Header(auth)) = &self.authorization {
            headers.insert(AUTHORIZATION, auth.clone());
        }
        if let Some(content_type) = &self.content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        headers
    }

    /// The HTTP Basic user name and password, for the transport's `basic_auth`.
    pub(crate) fn basic_auth(&self) -> Option<(&str, &str)> {
        match &self.authorization {
            Some(Authorization::Basic { user, password }) => Some((user, password.expose())),
            _ => None,
        }
    }
}

impl Config {
    /// Where `endpoint` is served: the version's override or `api_root` when set, otherwise
    /// the endpoint's own documented host, otherwise its version's.
    pub(crate) fn endpoint_base_url(
        &self,
        endpoint: &'static crate::meta::Endpoint,
    ) -> Result<Url> {
        let overridden = self.api_root.is_some()
            || self
                .base_urls
                .iter()
                .any(|(k, _)| k == endpoint.version.key);
        match endpoint.base_url {
            Some(own) if !overridden => Url::parse(own).map_err(|e| {
                Error::config_caused(format!("documented base URL `{own}` is invalid"), e)
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
                .map_err(|_| Error::config(format!("api_root `{root}` cannot have a path")))?
                .pop_if_empty()
                .extend(version.path_prefix().split('/').filter(|s| !s.is_empty()));
            return Ok(url);
        }
        Url::parse(version.base_url).map_err(|e| {
            Error::config_caused(
                format!("documented base URL `{}` is invalid", version.base_url),
                e,
            )
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
                Error::config(format!(
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
        let mut secret_in_body = false;
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
                secret_in_body = true;
            }
        }

        let (body, content_type) = if method == Method::Get {
            if let Some((name, _)) = files.first() {
                return Err(Error::InvalidRequest {
                    endpoint: endpoint.name,
                    parameter: Some(name),
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
                .map_err(|_| Error::config("invalid multipart content type"))?;
            (Some(body), Some(content_type))
        };

        let authorization = self.authorization(endpoint.version)?;
        Ok(Prepared {
            method: reqwest_method(method),
            url,
            carries_secret: secret_in_body || authorization.is_some(),
            authorization,
            body,
            content_type,
        })
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

    fn authorization(&self, version: &'static Version) -> Result<Option<Authorization>> {
        match (&self.access_token, &self.basic) {
            (Some(token), _) if version.oauth2 => {
                let mut header = HeaderValue::from_str(&format!("OAuth2 {}", token.expose()))
                    .map_err(|_| {
                        Error::config(
                            "the access token contains characters that cannot go in an HTTP header",
                        )
                    })?;
                header.set_sensitive(true);
                Ok(Some(Authorization::Header(header)))
            }
            (_, Some((user, password))) if version.basic_auth => Ok(Some(Authorization::Basic {
                user: user.clone(),
                password: password.clone(),
            })),
            _ => Ok(None),
        }
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
