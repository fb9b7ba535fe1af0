//! Decoding `statuses/home_timeline` pages of 1, 20 and 200 statuses, four ways:
//!
//! - `generated`: the generated `StatusTimeline` through the client's own decode path
//!   (`Request::decode_response`: the error-body check, the depth check, the lenient models);
//! - `hand, same fields`: a hand-written serde struct with the same fields, undeclared members
//!   kept in a flattened map as the generated models do (`support/hand.rs`);
//! - `hand, declared only`: the same without the map (undeclared members skipped);
//! - `serde_json::Value`.
//!
//! The bodies are real: the four statuses of `tests/fixtures/real/v2-timeline-*.json` (two
//! published captures of Weibo's v2 API, with reposts, emoji, geo and annotations) repeated
//! in turn to the size wanted, inside a timeline page.
//!
//! `cargo bench -p weibo-api --bench decode`: criterion's absolute times first, then the
//! interleaved ratios (see `support::interleaved`; `WEIBO_BENCH_ROUNDS=0` skips them).

mod support;

use criterion::{BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use support::{hand, timed, timeline_body, Contender};
use weibo_api::models::StatusTimeline;
use weibo_api::Request;

const SIZES: [usize; 3] = [1, 20, 200];

fn request() -> Request<StatusTimeline> {
    weibo_api::v2::statuses_home_timeline()
        .build()
        .expect("request")
}

/// Every contender decodes the body to the same count of statuses (a wrong body would make
/// the comparison meaningless).
fn check(body: &[u8], n: usize) {
    let generated = request().decode_response(200, body).expect("generated");
    assert_eq!(generated.statuses.len(), n);
    let same: hand::same::Timeline = serde_json::from_slice(body).expect("hand");
    assert_eq!(same.statuses.len(), n);
    let declared: hand::declared::Timeline = serde_json::from_slice(body).expect("hand");
    assert_eq!(declared.statuses.len(), n);
}

fn criterion_benches(c: &mut Criterion) {
    let request = request();
    for n in SIZES {
        let body = timeline_body(n);
        check(&body, n);
        let mut group = c.benchmark_group(format!("decode/{n} statuses"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::from_parameter("generated"), |b| {
            b.iter(|| request.decode_response(200, black_box(&body)).unwrap())
        });
        group.bench_function(BenchmarkId::from_parameter("hand, same fields"), |b| {
            b.iter(|| serde_json::from_slice::<hand::same::Timeline>(black_box(&body)).unwrap())
        });
        group.bench_function(BenchmarkId::from_parameter("hand, declared only"), |b| {
            b.iter(|| serde_json::from_slice::<hand::declared::Timeline>(black_box(&body)).unwrap())
        });
        group.bench_function(BenchmarkId::from_parameter("serde_json::Value"), |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap())
        });
        group.finish();
    }
}

fn ratios() {
    let request = request();
    for n in SIZES {
        let body = timeline_body(n);
        let title = format!(
            "decode a timeline of {n} statuses ({} bytes, real statuses repeated)",
            body.len()
        );
        support::interleaved(
            &title,
            1,
            (40, 30),
            vec![
                Contender::new("hand, same fields (flattened extra)", |iters| {
                    timed(iters, || {
                        black_box(
                            serde_json::from_slice::<hand::same::Timeline>(black_box(&body))
                                .unwrap(),
                        );
                    })
                }),
                Contender::new("generated (client decode path)", |iters| {
                    timed(iters, || {
                        black_box(request.decode_response(200, black_box(&body)).unwrap());
                    })
                }),
                Contender::new("hand, declared fields only", |iters| {
                    timed(iters, || {
                        black_box(
                            serde_json::from_slice::<hand::declared::Timeline>(black_box(&body))
                                .unwrap(),
                        );
                    })
                }),
                Contender::new("serde_json::Value", |iters| {
                    timed(iters, || {
                        black_box(
                            serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap(),
                        );
                    })
                }),
            ],
        );
    }
}

/// The body of the call bench's `kandian/statuses/destroy`: the documented example (one
/// status with its user, pretty-printed as the document shows it), decoded as the response
/// type of that endpoint.
fn kandian_ratio() {
    let body = weibo_api::v2::KANDIAN_STATUSES_DESTROY
        .example_json
        .expect("documented example")
        .as_bytes();
    let request = weibo_api::v2::kandian_statuses_destroy()
        .kandian_id(3260213)
        .id(3377417550859416)
        .build()
        .expect("request");
    assert_eq!(
        request.decode_response(200, body).expect("generated").id,
        3377417550859416
    );
    support::interleaved(
        &format!(
            "decode the documented kandian/statuses/destroy example ({} bytes)",
            body.len()
        ),
        1,
        (40, 30),
        vec![
            Contender::new("hand, same fields (flattened extra)", |iters| {
                timed(iters, || {
                    black_box(
                        serde_json::from_slice::<hand::same::Status>(black_box(body)).unwrap(),
                    );
                })
            }),
            Contender::new("generated (client decode path)", |iters| {
                timed(iters, || {
                    black_box(request.decode_response(200, black_box(body)).unwrap());
                })
            }),
            Contender::new("hand, declared fields only", |iters| {
                timed(iters, || {
                    black_box(
                        serde_json::from_slice::<hand::declared::Status>(black_box(body)).unwrap(),
                    );
                })
            }),
            Contender::new("serde_json::Value", |iters| {
                timed(iters, || {
                    black_box(
                        serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap(),
                    );
                })
            }),
        ],
    );
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args();
    criterion_benches(&mut c);
    c.final_summary();
    // Under `cargo test --benches` criterion runs each bench once; the ratios are for `cargo bench`.
    if std::env::args().any(|a| a == "--bench") {
        ratios();
        kandian_ratio();
    }
}
