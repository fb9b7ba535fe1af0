// Spec: tests/ui/specs/paging-items-not-a-list.yaml. Paging `items: total_number` names a number,
// not the list of items.

weibo_api::generate!("tests/ui/specs/paging-items-not-a-list.yaml");

fn main() {}
