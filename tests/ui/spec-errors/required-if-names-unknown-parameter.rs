// Spec: tests/ui/specs/required-if-names-unknown-parameter.yaml. `list_id` is `required_if: {
// visibel: 3 }`, a typo of `visible`.

weibo_api::generate!("tests/ui/specs/required-if-names-unknown-parameter.yaml");

fn main() {}
