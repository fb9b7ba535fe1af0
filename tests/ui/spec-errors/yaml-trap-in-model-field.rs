// Spec: tests/ui/specs/yaml-trap-in-model-field.yaml. An unquoted description with `, ` inside a
// model field written as `{ … }`.

weibo_api::generate!("tests/ui/specs/yaml-trap-in-model-field.yaml");

fn main() {}
