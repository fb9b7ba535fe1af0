//! What the test files share: weibo-api's mock serving this crate's table, clients pointed at
//! it, hand-written HTTP for the requests the typed client refuses to send (the mock's own
//! checks), and a one-shot server that keeps the exact bytes of a request.

// Each test file uses a part of this module.
#![allow(dead_code)]

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use weibo_api::mock::{MockServer, RecordedRequest};

pub const TOKEN: &str = "2.00CONSTRUCTStokenSECRET";

/// The mock, serving this crate's endpoints only (so each path has one meaning).
pub async fn mock() -> MockServer {
    MockServer::builder()
        .api(&weibo_constructs::API)
        .start()
        .await
        .expect("the mock starts on 127.0.0.1")
}

/// An async client sending everything to `server`.
pub fn client(server: &MockServer) -> weibo_api::Client {
    weibo_api::Client::builder()
        .access_token(TOKEN)
        .api_root(server.url())
        .build()
        .expect("client")
}

/// The mock on a runtime of its own, for the blocking client on the test thread.
pub fn blocking_mock() -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(mock());
    (runtime, server)
}

/// A blocking client sending everything to `server`.
pub fn blocking_client(server: &MockServer) -> weibo_api::blocking::Client {
    weibo_api::blocking::Client::builder()
        .access_token(TOKEN)
        .api_root(server.url())
        .build_blocking()
        .expect("blocking client")
}

/// The only request the mock received.
pub fn only_request(server: &MockServer) -> RecordedRequest {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.into_iter().next().expect("one request")
}

/// The Weibo error code of an `Error::Api`.
pub fn api_code<T: std::fmt::Debug>(result: weibo_api::Result<T>) -> Option<u32> {
    match result {
        Err(weibo_api::Error::Api(e)) => e.code,
        other => panic!("expected a Weibo error, got {other:?}"),
    }
}

/// The parameter and reason of an `Error::InvalidRequest` for `endpoint`.
pub fn invalid<T: std::fmt::Debug>(
    result: weibo_api::Result<T>,
    endpoint: &str,
) -> (Option<&'static str>, String) {
    match result {
        Err(weibo_api::Error::InvalidRequest {
            endpoint: e,
            parameter,
            reason,
        }) if e == endpoint => (parameter, reason),
        other => panic!("expected InvalidRequest for `{endpoint}`, got {other:?}"),
    }
}

/// An HTTP answer as received: status, and the body parsed as Weibo's error JSON.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// `error_code` of a Weibo error body.
    pub fn code(&self) -> Option<u64> {
        let json: weibo_api::Json = self.body.parse().ok()?;
        json["error_code"].as_u64()
    }

    /// `error` of a Weibo error body.
    pub fn error(&self) -> String {
        let json: weibo_api::Json = self.body.parse().unwrap_or_default();
        json["error"].as_str().unwrap_or_default().to_string()
    }
}

/// Sends one hand-written HTTP/1.1 request to `server` (`target` is the path and query) with
/// the test token, and reads the whole answer.
pub async fn raw(
    server: &MockServer,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(server.addr()).await.expect("connect");
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nAuthorization: OAuth2 {TOKEN}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr(),
        body.len()
    );
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    // A server may answer and close before reading everything (a body it will not take): read
    // whatever answer came, so that the test's assertion shows it.
    let written = match stream.write_all(head.as_bytes()).await {
        Ok(()) => stream.write_all(body).await,
        Err(e) => Err(e),
    };
    let mut answer = Vec::new();
    if let Err(e) = stream.read_to_end(&mut answer).await
        && answer.is_empty()
    {
        return Answer {
            status: 0,
            body: format!("no answer (write: {written:?}, read: {e})"),
        };
    }
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    Answer {
        status,
        body: body.to_string(),
    }
}

/// A form body (`application/x-www-form-urlencoded`) written by hand from `pairs`; values are
/// plain ASCII in these tests, `&`/`=`-free, so no encoding is needed.
pub fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// A `multipart/form-data` body written by hand, with the boundary `BOUNDARY`.
pub const BOUNDARY: &str = "hand-written-boundary";

pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, content_type, bytes) in files {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A server on 127.0.0.1 that takes one request, keeps its bytes exactly as they arrived and
/// answers `200` with a JSON body: for asserting bytes the mock parses away (boundaries, part
/// headers, line breaks).
pub struct Recorder {
    pub url: String,
    request: JoinHandle<(String, Vec<u8>)>,
}

impl Recorder {
    pub async fn start(json: &'static str) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let request = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let mut received = Vec::new();
            let mut chunk = [0u8; 8192];
            let head_end = loop {
                let n = stream.read(&mut chunk).await.expect("read");
                assert!(n > 0, "connection closed before the headers ended");
                received.extend_from_slice(&chunk[..n]);
                if let Some(i) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                    break i + 4;
                }
            };
            let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            while received.len() < head_end + length {
                let n = stream.read(&mut chunk).await.expect("read body");
                assert!(n > 0, "connection closed inside the body");
                received.extend_from_slice(&chunk[..n]);
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                json.len()
            );
            stream.write_all(answer.as_bytes()).await.expect("answer");
            (head, received[head_end..].to_vec())
        });
        Recorder { url, request }
    }

    /// The request's head (request line and headers) and its body bytes.
    pub async fn request(self) -> (String, Vec<u8>) {
        self.request.await.expect("the recorder got a request")
    }
}

/// A header's value from a request head.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}
