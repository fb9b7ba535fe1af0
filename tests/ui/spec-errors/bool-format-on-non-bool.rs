// Spec: tests/ui/specs/bool-format-on-non-bool.yaml. `bool_format: word` on the `int` parameter
// `count`.

weibo_api::generate!("tests/ui/specs/bool-format-on-non-bool.yaml");

fn main() {}
