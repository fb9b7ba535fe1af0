// Spec: tests/ui/specs/path-placeholder-without-parameter.yaml. The path has a `:id` placeholder but no parameter fills it.

weibo_api::generate!("tests/ui/specs/path-placeholder-without-parameter.yaml");

fn main() {}
