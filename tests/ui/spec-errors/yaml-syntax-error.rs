// Spec: tests/ui/specs/yaml-syntax-error.yaml. A flow list that is never closed.

weibo_api::generate!("tests/ui/specs/yaml-syntax-error.yaml");

fn main() {}
