// Spec: tests/ui/specs/yaml-trap-in-model-field.yaml. An unquoted description with `, ` inside a
// model field written as `{ … }`: one error, "quote this text", and the field is still read (so
// the example's `id` is not reported a second time).

weibo_api::generate!("tests/ui/specs/yaml-trap-in-model-field.yaml");

fn main() {}
