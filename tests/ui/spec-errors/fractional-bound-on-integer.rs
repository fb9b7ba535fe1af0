// Spec: tests/ui/specs/fractional-bound-on-integer.yaml. `max: 90.5` on the `int` parameter
// `count`: integers have whole bounds.

weibo_api::generate!("tests/ui/specs/fractional-bound-on-integer.yaml");

fn main() {}
