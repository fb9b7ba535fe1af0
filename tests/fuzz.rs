//! A deterministic, structure-aware fuzzer over every response type of the spec, in JSON and
//! XML, and over Weibo's error-body check.
//!
//! It walks `weibo_api::API.endpoints` (and the test spec of real endpoints), so an endpoint
//! added to the spec is fuzzed without touching this file. Seeds are the spec's examples, real
//! bodies from tests/fixtures/real and Weibo error bodies; each case applies a few mutations
//! that target what has broken decoders before (DOCTYPE, entities, CDATA, processing
//! instructions, comments, deep nesting, huge numbers, wrong types, truncation, invalid UTF-8,
//! duplicate keys, mismatched tags) and decodes the result through the endpoint's own
//! `check_response`, which runs the same decode path as a real call. Every case must end in
//! `Ok`, `Error::Decode` for that endpoint and format, or `Error::Api`; a panic or any other
//! outcome fails the test with the seed, the case number and a command that replays it.
//!
//! - `cargo test --test fuzz`: 200,000 cases plus truncation of every seed at every byte.
//! - `WEIBO_FUZZ_CASES=5000000 cargo test --release --test fuzz -- --nocapture`: the long run.
//! - `WEIBO_FUZZ_SEED=n` changes the seed; `WEIBO_FUZZ_CASE=i` replays case `i` and prints it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use weibo_api::meta::Endpoint;
use weibo_api::{Error, Format};

mod real {
    weibo_api::generate!("tests/specs/real.yaml");
}

const DEFAULT_CASES: u64 = 200_000;
const DEFAULT_SEED: u64 = 0x5eed_2024_dec0_de01;

/// SplitMix64: a complete generator in four lines, seeded per case so that any case can be
/// replayed alone and cases can run on any thread in any order.
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, case: u64) -> Rng {
        Rng(seed ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What one case decodes: an endpoint, a format and the body it starts from.
struct Target {
    endpoint: &'static Endpoint,
    format: Format,
    seeds: Vec<Vec<u8>>,
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const ERROR_BODIES: &[&str] = &[
    r#"{"request":"/statuses/destroy/1.json","error_code":"20101","error":"target weibo does not exist!"}"#,
    r#"{"error":"expired_token","error_code":21327,"request":"/2/account/end_session.json"}"#,
    r#"{"error":"invalid_grant","error_code":21325,"error_description":"invalid authorization code"}"#,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hash>\n  <request>/statuses/destroy/1.xml</request>\n  <error_code>20101</error_code>\n  <error>target weibo does not exist!</error>\n</hash>",
];

/// Every endpoint and format of both tables, each with its own examples, the real bodies of
/// its shape, and every other body of the same format (wrong types) and the error bodies.
fn targets() -> Vec<Target> {
    let real_json = [
        fixture("v2-timeline-repost.json"),
        fixture("v2-timeline-emoji-geo.json"),
    ];
    let real_xml = [fixture("v1-comment.xml"), fixture("v1-status.xml")];
    let endpoints: Vec<&'static Endpoint> = weibo_api::API
        .endpoints
        .iter()
        .chain(real::API.endpoints)
        .copied()
        .collect();
    let mut pool_json: Vec<Vec<u8>> = real_json.to_vec();
    let mut pool_xml: Vec<Vec<u8>> = real_xml.to_vec();
    for e in &endpoints {
        pool_json.extend(e.example_json.map(|x| x.as_bytes().to_vec()));
        pool_xml.extend(e.example_xml.map(|x| x.as_bytes().to_vec()));
    }
    for body in ERROR_BODIES {
        let pool = if body.starts_with('{') {
            &mut pool_json
        } else {
            &mut pool_xml
        };
        pool.push(body.as_bytes().to_vec());
    }
    let mut targets = Vec::new();
    for e in endpoints {
        for &format in e.formats {
            let (own, pool) = match format {
                Format::Json => (e.example_json, &pool_json),
                // XML, and any format a later version adds (`Format` is non_exhaustive).
                _ => (e.example_xml, &pool_xml),
            };
            // The endpoint's own example weighs as much as the rest of the pool together.
            let mut seeds: Vec<Vec<u8>> = pool.clone();
            if let Some(own) = own {
                seeds.extend(std::iter::repeat_n(own.as_bytes().to_vec(), pool.len()));
            }
            targets.push(Target {
                endpoint: e,
                format,
                seeds,
            });
        }
    }
    targets
}

const JSON_VALUES: &[&str] = &[
    "1e400",
    "-1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "-0",
    "0.5",
    "null",
    "true",
    "\"\"",
    "\"  \"",
    "\"abc\"",
    "\" 可爱 \"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "[]",
    "{}",
    "[1,\"2\",null]",
    "{\"id\":1}",
    "\"<a href='x'>y</a>\"",
    "\"<A HREF=x>&amp;</A>\"",
];

const XML_PIECES: &[&str] = &[
    "<!DOCTYPE status>",
    "<!DOCTYPE hash [<!ENTITY e \"x\">]>",
    "<!DOCTYPE x [<!ENTITY a \"&b;&b;\"><!ENTITY b \"bb\">]>",
    "&amp;",
    "&lt;",
    "&unknown;",
    "&e;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#39;",
    "&",
    "<![CDATA[",
    "<![CDATA[ x ]]>",
    "<![CDATA[<a>]]>",
    "]]>",
    "<?pi x?>",
    "<?xml version=\"1.0\"?>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<",
    ">",
    "</",
    "/>",
    "</status>",
    "</x>",
    "<x>",
    "<user>",
    "<status>",
    "<id>1</id>",
    "<id>abc</id>",
    "<id>18446744073709551616</id>",
    "<id>1e400</id>",
    "<id>-0</id>",
    "<annotations><annotation><feedId>1</feedId></annotation></annotations>",
    "<annotations>text</annotations>",
    "<source><A HREF='x'>y</A></source>",
    "<a href=\"x\">",
    " a=\"1\"",
    "\"",
];

const BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe5\xbe",
    b"\xf0\x9f\x8e",
    b"\x00",
    b"\xed\xa0\x80",
];

fn is_structural(byte: u8, format: Format) -> bool {
    match format {
        Format::Json => matches!(byte, b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"'),
        _ => matches!(byte, b'<' | b'>'),
    }
}

/// Mostly a position at (or just after) a structural byte, where a mutation changes structure
/// rather than only text: the first one after a random offset.
fn position(rng: &mut Rng, body: &[u8], format: Format) -> usize {
    let at = rng.below(body.len() + 1);
    if rng.below(4) == 0 {
        return at;
    }
    match body[at..].iter().position(|b| is_structural(*b, format)) {
        Some(i) => (at + i + rng.below(2)).min(body.len()),
        None => at,
    }
}

/// Nesting around the limit (64) and far beyond it.
fn deep_piece(rng: &mut Rng, format: Format) -> Vec<u8> {
    let levels = *rng.pick(&[2, 63, 64, 65, 200, 2_000]);
    let (open, close): (&str, &str) = match (format, rng.below(3)) {
        (Format::Json, 0) => ("[", "]"),
        (Format::Json, 1) => ("{\"id\":1,\"user\":{\"id\":2,\"status\":", "}}"),
        (Format::Json, _) => ("{\"a\":", "}"),
        (_, 0) => ("<x>", "</x>"),
        (_, 1) => ("<user><id>2</id><status><id>1</id>", "</status></user>"),
        (_, _) => ("<annotations><annotation>", "</annotation></annotations>"),
    };
    let mut out = open.repeat(levels).into_bytes();
    if format == Format::Json {
        out.extend_from_slice(b"1");
    }
    // Sometimes leave it unclosed.
    if rng.below(4) != 0 {
        out.extend_from_slice(close.repeat(levels).as_bytes());
    }
    out
}

fn mutate(rng: &mut Rng, body: &mut Vec<u8>, format: Format) {
    for _ in 0..=rng.below(3) {
        let at = position(rng, body, format);
        match rng.below(10) {
            // Truncation.
            0 => body.truncate(at),
            // A structural piece: a value in JSON, markup in XML.
            1 | 2 => {
                let piece = match format {
                    Format::Json => rng.pick(JSON_VALUES).as_bytes(),
                    _ => rng.pick(XML_PIECES).as_bytes(),
                };
                body.splice(at..at, piece.iter().copied());
            }
            // Replace the value after a key (JSON) or the text of an element (XML): wrong types.
            3 => replace_value(rng, body, format),
            // Deep nesting.
            4 => {
                let piece = deep_piece(rng, format);
                body.splice(at..at, piece);
            }
            // Invalid UTF-8.
            5 => {
                let piece = rng.pick(BYTES);
                body.splice(at..at, piece.iter().copied());
            }
            // Duplicate a span: duplicate keys and elements, repeated lists.
            6 => {
                let end = (at + 1 + rng.below(64)).min(body.len());
                let span = body[at..end].to_vec();
                body.splice(at..at, span);
            }
            // Mismatched tags / brackets: swap one structural byte for another.
            7 => {
                if at < body.len() {
                    body[at] = *rng.pick(match format {
                        Format::Json => b"{}[]\":,".as_slice(),
                        _ => b"<>/!?&\"'".as_slice(),
                    });
                }
            }
            // Delete a span.
            8 => {
                let end = (at + 1 + rng.below(32)).min(body.len());
                body.drain(at..end);
            }
            // A random byte.
            _ => {
                if at < body.len() {
                    body[at] = rng.next() as u8;
                }
            }
        }
    }
}

/// Swaps the value after a `:` (JSON) or the text after a `>` (XML), from a random offset on,
/// for another one: wrong types.
fn replace_value(rng: &mut Rng, body: &mut Vec<u8>, format: Format) {
    let (opener, stops): (u8, &[u8]) = match format {
        Format::Json => (b':', b",}]"),
        _ => (b'>', b"<"),
    };
    let from = rng.below(body.len() + 1);
    let Some(start) = body[from..]
        .iter()
        .position(|b| *b == opener)
        .map(|i| from + i + 1)
    else {
        return;
    };
    let end = body[start..]
        .iter()
        .position(|b| stops.contains(b))
        .map_or(body.len(), |i| start + i);
    let piece = match format {
        Format::Json => rng.pick(JSON_VALUES).as_bytes(),
        _ => rng.pick(XML_PIECES).as_bytes(),
    };
    body.splice(start..end, piece.iter().copied());
}

/// What went wrong in one case.
struct Failure {
    case: String,
    endpoint: &'static str,
    format: Format,
    body: Vec<u8>,
    what: String,
}

/// Decodes one body: `Ok(decoded)` when the outcome is allowed, else what went wrong.
fn check(target: &Target, body: &[u8]) -> Result<bool, String> {
    let endpoint = target.endpoint;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        (endpoint.check_response)(endpoint, body, target.format)
    }));
    match outcome {
        Err(panic) => Err(format!(
            "PANIC: {}",
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        )),
        Ok(Ok(())) => Ok(true),
        Ok(Err(Error::Api(_))) => Ok(false),
        Ok(Err(Error::Decode {
            endpoint: name,
            format,
            ..
        })) if name == endpoint.name && format == target.format => Ok(false),
        Ok(Err(other)) => Err(format!("unexpected error: {other:?}")),
    }
}

fn run_case(targets: &[Target], seed: u64, case: u64) -> (bool, Option<Failure>) {
    let mut rng = Rng::for_case(seed, case);
    let target = rng.pick(targets);
    let mut body = rng.pick(&target.seeds).clone();
    mutate(&mut rng, &mut body, target.format);
    match check(target, &body) {
        Ok(decoded) => (decoded, None),
        Err(what) => (
            false,
            Some(Failure {
                case: format!("case {case}"),
                endpoint: target.endpoint.name,
                format: target.format,
                body,
                what,
            }),
        ),
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn report(failures: &[Failure], seed: u64) -> String {
    let mut out = format!("{} failing case(s) with seed {seed}:\n", failures.len());
    for f in failures.iter().take(10) {
        out.push_str(&format!(
            "- {} ({} {}): {}\n  body: {:?}\n  replay: WEIBO_FUZZ_SEED={seed} WEIBO_FUZZ_CASE={} cargo test --test fuzz -- --nocapture\n",
            f.case,
            f.endpoint,
            f.format,
            f.what,
            String::from_utf8_lossy(&f.body),
            f.case.trim_start_matches("case ").split(' ').next().unwrap_or("?"),
        ));
    }
    out
}

#[test]
fn every_response_type_survives_mutated_bodies() {
    let seed = env_u64("WEIBO_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let targets = targets();
    // Every endpoint of the spec is a target, in every format it offers.
    for e in weibo_api::API.endpoints {
        for f in e.formats {
            assert!(
                targets
                    .iter()
                    .any(|t| std::ptr::eq(t.endpoint, *e) && t.format == *f),
                "{} {f} is not fuzzed",
                e.name
            );
        }
    }

    if let Some(case) = env_u64("WEIBO_FUZZ_CASE") {
        let mut rng = Rng::for_case(seed, case);
        let target = rng.pick(&targets);
        let mut body = rng.pick(&target.seeds).clone();
        mutate(&mut rng, &mut body, target.format);
        println!(
            "case {case}: {} {}\nbody: {:?}\noutcome: {:?}",
            target.endpoint.name,
            target.format,
            String::from_utf8_lossy(&body),
            (target.endpoint.check_response)(target.endpoint, &body, target.format)
        );
        return;
    }

    let cases = env_u64("WEIBO_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let started = Instant::now();
    let results: Vec<(u64, Vec<Failure>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let targets = &targets;
                std::thread::Builder::new()
                    .stack_size(4 << 20)
                    .spawn_scoped(scope, move || {
                        let mut decoded = 0;
                        let mut failures = Vec::new();
                        let mut case = t;
                        while case < cases {
                            let (ok, failure) = run_case(targets, seed, case);
                            decoded += u64::from(ok);
                            failures.extend(failure);
                            case += threads;
                        }
                        (decoded, failures)
                    })
                    .expect("spawn a fuzz worker")
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a fuzz worker died"))
            .collect()
    });
    let decoded: u64 = results.iter().map(|(d, _)| d).sum();
    let failures: Vec<Failure> = results.into_iter().flat_map(|(_, f)| f).collect();
    let elapsed = started.elapsed();
    println!(
        "fuzz: {cases} mutated cases over {} targets in {:.1?} ({:.0} cases/s), seed {seed}: {decoded} decoded, {} rejected with typed errors, {} failures",
        targets.len(),
        elapsed,
        cases as f64 / elapsed.as_secs_f64().max(1e-9),
        cases - decoded - failures.len() as u64,
        failures.len()
    );
    assert!(failures.is_empty(), "{}", report(&failures, seed));
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert!(
        decoded > cases / 100 && decoded < cases - cases / 100,
        "decoded {decoded} of {cases}"
    );
}

#[test]
fn every_seed_truncated_at_every_byte_ends_in_a_value_or_a_typed_error() {
    // Each example against its own endpoint, each real body against the real endpoint of its
    // shape, each error body against one endpoint of its format.
    let status = &weibo_api::v1::STATUSES_DESTROY;
    let mut bodies: Vec<(&'static Endpoint, Format, Vec<u8>)> = Vec::new();
    for e in weibo_api::API.endpoints.iter().chain(real::API.endpoints) {
        for format in [Format::Json, Format::Xml] {
            if let Some(example) = e.example(format) {
                bodies.push((e, format, example.as_bytes().to_vec()));
            }
        }
    }
    let timeline = &real::v2::STATUSES_HOME_TIMELINE;
    bodies.push((timeline, Format::Json, fixture("v2-timeline-repost.json")));
    bodies.push((
        timeline,
        Format::Json,
        fixture("v2-timeline-emoji-geo.json"),
    ));
    bodies.push((
        &real::v1::COMMENTS_DESTROY,
        Format::Xml,
        fixture("v1-comment.xml"),
    ));
    bodies.push((
        &real::v1::STATUSES_SHOW,
        Format::Xml,
        fixture("v1-status.xml"),
    ));
    for body in ERROR_BODIES {
        let format = if body.starts_with('{') {
            Format::Json
        } else {
            Format::Xml
        };
        bodies.push((status, format, body.as_bytes().to_vec()));
    }
    // Every (body, end) pair is one case; the pairs are dealt round-robin to the workers.
    let pairs: Vec<(usize, usize)> = bodies
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, body))| (0..=body.len()).map(move |end| (i, end)))
        .collect();
    let cases = pairs.len();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let failures: Vec<Failure> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (bodies, pairs) = (&bodies, &pairs);
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for &(i, end) in pairs.iter().skip(t).step_by(threads) {
                        let (endpoint, format, body) = &bodies[i];
                        let target = Target {
                            endpoint,
                            format: *format,
                            seeds: Vec::new(),
                        };
                        if let Err(what) = check(&target, &body[..end]) {
                            failures.push(Failure {
                                case: format!("truncation at {end}"),
                                endpoint: endpoint.name,
                                format: *format,
                                body: body[..end].to_vec(),
                                what,
                            });
                        }
                    }
                    failures
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a truncation worker died"))
            .collect()
    });
    println!("truncation: {cases} cases, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", report(&failures, 0));
}

#[test]
fn the_nesting_limit_is_the_same_for_both_formats_and_real_bodies_stay_far_below_it() {
    let status = &weibo_api::v1::STATUSES_DESTROY;
    for format in [Format::Json, Format::Xml] {
        let nested = |levels: usize| -> Vec<u8> {
            match format {
                Format::Json => format!(
                    "{{\"id\":1,\"a\":{}1{}}}",
                    "[".repeat(levels - 1),
                    "]".repeat(levels - 1)
                ),
                _ => format!(
                    "<status><id>1</id>{}{}</status>",
                    "<x>".repeat(levels - 1),
                    "</x>".repeat(levels - 1)
                ),
            }
            .into_bytes()
        };
        let at_limit = (status.check_response)(status, &nested(weibo_api::MAX_DEPTH), format);
        assert!(at_limit.is_ok(), "{format}: {at_limit:?}");
        match (status.check_response)(status, &nested(weibo_api::MAX_DEPTH + 1), format) {
            Err(Error::Decode { message, .. }) => {
                assert!(
                    message.contains("nested deeper than 64 levels"),
                    "{message}"
                )
            }
            other => panic!("{format}: {other:?}"),
        }
    }
    // A body at the limit through the recursive models decodes on a tokio worker's default
    // stack (2 MiB), even in a debug build.
    let body = {
        let mut b = String::new();
        for i in 0..weibo_api::MAX_DEPTH {
            b.push_str(if i % 2 == 0 {
                "{\"id\":1,\"user\":"
            } else {
                "{\"id\":2,\"status\":"
            });
        }
        b.push_str("null");
        b.push_str(&"}".repeat(weibo_api::MAX_DEPTH));
        b
    };
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || (status.check_response)(status, body.as_bytes(), Format::Json).is_ok())
        .unwrap()
        .join()
        .unwrap();
    assert!(result);
}

#[test]
fn link_parsing_never_panics_on_mutated_html() {
    let seed = env_u64("WEIBO_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let seeds = [
        r#"<a href="http://weibo.com/" rel="nofollow">微博 weibo.com</a>"#,
        "<A HREF=http://x.com/?a=1&amp;b=2>T &amp; J</A>",
        "web",
    ];
    for case in 0..20_000u64 {
        let mut rng = Rng::for_case(seed, case);
        let mut body = rng.pick(&seeds).as_bytes().to_vec();
        mutate(&mut rng, &mut body, Format::Xml);
        let html = String::from_utf8_lossy(&body).into_owned();
        let link = catch_unwind(|| weibo_api::Link::from_html(&html)).unwrap_or_else(|_| {
            panic!("Link::from_html panicked on {html:?} (case {case}, seed {seed})")
        });
        // Never lost: a source that is not a link is the text itself.
        if link.href.is_none() && !html.to_ascii_lowercase().contains("<a") {
            assert_eq!(link.text, html);
        }
    }
}
