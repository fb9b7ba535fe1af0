// Spec: tests/ui/specs/paging-unknown-style.yaml. `paging: { style: offset }` is not a paging
// style.

weibo_api::generate!("tests/ui/specs/paging-unknown-style.yaml");

fn main() {}
