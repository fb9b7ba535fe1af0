//! Credentials are checked once, when the client is built: an empty or malformed one is a
//! configuration mistake, not something to send (`Authorization: OAuth2 ` with nothing after
//! it, a header split by a newline). Messages say what is wrong and where, never the value.

use crate::{Error, Result};

/// Which characters a credential may hold.
#[derive(Clone, Copy)]
enum Alphabet {
    /// Visible ASCII without spaces: tokens, AppKeys and app secrets (they go in a header or a
    /// form field verbatim; Weibo issues them as letters, digits and `.`).
    Token,
    /// Anything but control characters: a Basic user name or password (sent base64-encoded).
    Text,
}

/// Checks one credential; `what` names it in the error (`the access token`).
fn check(what: &str, value: &str, alphabet: Alphabet) -> Result<()> {
    if value.is_empty() {
        return Err(Error::config(format!("{what} is empty")));
    }
    let bad = value.chars().enumerate().find(|(_, c)| match alphabet {
        Alphabet::Token => !c.is_ascii_graphic(),
        Alphabet::Text => c.is_control(),
    });
    let Some((i, c)) = bad else {
        return Ok(());
    };
    let position = i + 1;
    let problem = if c.is_control() {
        format!(
            "contains a control character (U+{:04X}) at position {position}",
            u32::from(c)
        )
    } else if c.is_whitespace() {
        format!("contains whitespace at position {position}; Weibo's credentials never do")
    } else {
        format!(
            "contains a non-ASCII character at position {position}; Weibo's credentials never do"
        )
    };
    Err(Error::config(format!("{what} {problem}")))
}

/// The OAuth2 access token.
pub(crate) fn access_token(token: &str) -> Result<()> {
    check("the access token", token, Alphabet::Token)
}

/// The AppKey (`source`, `client_id`).
pub(crate) fn app_key(key: &str) -> Result<()> {
    check("the AppKey", key, Alphabet::Token)
}

/// The app secret (`client_secret`).
pub(crate) fn app_secret(secret: &str) -> Result<()> {
    check("the app secret", secret, Alphabet::Token)
}

/// HTTP Basic: RFC 7617 forbids a colon in the user name (it separates the password).
pub(crate) fn basic(user: &str, password: &str) -> Result<()> {
    check("the HTTP Basic user name", user, Alphabet::Text)?;
    if let Some(i) = user.chars().position(|c| c == ':') {
        return Err(Error::config(format!(
            "the HTTP Basic user name contains `:` at position {}, which HTTP Basic cannot carry",
            i + 1
        )));
    }
    check("the HTTP Basic password", password, Alphabet::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<()>) -> String {
        match result {
            Err(Error::Config { reason, .. }) => reason,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn accepts_what_weibo_issues() {
        access_token("2.00abcDEF_123-xyz.").unwrap();
        app_key("1234567890").unwrap();
        app_secret("0123456789abcdef0123456789abcdef").unwrap();
        basic("用户@example.com", "pass word with spaces").unwrap();
    }

    #[test]
    fn names_the_problem_and_never_the_value() {
        assert_eq!(message(access_token("")), "the access token is empty");
        assert_eq!(
            message(access_token("2.00SECRET\r\nX-Evil: 1")),
            "the access token contains a control character (U+000D) at position 11"
        );
        assert_eq!(
            message(access_token(" 2.00SECRET")),
            "the access token contains whitespace at position 1; Weibo's credentials never do"
        );
        assert_eq!(
            message(app_secret("SECRET微")),
            "the app secret contains a non-ASCII character at position 7; Weibo's credentials never do"
        );
        assert_eq!(message(app_key("")), "the AppKey is empty");
        assert_eq!(
            message(app_key("12\t34")),
            "the AppKey contains a control character (U+0009) at position 3"
        );
        assert_eq!(message(basic("", "p")), "the HTTP Basic user name is empty");
        assert_eq!(message(basic("u", "")), "the HTTP Basic password is empty");
        assert_eq!(
            message(basic("u", "SECRET\u{0}")),
            "the HTTP Basic password contains a control character (U+0000) at position 7"
        );
        assert_eq!(
            message(basic("a:b", "p")),
            "the HTTP Basic user name contains `:` at position 2, which HTTP Basic cannot carry"
        );
        assert!(!message(access_token("SECRET\n")).contains("SECRET"));
    }
}
