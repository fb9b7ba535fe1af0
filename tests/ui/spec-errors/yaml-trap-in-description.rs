// Spec: tests/ui/specs/yaml-trap-in-description.yaml. An unquoted `description: { en: Foo, bar
// baz }`: YAML ends the text at `, ` and makes `bar baz` a key. One error, saying to quote the
// text.

weibo_api::generate!("tests/ui/specs/yaml-trap-in-description.yaml");

fn main() {}
