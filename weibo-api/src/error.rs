//! One error type for the crate. API error bodies, transport failures, undecodable responses
//! and requests rejected before any I/O are separate variants.

use crate::error_codes::{self, Category, ErrorCode};
use crate::Format;

/// `Result<T, weibo_api::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
/// Everything that can go wrong calling Weibo.
pub enum Error {
    /// Weibo answered with its error body (`{"error": ..., "error_code": ..., "request": ...}`).
    #[error(transparent)]
    Api(#[from] ApiError),

    /// The request breaks the spec (a list too long, a format the endpoint does not offer, ...).
    /// Raised by `build`/`send` before any network I/O.
    #[error("invalid request for `{endpoint}`{}: {reason}", parameter.map(|p| format!(": parameter `{p}`")).unwrap_or_default())]
    InvalidRequest {
        /// The endpoint's documented name.
        endpoint: &'static str,
        /// The offending parameter, when one is to blame.
        parameter: Option<&'static str>,
        /// What is wrong.
        reason: String,
    },

    /// The request could not be sent or its response not read (connection, timeout, TLS).
    /// `Display` names the endpoint; the HTTP client's error is the
    /// [`source`](std::error::Error::source), which error reports print after it.
    #[error("HTTP transport error calling `{endpoint}`")]
    Transport {
        /// The endpoint's documented name.
        endpoint: &'static str,
        #[source]
        /// The underlying HTTP client error (its URL never holds a secret).
        source: reqwest::Error,
    },

    /// A non-success HTTP status without a Weibo error body.
    #[error("`{endpoint}` answered HTTP {status} without a Weibo error body: {excerpt:?}")]
    Http {
        /// The endpoint's documented name.
        endpoint: &'static str,
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        excerpt: String,
    },

    /// The response did not decode into the endpoint's declared type.
    #[error("cannot decode the {format} response of `{endpoint}` (HTTP {status}) at `{path}`: {message}; body starts {excerpt:?}")]
    Decode {
        /// The endpoint's documented name.
        endpoint: &'static str,
        /// The format that was being decoded.
        format: Format,
        /// The HTTP status.
        status: u16,
        /// Where decoding failed, e.g. `user.id` or `[0].created_at`.
        path: String,
        /// Why decoding failed.
        message: String,
        /// The start of the body.
        excerpt: String,
    },

    /// The server answered with a redirect (HTTP 3xx). Weibo's API never redirects, so the
    /// client follows none: a redirect would carry the request's credentials (header, form
    /// body) to wherever `Location` points.
    #[error("`{endpoint}` answered HTTP {status}, a redirect{}; redirects are not followed (Weibo's API never redirects, and following one would send credentials to another host)", location.as_deref().map(|l| format!(" to {l}")).unwrap_or_default())]
    Redirect {
        /// The endpoint's documented name.
        endpoint: &'static str,
        /// The HTTP status (301, 302, 303, 307, 308, ...).
        status: u16,
        /// The `Location` header resolved against the request URL, without user info, query or
        /// fragment (where secrets could hide); `None` when absent or not a URL.
        location: Option<String>,
    },

    /// The request carries credentials and would go over plain HTTP to a host other than
    /// loopback; refused before any I/O. Use an `https` base URL, or opt in with
    /// [`ClientBuilder::allow_insecure_http`](crate::ClientBuilder::allow_insecure_http).
    #[error("refusing to send the credentials of `{endpoint}` over plain HTTP to {origin}: use an https base URL (ClientBuilder::base_url) or opt in with ClientBuilder::allow_insecure_http(true)")]
    InsecureHttp {
        /// The endpoint's documented name.
        endpoint: &'static str,
        /// Scheme, host and port of the refused URL, e.g. `http://api.t.sina.com.cn`.
        origin: String,
    },

    /// The client could not be built (an invalid base URL, an empty or malformed credential).
    #[error("invalid client configuration: {reason}")]
    Config {
        /// What is wrong, e.g. ``base URL `x` is not a valid URL``.
        reason: String,
        /// The underlying error, when there is one (a URL parse error, the HTTP client's
        /// builder error); also returned by [`source`](std::error::Error::source).
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    /// [`Error::Config`] without an underlying error.
    pub(crate) fn config(reason: impl Into<String>) -> Self {
        Error::Config {
            reason: reason.into(),
            source: None,
        }
    }

    /// [`Error::Config`] caused by `source`.
    pub(crate) fn config_caused(
        reason: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Config {
            reason: reason.into(),
            source: Some(Box::new(source)),
        }
    }

    /// The Weibo error code, when this is an API error that carries one.
    pub fn api_code(&self) -> Option<u32> {
        match self {
            Error::Api(e) => e.code,
            _ => None,
        }
    }

    /// The endpoint concerned, where the error names one.
    pub(crate) fn endpoint(&self) -> Option<&'static str> {
        match self {
            Error::InvalidRequest { endpoint, .. }
            | Error::Transport { endpoint, .. }
            | Error::Http { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::Redirect { endpoint, .. }
            | Error::InsecureHttp { endpoint, .. } => Some(endpoint),
            Error::Api(_) | Error::Config { .. } => None,
        }
    }

    /// The HTTP status the error came with, if a response arrived.
    pub(crate) fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Http { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// A short name of the variant, for logs and traces.
    pub(crate) fn class(&self) -> &'static str {
        match self {
            Error::Api(_) => "api",
            Error::InvalidRequest { .. } => "invalid_request",
            Error::Transport { source, .. } if source.is_timeout() => "timeout",
            Error::Transport { source, .. } if source.is_connect() => "connect",
            Error::Transport { .. } => "transport",
            Error::Http { .. } => "http",
            Error::Decode { .. } => "decode",
            Error::Redirect { .. } => "redirect",
            Error::InsecureHttp { .. } => "insecure_http",
            Error::Config { .. } => "config",
        }
    }

    /// An authentication or authorisation failure (bad, expired or revoked token).
    pub fn is_auth(&self) -> bool {
        matches!(self, Error::Api(e) if e.is_auth())
    }

    /// A rate-limit error: slow down before retrying.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Error::Api(e) if e.is_rate_limited())
    }

    /// Worth retrying unchanged later: a transient Weibo error (10001–10003, 10009–10011),
    /// HTTP 5xx without a Weibo error code, or a transport timeout or connection failure.
    /// Whether repeating is also harmless depends on the request: see
    /// [`RetryPolicy`](crate::RetryPolicy), which retries only when both hold.
    pub fn is_retryable(&self) -> bool {
        let server_error = |status: u16| (500..600).contains(&status);
        match self {
            Error::Api(e) => e.is_retryable() || (e.code.is_none() && server_error(e.status)),
            Error::Transport { source, .. } => source.is_timeout() || source.is_connect(),
            Error::Http { status, .. } => server_error(*status),
            _ => false,
        }
    }
}

/// An error followed by its [`source`](std::error::Error::source) chain, `: `-separated, for
/// log lines that have no report machinery of their own (the tracing events).
pub(crate) struct DisplayChain<'a>(pub(crate) &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for DisplayChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut next = self.0.source();
        while let Some(cause) = next {
            write!(f, ": {cause}")?;
            next = cause.source();
        }
        Ok(())
    }
}

/// Weibo's error body. `code` accepts the number or string forms Weibo sends. `Display` adds
/// the code's documented meaning from [`error_codes`], and OAuth2's
/// `error_description` after Weibo's `error`:
///
/// ```
/// let e = weibo_api::ApiError::new(403, Some(21327), "expired_token")
///     .with_request("/2/account/end_session.json");
/// assert_eq!(
///     e.to_string(),
///     "Weibo API error 21327 (Expired token): expired_token (HTTP 403, request /2/account/end_session.json)"
/// );
/// assert!(e.is_auth());
///
/// let e = weibo_api::ApiError::new(400, Some(21325), "invalid_grant")
///     .with_description("the authorization code is invalid")
///     .with_request("/oauth2/access_token");
/// assert_eq!(
///     e.to_string(),
///     "Weibo API error 21325 (invalid_grant): invalid_grant: the authorization code is invalid (HTTP 400, request /oauth2/access_token)"
/// );
/// ```
///
/// Weibo may add fields to its error body, so the struct is `#[non_exhaustive]`: outside this
/// crate (in an application's tests, say) build one with [`ApiError::new`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("Weibo API error {}: {message}{} (HTTP {status}{})", self.code_and_meaning(), description.as_deref().map(|d| format!(": {d}")).unwrap_or_default(), request.as_deref().map(|r| format!(", request {r}")).unwrap_or_default())]
pub struct ApiError {
    /// The HTTP status it came with (Weibo sends some errors with 200).
    pub status: u16,
    /// `error_code`, e.g. `21327` (token expired).
    pub code: Option<u32>,
    /// `error`, e.g. `expired_token`.
    pub message: String,
    /// `request`, the path Weibo saw, e.g. `/2/account/end_session.json`.
    pub request: Option<String>,
    /// OAuth2's `error_description`, when present.
    pub description: Option<String>,
}

impl ApiError {
    /// An error body with HTTP `status`, `error_code` `code` and `error` `message`; no
    /// `request` path and no `error_description`.
    pub fn new(status: u16, code: Option<u32>, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            request: None,
            description: None,
        }
    }

    /// The same error with `request`, the path Weibo saw.
    pub fn with_request(mut self, request: impl Into<String>) -> Self {
        self.request = Some(request.into());
        self
    }

    /// The same error with OAuth2's `error_description`.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The code's documented meaning, if [`error_codes`] has it.
    pub fn meaning(&self) -> Option<&'static ErrorCode> {
        self.code.and_then(error_codes::lookup)
    }

    /// The code's category, if the table has the code.
    pub fn category(&self) -> Option<Category> {
        self.meaning().map(|e| e.category)
    }

    /// The credentials or the token are missing, bad, expired or revoked
    /// ([`Category::Auth`]): 21301 (auth failed), 21302 (user name or password), 21314–21319
    /// (token used, expired, revoked, rejected; verifier; authorisation revoked), 21327
    /// (token expired), 21332, the OAuth2 codes 21324 (`invalid_client`) and 21325
    /// (`invalid_grant`), 10006 (AppKey missing), and OAuth1's 21310 (signature invalid) and
    /// 21311–21313 (consumer key, i.e. AppKey, unknown, refused, missing).
    pub fn is_auth(&self) -> bool {
        self.category() == Some(Category::Auth)
    }

    /// A rate limit ([`Category::RateLimit`]): 10022–10024 (IP, user, user per endpoint)
    /// and 21303 (HTTP Basic logins).
    pub fn is_rate_limited(&self) -> bool {
        self.category() == Some(Category::RateLimit)
    }

    /// A transient failure on Weibo's side ([`Category::Transient`]): 10001–10003 (system
    /// error, service unavailable, remote service error) and 10009–10011 (task queue full, job
    /// expired, RPC error).
    pub fn is_retryable(&self) -> bool {
        self.category() == Some(Category::Transient)
    }

    fn code_and_meaning(&self) -> String {
        match (self.code, self.meaning().filter(|m| !m.en.is_empty())) {
            (Some(code), Some(meaning)) => format!("{code} ({})", meaning.en),
            (Some(code), None) => code.to_string(),
            (None, _) => "without a code".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: u32) -> Error {
        Error::Api(ApiError {
            status: 400,
            code: Some(code),
            message: "m".into(),
            request: None,
            description: None,
        })
    }

    #[test]
    fn classifies_codes() {
        for code in [
            21301, 21302, 21314, 21315, 21316, 21317, 21319, 21327, 21332, 21325,
        ] {
            assert!(api(code).is_auth(), "{code}");
        }
        for code in [21303, 21320, 21326, 21330, 21333, 10014, 10022, 20101] {
            assert!(!api(code).is_auth(), "{code}");
        }
        for code in [10022, 10023, 10024, 21303] {
            assert!(api(code).is_rate_limited());
        }
        assert!(!api(10021).is_rate_limited() && !api(10025).is_rate_limited());
        for code in [10001, 10002, 10003, 10009, 10010, 10011] {
            assert!(api(code).is_retryable(), "{code}");
        }
        for code in [10004, 10008, 10012, 21327] {
            assert!(!api(code).is_retryable(), "{code}");
        }
        assert_eq!(api(21327).api_code(), Some(21327));
    }

    #[test]
    fn messages_carry_context() {
        let e = Error::Api(ApiError {
            status: 403,
            code: Some(21327),
            message: "expired_token".into(),
            request: Some("/2/account/end_session.json".into()),
            description: None,
        });
        assert_eq!(
            e.to_string(),
            "Weibo API error 21327 (Expired token): expired_token (HTTP 403, request /2/account/end_session.json)"
        );
        let unknown = |code| {
            Error::Api(ApiError {
                status: 400,
                code,
                message: "m".into(),
                request: None,
                description: None,
            })
            .to_string()
        };
        assert_eq!(unknown(Some(20101)), "Weibo API error 20101: m (HTTP 400)");
        assert_eq!(unknown(Some(21332)), "Weibo API error 21332: m (HTTP 400)");
        assert_eq!(
            unknown(None),
            "Weibo API error without a code: m (HTTP 400)"
        );
        assert_eq!(
            unknown(Some(21301)),
            "Weibo API error 21301 (Auth faild): m (HTTP 400)"
        );
        let oauth2 = Error::Api(
            ApiError::new(400, Some(21325), "invalid_grant")
                .with_description("the authorization code is invalid"),
        );
        assert_eq!(
            oauth2.to_string(),
            "Weibo API error 21325 (invalid_grant): invalid_grant: the authorization code is invalid (HTTP 400)"
        );
        let e = Error::InvalidRequest {
            endpoint: "favorites/destroy_batch",
            parameter: Some("ids"),
            reason: "has 21 items; at most 20 allowed".into(),
        };
        assert_eq!(e.to_string(), "invalid request for `favorites/destroy_batch`: parameter `ids`: has 21 items; at most 20 allowed");
    }
}
