// Spec: tests/ui/specs/unknown-endpoint-key.yaml. `method` is a typo for `methods`.

weibo_api::generate!("tests/ui/specs/unknown-endpoint-key.yaml");

fn main() {}
