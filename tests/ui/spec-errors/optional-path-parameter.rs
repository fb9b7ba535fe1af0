// Spec: tests/ui/specs/optional-path-parameter.yaml. A path parameter cannot be optional: the URL would have a hole.

weibo_api::generate!("tests/ui/specs/optional-path-parameter.yaml");

fn main() {}
