// Spec: tests/ui/specs/duplicate-parameter.yaml. The parameter `id` is listed twice.

weibo_api::generate!("tests/ui/specs/duplicate-parameter.yaml");

fn main() {}
