//! One call, end to end, against one local server: the generated client against the same
//! request written by hand with reqwest and a derived serde struct (`support/hand.rs`).
//!
//! - `kandian/statuses/destroy` (POST, two form parameters, the OAuth2 header, the documented
//!   example status in reply), one call after the other and as 64 concurrent tasks;
//! - `statuses/home_timeline` (GET) answered with a 20-status page built from the real
//!   timelines of `tests/fixtures/real/` (see `support::timeline_body`).
//!
//! The server is a few lines of axum on 127.0.0.1, on its own runtime and thread, answering
//! every request with a fixed body: both clients talk to the same server, over the same kind of
//! pooled keep-alive connections, so the difference between them is the client's own work.
//!
//! `cargo bench -p weibo-api --bench call`: criterion's absolute times first, then the
//! interleaved ratios (see `support::interleaved`; `WEIBO_BENCH_ROUNDS=0` skips them).

mod support;

use axum::routing::{get, post};
use criterion::Criterion;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use std::time::{Duration, Instant};
use support::{hand, Contender};
use tokio::runtime::Runtime;

const TOKEN: &str = "2.00BENCHTOKEN";
const CONCURRENCY: usize = 64;

/// Starts the server on its own thread; returns its base URL.
fn start_server() -> String {
    let kandian = weibo_api::v2::KANDIAN_STATUSES_DESTROY
        .example_json
        .expect("documented example");
    let timeline = timeline();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(async move {
            let app = axum::Router::new()
                .route(
                    "/2/kandian/statuses/destroy.json",
                    post(move || async move { json(kandian.as_bytes().to_vec()) }),
                )
                .route(
                    "/2/statuses/home_timeline.json",
                    get(move || async move { json(timeline.to_vec()) }),
                );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("address"))
                .expect("send");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    format!("http://{}", rx.recv().expect("server address"))
}

fn timeline() -> &'static [u8] {
    Vec::leak(support::timeline_body(20))
}

fn json(body: Vec<u8>) -> impl axum::response::IntoResponse {
    ([(CONTENT_TYPE, "application/json;charset=UTF-8")], body)
}

/// The calls of one setup: the generated client and the hand-written one, same server.
#[derive(Clone)]
struct Calls {
    generated: weibo_api::Client,
    http: reqwest::Client,
    base: String,
}

impl Calls {
    fn new(base: &str) -> Calls {
        let generated = weibo_api::Client::builder()
            .access_token(TOKEN)
            .api_root(base)
            .build()
            .expect("client");
        // What the generated client configures too: no redirects, a timeout, a user agent.
        // weibo-api builds reqwest without a default crypto provider (it configures rustls
        // itself); a hand-built client needs one installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .user_agent("hand-written/1")
            .build()
            .expect("reqwest client");
        Calls {
            generated,
            http,
            base: base.to_string(),
        }
    }

    async fn generated_destroy(&self) -> i64 {
        weibo_api::v2::kandian_statuses_destroy()
            .kandian_id(3260213)
            .id(3377417550859416)
            .send(&self.generated)
            .await
            .expect("generated call")
            .id
    }

    async fn hand_destroy(&self) -> i64 {
        let response = self
            .http
            .post(format!("{}/2/kandian/statuses/destroy.json", self.base))
            .header(AUTHORIZATION, format!("OAuth2 {TOKEN}"))
            .form(&[("kandian_id", "3260213"), ("id", "3377417550859416")])
            .send()
            .await
            .expect("hand call");
        assert!(response.status().is_success());
        let body = response.bytes().await.expect("body");
        serde_json::from_slice::<hand::same::Status>(&body)
            .expect("hand decode")
            .id
    }

    async fn generated_timeline(&self) -> usize {
        weibo_api::v2::statuses_home_timeline()
            .send(&self.generated)
            .await
            .expect("generated call")
            .statuses
            .len()
    }

    async fn hand_timeline(&self) -> usize {
        let response = self
            .http
            .get(format!("{}/2/statuses/home_timeline.json", self.base))
            .header(AUTHORIZATION, format!("OAuth2 {TOKEN}"))
            .send()
            .await
            .expect("hand call");
        assert!(response.status().is_success());
        let body = response.bytes().await.expect("body");
        serde_json::from_slice::<hand::same::Timeline>(&body)
            .expect("hand decode")
            .statuses
            .len()
    }
}

/// Which call, and how many at once.
#[derive(Clone, Copy)]
enum Case {
    Destroy,
    Timeline,
}

/// Runs `iters` sequential calls (or, with `concurrent`, `iters` batches of 64 tasks).
fn run(
    rt: &Runtime,
    calls: &Calls,
    case: Case,
    generated: bool,
    concurrent: bool,
    iters: u64,
) -> Duration {
    rt.block_on(async {
        let start = Instant::now();
        for _ in 0..iters {
            if concurrent {
                let mut tasks = tokio::task::JoinSet::new();
                for _ in 0..CONCURRENCY {
                    let calls = calls.clone();
                    tasks.spawn(async move { one(&calls, case, generated).await });
                }
                while let Some(done) = tasks.join_next().await {
                    done.expect("task");
                }
            } else {
                one(calls, case, generated).await;
            }
        }
        start.elapsed()
    })
}

async fn one(calls: &Calls, case: Case, generated: bool) {
    match (case, generated) {
        (Case::Destroy, true) => assert_eq!(calls.generated_destroy().await, 3377417550859416),
        (Case::Destroy, false) => assert_eq!(calls.hand_destroy().await, 3377417550859416),
        (Case::Timeline, true) => assert_eq!(calls.generated_timeline().await, 20),
        (Case::Timeline, false) => assert_eq!(calls.hand_timeline().await, 20),
    }
}

const CASES: [(&str, Case, bool); 3] = [
    ("kandian/statuses/destroy, sequential", Case::Destroy, false),
    (
        "kandian/statuses/destroy, 64 concurrent tasks",
        Case::Destroy,
        true,
    ),
    (
        "statuses/home_timeline (20 statuses), sequential",
        Case::Timeline,
        false,
    ),
];

fn client_runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("client runtime")
}

fn main() {
    let base = start_server();
    let rt = client_runtime();
    let calls = Calls::new(&base);
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
        .configure_from_args();
    for (name, case, concurrent) in CASES {
        let mut group = c.benchmark_group(format!("call/{name}"));
        for (label, generated) in [("hand-written reqwest", false), ("generated", true)] {
            group.bench_function(label, |b| {
                b.iter_custom(|iters| run(&rt, &calls, case, generated, concurrent, iters))
            });
        }
        group.finish();
    }
    c.final_summary();
    // Under `cargo test --benches` criterion runs each bench once; the ratios are for `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    for (name, case, concurrent) in CASES {
        let per = if concurrent { CONCURRENCY as u64 } else { 1 };
        support::interleaved(
            &format!("call: {name}"),
            per,
            (
                if concurrent { 100 } else { 200 },
                if concurrent { 20 } else { 5 },
            ),
            vec![
                Contender::new("hand-written reqwest + derived struct", |iters| {
                    run(&rt, &calls, case, false, concurrent, iters)
                }),
                Contender::new("generated client", |iters| {
                    run(&rt, &calls, case, true, concurrent, iters)
                }),
            ],
        );
    }
}
