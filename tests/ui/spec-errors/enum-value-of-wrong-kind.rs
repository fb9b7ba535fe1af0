// Spec: tests/ui/specs/enum-value-of-wrong-kind.yaml. The `int` enum `Feature` lists the value
// `original`, which is text.

weibo_api::generate!("tests/ui/specs/enum-value-of-wrong-kind.yaml");

fn main() {}
