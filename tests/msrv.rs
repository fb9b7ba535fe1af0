//! The declared MSRV holds for what the publishable crates pull in: every dependency a user
//! compiles with them (normal and build dependencies, every feature, every platform) declares a
//! `rust-version` no newer than ours. Read from `cargo metadata` over the workspace's lock file;
//! a CI without other toolchains cannot build with 1.85 itself, so this is the check.
//!
//! When it fails, hold the dependency back (`cargo update -p NAME --precise OLDER`, and a
//! requirement in the manifest if a user resolving afresh would get the newer one), or raise
//! `rust-version` in the workspace manifest and say so in the changelog.
//!
//! `cargo metadata` errs on the strict side: its graph also holds optional dependencies that
//! a weak feature (`dep?/feature`) names, e.g. reqwest's `quinn`, which a build would not
//! compile.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::process::Command;

/// `1.85`, `1.85.0` → `(1, 85, 0)`.
fn parse_version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|_| panic!("rust-version {text:?}"))
    });
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

fn metadata() -> Value {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn no_dependency_of_a_publishable_crate_needs_a_newer_rust_than_declared() {
    let metadata = metadata();
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    // `publish = false` is `[]` in the metadata; publishable crates have `null` or registries.
    let publishable: Vec<&str> = members
        .iter()
        .copied()
        .filter(|id| {
            packages[id]["publish"]
                .as_array()
                .is_none_or(|r| !r.is_empty())
        })
        .collect();
    let names: BTreeSet<&str> = publishable
        .iter()
        .map(|id| packages[id]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains("weibo-api") && names.contains("weibo-macros"),
        "publishable crates: {names:?}"
    );

    // The MSRV is the lowest any publishable crate declares (they share the workspace's).
    let msrv_text = publishable
        .iter()
        .map(|id| {
            packages[id]["rust_version"]
                .as_str()
                .unwrap_or_else(|| panic!("{id} declares no rust-version"))
        })
        .min_by_key(|v| parse_version(v))
        .unwrap();
    let msrv = parse_version(msrv_text);

    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();

    // Breadth-first from the publishable crates over normal and build edges, remembering who
    // pulled each package in, so a failure can show the path.
    let mut parent: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    let mut queue: VecDeque<&str> = VecDeque::new();
    for id in &publishable {
        parent.insert(id, None);
        queue.push_back(id);
    }
    while let Some(id) = queue.pop_front() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let not_dev = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].as_str() != Some("dev"));
            let pkg = dep["pkg"].as_str().unwrap();
            if not_dev && !parent.contains_key(pkg) {
                parent.insert(pkg, Some(id));
                queue.push_back(pkg);
            }
        }
    }
    assert!(
        parent.len() > 50,
        "only {} packages reached: is the graph read right?",
        parent.len()
    );

    let label = |id: &str| {
        let p = packages[id];
        format!(
            "{} {}",
            p["name"].as_str().unwrap(),
            p["version"].as_str().unwrap()
        )
    };
    let too_new: Vec<String> = parent
        .keys()
        .filter_map(|id| {
            let needs = packages[id]["rust_version"].as_str()?;
            if parse_version(needs) <= msrv {
                return None;
            }
            let mut chain = vec![label(id)];
            let mut at = parent[id];
            while let Some(up) = at {
                chain.push(label(up));
                at = parent[up];
            }
            Some(format!(
                "{} needs Rust {needs} (via {})",
                label(id),
                chain[1..].join(" ← ")
            ))
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "rust-version is {msrv_text}, but these dependencies of the publishable crates need a \
         newer Rust:\n  {}",
        too_new.join("\n  ")
    );
}

#[test]
fn versions_compare_numerically() {
    assert!(parse_version("1.9") < parse_version("1.85"));
    assert!(parse_version("1.85") == parse_version("1.85.0"));
    assert!(parse_version("1.85.1") > parse_version("1.85"));
}
