//! The two things about Weibo's OAuth2 web flow that an endpoint table cannot express:
//! `GET {oauth2}/authorize` (a browser page on Weibo, here an immediate 302 back to the app
//! with a fresh code) and the token endpoint accepting only codes this server issued.
//!
//! The OAuth2 version is recognised by its shape, not its key: a version without an auth
//! scheme that has an endpoint named `access_token` taking a `code` parameter.

use super::checks::param;
use super::respond::{self, Failure, Reply};
use super::Incoming;
use crate::meta::{Api, Endpoint};
use crate::Format;
use std::collections::VecDeque;
use std::hash::{BuildHasher, RandomState};

/// Outstanding codes kept; the oldest is forgotten beyond this.
const MAX_CODES: usize = 1024;

/// A code handed out by `authorize`, single use.
#[derive(Debug)]
struct Issued {
    code: String,
    client_id: String,
    redirect_uri: String,
}

/// The codes issued and not yet exchanged.
#[derive(Debug, Default)]
pub(super) struct Codes {
    issued: VecDeque<Issued>,
    counter: u64,
    hasher: RandomState,
}

impl Codes {
    fn issue(&mut self, client_id: &str, redirect_uri: &str) -> String {
        self.counter += 1;
        let code = format!("MOCK{:016x}", self.hasher.hash_one(self.counter));
        if self.issued.len() >= MAX_CODES {
            self.issued.pop_front();
        }
        self.issued.push_back(Issued {
            code: code.clone(),
            client_id: client_id.to_string(),
            redirect_uri: redirect_uri.to_string(),
        });
        code
    }

    /// Takes `code` out (codes are single use) if it was issued.
    fn redeem(&mut self, code: &str) -> Option<Issued> {
        let i = self.issued.iter().position(|c| c.code == code)?;
        self.issued.remove(i)
    }
}

/// Whether `endpoint` is the OAuth2 token endpoint.
fn is_token_endpoint(endpoint: &Endpoint) -> bool {
    let version = endpoint.version;
    !version.oauth2
        && !version.basic_auth
        && endpoint.name == "access_token"
        && endpoint.param("code").is_some()
}

/// Whether `path` is `{oauth2 prefix}/authorize` for one of the tables.
pub(super) fn is_authorize_path(apis: &[&'static Api], path: &str) -> bool {
    apis.iter()
        .flat_map(|api| api.endpoints.iter())
        .filter(|e| is_token_endpoint(e))
        .any(|e| {
            path.strip_prefix(e.version.path_prefix())
                .is_some_and(|rest| rest == "/authorize")
        })
}

/// `GET /oauth2/authorize?client_id=…&redirect_uri=…&response_type=code&state=…`: the user
/// "approves" at once, so the answer is the redirect back with a code.
pub(super) fn authorize(req: &Incoming, codes: &mut Codes) -> Reply {
    let fail = |f: Failure| respond::error(&f, &req.path, Format::Json);
    if req.method != "GET" {
        return fail(Failure::method_not_allowed(&[crate::Method::Get]));
    }
    let (Some(client_id), Some(redirect_uri)) =
        (param(req, "client_id"), param(req, "redirect_uri"))
    else {
        return fail(Failure::oauth2(
            21323,
            "invalid_request",
            "client_id and redirect_uri are required",
        ));
    };
    if param(req, "response_type").is_some_and(|t| t != "code") {
        return fail(Failure::oauth2(
            21329,
            "unsupported_response_type",
            "only response_type=code is supported",
        ));
    }
    let Ok(mut location) = url::Url::parse(redirect_uri) else {
        return fail(Failure::oauth2(
            21323,
            "invalid_request",
            "redirect_uri is not an absolute URL",
        ));
    };
    let code = codes.issue(client_id, redirect_uri);
    {
        let mut query = location.query_pairs_mut();
        query.append_pair("code", &code);
        if let Some(state) = param(req, "state") {
            query.append_pair("state", state);
        }
    }
    respond::redirect(location.into())
}

/// For the token endpoint: the code must be one this server issued, to this client, for this
/// redirect URI. Other endpoints pass.
pub(super) fn check_code(
    endpoint: &Endpoint,
    req: &Incoming,
    codes: &mut Codes,
) -> Result<(), Failure> {
    if !is_token_endpoint(endpoint) {
        return Ok(());
    }
    let issued = param(req, "code").and_then(|code| codes.redeem(code));
    let Some(issued) = issued else {
        return Err(Failure::oauth2(
            21325,
            "invalid_grant",
            "the authorization code is unknown, already used or expired",
        ));
    };
    if param(req, "client_id") != Some(issued.client_id.as_str()) {
        return Err(Failure::oauth2(
            21325,
            "invalid_grant",
            "the authorization code was issued to another client",
        ));
    }
    if param(req, "redirect_uri") != Some(issued.redirect_uri.as_str()) {
        return Err(Failure::oauth2(
            21322,
            "redirect_uri_mismatch",
            "redirect_uri differs from the one used to authorize",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(query: &[(&str, &str)]) -> Incoming {
        Incoming {
            method: "GET".into(),
            path: "/oauth2/authorize".into(),
            query: query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            form: Vec::new(),
            files: Vec::new(),
            malformed: None,
            headers: Vec::new(),
        }
    }

    #[test]
    fn authorize_redirects_with_a_single_use_code() {
        let mut codes = Codes::default();
        assert!(is_authorize_path(&[&crate::API], "/oauth2/authorize"));
        assert!(!is_authorize_path(&[&crate::API], "/2/authorize"));
        let reply = authorize(
            &get(&[
                ("client_id", "k"),
                ("redirect_uri", "https://app.example/cb?x=1"),
                ("response_type", "code"),
                ("state", "s t"),
            ]),
            &mut codes,
        );
        assert_eq!(reply.status, 302);
        let location = url::Url::parse(&reply.headers[0].1).unwrap();
        let pairs: Vec<(String, String)> = location.query_pairs().into_owned().collect();
        assert_eq!(pairs[0], ("x".into(), "1".into()));
        assert_eq!(pairs[1].0, "code");
        assert_eq!(pairs[2], ("state".into(), "s t".into()));
        let code = pairs[1].1.clone();
        let token_req = Incoming {
            method: "POST".into(),
            path: "/oauth2/access_token".into(),
            query: Vec::new(),
            form: vec![
                ("client_id".into(), "k".into()),
                ("code".into(), code),
                ("redirect_uri".into(), "https://app.example/cb?x=1".into()),
            ],
            files: Vec::new(),
            malformed: None,
            headers: Vec::new(),
        };
        let endpoint = &crate::oauth2::ACCESS_TOKEN;
        assert_eq!(check_code(endpoint, &token_req, &mut codes), Ok(()));
        assert_eq!(
            check_code(endpoint, &token_req, &mut codes).map_err(|f| f.code),
            Err(21325),
            "a code is single use"
        );
    }

    #[test]
    fn authorize_refuses_incomplete_requests() {
        let mut codes = Codes::default();
        assert_eq!(
            authorize(&get(&[("client_id", "k")]), &mut codes).error_code,
            Some(21323)
        );
        let bad_type = [
            ("client_id", "k"),
            ("redirect_uri", "https://a/"),
            ("response_type", "token"),
        ];
        assert_eq!(
            authorize(&get(&bad_type), &mut codes).error_code,
            Some(21329)
        );
        let relative = [("client_id", "k"), ("redirect_uri", "/cb")];
        assert_eq!(
            authorize(&get(&relative), &mut codes).error_code,
            Some(21323)
        );
        assert!(codes.issued.is_empty());
    }

    #[test]
    fn codes_are_bounded() {
        let mut codes = Codes::default();
        let first = codes.issue("k", "https://a/");
        for _ in 0..MAX_CODES {
            codes.issue("k", "https://a/");
        }
        assert_eq!(codes.issued.len(), MAX_CODES);
        assert!(
            codes.redeem(&first).is_none(),
            "the oldest code was forgotten"
        );
    }
}
