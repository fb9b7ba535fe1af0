// Spec: tests/ui/specs/bad-field-type-reported-once.yaml. The field `text` has the unknown type
// `strnig`; the example's `text` is not reported again as "not a field of model".

weibo_api::generate!("tests/ui/specs/bad-field-type-reported-once.yaml");

fn main() {}
