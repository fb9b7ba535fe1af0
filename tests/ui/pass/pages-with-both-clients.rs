// `.pages(&client)` is a `Stream` of items with the async client and an `Iterator` with the
// blocking one, for page, cursor and list responses. Nothing is sent until items are wanted.

use weibo_api::models::{Status, Tag, User};
use weibo_api::paging::ItemStream;
use weibo_api::{blocking, v2, Result};

fn iterator_of<T>(_: impl Iterator<Item = Result<T>>) {}

// `ItemStream<T>` implements `futures_core::Stream<Item = Result<T>>`.
#[allow(dead_code)]
fn with_async(client: &weibo_api::Client) {
    let _: ItemStream<Status> = v2::statuses_home_timeline().count(50).pages(client);
    let _: ItemStream<User> = v2::friendships_friends().uid(1404376560).pages(client);
    let _: ItemStream<Tag> = v2::tags().uid(1404376560).pages(client);
}

fn main() {
    let client = blocking::Client::builder()
        .access_token("t")
        .build_blocking()
        .unwrap();
    iterator_of::<Status>(v2::statuses_home_timeline().count(50).pages(&client));
    iterator_of::<User>(v2::friendships_friends().screen_name("zaku").pages(&client));
    let first_two: blocking::ItemIter<_> = v2::tags().uid(1404376560).pages(&client);
    let _capped = first_two.take(2);
}
