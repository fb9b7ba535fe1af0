// Spec: tests/ui/specs/paging-cursor-without-next-cursor.yaml. `cursor` paging reads
// `next_cursor`, which `StatusTimeline` does not declare.

weibo_api::generate!("tests/ui/specs/paging-cursor-without-next-cursor.yaml");

fn main() {}
