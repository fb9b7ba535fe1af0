// Spec: tests/ui/specs/unknown-response-type.yaml. `status` (lower case) is neither a model nor a type.

weibo_api::generate!("tests/ui/specs/unknown-response-type.yaml");

fn main() {}
