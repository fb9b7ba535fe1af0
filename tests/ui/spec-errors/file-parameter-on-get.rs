// Spec: tests/ui/specs/file-parameter-on-get.yaml. A `file` parameter on an endpoint whose only
// method is GET.

weibo_api::generate!("tests/ui/specs/file-parameter-on-get.yaml");

fn main() {}
