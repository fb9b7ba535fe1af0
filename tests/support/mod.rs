//! A recording HTTP server on 127.0.0.1 for wire tests: it answers every request with one
//! canned response and keeps what it received, so tests assert what really went over the wire.
#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: String,
}

impl Recorded {
    /// The decoded `key=value` pairs of the query string.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        pairs(self.query.as_deref().unwrap_or(""))
    }

    /// The decoded `key=value` pairs of a form body.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        pairs(&self.body)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub fn pairs(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Owned `(key, value)` pairs from string slices, for comparisons.
pub fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[derive(Clone)]
struct Shared {
    status: u16,
    body: String,
    content_type: &'static str,
    seen: Arc<Mutex<Vec<Recorded>>>,
}

pub struct TestServer {
    pub url: String,
    seen: Arc<Mutex<Vec<Recorded>>>,
}

impl TestServer {
    /// Starts a server answering every request with `status` and the JSON `body`.
    pub async fn json(status: u16, body: &str) -> TestServer {
        Self::start(status, body, "application/json;charset=UTF-8").await
    }

    pub async fn start(status: u16, body: &str, content_type: &'static str) -> TestServer {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            status,
            body: body.to_string(),
            content_type,
            seen: seen.clone(),
        };
        let app = axum::Router::new().fallback(record).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("test server runs") });
        TestServer { url, seen }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.seen.lock().expect("lock").clone()
    }

    /// The one request the server received (fails the test otherwise).
    pub fn only_request(&self) -> Recorded {
        let seen = self.requests();
        assert_eq!(seen.len(), 1, "expected exactly one request, got {seen:#?}");
        seen.into_iter().next().expect("one request")
    }
}

async fn record(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    shared.seen.lock().expect("lock").push(Recorded {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let status = StatusCode::from_u16(shared.status).expect("valid status");
    (status, [("content-type", shared.content_type)], shared.body)
}

/// `2010-01-07T18:27:35+08:00` style comparisons for decoded Weibo dates.
pub fn rfc3339(dt: &Option<weibo_api::DateTime>) -> String {
    dt.as_ref().map(|d| d.to_rfc3339()).unwrap_or_default()
}

pub fn link(text: &str, href: &str) -> weibo_api::Link {
    weibo_api::Link {
        text: text.to_string(),
        href: Some(href.to_string()),
    }
}
