//! An embedded mock Weibo server (feature `mock`), driven only by endpoint tables.
//!
//! [`MockServer`] serves any [`meta::Api`](crate::meta::Api) it is handed — this crate's
//! [`API`](crate::API), or the table a downstream crate generates from its own spec — on
//! `127.0.0.1`, laid out like Weibo's hosts: v1 at `/`, v2 below `/2`, OAuth2 below
//! `/oauth2`. Point a client at it with [`ClientBuilder::api_root`](crate::ClientBuilder::api_root).
//!
//! Each request is checked like Weibo would: unknown path (10020, HTTP 404), method not
//! accepted (10021, 405), format not offered (10020, 404), missing credentials where login is
//! required (21301, 401), missing AppKey (`source`) for HTTP Basic or where the endpoint
//! requires it without OAuth2 (10006, 400), missing required parameter (10016, 400), invalid
//! value (10017, 400). A request that passes gets the endpoint's documented example, in JSON
//! or, for `.xml`, in XML. Errors use Weibo's body, `{"error", "error_code", "request"}`
//! (a `<hash>` document for `.xml`). On top of the tables it plays Weibo's OAuth2 web flow:
//! `GET /oauth2/authorize` redirects straight back with a code, and the token endpoint accepts
//! only codes it issued (otherwise 21325 `invalid_grant`); [`MockServer::authorize`] plays the
//! user's side of that flow in a test. Code without an async runtime starts the mock with
//! [`MockServer::start_blocking`].
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use weibo_api::{mock::MockServer, v2, Client};
//!
//! let server = MockServer::start(&weibo_api::API).await?;
//! let client = Client::builder().access_token("2.00TOKEN").api_root(server.url()).build()?;
//! let user = v2::account_end_session().send(&client).await?;
//! assert_eq!(user.id, 1404376560);
//! assert_eq!(server.requests()[0].path(), "/2/account/end_session.json");
//! server.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Faults
//!
//! Applications must test their error handling too. [`MockServer::inject`] makes the mock
//! misbehave with a [`Fault`]: a Weibo error ([`Fault::weibo_error`]: a rate limit, an expired
//! token, …), a bare HTTP status ([`Fault::http_status`]), or a delay ([`Fault::delay`]; longer
//! than the client's timeout, a timeout), for every request or one endpoint
//! ([`Fault::on`]), for the next N calls ([`Fault::times`]) or until
//! [`MockServer::clear_faults`]. Then it answers normally again.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use weibo_api::mock::{Fault, MockServer};
//! use weibo_api::{v2, Client};
//!
//! let server = MockServer::start(&weibo_api::API).await?;
//! let client = Client::builder().access_token("2.00TOKEN").api_root(server.url()).build()?;
//!
//! // The token expires for one call, then Weibo is rate limited for two.
//! server.inject(Fault::weibo_error(21327).on(&v2::ACCOUNT_END_SESSION).times(1));
//! server.inject(Fault::weibo_error(10023).times(2));
//! let err = v2::account_end_session().send(&client).await.unwrap_err();
//! assert!(err.is_auth());
//! for _ in 0..2 {
//!     assert!(v2::account_end_session().send(&client).await.unwrap_err().is_rate_limited());
//! }
//! let user = v2::account_end_session().send(&client).await?; // recovered
//! assert_eq!(user.id, 1404376560);
//! let answered: Vec<Option<u32>> = server.requests().iter().map(|r| r.error_code()).collect();
//! assert_eq!(answered, [Some(21327), Some(10023), Some(10023), None]);
//! # Ok(()) }
//! ```

mod background;
mod checks;
mod faults;
mod oauth2;
mod record;
mod respond;
mod routing;

pub use background::BlockingMockServer;
pub use faults::Fault;
pub use record::RecordedRequest;

use crate::meta::{Api, Credential, Endpoint};
use axum::body::Bytes;

/// The largest request body the mock reads: well above Weibo's documented upload limits.
const MAX_REQUEST_BODY: usize = 32 * 1024 * 1024;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use respond::{Failure, Reply};
use routing::Route;
use std::collections::VecDeque;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Requests kept for [`MockServer::requests`]; the oldest are dropped beyond this.
pub const MAX_RECORDED: usize = 10_000;

/// How long [`MockServer::shutdown`] lets open connections finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A request as the checks see it: decoded query and form pairs (text parts of a multipart
/// body included), the files of a multipart body, lower-case header names.
#[derive(Debug)]
pub(crate) struct Incoming {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    files: Vec<ReceivedFile>,
    /// Why a multipart body could not be read, if it could not.
    malformed: Option<String>,
    headers: Vec<(String, String)>,
}

/// A file part of a `multipart/form-data` request, as the mock server received it.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceivedFile {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl ReceivedFile {
    /// The part's field name (the parameter, e.g. `pic`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The file name the part announced.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }
    /// The content type the part announced.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for ReceivedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReceivedFile")
            .field("name", &self.name)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Reads a `multipart/form-data` body with a real parser (multer, as axum uses): text parts
/// become form pairs, file parts files.
async fn read_multipart(
    content_type: &str,
    body: &[u8],
) -> Result<(Vec<(String, String)>, Vec<ReceivedFile>), String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let chunk = Bytes::copy_from_slice(body);
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(chunk) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let (mut form, mut files) = (Vec::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(|m| m.to_string());
        let bytes = field.bytes().await.map_err(|e| e.to_string())?;
        if file_name.is_some() {
            files.push(ReceivedFile {
                name,
                file_name,
                content_type,
                bytes: bytes.to_vec(),
            });
        } else {
            form.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok((form, files))
}

impl Incoming {
    async fn new(method: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Self {
        let pairs = |bytes: &[u8]| -> Vec<(String, String)> {
            form_urlencoded::parse(bytes).into_owned().collect()
        };
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.to_ascii_lowercase());
        // curl `-d` and every Weibo client send forms; a body without a content type is read
        // as one too.
        let is_form = content_type
            .as_deref()
            .is_none_or(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        let (form, files, malformed) = match content_type.as_deref() {
            _ if is_form => (pairs(body), Vec::new(), None),
            Some(ct) if ct.starts_with("multipart/form-data") => {
                // The boundary is case-sensitive: read it from the header as sent.
                let raw = headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                match read_multipart(raw, body).await {
                    Ok((form, files)) => (form, files, None),
                    Err(why) => (Vec::new(), Vec::new(), Some(why)),
                }
            }
            _ => (Vec::new(), Vec::new(), None),
        };
        Incoming {
            method: method.to_string(),
            path: uri.path().to_string(),
            query: pairs(uri.query().unwrap_or_default().as_bytes()),
            form,
            files,
            malformed,
            headers: headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Configures a [`MockServer`]: the tables to serve and the port.
#[derive(Debug, Default)]
#[must_use]
pub struct MockServerBuilder {
    apis: Vec<&'static Api>,
    port: u16,
    log: bool,
}

impl MockServerBuilder {
    /// Serves the endpoints of `api` too. With several tables, the first endpoint (in table
    /// order) whose path and method match answers.
    pub fn api(mut self, api: &'static Api) -> Self {
        self.apis.push(api);
        self
    }

    /// The port on 127.0.0.1 (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Prints one line per request to stderr (method, path, status, error code; never a
    /// secret, since secrets never travel in paths).
    pub fn log(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// Binds 127.0.0.1 and starts serving on the current Tokio runtime.
    pub async fn start(self) -> std::io::Result<MockServer> {
        if self.apis.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "MockServer needs at least one endpoint table (MockServerBuilder::api)",
            ));
        }
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let mut secret_params: Vec<&'static str> = record::SECRET_PARAMS.to_vec();
        let declared = self
            .apis
            .iter()
            .flat_map(|api| api.endpoints.iter())
            .flat_map(|e| e.params.iter())
            .filter(|p| {
                p.secret
                    || matches!(
                        p.credential,
                        Some(Credential::AccessToken | Credential::AppSecret)
                    )
            })
            .map(|p| p.name);
        for name in declared {
            if !secret_params.contains(&name) {
                secret_params.push(name);
            }
        }
        let shared = Arc::new(Shared {
            apis: self.apis,
            secret_params,
            log: self.log,
            codes: Mutex::default(),
            faults: Mutex::default(),
            recorded: Mutex::default(),
        });
        // Uploads up to the documented 5 MB (and beyond, so that the mock's own size check
        // answers 10017 as Weibo would, rather than axum's 2 MiB default answering 413).
        let app = axum::Router::new()
            .fallback(handle)
            .layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BODY))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                // Either a signal or the sender's drop stops the server.
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                eprintln!("weibo-api mock server stopped: {e}");
            }
        });
        Ok(MockServer {
            url: format!("http://{addr}"),
            addr,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// What the request handler shares.
struct Shared {
    apis: Vec<&'static Api>,
    /// Parameter names masked in the request log.
    secret_params: Vec<&'static str>,
    log: bool,
    codes: Mutex<oauth2::Codes>,
    faults: Mutex<Vec<Fault>>,
    recorded: Mutex<VecDeque<RecordedRequest>>,
}

/// A lock that survives a panicked holder (the data is a log and a code list: still usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running mock Weibo server on 127.0.0.1. Stops when dropped or on
/// [`shutdown`](Self::shutdown).
pub struct MockServer {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl MockServer {
    /// A builder: tables to serve, port, request log.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// Serves `api` on a free port of 127.0.0.1.
    pub async fn start(api: &'static Api) -> std::io::Result<MockServer> {
        MockServer::builder().api(api).start().await
    }

    /// `http://127.0.0.1:PORT`, for [`ClientBuilder::api_root`](crate::ClientBuilder::api_root).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bound address (always 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far, oldest first (at most [`MAX_RECORDED`]).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.recorded).iter().cloned().collect()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        lock(&self.shared.recorded).clear();
    }

    /// Adds a [`Fault`]: matching requests get it instead of the normal answer until it wears
    /// out. Faults apply oldest first, one per request.
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Removes every fault not yet worn out: the mock answers normally again.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The user's side of the OAuth2 web flow, for tests: requests `url` (built with
    /// [`AuthorizeUrl::api_root`](crate::AuthorizeUrl::api_root) set to this server's
    /// [`url`](Self::url)) as a browser would, where the mock "approves" at once, and reads the
    /// redirect back to the `redirect_uri`: the code (which the mock's `oauth2/access_token`
    /// accepts once) and the `state`.
    ///
    /// A URL for another host is refused with [`Error::InvalidRequest`](crate::Error) before
    /// any I/O (this never talks to Weibo); the mock's error answers (a missing `client_id`, a
    /// relative `redirect_uri`) are [`Error::Api`](crate::Error::Api).
    pub async fn authorize(
        &self,
        url: &crate::AuthorizeUrl,
    ) -> crate::Result<crate::AuthorizeRedirect> {
        authorize_at(self.url.clone(), url.clone()).await
    }

    /// Stops accepting connections, lets open ones finish (for up to 5 seconds), and waits.
    pub async fn shutdown(mut self) {
        self.stop.take().map(|stop| stop.send(()));
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}

/// [`MockServer::authorize`] against the mock at `origin`, owned so that it can be spawned.
async fn authorize_at(
    origin: String,
    url: crate::AuthorizeUrl,
) -> crate::Result<crate::AuthorizeRedirect> {
    use crate::Error;
    const ENDPOINT: &str = "authorize";
    let url = url.to_url()?;
    let own = url::Url::parse(&origin).map(|o| o.origin());
    if own.as_ref().ok() != Some(&url.origin()) {
        return Err(Error::InvalidRequest {
            endpoint: ENDPOINT,
            parameter: None,
            reason: format!(
                "the authorize URL points at {}, not at this mock server ({origin}): set AuthorizeUrl::api_root(server.url())",
                url.origin().ascii_serialization()
            ),
        });
    }
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_backend_preconfigured(crate::tls::config()?)
        .build()
        .map_err(|e| Error::config_caused("cannot build the HTTP client for authorize", e))?;
    let transport = |source| Error::Transport {
        endpoint: ENDPOINT,
        source,
    };
    let response = http.get(url.clone()).send().await.map_err(transport)?;
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    let body = response.bytes().await.map_err(transport)?;
    match location {
        Some(location) if status.is_redirection() => crate::AuthorizeRedirect::from_url(&location),
        _ => Err(match crate::decode::api_error(status.as_u16(), &body) {
            Some(api) => Error::Api(api),
            None => Error::Http {
                endpoint: ENDPOINT,
                status: status.as_u16(),
                excerpt: crate::decode::excerpt(&body),
            },
        }),
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Signals a graceful stop; the server task finishes on its own.
        self.stop.take().map(|stop| stop.send(()));
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url)
            .field(
                "specs",
                &self.shared.apis.iter().map(|a| a.spec).collect::<Vec<_>>(),
            )
            .field("requests", &lock(&self.shared.recorded).len())
            .finish()
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: axum::http::Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let incoming = Incoming::new(method.as_str(), &uri, &headers, &body).await;
    let route = routing::route(&shared.apis, &incoming.method, &incoming.path);
    let (routed, format) = match &route {
        Route::Found(matched) => (Some(matched.endpoint), matched.format),
        Route::WrongMethod { format, .. } => (None, *format),
        Route::NotFound => (None, routing::suffix_format(&incoming.path)),
    };
    let fault = faults::take(&mut lock(&shared.faults), routed, &incoming.path, format);
    let (endpoint, reply, delay) = match fault {
        Some(faults::Applied::Reply(reply)) => (routed, reply, None),
        Some(faults::Applied::Delay(delay)) => {
            let (endpoint, reply) = dispatch(&shared, &incoming, route);
            (endpoint, reply, Some(delay))
        }
        None => {
            let (endpoint, reply) = dispatch(&shared, &incoming, route);
            (endpoint, reply, None)
        }
    };
    let recorded = RecordedRequest::new(
        &incoming,
        &shared.secret_params,
        endpoint,
        reply.status,
        reply.error_code,
    );
    if shared.log {
        eprintln!(
            "{} {} -> {}{}",
            incoming.method,
            incoming.path,
            reply.status,
            reply
                .error_code
                .map(|c| format!(" (error_code {c})"))
                .unwrap_or_default()
        );
    }
    {
        let mut log = lock(&shared.recorded);
        if log.len() >= MAX_RECORDED {
            log.pop_front();
        }
        log.push_back(recorded);
    }
    // Recorded before the wait: a client that gives up still counts as a call received.
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    into_response(reply)
}

/// Checks and answers one routed request.
fn dispatch(shared: &Shared, req: &Incoming, route: Route) -> (Option<&'static Endpoint>, Reply) {
    let path = req.path.as_str();
    match route {
        Route::NotFound if oauth2::is_authorize_path(&shared.apis, path) => {
            (None, oauth2::authorize(req, &mut lock(&shared.codes)))
        }
        Route::NotFound => (
            None,
            respond::error(&Failure::not_found(), path, routing::suffix_format(path)),
        ),
        Route::WrongMethod { allowed, format } => {
            let mut reply = respond::error(&Failure::method_not_allowed(&allowed), path, format);
            let allow: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            reply.headers.push(("allow", allow.join(", ")));
            (None, reply)
        }
        Route::Found(matched) => {
            let endpoint = matched.endpoint;
            let checked = checks::check(&matched, req)
                .and_then(|()| oauth2::check_code(endpoint, req, &mut lock(&shared.codes)));
            let reply = match checked {
                Ok(()) => respond::example(endpoint, matched.format, path),
                Err(failure) => respond::error(&failure, path, matched.format),
            };
            (Some(endpoint), reply)
        }
    }
}

fn into_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, reply.body).into_response();
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static(reply.content_type));
    for (name, value) in reply.headers {
        // Values come from URLs and method names; one that cannot be a header is left out.
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}
