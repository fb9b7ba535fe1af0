// The spec file does not exist: a compile error naming it, not a panic.

weibo_api::generate!("tests/ui/specs/does-not-exist.yaml");

fn main() {}
