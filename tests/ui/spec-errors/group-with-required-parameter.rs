// Spec: tests/ui/specs/group-with-required-parameter.yaml. `uid` is `required: true` and also in
// an `exactly_one_of` group.

weibo_api::generate!("tests/ui/specs/group-with-required-parameter.yaml");

fn main() {}
