// Spec: tests/ui/specs/group-names-unknown-parameter.yaml. `exactly_one_of` names `screen_nam`, a
// typo of the parameter `screen_name`.

weibo_api::generate!("tests/ui/specs/group-names-unknown-parameter.yaml");

fn main() {}
