// Spec: tests/ui/specs/endpoint-without-path.yaml. The endpoint has no `path`.

weibo_api::generate!("tests/ui/specs/endpoint-without-path.yaml");

fn main() {}
