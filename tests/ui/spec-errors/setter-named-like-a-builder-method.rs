// Spec: tests/ui/specs/setter-named-like-a-builder-method.yaml. The parameter `format` would
// become a setter named like the builder's own `format`.

weibo_api::generate!("tests/ui/specs/setter-named-like-a-builder-method.yaml");

fn main() {}
