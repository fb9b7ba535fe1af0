// Spec: tests/ui/specs/enum-duplicate-value.yaml. The value `1` of `Feature` is listed twice,
// under two names.

weibo_api::generate!("tests/ui/specs/enum-duplicate-value.yaml");

fn main() {}
