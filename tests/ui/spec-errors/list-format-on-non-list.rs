// Spec: tests/ui/specs/list-format-on-non-list.yaml. `list_format: repeat` on the `string`
// parameter `url_long`.

weibo_api::generate!("tests/ui/specs/list-format-on-non-list.yaml");

fn main() {}
