// Spec: tests/ui/specs/flatten-on-non-map.yaml. `flatten: true` on a `string` field: only a
// `map<string, T>` can take the undeclared members.

weibo_api::generate!("tests/ui/specs/flatten-on-non-map.yaml");

fn main() {}
