//! The first step of Weibo's OAuth2 web flow: the URL that sends the user to Weibo to log in
//! and authorise the application. (The token exchange, inspection and revocation that follow
//! are ordinary endpoints in the spec: [`crate::oauth2`].)

use crate::{Error, Result};
use url::Url;

const AUTHORIZE: &str = "authorize";

/// Builds `https://api.weibo.com/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code…`.
///
/// ```
/// let url = weibo_api::AuthorizeUrl::new("1234567890", "https://example.com/callback")
///     .state("xyz")
///     .scope("all")
///     .force_login(true)
///     .to_url()?;
/// assert_eq!(
///     url.as_str(),
///     "https://api.weibo.com/oauth2/authorize?client_id=1234567890&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback&response_type=code&state=xyz&scope=all&forcelogin=true"
/// );
/// # Ok::<(), weibo_api::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct AuthorizeUrl {
    root: Option<String>,
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    scope: Option<String>,
    display: Option<String>,
    force_login: Option<bool>,
    language: Option<String>,
}

impl AuthorizeUrl {
    /// `client_id` is the AppKey; `redirect_uri` must match the one registered for the app.
    pub fn new(client_id: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        AuthorizeUrl {
            root: None,
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            state: None,
            scope: None,
            display: None,
            force_login: None,
            language: None,
        }
    }

    /// An unguessable value for [`state`](Self::state): 32 bytes from the operating system's
    /// random number generator, as 64 lowercase hex digits. Keep it with the user's session
    /// and check the callback's `state` against it with [`AuthorizeRedirect::state_matches`].
    ///
    /// ```
    /// let state = weibo_api::AuthorizeUrl::random_state()?;
    /// assert_eq!(state.len(), 64);
    /// assert_ne!(state, weibo_api::AuthorizeUrl::random_state()?);
    /// # Ok::<(), weibo_api::Error>(())
    /// ```
    ///
    /// Fails with [`Error::Config`] only if the operating system has no randomness to give.
    pub fn random_state() -> Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes)
            .map_err(|e| Error::config(format!("no OS randomness for an OAuth2 state: {e}")))?;
        Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// An opaque value Weibo returns unchanged on the redirect (protects against CSRF): make
    /// one with [`random_state`](Self::random_state).
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// Comma-separated scopes, e.g. `all` or `email,direct_messages_read`.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// The login page style: `default`, `mobile`, `wap`, `client`, `apponweibo`.
    pub fn display(mut self, display: impl Into<String>) -> Self {
        self.display = Some(display.into());
        self
    }

    /// Ask the user to log in again even with a live Weibo session.
    pub fn force_login(mut self, force: bool) -> Self {
        self.force_login = Some(force);
        self
    }

    /// The page language: `en` for English (Chinese by default).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Points at a host laid out like Weibo's (the mock server), as `ClientBuilder::api_root`.
    pub fn api_root(mut self, root: impl Into<String>) -> Self {
        self.root = Some(root.into());
        self
    }

    /// The authorize URL to send the user to.
    pub fn to_url(&self) -> Result<Url> {
        let version = &crate::oauth2::VERSION;
        let base = match &self.root {
            Some(root) => format!(
                "{}{}/{AUTHORIZE}",
                root.trim_end_matches('/'),
                version.path_prefix()
            ),
            None => format!("{}/{AUTHORIZE}", version.base_url),
        };
        let mut url = Url::parse(&base)
            .map_err(|e| Error::config_caused(format!("authorize URL `{base}` is invalid"), e))?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("client_id", &self.client_id);
            query.append_pair("redirect_uri", &self.redirect_uri);
            query.append_pair("response_type", "code");
            let optional = [
                ("state", self.state.as_deref()),
                ("scope", self.scope.as_deref()),
                ("display", self.display.as_deref()),
                (
                    "forcelogin",
                    self.force_login.map(|f| if f { "true" } else { "false" }),
                ),
                ("language", self.language.as_deref()),
            ];
            for (key, value) in optional {
                if let Some(value) = value {
                    query.append_pair(key, value);
                }
            }
        }
        Ok(url)
    }
}

/// What Weibo sends back to the `redirect_uri` after the user approved: `?code=…&state=…`.
///
/// ```
/// use weibo_api::AuthorizeRedirect;
///
/// let back = AuthorizeRedirect::from_url("https://example.com/callback?code=4f3a&state=abc")?;
/// assert_eq!(back.code, "4f3a");
/// assert!(back.state_matches("abc"));
/// assert!(!back.state_matches("abd"));
///
/// // A user who refused comes back with Weibo's error instead of a code.
/// let refused = AuthorizeRedirect::from_url(
///     "https://example.com/callback?error=access_denied&error_code=21330&error_description=denied",
/// )
/// .unwrap_err();
/// assert_eq!(refused.api_code(), Some(21330));
/// # Ok::<(), weibo_api::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthorizeRedirect {
    /// The authorization code, for [`oauth2::access_token`](crate::oauth2::access_token).
    pub code: String,
    /// The `state` given to [`AuthorizeUrl::state`], returned unchanged (`None` if absent).
    pub state: Option<String>,
}

impl AuthorizeRedirect {
    /// Reads the callback URL (absolute, as the browser requested it, or only its query,
    /// `code=…&state=…`, with or without the leading `?`). A callback with Weibo's `error`
    /// (the user refused, say) is [`Error::Api`]; one without a code is
    /// [`Error::InvalidRequest`].
    pub fn from_url(callback: &str) -> Result<Self> {
        let query = match Url::parse(callback) {
            Ok(url) => url.query().unwrap_or_default().to_string(),
            Err(_) => callback.trim_start_matches('?').to_string(),
        };
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        if let Some(error) = get("error") {
            let code = get("error_code").and_then(|c| c.parse().ok());
            let mut api = crate::ApiError::new(302, code, error);
            if let Some(description) = get("error_description") {
                api = api.with_description(description);
            }
            return Err(Error::Api(api));
        }
        match get("code").filter(|c| !c.is_empty()) {
            Some(code) => Ok(AuthorizeRedirect {
                code,
                state: get("state"),
            }),
            None => Err(Error::InvalidRequest {
                endpoint: AUTHORIZE,
                parameter: Some("code"),
                reason: "the authorize callback carries no code".into(),
            }),
        }
    }

    /// Whether the callback's `state` is `expected` (the value kept from
    /// [`AuthorizeUrl::random_state`]), compared in constant time. `false` when the callback
    /// has no `state` or `expected` is empty: never exchange the code then.
    pub fn state_matches(&self, expected: &str) -> bool {
        match &self.state {
            Some(state) if !expected.is_empty() => {
                constant_time_eq(state.as_bytes(), expected.as_bytes())
            }
            _ => false,
        }
    }
}

/// `a == b` in time that depends on the lengths only, not on where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_bytes() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"xbc", b"abc"));
    }

    #[test]
    fn random_states_are_hex_and_differ() {
        let states: Vec<String> = (0..64)
            .map(|_| AuthorizeUrl::random_state().unwrap())
            .collect();
        for state in &states {
            assert_eq!(state.len(), 64);
            assert!(
                state
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{state}"
            );
        }
        let distinct: std::collections::BTreeSet<&String> = states.iter().collect();
        assert_eq!(distinct.len(), states.len());
    }

    #[test]
    fn callbacks_are_read_from_urls_and_queries() {
        let full =
            AuthorizeRedirect::from_url("https://a.example/cb?x=1&code=C%2B1&state=s%20t").unwrap();
        assert_eq!(
            full,
            AuthorizeRedirect {
                code: "C+1".into(),
                state: Some("s t".into())
            }
        );
        assert!(full.state_matches("s t"));
        let query = AuthorizeRedirect::from_url("?code=C").unwrap();
        assert_eq!((query.code.as_str(), query.state.as_deref()), ("C", None));
        assert!(!query.state_matches("anything"), "no state never matches");
        assert!(!AuthorizeRedirect::from_url("code=C&state=")
            .unwrap()
            .state_matches(""));
        let missing = AuthorizeRedirect::from_url("https://a.example/cb?state=s").unwrap_err();
        assert!(
            matches!(
                missing,
                Error::InvalidRequest {
                    parameter: Some("code"),
                    ..
                }
            ),
            "{missing:?}"
        );
        match AuthorizeRedirect::from_url(
            "https://a.example/cb?error=access_denied&error_code=21330&error_description=no",
        )
        .unwrap_err()
        {
            Error::Api(api) => assert_eq!(
                (api.code, api.message.as_str(), api.description.as_deref()),
                (Some(21330), "access_denied", Some("no"))
            ),
            other => panic!("{other:?}"),
        }
    }
}
