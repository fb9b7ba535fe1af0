// Spec: tests/ui/specs/enum-unknown-type.yaml. `Feature` is declared `type: float`; enums are
// `int` or `string`.

weibo_api::generate!("tests/ui/specs/enum-unknown-type.yaml");

fn main() {}
