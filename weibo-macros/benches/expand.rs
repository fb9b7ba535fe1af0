//! How long `generate!` spends in its own code: spec text → YAML → validation → tokens
//! (`expand::expand_text`), for `spec/weibo.yaml` and for a generated spec of 200 endpoints.
//!
//! Run with `cargo bench -p weibo-macros`.
//!
//! A proc-macro crate exports nothing but its macros, so this bench cannot call the macro's
//! internals as a library. Instead it compiles the macro's own source modules into the bench
//! (the `#[path]` declarations below mirror `src/lib.rs`): the code measured is the code the
//! macro runs, byte for byte, with `crate::` paths resolving the same way. Only `lib.rs` (the
//! `#[proc_macro]` entry, which reads the file and hands tokens to the compiler) is left out.
//!
//! What this does not include: outside a compiler, `proc_macro2` uses its pure-Rust token
//! types instead of the compiler's bridge, so token construction is somewhat cheaper here
//! than inside rustc; and it leaves out compiling the generated code, which dominates a
//! rebuild. See the README for the end-to-end rebuild time of weibo-api after a spec edit.

// The macro entry points (`expand::generate`, `input::parse`) and the diagnostics rendering
// are not exercised here (`dead_code`), and `cargo clippy --all-targets` checks benches with
// `cfg(test)` but without the `#[test]` functions, leaving their `use super::*` unused.
#[allow(dead_code, unused_imports)]
#[path = "../src/diag.rs"]
mod diag;
#[allow(dead_code, unused_imports)]
#[path = "../src/docs.rs"]
mod docs;
#[allow(dead_code, unused_imports)]
#[path = "../src/expand.rs"]
mod expand;
#[allow(dead_code, unused_imports)]
#[path = "../src/input.rs"]
mod input;
#[allow(dead_code, unused_imports)]
#[path = "../src/ir.rs"]
mod ir;
#[allow(dead_code, unused_imports)]
#[path = "../src/load.rs"]
mod load;
#[allow(dead_code, unused_imports)]
#[path = "../src/locate.rs"]
mod locate;
#[allow(dead_code, unused_imports)]
#[path = "../src/names.rs"]
mod names;
#[allow(dead_code, unused_imports)]
#[path = "../src/spec.rs"]
mod spec;
#[allow(dead_code, unused_imports)]
#[path = "../src/types.rs"]
mod types;
#[allow(dead_code, unused_imports)]
#[path = "../src/valid.rs"]
mod valid;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::fmt::Write as _;
use std::hint::black_box;

/// A spec of `n` endpoints shaped like Weibo's: two versions, a handful of models that refer
/// to each other, path / list / optional / credential parameters, en+zh descriptions and a
/// JSON example per endpoint (which the macro checks against the response model).
fn generated_spec(n: usize) -> String {
    let mut s = String::from(
        "versions:\n\
         \x20 v1:\n    base_url: http://api.t.sina.com.cn\n    auth: [basic, oauth2]\n    description: First generation.\n\
         \x20 v2:\n    base_url: https://api.weibo.com/2\n    auth: [oauth2]\n    description: Second generation.\n\
         models:\n\
         \x20 User:\n    description: { en: A user., zh: 用户 }\n    fields:\n\
         \x20     id: { type: int64, required: true, description: User ID. }\n\
         \x20     screen_name: { type: string, description: Display name. }\n\
         \x20     created_at: { type: datetime, description: Created. }\n\
         \x20     followers_count: { type: int64, description: Followers. }\n\
         \x20     verified: { type: bool, description: Verified. }\n\
         \x20     status: { type: Status, description: Latest status. }\n\
         \x20 Geo:\n    fields:\n      type: string\n      coordinates: list<float>\n\
         \x20 Status:\n    description: { en: A status., zh: 微博 }\n    fields:\n\
         \x20     id: { type: int64, required: true, description: Status ID. }\n\
         \x20     mid: { type: int64, description: Message ID. }\n\
         \x20     created_at: { type: datetime, description: Posted. }\n\
         \x20     text: { type: string, description: Text. }\n\
         \x20     favorited: { type: bool, description: Favourited. }\n\
         \x20     geo: { type: Geo, description: Where. }\n\
         \x20     user: { type: User, description: Author. }\n\
         \x20     reposts_count: { type: int64, description: Reposts. }\n\
         \x20 Result:\n    fields:\n      result: { type: bool, required: true }\n\
         endpoints:\n",
    );
    let status = r#"{"id": 11488058246, "mid": "5612814510546515491", "created_at": "Tue May 31 17:46:55 +0800 2011", "text": "求关注。", "favorited": false, "geo": null, "reposts_count": 8, "user": {"id": 1404376560, "screen_name": "zaku", "created_at": "Fri Aug 28 00:00:00 +0800 2009", "followers_count": 1204, "verified": false}}"#;
    for i in 0..n {
        let version = if i % 2 == 0 { "v1" } else { "v2" };
        let by_id = i % 3 == 0;
        let path = if by_id {
            format!("group{}/action{i}/:id", i % 10)
        } else {
            format!("group{}/action{i}", i % 10)
        };
        let methods = if i % 4 == 0 {
            "[GET]"
        } else {
            "[POST, DELETE]"
        };
        let (response, example) = match i % 3 {
            0 => ("Status".to_string(), status.to_string()),
            1 => ("list<Status>".to_string(), format!("[{status}, {status}]")),
            _ => ("Result".to_string(), r#"{"result": true}"#.to_string()),
        };
        write!(
            s,
            "  - name: group{g}/action{i}\n    version: {version}\n    path: {path}\n    formats: [json, xml]\n    methods: {methods}\n    login_required: true\n    rate_limited: true\n    description:\n      en: Endpoint number {i}, generated for the benchmark.\n      zh: 第{i}个接口\n    params:\n      - {{ name: source, type: string, credential: app_key, description: The AppKey. }}\n",
            g = i % 10
        )
        .unwrap();
        if by_id {
            s.push_str("      - { name: id, in: path, type: int64, required: true, description: { en: The ID., zh: ID } }\n");
        }
        s.push_str(
            "      - { name: ids, type: list<int64>, required: true, max_items: 20, description: Up to 20 IDs. }\n\
             \x20     - { name: count, type: int, description: Page size. }\n\
             \x20     - { name: page, type: int, description: Page number. }\n\
             \x20     - { name: trim_user, type: bool, description: Leave out the user. }\n",
        );
        writeln!(
            s,
            "    response: {response}\n    examples:\n      json: '{}'",
            example.replace('\'', "''")
        )
        .unwrap();
    }
    s
}

fn expansion(c: &mut Criterion) {
    let weibo_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/weibo.yaml");
    let weibo = std::fs::read_to_string(weibo_path).expect("spec/weibo.yaml is readable");
    let generated = generated_spec(200);

    let mut group = c.benchmark_group("expand_text");
    for (name, text) in [
        ("spec/weibo.yaml", &weibo),
        ("generated 200 endpoints", &generated),
    ] {
        // A spec that does not expand would time the error path; refuse to measure it.
        let tokens = match expand::expand_text(text, name) {
            Ok(tokens) => tokens,
            Err(diags) => panic!("{name} does not expand: {diags:?}"),
        };
        eprintln!(
            "{name}: {} bytes of YAML -> {} bytes of tokens",
            text.len(),
            tokens.to_string().len()
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        // 100 samples of the large spec would need ~11 s; 50 keep the default 5 s budget.
        group.sample_size(if text.len() > 100_000 { 50 } else { 100 });
        group.bench_function(name, |b| {
            b.iter(|| expand::expand_text(black_box(text), black_box(name)).is_ok())
        });
    }
    group.finish();

    // Where the time goes, for the large spec: YAML parsing, then validation (which also checks
    // every JSON example), then token emission = the total above minus these.
    let mut phases = c.benchmark_group("phases, generated 200 endpoints");
    phases.sample_size(50);
    phases.bench_function("load (YAML to raw spec)", |b| {
        b.iter(|| {
            let mut diags = diag::Diagnostics::default();
            load::parse(black_box(&generated), &mut diags)
        })
    });
    phases.bench_function("load + validate (raw spec to IR)", |b| {
        b.iter(|| {
            let mut diags = diag::Diagnostics::default();
            let raw = load::parse(black_box(&generated), &mut diags);
            valid::validate(raw, &generated, &mut diags).is_some()
        })
    });
    phases.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
