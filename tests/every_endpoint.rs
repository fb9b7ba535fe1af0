//! Every endpoint of the spec, called through its metadata against the mock server: the client
//! builds a request that passes the spec's checks, the mock validates it as Weibo would and
//! answers with the documented example (or, where the document shows none, the smallest body
//! the response type accepts), and the body decodes into the endpoint's declared type.
//!
//! The builders themselves are exercised in the tour (ten endpoints, an application's story),
//! tests/mock.rs (the seeds) and tests/constructs (one endpoint per construct of the spec
//! language); this test makes sure none of the spec's endpoints is left unserved.

use weibo_api::meta::{Endpoint, Param, ParamKind};
use weibo_api::mock::MockServer;
use weibo_api::{AuthorizeUrl, CallOptions, Client, Format, Params, Request, Upload, API};

const REDIRECT_URI: &str = "https://app.example/callback";

/// A value that the parameter's documented constraints accept.
fn sample(p: &Param) -> String {
    if let Some(values) = p.values {
        return values[0].to_string();
    }
    match p.kind {
        ParamKind::Int | ParamKind::Int64 => match (p.min, p.max) {
            (Some(min), _) => min.to_string(),
            (None, Some(max)) => max.to_string().replace(".0", ""),
            (None, None) => "1".to_string(),
        },
        ParamKind::Float => match p.min {
            Some(min) => min.to_string(),
            None => "0.5".to_string(),
        },
        ParamKind::Bool if p.bool_words => "true".to_string(),
        ParamKind::Bool => "1".to_string(),
        ParamKind::DateTime => "Tue May 24 18:04:53 +0800 2011".to_string(),
        ParamKind::String | ParamKind::File => "微博 text"
            .chars()
            .take(p.max_length.unwrap_or(64) as usize)
            .collect(),
        // `ParamKind` is non_exhaustive: a kind added later needs a sample here.
        other => panic!("no sample value for parameter kind {other:?}"),
    }
}

/// Parameters for `endpoint`: every required one, one member of each group, and whatever a
/// set parameter makes required.
fn params_for(endpoint: &'static Endpoint, code: Option<&str>) -> Params {
    let mut params = Params::default();
    let group_firsts: Vec<&str> = endpoint.groups.iter().map(|g| g.params[0]).collect();
    for p in endpoint.params.iter().filter(|p| p.credential.is_none()) {
        if !(p.required || group_firsts.contains(&p.name)) {
            continue;
        }
        match (p.kind, p.name) {
            (ParamKind::File, _) => params.push(
                p.name,
                Upload::new(vec![0x89, b'P', b'N', b'G'], "a.png", "image/png"),
            ),
            (_, "code") if code.is_some() => {
                params.push(p.name, code.unwrap_or_default().to_string())
            }
            (_, "redirect_uri") => params.push(p.name, REDIRECT_URI),
            _ if p.list => params.push(p.name, vec![sample(p); p.min_items.unwrap_or(1) as usize]),
            _ => params.push(p.name, sample(p)),
        }
    }
    params
}

/// An authorization code from the mock's OAuth2 authorize step.
async fn code(server: &MockServer) -> String {
    let url = AuthorizeUrl::new("1234567890", REDIRECT_URI)
        .api_root(server.url())
        .to_url()
        .expect("an authorize URL");
    // weibo-api builds reqwest without a default crypto provider; a client of our own needs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let response = http.get(url).send().await.expect("the authorize step");
    let location = response.headers()["location"]
        .to_str()
        .expect("a Location")
        .to_string();
    let url = url::Url::parse(&location).expect("an absolute Location");
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("the redirect carries a code")
}

#[tokio::test]
async fn every_endpoint_is_served_validated_and_decoded() {
    let server = MockServer::start(&API).await.expect("the mock starts");
    let client = Client::builder()
        .access_token("2.00TESTtoken")
        .app_key("1234567890")
        .app_secret("secret")
        .api_root(server.url())
        .build()
        .expect("a client");
    let mut minimal = Vec::new();
    let mut sent = 0;
    for endpoint in API.endpoints {
        let code = if endpoint.name == "access_token" {
            Some(code(&server).await)
        } else {
            None
        };
        let params = params_for(endpoint, code.as_deref());
        let request: Request<serde_json::Value> =
            Request::new(endpoint, params, CallOptions::new()).unwrap_or_else(|e| {
                panic!(
                    "{} {}: the sample request is refused: {e}",
                    endpoint.version.key, endpoint.name
                )
            });
        let response = client
            .send_detailed(request)
            .await
            .unwrap_or_else(|e| panic!("{} {}: {e}", endpoint.version.key, endpoint.name));
        assert_eq!(response.status, 200, "{}", endpoint.name);
        let recorded = server.requests().pop().expect("recorded");
        assert_eq!(
            (
                recorded.endpoint().map(|e| e.name),
                recorded.status(),
                recorded.error_code()
            ),
            (Some(endpoint.name), 200, None),
            "{recorded:?}"
        );
        // What came back is the documented example (or the minimal body), and it decodes
        // into the endpoint's declared type.
        let body = match endpoint.example_json {
            Some(example) => {
                let documented: serde_json::Value = serde_json::from_str(example).expect("JSON");
                assert_eq!(response.value, documented, "{}", endpoint.name);
                example.to_string()
            }
            None => {
                minimal.push(endpoint.name);
                let body = endpoint
                    .minimal_json
                    .expect("a minimal body where no example is documented");
                assert_eq!(
                    response.value,
                    serde_json::from_str::<serde_json::Value>(body).expect("JSON")
                );
                body.to_string()
            }
        };
        (endpoint.check_response)(endpoint, body.as_bytes(), Format::Json)
            .unwrap_or_else(|e| panic!("{}: {e}", endpoint.name));
        sent += 1 + usize::from(code.is_some());
        assert_eq!(server.requests().len(), sent, "one request per endpoint");
    }
    // The seeds all have documented examples; endpoints without one are answered minimally.
    for seed in [
        "statuses/destroy",
        "favorites/destroy_batch",
        "account/end_session",
        "kandian/statuses/destroy",
    ] {
        assert!(!minimal.contains(&seed), "{seed}");
    }
}
