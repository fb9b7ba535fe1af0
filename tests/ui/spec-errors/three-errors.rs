// Spec: tests/ui/specs/three-errors.yaml. Three independent problems (an unknown version, an
// unknown parameter type, an unknown HTTP method), all reported by one build.

weibo_api::generate!("tests/ui/specs/three-errors.yaml");

fn main() {}
