//! What both benches share: the real Weibo timelines of `tests/fixtures/real/` repeated to size,
//! a hand-written serde model of the same fields, and an interleaved A/B runner that reports
//! ratios measured round by round in one process (on a shared 2-core machine, absolute times
//! drift with other load; ratios of runs taken side by side drift far less).

#![allow(dead_code)] // each bench uses part of this module

use std::time::{Duration, Instant};

pub mod hand;

/// The statuses of the real timelines in `tests/fixtures/real/` (4 statuses from two
/// published captures of Weibo's v2 API), each as its JSON text.
pub fn real_statuses() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/real");
    let mut statuses = Vec::new();
    for file in ["v2-timeline-repost.json", "v2-timeline-emoji-geo.json"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).expect("fixture");
        let page: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
        for status in page["statuses"].as_array().expect("statuses") {
            statuses.push(serde_json::to_string(status).expect("status"));
        }
    }
    statuses
}

/// A `statuses/home_timeline` page of `n` statuses: the real statuses repeated in turn until
/// there are `n`, with the members a timeline page carries around them.
pub fn timeline_body(n: usize) -> Vec<u8> {
    let statuses = real_statuses();
    let items: Vec<&str> = statuses
        .iter()
        .cycle()
        .take(n)
        .map(String::as_str)
        .collect();
    format!(
        r#"{{"statuses":[{}],"ad":[],"hasvisible":false,"previous_cursor":0,"next_cursor":4075862371434811,"total_number":{n},"interval":0}}"#,
        items.join(",")
    )
    .into_bytes()
}

/// One contender of an interleaved comparison: runs `iters` iterations and returns the time.
pub struct Contender<'a> {
    pub name: &'static str,
    pub run: Box<dyn FnMut(u64) -> Duration + 'a>,
}

impl<'a> Contender<'a> {
    pub fn new(name: &'static str, run: impl FnMut(u64) -> Duration + 'a) -> Self {
        Contender {
            name,
            run: Box::new(run),
        }
    }
}

/// How many rounds [`interleaved`] runs and how long each contender's turn in a round is:
/// the bench's defaults unless `WEIBO_BENCH_ROUNDS` or `WEIBO_BENCH_ROUND_MS` say otherwise.
/// Short turns keep the contenders of a round close in time, so that load from elsewhere on
/// the machine falls on both alike.
fn settings(default_rounds: u64, default_round_ms: u64) -> (usize, Duration) {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    (
        var("WEIBO_BENCH_ROUNDS", default_rounds) as usize,
        Duration::from_millis(var("WEIBO_BENCH_ROUND_MS", default_round_ms)),
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Runs the contenders in alternation, round after round (the order rotates each round so
/// that none always follows the same one), and prints each one's median time per iteration
/// and its time relative to the first contender: the median of the per-round ratios and their
/// spread (the 10th–90th percentile and the extremes). `per` divides the time of one iteration
/// (e.g. 64 for a batch of 64 calls).
pub fn interleaved(
    title: &str,
    per: u64,
    (default_rounds, default_round_ms): (u64, u64),
    mut contenders: Vec<Contender<'_>>,
) {
    let (rounds, round) = settings(default_rounds, default_round_ms);
    if rounds == 0 {
        return;
    }
    // Calibrate: iterations that fill one round, for each contender (after a warm-up).
    let iters: Vec<u64> = contenders
        .iter_mut()
        .map(|c| {
            (c.run)(1);
            let mut n = 1u64;
            loop {
                let t = (c.run)(n);
                if t >= round / 4 || n >= 1 << 24 {
                    let per_iter = t.as_secs_f64() / n as f64;
                    break ((round.as_secs_f64() / per_iter).ceil() as u64).max(1);
                }
                n *= 2;
            }
        })
        .collect();
    let k = contenders.len();
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); k];
    for r in 0..rounds {
        for j in 0..k {
            let i = (j + r) % k;
            let t = (contenders[i].run)(iters[i]);
            times[i].push(t.as_secs_f64() / (iters[i] * per) as f64);
        }
    }
    println!("\n== {title} ({rounds} interleaved rounds of ~{round:?} each; times per call)");
    println!(
        "{:<44} {:>12} {:>10} {:>22} {:>22}",
        "contender", "median", "× first", "ratio p10–p90", "ratio min–max"
    );
    for i in 0..k {
        let mut own = times[i].clone();
        own.sort_by(f64::total_cmp);
        let mut ratios: Vec<f64> = times[i].iter().zip(&times[0]).map(|(a, b)| a / b).collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "{:<44} {:>12} {:>9.3}× {:>10.3}–{:<10.3} {:>10.3}–{:<10.3}",
            contenders[i].name,
            format!("{:.2?}", Duration::from_secs_f64(percentile(&own, 0.5))),
            percentile(&ratios, 0.5),
            percentile(&ratios, 0.1),
            percentile(&ratios, 0.9),
            ratios[0],
            ratios[ratios.len() - 1],
        );
    }
}

/// Times `iters` runs of `f`.
pub fn timed(iters: u64, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed()
}
