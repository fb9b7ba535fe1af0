//! The checks a routed request goes through, in Weibo's order: format, credentials, AppKey,
//! required parameters, parameter values. Everything comes from the endpoint's metadata.

use super::respond::Failure;
use super::routing::Matched;
use super::Incoming;
use crate::meta::{Credential, Endpoint, Location, Param, ParamKind};
use base64::Engine as _;

/// How much of a bad value an error message echoes.
const ECHO_CHARS: usize = 64;

/// The credentials a request carries, as far as the endpoint's version accepts them.
#[derive(Debug, Default)]
struct Credentials {
    /// An OAuth2 token (header or parameter), where the version accepts OAuth2.
    oauth2: bool,
    /// HTTP Basic with a user name, where the version accepts it.
    basic: bool,
}

/// `Ok` when the request deserves the endpoint's example.
pub(super) fn check(matched: &Matched, req: &Incoming) -> Result<(), Failure> {
    let endpoint = matched.endpoint;
    check_format(matched)?;
    let credentials = check_credentials(endpoint, req)?;
    check_source(endpoint, req, &credentials)?;
    check_body(req)?;
    check_required(endpoint, req)?;
    check_values(matched, req)?;
    check_groups(endpoint, req)
}

/// 10008: a multipart body the parser could not read.
fn check_body(req: &Incoming) -> Result<(), Failure> {
    match &req.malformed {
        Some(why) => Err(Failure::new(
            400,
            10008,
            format!("param error, see doc for more info. (malformed multipart body: {why})"),
        )),
        None => Ok(()),
    }
}

/// Whether the request carries parameter `p` (as a value, or as a file part).
fn present(req: &Incoming, p: &Param) -> bool {
    if p.kind == ParamKind::File {
        req.files.iter().any(|f| f.name == p.name)
    } else {
        param(req, p.name).is_some()
    }
}

/// 10016 for a group of which exactly one (or at least one) must be set, and for a
/// parameter required because another has a given value.
fn check_groups(endpoint: &Endpoint, req: &Incoming) -> Result<(), Failure> {
    for group in endpoint.groups {
        let set = group.unsatisfied(|name| {
            endpoint
                .param(name)
                .map_or(param(req, name).is_some(), |p| present(req, p))
        });
        if let Some(set) = set {
            return Err(Failure::new(
                400,
                10016,
                format!(
                    "miss required parameter ({} {}; got {}) , see doc for more info.",
                    group.kind(),
                    group.params.join(", "),
                    if set.is_empty() {
                        "none".to_string()
                    } else {
                        set.join(", ")
                    }
                ),
            ));
        }
    }
    for p in endpoint.params {
        let Some((other, wanted)) = p.required_if else {
            continue;
        };
        if param(req, other) == Some(wanted) && !present(req, p) {
            return Err(Failure::new(
                400,
                10016,
                format!(
                    "miss required parameter ({}, required when {other} is {wanted}) , see doc for more info.",
                    p.name
                ),
            ));
        }
    }
    Ok(())
}

fn check_format(matched: &Matched) -> Result<(), Failure> {
    let endpoint = matched.endpoint;
    if endpoint.formats.contains(&matched.format) {
        return Ok(());
    }
    let offered: Vec<&str> = endpoint.formats.iter().map(|f| f.extension()).collect();
    Err(Failure::new(
        404,
        10020,
        format!(
            "Request api not found! (format {} is not offered; offered: {})",
            matched.format,
            offered.join(", ")
        ),
    ))
}

/// 21301 where the endpoint requires login and nothing the version accepts was sent. Versions
/// without an auth scheme (OAuth2's own endpoints) take their credentials as the parameters
/// the endpoint declares, and those are checked whenever they are required.
fn check_credentials(endpoint: &Endpoint, req: &Incoming) -> Result<Credentials, Failure> {
    let version = endpoint.version;
    let credentials = Credentials {
        oauth2: version.oauth2 && oauth2_token(endpoint, req).is_some(),
        basic: version.basic_auth && basic_user(req).is_some(),
    };
    if version.oauth2 || version.basic_auth {
        if endpoint.login_required == Some(true) && !credentials.oauth2 && !credentials.basic {
            let accepted = match (version.oauth2, version.basic_auth) {
                (true, true) => "OAuth2 access token or HTTP Basic",
                (true, false) => "OAuth2 access token",
                _ => "HTTP Basic",
            };
            return Err(auth_failed(format!("needs an {accepted}")));
        }
        return Ok(credentials);
    }
    let missing = endpoint
        .params
        .iter()
        .find(|p| p.credential.is_some() && p.required && param(req, p.name).is_none());
    match missing {
        Some(p) => Err(auth_failed(format!(
            "missing credential parameter ({})",
            p.name
        ))),
        None => Ok(credentials),
    }
}

fn auth_failed(why: String) -> Failure {
    Failure::new(401, 21301, format!("auth faild! ({why})"))
}

/// 10006: HTTP Basic must come with the AppKey, and so must any call to an endpoint that
/// declares its AppKey parameter required, unless it carries an OAuth2 token.
fn check_source(
    endpoint: &Endpoint,
    req: &Incoming,
    credentials: &Credentials,
) -> Result<(), Failure> {
    let version = endpoint.version;
    if credentials.oauth2 || !(version.oauth2 || version.basic_auth) {
        return Ok(());
    }
    let declared = endpoint
        .params
        .iter()
        .find(|p| p.credential == Some(Credential::AppKey));
    let needed = credentials.basic || declared.is_some_and(|p| p.required);
    let name = declared.map_or("source", |p| p.name);
    if needed && param(req, name).is_none() {
        return Err(Failure::new(
            400,
            10006,
            format!("{name} paramter(appkey) is missing"),
        ));
    }
    Ok(())
}

/// 10016: a required parameter (other than a credential or a path placeholder) is absent.
fn check_required(endpoint: &Endpoint, req: &Incoming) -> Result<(), Failure> {
    let missing = endpoint.params.iter().find(|p| {
        p.required && p.credential.is_none() && p.location != Location::Path && !present(req, p)
    });
    match missing {
        Some(p) => Err(Failure::new(
            400,
            10016,
            format!(
                "miss required parameter ({}) , see doc for more info.",
                p.name
            ),
        )),
        None => Ok(()),
    }
}

/// 10017: a value that is not of the parameter's kind, outside its range or values, a list
/// of the wrong length, or a file that is too large.
fn check_values(matched: &Matched, req: &Incoming) -> Result<(), Failure> {
    let invalid = |name: &str, expected: String, got: String| {
        Failure::new(
            400,
            10017,
            format!(
                "parameter ({name})'s value invalid,expect ({expected}) , but get ({got}) , see doc for more info."
            ),
        )
    };
    for p in matched
        .endpoint
        .params
        .iter()
        .filter(|p| p.credential.is_none())
    {
        if p.kind == ParamKind::File {
            for file in req.files.iter().filter(|f| f.name == p.name) {
                if let Some(max) = p.max_size.filter(|max| file.bytes.len() as u64 > *max) {
                    return Err(invalid(
                        p.name,
                        format!("a file of at most {max} bytes"),
                        format!("{} bytes", file.bytes.len()),
                    ));
                }
            }
            if let Some(text) = param(req, p.name) {
                return Err(invalid(
                    p.name,
                    "a file (multipart/form-data part)".into(),
                    echo(text),
                ));
            }
            continue;
        }
        let items: Vec<&str> = match p.location {
            Location::Path => matched
                .path_params
                .iter()
                .filter(|(name, _)| *name == p.name)
                .map(|(_, v)| v.as_str())
                .collect(),
            Location::Default if p.list && p.repeated_key => all_params(req, p.name),
            Location::Default => match param(req, p.name) {
                Some(value) if p.list => value.split(',').collect(),
                Some(value) => vec![value],
                None => Vec::new(),
            },
        };
        if items.is_empty() {
            continue;
        }
        if !p.list && items.len() > 1 {
            return Err(invalid(
                p.name,
                "one value".into(),
                format!("{} values", items.len()),
            ));
        }
        let count = items.len();
        if let Some(max) = p.max_items.filter(|max| count > *max as usize) {
            return Err(invalid(
                p.name,
                format!("at most {max} items"),
                format!("{count} items"),
            ));
        }
        if let Some(min) = p.min_items.filter(|min| count < *min as usize) {
            return Err(invalid(
                p.name,
                format!("at least {min} items"),
                format!("{count} items"),
            ));
        }
        if let Some((item, problem)) = items
            .iter()
            .find_map(|item| p.item_problem(item).map(|problem| (*item, problem)))
        {
            return Err(invalid(p.name, problem, echo(item)));
        }
    }
    Ok(())
}

fn echo(value: &str) -> String {
    let mut out: String = value.chars().take(ECHO_CHARS).collect();
    if value.chars().nth(ECHO_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Every non-empty value of parameter `name` (a list sent as a repeated key has several).
fn all_params<'a>(req: &'a Incoming, name: &str) -> Vec<&'a str> {
    req.query
        .iter()
        .chain(&req.form)
        .filter(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect()
}

/// A non-empty parameter from the query or the form body (an empty value counts as absent).
pub(super) fn param<'a>(req: &'a Incoming, name: &str) -> Option<&'a str> {
    req.query
        .iter()
        .chain(&req.form)
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

/// An OAuth2 token: `Authorization: OAuth2 <token>` or the `access_token` parameter.
fn oauth2_token<'a>(endpoint: &Endpoint, req: &'a Incoming) -> Option<&'a str> {
    let from_header = req.header("authorization").and_then(|value| {
        let (scheme, token) = value.split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("OAuth2") && !token.is_empty()).then_some(token)
    });
    let name = endpoint
        .params
        .iter()
        .find(|p| p.credential == Some(Credential::AccessToken))
        .map_or("access_token", |p| p.name);
    from_header.or_else(|| param(req, name))
}

/// The user of a well-formed `Authorization: Basic` header.
fn basic_user(req: &Incoming) -> Option<String> {
    let value = req.header("authorization")?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, _password) = text.split_once(':')?;
    (!user.is_empty()).then(|| user.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::routing::{route, Route};
    use super::*;

    fn req(method: &str, path: &str, query: &[(&str, &str)], auth: Option<&str>) -> Incoming {
        Incoming {
            method: method.into(),
            path: path.into(),
            query: query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            form: Vec::new(),
            files: Vec::new(),
            malformed: None,
            headers: auth
                .map(|a| vec![("authorization".to_string(), a.to_string())])
                .unwrap_or_default(),
        }
    }

    fn code(r: &Incoming) -> Option<u32> {
        match route(&[&crate::API], &r.method, &r.path) {
            Route::Found(m) => check(&m, r).err().map(|f| f.code),
            other => panic!("{other:?}"),
        }
    }

    const BASIC: &str = "Basic dWlkOnBhc3N3b3Jk"; // uid:password

    #[test]
    fn checks_run_in_weibo_order() {
        let path = "/favorites/destroy_batch.json";
        assert_eq!(code(&req("POST", path, &[], None)), Some(21301));
        assert_eq!(code(&req("POST", path, &[], Some("Basic !!"))), Some(21301));
        assert_eq!(
            code(&req("POST", path, &[("ids", "1")], Some(BASIC))),
            Some(10006)
        );
        assert_eq!(code(&req("POST", path, &[], Some("OAuth2 t"))), Some(10016));
        assert_eq!(
            code(&req("POST", path, &[("source", "k")], Some(BASIC))),
            Some(10016)
        );
        assert_eq!(
            code(&req("POST", path, &[("ids", "1,x")], Some("OAuth2 t"))),
            Some(10017)
        );
        let many = (1..=21)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            code(&req("POST", path, &[("ids", &many)], Some("OAuth2 t"))),
            Some(10017)
        );
        assert_eq!(
            code(&req("POST", path, &[("ids", "1,2")], Some("OAuth2 t"))),
            None
        );
        assert_eq!(
            code(&req(
                "POST",
                path,
                &[("ids", "1"), ("access_token", "t")],
                None
            )),
            None
        );
    }

    #[test]
    fn basic_auth_needs_the_app_key_and_path_ids_must_be_numbers() {
        assert_eq!(
            code(&req("DELETE", "/statuses/destroy/1.json", &[], Some(BASIC))),
            Some(10006)
        );
        assert_eq!(
            code(&req(
                "DELETE",
                "/statuses/destroy/1.json",
                &[("source", "k")],
                Some(BASIC)
            )),
            None
        );
        assert_eq!(
            code(&req(
                "DELETE",
                "/statuses/destroy/x.json",
                &[],
                Some("OAuth2 t")
            )),
            Some(10017)
        );
        assert_eq!(
            code(&req(
                "GET",
                "/2/account/end_session.xml",
                &[],
                Some("OAuth2 t")
            )),
            Some(10020)
        );
    }

    #[test]
    fn oauth2_endpoints_take_credentials_as_parameters() {
        let path = "/oauth2/get_token_info";
        assert_eq!(code(&req("POST", path, &[], Some("OAuth2 t"))), Some(21301));
        assert_eq!(
            code(&req("POST", path, &[("access_token", "t")], None)),
            None
        );
        let path = "/oauth2/access_token";
        assert_eq!(
            code(&req("POST", path, &[("client_id", "k")], None)),
            Some(21301)
        );
        let all = [("client_id", "k"), ("client_secret", "s"), ("code", "c")];
        assert_eq!(code(&req("POST", path, &all, None)), Some(10016));
    }

    #[test]
    fn echoes_are_bounded() {
        let long = "x".repeat(1000);
        assert_eq!(echo(&long).chars().count(), ECHO_CHARS + 1);
        assert_eq!(echo("abc"), "abc");
    }
}
