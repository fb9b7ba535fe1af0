// Spec: tests/ui/specs/example-does-not-match-type.yaml. The example's `id` is not a number, and `text` is not a declared field of `Status`.

weibo_api::generate!("tests/ui/specs/example-does-not-match-type.yaml");

fn main() {}
