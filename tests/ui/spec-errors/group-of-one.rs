// Spec: tests/ui/specs/group-of-one.yaml. An `exactly_one_of` group with one parameter.

weibo_api::generate!("tests/ui/specs/group-of-one.yaml");

fn main() {}
