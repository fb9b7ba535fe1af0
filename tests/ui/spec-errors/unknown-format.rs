// Spec: tests/ui/specs/unknown-format.yaml. `jsno` is not a response format.

weibo_api::generate!("tests/ui/specs/unknown-format.yaml");

fn main() {}
