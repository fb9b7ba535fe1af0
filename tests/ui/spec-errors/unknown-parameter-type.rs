// Spec: tests/ui/specs/unknown-parameter-type.yaml. `int46` is not a type.

weibo_api::generate!("tests/ui/specs/unknown-parameter-type.yaml");

fn main() {}
