// Spec: tests/ui/specs/unknown-top-level-key.yaml. `modles` is a typo for `models`.

weibo_api::generate!("tests/ui/specs/unknown-top-level-key.yaml");

fn main() {}
