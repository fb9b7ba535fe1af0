// Spec: tests/ui/specs/paging-items-not-a-field.yaml. Paging `items: status` names no field of
// `StatusTimeline` (it is `statuses`).

weibo_api::generate!("tests/ui/specs/paging-items-not-a-field.yaml");

fn main() {}
