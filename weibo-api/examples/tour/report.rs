//! What the tour prints and keeps: one line per call, the endpoints called, the failures.

use crate::{EXAMPLE_STATUS_ID, LABEL, SECRET_PARAMS};
use serde::de::DeserializeOwned;
use url::Url;
use weibo_api::meta::Endpoint;
use weibo_api::mock::{MockServer, RecordedRequest};
use weibo_api::models::Status;
use weibo_api::{Client, Error, IntoRequest, Response, API};

pub(crate) fn requests_to(server: &MockServer, endpoint: &Endpoint) -> Vec<RecordedRequest> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.endpoint().is_some_and(|e| std::ptr::eq(e, endpoint)))
        .collect()
}

/// The requests to `endpoint` after the first `earlier` of them.
pub(crate) fn requests_since(
    server: &MockServer,
    endpoint: &Endpoint,
    earlier: usize,
) -> Vec<RecordedRequest> {
    let mut requests = requests_to(server, endpoint);
    requests.drain(..earlier.min(requests.len()));
    requests
}

pub(crate) fn last_request(server: &MockServer) -> Option<RecordedRequest> {
    server.requests().pop()
}

/// A recorded request's URL, secrets masked by the mock.
pub(crate) fn recorded_url(server: &MockServer, r: &RecordedRequest) -> String {
    let mut url = format!("{}{}", server.url().trim_end_matches('/'), r.path());
    let query = r.query();
    if !query.is_empty() {
        url.push('?');
        url.push_str(
            &url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(query)
                .finish(),
        );
    }
    url
}

/// What was called and what went wrong.
pub(crate) struct Tour {
    pub(crate) dry_run: bool,
    /// Against the embedded mock, which answers endpoints without a documented example with
    /// a minimal body.
    pub(crate) mock: bool,
    pub(crate) called: Vec<&'static Endpoint>,
    failures: usize,
}

impl Tour {
    /// A tour against the embedded mock (`mock`) or another server, sending nothing if
    /// `dry_run`.
    pub(crate) fn new(mock: bool, dry_run: bool) -> Tour {
        Tour {
            dry_run,
            mock,
            called: Vec::new(),
            failures: 0,
        }
    }

    /// Sends one request and prints one line; `None` (and a failure) if it did not succeed.
    pub(crate) async fn call<T>(
        &mut self,
        client: &Client,
        builder: T,
        show: impl FnOnce(&T::Response) -> String,
    ) -> Option<Response<T::Response>>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        let request = match builder.into_request() {
            Ok(request) => request,
            Err(e) => {
                self.unexpected(&e.to_string());
                return None;
            }
        };
        let endpoint = request.endpoint();
        let label = label(endpoint);
        if self.dry_run {
            match client.url_of(&request) {
                Ok(url) => println!(
                    "  {label:<LABEL$} {:<6} would call {}",
                    request.method().as_str(),
                    masked(&url)
                ),
                Err(e) => self.unexpected(&e.to_string()),
            }
            return None;
        }
        match client.send_detailed(request).await {
            Ok(response) => {
                self.called.push(endpoint);
                let minimal = if self.mock && endpoint.example_json.is_none() {
                    " [the mock's minimal body: the document shows no example]"
                } else {
                    ""
                };
                println!(
                    "  {label:<LABEL$} {:<6} {}  {}  -> {}{minimal}",
                    response.method.as_str(),
                    response.status,
                    masked(&response.url),
                    show(&response.value)
                );
                Some(response)
            }
            Err(e) => {
                self.unexpected(&format!("{label}: {e}"));
                None
            }
        }
    }

    /// A call to `endpoint` that must fail with an error `expected` recognises (`kind`).
    pub(crate) fn expect_error<T>(
        &mut self,
        endpoint: &Endpoint,
        what: &str,
        result: weibo_api::Result<T>,
        kind: &str,
        expected: impl Fn(&Error) -> bool,
    ) {
        let label = label(endpoint);
        match result {
            Err(e) if expected(&e) => println!("  {label:<LABEL$} {what}  -> {kind}: {e}"),
            Err(e) => self.unexpected(&format!("{label} {what}: failed differently: {e}")),
            Ok(_) => self.unexpected(&format!("{label} {what}: succeeded but should have failed")),
        }
    }

    /// A step of the story whose endpoint the spec lacks: Weibo's documentation page for it
    /// could not be retrieved, so it was not transcribed. If it appears, the tour should call it.
    pub(crate) fn not_in_spec(&mut self, version: &str, name: &str, consequence: &str) {
        let label = format!("{version} {name}");
        if API.endpoint(version, name).is_some() {
            self.unexpected(&format!(
                "{label} is in the spec now: call it through its builder in examples/tour/story.rs"
            ));
            return;
        }
        println!("  {label:<LABEL$} not in the spec (its documentation page was not available): {consequence}");
    }

    /// The id of a status the story posted: from the answer, or in a dry run (where nothing
    /// answers) the documents' example id.
    pub(crate) fn posted_id(&self, answer: Option<Response<Status>>) -> Option<i64> {
        let answered = answer.map(|r| r.value.id).filter(|id| *id >= 1);
        answered.or(self.dry_run.then_some(EXAMPLE_STATUS_ID))
    }

    /// With the mock, that the last request carried `value` as parameter `name`, as sent.
    pub(crate) fn check_received(&mut self, mock: Option<&MockServer>, name: &str, value: &str) {
        let Some(server) = mock else { return };
        let last = last_request(server);
        if last.as_ref().and_then(|r| r.param(name)) != Some(value) {
            self.unexpected(&format!(
                "the mock did not receive `{name}` = {value:?} intact"
            ));
        }
    }

    /// With the mock, that the requests to `endpoint` after the first `earlier` were answered
    /// with `statuses`, one request each.
    pub(crate) fn expect_requests(
        &mut self,
        server: &MockServer,
        endpoint: &Endpoint,
        earlier: usize,
        statuses: &[u16],
    ) {
        let seen: Vec<u16> = requests_since(server, endpoint, earlier)
            .iter()
            .map(RecordedRequest::status)
            .collect();
        if seen != statuses {
            self.unexpected(&format!(
                "{}: the mock answered {seen:?}, expected {statuses:?}",
                label(endpoint)
            ));
        }
    }

    pub(crate) fn unexpected(&mut self, what: &str) {
        self.failures += 1;
        println!("  FAILED: {what}");
    }

    /// Prints the summary; `true` when nothing failed (and, if `all_required`, every endpoint
    /// of the spec was called).
    pub(crate) fn finish(self, all_required: bool, note: &str) -> bool {
        println!();
        if self.dry_run {
            println!("Dry run: nothing was sent.");
            return self.failures == 0;
        }
        let missing: Vec<String> = API
            .endpoints
            .iter()
            .filter(|e| !self.called.iter().any(|c| std::ptr::eq(*c, **e)))
            .map(|e| label(e))
            .collect();
        if missing.is_empty() {
            println!(
                "All {} endpoints of {} reached ({note}).",
                API.endpoints.len(),
                API.spec
            );
        } else if all_required {
            println!("Not reached ({note}): {}", missing.join(", "));
        } else {
            println!(
                "{} of {} endpoints called ({note}).",
                API.endpoints.len() - missing.len(),
                API.endpoints.len()
            );
        }
        let not_called = if all_required { missing.len() } else { 0 };
        if self.failures == 0 && not_called == 0 {
            println!("Tour complete: every call went as expected.");
            true
        } else {
            println!(
                "Tour failed: {} unexpected result(s), {not_called} endpoint(s) not reached.",
                self.failures
            );
            false
        }
    }
}

pub(crate) fn section(title: &str) {
    println!("\n{title}");
}

/// `v1 statuses/destroy`: the version key and the documented name.
pub(crate) fn label(endpoint: &Endpoint) -> String {
    format!("{} {}", endpoint.version.key, endpoint.name)
}

/// The URL with any secret query value replaced by `***`.
pub(crate) fn masked(url: &Url) -> String {
    if !url
        .query_pairs()
        .any(|(k, _)| SECRET_PARAMS.contains(&k.as_ref()))
    {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            let v = if SECRET_PARAMS.contains(&k.as_str()) {
                "***".to_string()
            } else {
                v
            };
            (k, v)
        })
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut().clear().extend_pairs(pairs);
    out.to_string()
}
