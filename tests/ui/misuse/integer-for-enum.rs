// The setter of an enum parameter takes the enum, not its wire number.

fn main() {
    let _ = weibo_api::v2::statuses_home_timeline().feature(1);
}
