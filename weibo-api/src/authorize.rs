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

    /// An opaque value Weibo returns unchanged on the redirect (protects against CSRF).
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
