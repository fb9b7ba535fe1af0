// Spec: tests/ui/specs/yaml-trap-in-parameter.yaml. An unquoted description with `, ` inside a
// parameter written as `{ … }`.

weibo_api::generate!("tests/ui/specs/yaml-trap-in-parameter.yaml");

fn main() {}
