// Spec: tests/ui/specs/duplicate-endpoint.yaml. `statuses/show` is defined twice in version `v2`.

weibo_api::generate!("tests/ui/specs/duplicate-endpoint.yaml");

fn main() {}
