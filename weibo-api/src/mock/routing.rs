//! From a request path and method to a spec endpoint, the way Weibo's hosts lay them out:
//! the version's path prefix (`` for v1, `/2`, `/oauth2`), the endpoint path with `:name`
//! placeholders matching one segment each, and `.json`/`.xml` where the endpoint has a suffix.

use crate::meta::{Api, Endpoint};
use crate::{Format, Method};

/// Every format a suffix can name.
const FORMATS: [Format; 2] = [Format::Json, Format::Xml];

/// A request path matched to an endpoint.
#[derive(Debug)]
pub(super) struct Matched {
    pub endpoint: &'static Endpoint,
    /// The format the suffix asks for (the endpoint's default without a suffix). Not yet
    /// checked against the formats the endpoint offers.
    pub format: Format,
    /// The values of the path placeholders, percent-decoded.
    pub path_params: Vec<(&'static str, String)>,
}

#[derive(Debug)]
pub(super) enum Route {
    Found(Matched),
    /// The path exists, but not for this method.
    WrongMethod {
        allowed: Vec<Method>,
        format: Format,
    },
    NotFound,
}

/// Routes `method path` over every endpoint of every table; the first endpoint that matches
/// both path and method wins.
pub(super) fn route(apis: &[&'static Api], method: &str, path: &str) -> Route {
    let mut allowed: Vec<Method> = Vec::new();
    let mut path_format = None;
    for endpoint in apis.iter().flat_map(|api| api.endpoints.iter().copied()) {
        let Some((format, path_params)) = match_path(endpoint, path) else {
            continue;
        };
        if endpoint.methods.iter().any(|m| m.as_str() == method) {
            return Route::Found(Matched {
                endpoint,
                format,
                path_params,
            });
        }
        path_format.get_or_insert(format);
        for m in endpoint.methods {
            if !allowed.contains(m) {
                allowed.push(*m);
            }
        }
    }
    match path_format {
        Some(format) => Route::WrongMethod { allowed, format },
        None => Route::NotFound,
    }
}

/// The format a path's suffix names, for answering requests that match no endpoint.
pub(super) fn suffix_format(path: &str) -> Format {
    FORMATS
        .into_iter()
        .find(|f| {
            path.rsplit_once('.')
                .is_some_and(|(_, ext)| ext == f.extension())
        })
        .unwrap_or(Format::Json)
}

/// The format and path parameters if `path` is `endpoint`'s.
fn match_path(
    endpoint: &'static Endpoint,
    path: &str,
) -> Option<(Format, Vec<(&'static str, String)>)> {
    let rest = path
        .strip_prefix(endpoint.version.path_prefix())?
        .strip_prefix('/')?;
    let (rest, format) = if endpoint.format_suffix {
        let (stem, ext) = rest.rsplit_once('.')?;
        let format = FORMATS.into_iter().find(|f| f.extension() == ext)?;
        (stem, format)
    } else {
        (
            rest,
            endpoint.formats.first().copied().unwrap_or(Format::Json),
        )
    };
    let mut template = endpoint.path.split('/').filter(|s| !s.is_empty());
    let mut segments = rest.split('/');
    let mut params = Vec::new();
    // Both iterators are finite; the loop ends when either does.
    loop {
        match (template.next(), segments.next()) {
            (None, None) => return Some((format, params)),
            (Some(expected), Some(actual)) => {
                let actual = percent_decode(actual);
                match expected.strip_prefix(':') {
                    Some(name) if !actual.is_empty() => params.push((name, actual)),
                    None if actual == expected => {}
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
}

/// `%XX` escapes decoded; anything else (including broken escapes) kept as is.
pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(method: &str, path: &str) -> Matched {
        match route(&[&crate::API], method, path) {
            Route::Found(m) => m,
            other => panic!("{method} {path}: {other:?}"),
        }
    }

    #[test]
    fn routes_by_prefix_placeholder_and_suffix() {
        let m = found("DELETE", "/statuses/destroy/1472669360.xml");
        assert_eq!(m.endpoint.name, "statuses/destroy");
        assert_eq!(m.format, Format::Xml);
        assert_eq!(m.path_params, vec![("id", "1472669360".to_string())]);

        let m = found("GET", "/2/account/end_session.json");
        assert_eq!(
            (m.endpoint.name, m.format),
            ("account/end_session", Format::Json)
        );

        let m = found("POST", "/oauth2/access_token");
        assert_eq!((m.endpoint.name, m.format), ("access_token", Format::Json));

        // A format the endpoint does not offer still routes; the checks refuse it.
        assert_eq!(
            found("GET", "/2/account/end_session.xml").format,
            Format::Xml
        );
        assert_eq!(
            found("POST", "/statuses/destroy/a%20b.json").path_params[0].1,
            "a b"
        );
    }

    #[test]
    fn unknown_paths_and_wrong_methods() {
        for path in [
            "/account/end_session.json",
            "/2/account/end_session",
            "/2/account/end_session.yaml",
            "/oauth2/access_token.json",
            "/statuses/destroy/.json",
            "/statuses/destroy/1/2.json",
            "/statuses/destroy.json",
            "/",
            "",
        ] {
            assert!(
                matches!(route(&[&crate::API], "POST", path), Route::NotFound),
                "{path}"
            );
        }
        match route(&[&crate::API], "GET", "/statuses/destroy/1.xml") {
            Route::WrongMethod { allowed, format } => {
                assert_eq!(allowed, vec![Method::Post, Method::Delete]);
                assert_eq!(format, Format::Xml);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(suffix_format("/nope.xml"), Format::Xml);
        assert_eq!(suffix_format("/nope"), Format::Json);
    }

    #[test]
    fn percent_decoding_keeps_broken_escapes() {
        assert_eq!(percent_decode("%E5%BE%AE%2Fx"), "微/x");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
