// Spec: tests/ui/specs/max-size-on-non-file.yaml. `max_size` on the `string` parameter `url`.

weibo_api::generate!("tests/ui/specs/max-size-on-non-file.yaml");

fn main() {}
