// A string enum (`emotions` `type`) takes the enum, not its wire text.

fn main() {
    let _ = weibo_api::v2::emotions().r#type("face");
}
