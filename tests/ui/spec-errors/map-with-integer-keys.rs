// Spec: tests/ui/specs/map-with-integer-keys.yaml. A `map<int, Trend>` field: JSON object keys
// are text.

weibo_api::generate!("tests/ui/specs/map-with-integer-keys.yaml");

fn main() {}
