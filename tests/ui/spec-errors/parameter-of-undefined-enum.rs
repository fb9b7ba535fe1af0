// Spec: tests/ui/specs/parameter-of-undefined-enum.yaml. The parameter `feature` has the type
// `Featur`, a typo of the enum `Feature`.

weibo_api::generate!("tests/ui/specs/parameter-of-undefined-enum.yaml");

fn main() {}
