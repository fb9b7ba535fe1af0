// Spec: tests/ui/specs/paging-max-id-without-required-id.yaml. `max_id` paging reads the last
// item's `id`, but `Status.id` is optional.

weibo_api::generate!("tests/ui/specs/paging-max-id-without-required-id.yaml");

fn main() {}
