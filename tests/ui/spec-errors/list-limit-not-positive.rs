// Spec: tests/ui/specs/list-limit-not-positive.yaml. `max_items: 0` allows no items at all.

weibo_api::generate!("tests/ui/specs/list-limit-not-positive.yaml");

fn main() {}
