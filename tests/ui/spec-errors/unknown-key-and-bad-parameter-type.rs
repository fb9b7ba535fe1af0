// Spec: tests/ui/specs/unknown-key-and-bad-parameter-type.yaml. An unknown endpoint key
// (`pagination`) and, in the same endpoint, a parameter of the unknown type `int46`: both are
// reported by one build.

weibo_api::generate!("tests/ui/specs/unknown-key-and-bad-parameter-type.yaml");

fn main() {}
