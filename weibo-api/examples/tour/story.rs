//! The application's story: sign-in, the home timeline, posting, commenting, reposting,
//! unfavouriting, unread counts and cleaning up, through the generated builders.

use crate::report::{
    label, last_request, masked, recorded_url, requests_since, requests_to, section, Tour,
};
use crate::{
    Fallible, APP_KEY, CAPTION, CAT_PNG, COMMENT, EXAMPLE_UID, LABEL, PAGE_SIZE, POST,
    REDIRECT_URI, REPOST, USER_IP,
};
use futures_util::StreamExt;
use url::Url;
use weibo_api::mock::MockServer;
use weibo_api::models::Status;
use weibo_api::{v1, v2, AuthorizeUrl, Client, Upload};

/// The application's story, after sign-in; the user's id. `mock` is there when the server is
/// the embedded mock, whose records show what arrived.
pub(crate) async fn story(tour: &mut Tour, user: &Client, mock: Option<&MockServer>) -> i64 {
    let uid = tour
        .call(user, v2::account_get_uid(), |u| {
            format!("signed in as uid {}", u.uid)
        })
        .await
        .and_then(|r| r.value.uid.parse().ok())
        .unwrap_or(EXAMPLE_UID);

    section("Reading: the home timeline, two pages through the paging stream");
    let timeline = home_timeline(tour, user, mock).await;

    section("Writing: a status, a picture, a comment, a repost");
    // Weibo answers with the new status. The mock's minimal body (the document shows no
    // example) has id 0: there, and only there, the story goes on with the timeline's status.
    let stand_in = if tour.mock { timeline } else { None };
    let posted = tour
        .call(
            user,
            v2::statuses_update().status(POST).rip(USER_IP),
            |s| match stand_in {
                Some(other) if s.id < 1 => format!(
                    "posted {POST:?}; no status id in the answer, the story goes on with the timeline's status {other}"
                ),
                _ => format!("posted {POST:?}: status {} by {}", s.id, author(s)),
            },
        )
        .await;
    tour.check_received(mock, "status", POST);
    let status_id = tour.posted_id(posted).or(stand_in);

    let cat = Upload::new(CAT_PNG, "cat.png", "image/png");
    let picture = tour
        .call(
            user,
            v2::statuses_upload().status(CAPTION).pic(cat).rip(USER_IP),
            |s| {
                format!(
                    "cat.png ({} bytes, image/png, multipart): status {}, picture {}",
                    CAT_PNG.len(),
                    s.id,
                    s.original_pic.as_deref().unwrap_or("?")
                )
            },
        )
        .await;
    if let Some(server) = mock {
        let received = last_request(server).and_then(|r| {
            r.files()
                .iter()
                .find(|f| f.name() == "pic")
                .map(|f| f.file_name() == Some("cat.png") && f.bytes() == CAT_PNG)
        });
        if received != Some(true) {
            tour.unexpected("the mock did not receive cat.png byte for byte as part `pic`");
        }
    }
    tour.check_received(mock, "status", CAPTION);
    let picture_id = tour.posted_id(picture);

    let Some(status_id) = status_id else {
        tour.unexpected("the post has no status id: no comment, repost, unfavourite or delete");
        return uid;
    };
    tour.call(
        user,
        v2::comments_create()
            .comment(COMMENT)
            .id(status_id)
            .rip(USER_IP),
        |c| {
            format!(
                "comment {} {COMMENT:?} on status {}",
                c.id,
                c.status.as_ref().map_or(status_id, |s| s.id)
            )
        },
    )
    .await;
    tour.check_received(mock, "comment", COMMENT);
    tour.not_in_spec(
        "v2",
        "comments/reply",
        "the reply to that comment is not sent",
    );
    let repost = tour
        .call(
            user,
            v2::statuses_repost()
                .id(status_id)
                .status(REPOST)
                .rip(USER_IP),
            |s| format!("reposted status {status_id} as status {} {REPOST:?}", s.id),
        )
        .await;
    let repost_id = tour.posted_id(repost);

    section("Favourites, unread counts, short URLs");
    tour.not_in_spec(
        "v2",
        "favorites/create",
        "the status is not favourited first",
    );
    if tour.mock || tour.dry_run {
        tour.call(user, v2::favorites_destroy().id(status_id), |f| {
            format!(
                "unfavourited status {} ({} favourite tag(s))",
                f.status.as_ref().map_or(status_id, |s| s.id),
                f.tags.len()
            )
        })
        .await;
    } else {
        println!(
            "  {:<LABEL$} skipped: the status was never favourited (no favorites/create), Weibo would refuse",
            label(&v2::FAVORITES_DESTROY)
        );
    }
    let remind = &v2::REMIND_UNREAD_COUNT;
    let unread = tour
        .call(user, v2::remind_unread_count().uid(uid), |u| {
            format!(
                "{} new statuses, {} comments, {} mentions, {} followers (documented at {}, routed here by api_root)",
                u.status.unwrap_or_default(),
                u.cmt.unwrap_or_default(),
                u.mention_status.unwrap_or_default(),
                u.follower.unwrap_or_default(),
                remind.documented_base_url()
            )
        })
        .await;
    if let (Some(server), Some(unread)) = (mock, unread) {
        if !unread.url.as_str().starts_with(server.url()) {
            tour.unexpected("remind/unread_count did not go to the mock");
        }
    }
    tour.not_in_spec("v2", "short_url/shorten", "no short URL is made");

    section("Cleaning up: deleting what the story posted");
    tour.not_in_spec(
        "v2",
        "statuses/destroy",
        "the v1 statuses/destroy/:id deletes",
    );
    for (what, id) in [
        ("the repost", repost_id),
        ("the picture", picture_id),
        ("the status", Some(status_id)),
    ] {
        let Some(id) = id else { continue };
        tour.call(user, v1::statuses_destroy().id(id), |s| {
            format!("deleted {what} (status {id}; answered status {})", s.id)
        })
        .await;
    }
    uid
}

/// Two pages of the home timeline through `.pages(&client)`, a `futures` stream. With the mock,
/// one line per page request, from its records (the `page` parameter the stream set). The
/// first status's id, if one came.
pub(crate) async fn home_timeline(
    tour: &mut Tour,
    user: &Client,
    mock: Option<&MockServer>,
) -> Option<i64> {
    let endpoint = &v2::STATUSES_HOME_TIMELINE;
    if tour.dry_run {
        tour.call(user, v2::statuses_home_timeline().count(PAGE_SIZE), |_| {
            String::new()
        })
        .await;
        println!(
            "  {:<LABEL$} then page=2 the same way, through .pages(&client)",
            label(endpoint)
        );
        return None;
    }
    let earlier = mock.map_or(0, |server| requests_to(server, endpoint).len());
    let mut shown = earlier;
    let mut first = None;
    let mut statuses = v2::statuses_home_timeline()
        .count(PAGE_SIZE)
        .pages(user)
        .take(2 * PAGE_SIZE as usize);
    while let Some(status) = statuses.next().await {
        let status = match status {
            Ok(status) => status,
            Err(e) => {
                tour.unexpected(&format!("{}: {e}", label(endpoint)));
                return first;
            }
        };
        first = first.or(Some(status.id));
        let summary = format!(
            "status {} by {}: {:?}",
            status.id,
            author(&status),
            status.text.as_deref().unwrap_or_default()
        );
        let Some(server) = mock else {
            println!("  {:<LABEL$} (stream) {summary}", label(endpoint));
            continue;
        };
        let requests = requests_to(server, endpoint);
        match requests.get(shown..).unwrap_or_default() {
            [] => println!("  {:<LABEL$} (same page) {summary}", ""),
            new => {
                for r in new {
                    println!(
                        "  {:<LABEL$} {:<6} {}  {}  -> {}: {summary}",
                        label(endpoint),
                        r.method(),
                        r.status(),
                        recorded_url(server, r),
                        r.param("page").map_or_else(
                            || "page not sent (Weibo's default: 1)".to_string(),
                            |page| format!("page={page}")
                        )
                    );
                }
            }
        }
        shown = requests.len();
    }
    if first.is_none() {
        println!("  {:<LABEL$} the timeline is empty", label(endpoint));
    }
    tour.called.push(endpoint);
    if let Some(server) = mock {
        let pages: Vec<Option<String>> = requests_since(server, endpoint, earlier)
            .iter()
            .map(|r| r.param("page").map(str::to_string))
            .collect();
        if pages != [None, Some("2".to_string())] {
            tour.unexpected(&format!(
                "the stream sent page parameters {pages:?}, not none (1) then 2"
            ));
        }
    }
    first
}

/// `GET /oauth2/authorize`, as a browser would, and the code from the redirect. Not an API
/// call (the user logs in on Weibo's page); the mock approves at once.
pub(crate) async fn authorize(tour: &mut Tour, root: &str) -> Fallible<String> {
    let url = AuthorizeUrl::new(APP_KEY, REDIRECT_URI)
        .state("tour")
        .api_root(root)
        .to_url()?;
    // weibo-api builds reqwest without a default crypto provider; a client of our own needs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = browser.get(url.clone()).send().await?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| Url::parse(l).ok())
        .ok_or_else(|| format!("authorize answered HTTP {status} without a redirect"))?;
    let param = |name: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let code = param("code").ok_or("the redirect carries no code")?;
    if param("state").as_deref() != Some("tour") {
        tour.unexpected("the redirect did not return the state unchanged");
    }
    println!(
        "  {:<LABEL$} {:<6} {status}  {}  -> back to {REDIRECT_URI} with code *** and state \"tour\"",
        "oauth2 authorize (browser)",
        "GET",
        masked(&url)
    );
    Ok(code)
}

fn author(s: &Status) -> &str {
    s.user
        .as_ref()
        .and_then(|u| u.screen_name.as_deref())
        .unwrap_or("?")
}
