// Spec: tests/ui/specs/paging-without-its-parameter.yaml. `page` paging moves the `page`
// parameter, which the endpoint does not declare.

weibo_api::generate!("tests/ui/specs/paging-without-its-parameter.yaml");

fn main() {}
