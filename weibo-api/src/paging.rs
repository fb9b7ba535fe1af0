//! Paging through an endpoint's results: a spec endpoint with `paging:` gets a `pages` method
//! that yields every item, page after page, as a `futures::Stream` (async [`Client`]) or an
//! `Iterator` (blocking client), the way octocrab's `into_stream` works.
//!
//! ```no_run
//! # async fn run(client: &weibo_api::Client) -> weibo_api::Result<()> {
//! use futures_util::StreamExt;
//! let mut statuses = weibo_api::v2::statuses_home_timeline().count(50).pages(client).take(120);
//! while let Some(status) = statuses.next().await {
//!     println!("{}", status?.id);
//! }
//! # Ok(()) }
//! ```

use crate::{Client, IntoRequest, Request, Result};
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// How an endpoint pages, as its document describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `page` = 1, 2, 3, … (with `count` per page).
    Page,
    /// `max_id` = the last item's id − 1 (newest first).
    MaxId,
    /// `cursor` = the previous response's `next_cursor`; `0` ends.
    Cursor,
}

impl Style {
    /// The request parameter the style moves.
    pub fn parameter(self) -> &'static str {
        match self {
            Style::Page => "page",
            Style::MaxId => "max_id",
            Style::Cursor => "cursor",
        }
    }
}

/// One page of a response: its items and where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The response's `next_cursor`, where it has one.
    pub next_cursor: Option<i64>,
    /// The response's `total_number`, where it has one.
    pub total_number: Option<i64>,
}

/// A request that pages; implemented by the builders of endpoints with `paging:` in the spec.
pub trait Paginated:
    IntoRequest<Response: DeserializeOwned + Send + 'static> + Sized + 'static
{
    /// One item (a status, a comment, a user).
    type Item: Send + 'static;
    /// How the endpoint pages.
    const STYLE: Style;
    /// The items and cursors of one response.
    fn page(response: Self::Response) -> Page<Self::Item>;
    /// An item's id, for `max_id` paging.
    fn item_id(_item: &Self::Item) -> Option<i64> {
        None
    }
}

/// A client that can page: the async [`Client`] gives a [`Stream`](ItemStream), the blocking
/// client an [`Iterator`].
pub trait PageSource {
    /// What [`pages`](Self::pages) returns.
    type Pages<P: Paginated>;
    /// Every item of `request`, page after page.
    fn pages<P: Paginated>(&self, request: P) -> Self::Pages<P>;
}

/// The paging state both clients share: the next request, and what the last page said.
pub(crate) struct Pager<P: Paginated> {
    next: Option<Result<Request<P::Response>>>,
    buffer: VecDeque<P::Item>,
    fetched: i64,
    page: i64,
    /// The last `max_id` sent; the next must be below it.
    max_id: Option<i64>,
    /// Every `cursor` sent; one seen before ends paging.
    cursors: Vec<i64>,
}

impl<P: Paginated> Pager<P> {
    pub(crate) fn new(request: P) -> Self {
        let next = request.into_request();
        let page = next
            .as_ref()
            .ok()
            .and_then(|r| r.params().get("page"))
            .and_then(|v| v.to_wire().parse().ok())
            .unwrap_or(1);
        Pager {
            next: Some(next),
            buffer: VecDeque::new(),
            fetched: 0,
            page,
            max_id: None,
            cursors: Vec::new(),
        }
    }

    /// A buffered item, if there is one.
    pub(crate) fn buffered(&mut self) -> Option<P::Item> {
        self.buffer.pop_front()
    }

    /// The request for the next page, or `None` when paging is over. An error ends paging.
    pub(crate) fn take_request(&mut self) -> Option<Result<Request<P::Response>>> {
        self.next.take()
    }

    /// Takes in a page: buffers its items and prepares the following request, unless this
    /// was the last page: empty, `total_number` reached, a `max_id` that does not go down, or
    /// a `cursor` already followed (a server that repeats itself cannot keep a caller looping).
    pub(crate) fn accept(&mut self, mut sent: Request<P::Response>, response: P::Response) {
        let page = P::page(response);
        let count = page.items.len() as i64;
        let last_id = page.items.last().and_then(P::item_id);
        self.buffer.extend(page.items);
        self.fetched = self.fetched.saturating_add(count);
        if count == 0 || page.total_number.is_some_and(|total| self.fetched >= total) {
            return;
        }
        let next = match P::STYLE {
            Style::Page => {
                self.page = self.page.saturating_add(1);
                Some(self.page)
            }
            Style::MaxId => last_id.map(|id| id.saturating_sub(1)),
            Style::Cursor => page.next_cursor.filter(|c| *c != 0),
        };
        let Some(next) = next else { return };
        match P::STYLE {
            Style::Page => {}
            Style::MaxId => {
                if self.max_id.is_some_and(|previous| next >= previous) {
                    return;
                }
                self.max_id = Some(next);
            }
            Style::Cursor => {
                if self.cursors.contains(&next) {
                    return;
                }
                self.cursors.push(next);
            }
        }
        sent.set_param(P::STYLE.parameter(), next);
        self.next = Some(Ok(sent));
    }
}

/// Every item of a paging request, as a `futures::Stream` (from the async [`Client`]).
pub struct ItemStream<T> {
    inner: Pin<Box<dyn futures_core::Stream<Item = Result<T>> + Send>>,
}

impl<T> fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ItemStream")
    }
}

impl<T> futures_core::Stream for ItemStream<T> {
    type Item = Result<T>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl PageSource for Client {
    type Pages<P: Paginated> = ItemStream<P::Item>;

    fn pages<P: Paginated>(&self, request: P) -> ItemStream<P::Item> {
        let state = (self.clone(), Pager::<P>::new(request));
        let stream = futures_util::stream::unfold(state, |(client, mut pager)| async move {
            loop {
                if let Some(item) = pager.buffered() {
                    return Some((Ok(item), (client, pager)));
                }
                let request = match pager.take_request()? {
                    Ok(request) => request,
                    Err(e) => return Some((Err(e), (client, pager))),
                };
                match client.send(request.clone()).await {
                    Ok(response) => pager.accept(request, response),
                    Err(e) => return Some((Err(e), (client, pager))),
                }
            }
        });
        ItemStream {
            inner: Box::pin(stream),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{Endpoint, Param, ParamKind};
    use crate::{CallOptions, Format, Method, Params};

    static TIMELINE: Endpoint = Endpoint {
        name: "test/timeline",
        version: &crate::v2::VERSION,
        path: "test/timeline",
        base_url: None,
        formats: &[Format::Json],
        format_suffix: true,
        methods: &[Method::Get],
        login_required: None,
        rate_limited: None,
        idempotent: true,
        params: &[
            Param::new("page", ParamKind::Int),
            Param::new("max_id", ParamKind::Int64),
            Param::new("cursor", ParamKind::Int64),
        ],
        groups: &[],
        paging: None,
        response: "Items",
        example_json: None,
        example_xml: None,
        minimal_json: None,
        check_response: crate::meta::check_response::<serde_json::Value>,
    };

    /// A request paging in `S` style over items that are their own ids.
    struct Ids<const S: u8>(Params);

    impl<const S: u8> IntoRequest for Ids<S> {
        type Response = Page<i64>;
        fn into_request(self) -> Result<Request<Page<i64>>> {
            Request::new(&TIMELINE, self.0, CallOptions::new())
        }
    }

    impl<'de> serde::Deserialize<'de> for Page<i64> {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> std::result::Result<Self, D::Error> {
            Err(serde::de::Error::custom("not decoded in these tests"))
        }
    }

    impl<const S: u8> Paginated for Ids<S> {
        type Item = i64;
        const STYLE: Style = match S {
            0 => Style::Page,
            1 => Style::MaxId,
            _ => Style::Cursor,
        };
        fn page(response: Page<i64>) -> Page<i64> {
            response
        }
        fn item_id(item: &i64) -> Option<i64> {
            Some(*item)
        }
    }

    fn page(items: &[i64], next_cursor: Option<i64>, total_number: Option<i64>) -> Page<i64> {
        Page {
            items: items.to_vec(),
            next_cursor,
            total_number,
        }
    }

    /// Feeds `pages` to a pager; returns the cursor parameter of each request it made and the
    /// items it yielded.
    fn run<const S: u8>(start: Params, pages: Vec<Page<i64>>) -> (Vec<Option<String>>, Vec<i64>) {
        let mut pager = Pager::new(Ids::<S>(start));
        let (mut sent, mut items) = (Vec::new(), Vec::new());
        for response in pages {
            let Some(request) = pager.take_request() else {
                break;
            };
            let request = request.expect("a valid request");
            let parameter = Ids::<S>::STYLE.parameter();
            sent.push(request.params().get(parameter).map(|v| v.to_wire()));
            pager.accept(request, response);
            while let Some(item) = pager.buffered() {
                items.push(item);
            }
        }
        assert!(pager.take_request().is_none(), "paging should be over");
        (sent, items)
    }

    #[test]
    fn page_style_counts_pages_and_stops_at_an_empty_page_or_the_total() {
        let (sent, items) = run::<0>(
            Params::default(),
            vec![
                page(&[1, 2], None, None),
                page(&[3], None, None),
                page(&[], None, None),
            ],
        );
        assert_eq!(sent, [None, Some("2".into()), Some("3".into())]);
        assert_eq!(items, [1, 2, 3]);
        let mut start = Params::default();
        start.push("page", 4);
        let (sent, items) = run::<0>(
            start,
            vec![page(&[7, 8], None, Some(3)), page(&[9], None, Some(3))],
        );
        assert_eq!(sent, [Some("4".into()), Some("5".into())]);
        assert_eq!(items, [7, 8, 9], "stops once total_number items came");
    }

    #[test]
    fn max_id_style_moves_below_the_last_item_and_stops_when_it_does_not_move() {
        let first = page(&[30, 20], None, None);
        let (sent, items) = run::<1>(
            Params::default(),
            vec![
                first.clone(),
                page(&[19, 10], None, None),
                first.clone(),
                first,
            ],
        );
        assert_eq!(sent, [None, Some("19".into()), Some("9".into())]);
        assert_eq!(
            items,
            [30, 20, 19, 10, 30, 20],
            "a server going back up cannot loop forever"
        );
    }

    #[test]
    fn cursor_style_follows_next_cursor_until_zero_or_a_repeat() {
        let (sent, items) = run::<2>(
            Params::default(),
            vec![page(&[1], Some(5), None), page(&[2], Some(0), None)],
        );
        assert_eq!(sent, [None, Some("5".into())]);
        assert_eq!(items, [1, 2]);
        let (sent, _) = run::<2>(
            Params::default(),
            vec![
                page(&[1], Some(5), None),
                page(&[2], Some(7), None),
                page(&[3], Some(5), None),
            ],
        );
        assert_eq!(
            sent,
            [None, Some("5".into()), Some("7".into())],
            "a cursor seen before ends paging"
        );
    }
}
