// Spec: tests/ui/specs/undefined-api-version.yaml. The endpoint uses version `v3`, which `versions:` does not define.

weibo_api::generate!("tests/ui/specs/undefined-api-version.yaml");

fn main() {}
