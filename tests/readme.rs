//! The README's code is the crate's contract with a new user: every ```` ```rust ```` block of
//! `README.md` is compiled, with warnings denied, by rustdoc as a doctest of this package
//! (`src/lib.rs` includes the README under `cfg(doctest)`), and run unless marked `no_run`.
//! These tests hold the rules that rustdoc cannot: which blocks may skip running or compiling,
//! and that the README's example spec and its `ignore`d test block are real files that
//! compile and run.

use std::path::Path;

/// A fenced block: its info string (`rust,no_run`, `toml`, …), its text without the fence's
/// indentation, and the line it starts on.
#[derive(Debug)]
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let trimmed = line.trim_start();
        let Some(info) = trimmed.strip_prefix("```") else {
            continue;
        };
        let indent = line.len() - trimmed.len();
        let mut text = String::new();
        for (_, line) in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            let stripped = if line.len() >= indent && line[..indent].trim().is_empty() {
                &line[indent..]
            } else {
                line.trim_start()
            };
            text.push_str(stripped);
            text.push('\n');
        }
        blocks.push(Block {
            info: info.trim().to_string(),
            text,
            line: number + 1,
        });
    }
    blocks
}

fn readme() -> Vec<Block> {
    blocks(&read("README.md"))
}

fn rust(blocks: &[Block]) -> Vec<&Block> {
    blocks
        .iter()
        .filter(|b| b.info.split(',').next() == Some("rust"))
        .collect()
}

#[test]
fn the_readme_is_compiled_as_doctests() {
    let lib = read("src/lib.rs");
    assert!(
        lib.contains("#[cfg(doctest)]\n#[doc = include_str!(\"../README.md\")]"),
        "src/lib.rs must include the README as doctests"
    );
    assert!(
        lib.contains("#![doc(test(attr(deny(warnings))))]"),
        "the README's code must compile without warnings"
    );
}

#[test]
fn every_rust_block_compiles_and_runs_unless_it_would_talk_to_weibo() {
    let blocks = readme();
    let rust = rust(&blocks);
    let attributes = |b: &Block| {
        b.info
            .split(',')
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (mut run, mut no_run, mut ignored) = (0, 0, 0);
    for block in &rust {
        match attributes(block).iter().map(String::as_str).collect::<Vec<_>>()[..] {
            [] => run += 1,
            ["no_run"] => {
                // Only a block that would reach Weibo may skip running; one that uses the
                // mock server runs.
                assert!(
                    !block.text.contains("MockServer") && !block.text.contains("api_root("),
                    "README line {}: a block on the mock server must run: {}",
                    block.line,
                    block.text
                );
                no_run += 1;
            }
            ["ignore"] => ignored += 1,
            ref other => panic!(
                "README line {}: ```{}: only `no_run` (talks to Weibo) or the one `ignore` is allowed, not {other:?}",
                block.line, block.info
            ),
        }
    }
    // The counts are deliberate: a new block is compiled and run unless it must talk to Weibo.
    assert_eq!((run, no_run, ignored), (9, 3, 1), "{rust:#?}");
    // Not Rust, so not compiled: shell commands, manifests, specs and compiler output only.
    for block in &blocks {
        let kind = block.info.split(',').next().unwrap_or_default();
        assert!(
            ["rust", "sh", "toml", "yaml", "text"].contains(&kind),
            "README line {}: a block needs a language (```rust is compiled): {:?}",
            block.line,
            block.info
        );
    }
}

#[test]
fn the_ignored_block_is_a_test_that_runs_word_for_word() {
    let blocks = readme();
    let ignored: Vec<&Block> = rust(&blocks)
        .into_iter()
        .filter(|b| b.info == "rust,ignore")
        .collect();
    assert_eq!(ignored.len(), 1);
    let test = read("tests/readme_extending.rs");
    assert!(
        test.ends_with(&ignored[0].text),
        "tests/readme_extending.rs must end with README line {}'s block, word for word:\n{}",
        ignored[0].line,
        ignored[0].text
    );
}

#[test]
fn the_example_spec_is_the_readme_spec() {
    let blocks = readme();
    let spec: Vec<&Block> = blocks
        .iter()
        .filter(|b| {
            b.info == "yaml"
                && b.text.contains("extern_models:")
                && b.text.contains("StatusTimeline")
        })
        .collect();
    assert_eq!(spec.len(), 1, "the Extending section's example spec");
    assert_eq!(spec[0].text, read("spec/my-endpoints.yaml"));
}

#[test]
fn sections_that_need_features_say_so() {
    let blocks = readme();
    let manifests: Vec<&str> = blocks
        .iter()
        .filter(|b| b.info == "toml")
        .map(|b| b.text.as_str())
        .collect();
    for manifest in &manifests {
        if manifest.contains("weibo-api") {
            assert!(
                manifest.contains("weibo-api = { git = \"https://github.com/weibo-api/weibo-api\""),
                "not on crates.io yet: a git dependency, as written: {manifest}"
            );
        }
    }
    let wants = |feature: &str| {
        manifests
            .iter()
            .any(|m| m.contains(&format!("\"{feature}\"")) && m.contains("features = ["))
    };
    assert!(wants("mock") && wants("blocking"), "{manifests:#?}");
}

#[test]
fn the_block_parser_reads_indented_fences() {
    let parsed = blocks(
        "a\n\n   ```rust,no_run\n   # hidden\n   let x = 1;\n   ```\n\n```toml\nk = 1\n```\n",
    );
    let summary: Vec<(&str, &str, usize)> = parsed
        .iter()
        .map(|b| (b.info.as_str(), b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        summary,
        [
            ("rust,no_run", "# hidden\nlet x = 1;\n", 3),
            ("toml", "k = 1\n", 8)
        ]
    );
}
