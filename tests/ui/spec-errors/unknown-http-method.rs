// Spec: tests/ui/specs/unknown-http-method.yaml. `PUST` is not an HTTP method.

weibo_api::generate!("tests/ui/specs/unknown-http-method.yaml");

fn main() {}
