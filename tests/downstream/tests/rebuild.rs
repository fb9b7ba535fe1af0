//! Cargo rebuilds a crate when the spec it generates from changes, and only then.
//!
//! `generate!` emits `include_bytes!` of the spec, so rustc lists the spec among the crate's
//! inputs (its dep-info) and cargo's freshness check covers it. This test proves that with a
//! real cargo: it writes a tiny downstream crate (spec reached through a directory symlink,
//! as weibo-api's is), checks it, edits the spec so that code using a generated function no
//! longer compiles, and checks again. It also reads weibo-api's own dep-info to see that its
//! spec is listed there.
//!
//! The crate lives at a fixed place below the target directory and uses the same target
//! directory as the workspace, so after the first run only the tiny crate is re-checked
//! (`cargo check`, no linking). A lock file keeps concurrent test runs apart.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Two endpoints; the tiny crate's code calls the generated `v2::things_count`.
const SPEC_WITH_COUNT: &str = "\
versions:
  v2: { base_url: https://api.weibo.com/2 }
extern_models:
  Status: \"::weibo_api::models::Status\"
models:
  Count:
    fields:
      total: { type: int64, required: true }
endpoints:
  - { name: things/show, version: v2, path: things/show, methods: [GET], response: Status }
  - { name: things/count, version: v2, path: things/count, methods: [GET], response: Count }
";

const LIB_RS: &str = "\
//! A probe crate written by weibo-downstream's rebuild test.
weibo_api::generate!(\"spec/tiny.yaml\");

/// Compiles only while the spec declares `things/count`.
pub fn probe() -> v2::ThingsCountBuilder {
    v2::things_count()
}
";

struct Probe {
    dir: PathBuf,
    target_dir: PathBuf,
    /// Where the spec is written: behind the `spec` symlink where there are symlinks.
    spec_file: PathBuf,
}

struct Check {
    ok: bool,
    stderr: String,
    /// `(package name, fresh, filenames)` of every compiler-artifact message.
    artifacts: Vec<(String, bool, Vec<String>)>,
}

impl Check {
    fn artifact(&self, name: &str) -> &(String, bool, Vec<String>) {
        self.artifacts
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("cargo reported no artifact for `{name}`:\n{}", self.stderr))
    }

    fn fresh(&self, name: &str) -> bool {
        self.artifact(name).1
    }
}

impl Probe {
    fn write_spec(&self, text: &str) {
        fs::write(&self.spec_file, text).expect("write the probe's spec");
    }

    fn check(&self) -> Check {
        let out = Command::new(env!("CARGO"))
            .args(["check", "--offline", "--message-format=json"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .output()
            .expect("run cargo");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut artifacts = Vec::new();
        let mut rendered = String::new();
        for line in stdout.lines() {
            let Ok(msg) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            match msg["reason"].as_str() {
                Some("compiler-artifact") => artifacts.push((
                    msg["target"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    msg["fresh"]
                        .as_bool()
                        .expect("`fresh` in compiler-artifact"),
                    msg["filenames"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f.as_str().map(str::to_string))
                        .collect(),
                )),
                Some("compiler-message") => {
                    rendered.push_str(msg["message"]["rendered"].as_str().unwrap_or_default())
                }
                _ => {}
            }
        }
        Check {
            ok: out.status.success(),
            stderr: format!("{rendered}{}", String::from_utf8_lossy(&out.stderr)),
            artifacts,
        }
    }
}

fn setup(workspace: &Path) -> Probe {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let target_dir = tmp
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp")
        .to_path_buf();
    let dir = tmp.join("rebuild-probe");
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("specs")).unwrap();
    let manifest = format!(
        "[package]\nname = \"rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nweibo-api = {{ path = {:?} }}\n\n[workspace]\n",
        workspace.join("weibo-api")
    );
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    fs::write(dir.join("src/lib.rs"), LIB_RS).unwrap();
    // The workspace's lock file: the same dependency versions, and no network needed.
    fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // `spec -> specs`, like `weibo-api/spec -> ../spec`.
    #[cfg(unix)]
    let spec_file = {
        if fs::symlink_metadata(dir.join("spec")).is_err() {
            std::os::unix::fs::symlink("specs", dir.join("spec")).unwrap();
        }
        dir.join("specs/tiny.yaml")
    };
    #[cfg(not(unix))]
    let spec_file = {
        fs::create_dir_all(dir.join("spec")).unwrap();
        dir.join("spec/tiny.yaml")
    };
    Probe {
        dir,
        target_dir,
        spec_file,
    }
}

#[test]
fn editing_a_spec_rebuilds_the_crate_that_generates_from_it_and_nothing_else() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    fs::create_dir_all(tmp).unwrap();
    let lock = fs::File::create(tmp.join("rebuild-probe.lock")).unwrap();
    lock.lock().expect("lock the probe directory");

    let probe = setup(&workspace);

    // 1. The spec declares `things/count`: the probe compiles.
    probe.write_spec(SPEC_WITH_COUNT);
    let first = probe.check();
    assert!(first.ok, "the probe should compile:\n{}", first.stderr);

    // 2. Nothing changed: nothing is re-checked (the tracked spec causes no spurious rebuild).
    let again = probe.check();
    assert!(again.ok, "{}", again.stderr);
    assert!(
        again.fresh("rebuild_probe"),
        "unchanged spec, yet cargo re-checked the probe"
    );
    assert!(again.fresh("weibo_api"));

    // 3. Remove `things/count` from the spec only: cargo must re-check the probe, and the
    //    generated code no longer has `things_count`.
    probe.write_spec(
        &SPEC_WITH_COUNT
            .lines()
            .filter(|l| !l.contains("things/count"))
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    let edited = probe.check();
    assert!(
        !edited.ok,
        "cargo did not rebuild the probe after its spec changed"
    );
    assert!(
        edited.stderr.contains("things_count"),
        "the error should be about the removed endpoint:\n{}",
        edited.stderr
    );
    assert!(
        edited.fresh("weibo_api"),
        "a downstream spec edit must not rebuild weibo-api"
    );

    // 4. Restore it: compiles again.
    probe.write_spec(SPEC_WITH_COUNT);
    let restored = probe.check();
    assert!(restored.ok, "{}", restored.stderr);
    assert!(!restored.fresh("rebuild_probe"));

    // weibo-api's own spec is an input of weibo-api, as rustc reported it: editing
    // spec/weibo.yaml (through the weibo-api/spec symlink) makes cargo rebuild weibo-api.
    let rmeta = restored
        .artifact("weibo_api")
        .2
        .iter()
        .find(|f| f.ends_with(".rmeta"))
        .expect("weibo-api's .rmeta");
    let stem = Path::new(rmeta).file_stem().unwrap().to_string_lossy();
    let dep_info = Path::new(rmeta)
        .with_file_name(format!("{}.d", stem.trim_start_matches("lib")))
        .to_path_buf();
    let listed = fs::read_to_string(&dep_info)
        .unwrap_or_else(|e| panic!("read {}: {e}", dep_info.display()));
    // Make-style dep-info: the first line is `<output>: <input> <input> …`, spaces escaped.
    let spec = workspace.join("weibo-api/spec/weibo.yaml");
    assert!(
        listed
            .lines()
            .next()
            .unwrap_or_default()
            .contains(&spec.display().to_string().replace(' ', "\\ ")),
        "{} does not list {}:\n{listed}",
        dep_info.display(),
        spec.display()
    );
}
