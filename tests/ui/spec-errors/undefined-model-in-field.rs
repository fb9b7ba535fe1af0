// Spec: tests/ui/specs/undefined-model-in-field.yaml. The field `user` refers to a model `Usr` that is not defined.

weibo_api::generate!("tests/ui/specs/undefined-model-in-field.yaml");

fn main() {}
