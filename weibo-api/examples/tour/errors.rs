//! The typed errors an application handles: requests refused before any I/O, and faults the
//! mock injects (a rate limit, an expired token, failures a retry policy rides out).

use crate::report::{label, requests_since, requests_to, Tour};
use crate::{CAPTION, CAT_PNG, LABEL, POST, USER_IP};
use serde::de::DeserializeOwned;
use weibo_api::mock::{Fault, MockServer};
use weibo_api::{v2, Client, Error, IntoRequest, Upload};

/// Requests the client refuses before any I/O, with `Error::InvalidRequest` (sent through
/// `client` when there is a mock to confirm that nothing arrived; only built otherwise).
pub(crate) async fn refused_before_io(
    tour: &mut Tour,
    client: Option<&Client>,
    mock: Option<&MockServer>,
) {
    println!(
        "  {:<LABEL$} without .status(…) does not compile: error[E0277]: `statuses/update` is missing the required parameter `status`",
        label(&v2::STATUSES_UPDATE)
    );
    let before = mock.map(|server| server.requests().len());
    // statuses/upload's caption is at most 140 characters (statuses/update may post more, as a
    // long text, so the spec sets no limit there).
    let too_long = POST.repeat(6);
    let what = format!("with a {}-character caption", too_long.chars().count());
    let cat = Upload::new(CAT_PNG, "cat.png", "image/png");
    let result = send_or_build(
        client,
        v2::statuses_upload().status(too_long).pic(cat).rip(USER_IP),
    )
    .await;
    tour.expect_error(
        &v2::STATUSES_UPLOAD,
        &what,
        result,
        "Error::InvalidRequest, nothing sent",
        |e| is_invalid(e, "status"),
    );
    let max_size = v2::STATUSES_UPLOAD
        .param("pic")
        .and_then(|p| p.max_size)
        .unwrap_or(5 << 20);
    let huge = Upload::new(vec![0; max_size as usize + 1], "huge.png", "image/png");
    let result = send_or_build(
        client,
        v2::statuses_upload().status(CAPTION).pic(huge).rip(USER_IP),
    )
    .await;
    tour.expect_error(
        &v2::STATUSES_UPLOAD,
        &format!("with a picture of {} bytes", max_size + 1),
        result,
        "Error::InvalidRequest, nothing sent",
        |e| is_invalid(e, "pic"),
    );
    if let (Some(server), Some(before)) = (mock, before) {
        if server.requests().len() != before {
            tour.unexpected("an invalid request reached the server");
        }
    }
}

/// Faults the mock injects: a rate limit, an expired token, and two failures a retry policy
/// rides out.
pub(crate) async fn injected_faults(
    tour: &mut Tour,
    patient: &Client,
    server: &MockServer,
    uid: i64,
) {
    // Through the client with a retry policy: neither error is retried (one request each).
    let update = &v2::STATUSES_UPDATE;
    let earlier = requests_to(server, update).len();
    server.inject(Fault::weibo_error(10023).on(update).times(1));
    let result = patient
        .send(v2::statuses_update().status(POST).rip(USER_IP))
        .await;
    tour.expect_error(
        update,
        "injected 10023",
        result,
        "is_rate_limited(), not retried",
        Error::is_rate_limited,
    );
    tour.expect_requests(server, update, earlier, &[403]);

    let get_uid = &v2::ACCOUNT_GET_UID;
    let earlier = requests_to(server, get_uid).len();
    server.inject(Fault::weibo_error(21327).on(get_uid).times(1));
    let result = patient.send(v2::account_get_uid()).await;
    tour.expect_error(
        get_uid,
        "injected 21327",
        result,
        "is_auth(), not retried",
        Error::is_auth,
    );
    tour.expect_requests(server, get_uid, earlier, &[401]);

    let endpoint = &v2::REMIND_UNREAD_COUNT;
    let earlier = requests_to(server, endpoint).len();
    server.inject(Fault::http_status(503).on(endpoint).times(2));
    tour.call(patient, v2::remind_unread_count().uid(uid), |u| {
        let statuses: Vec<String> = requests_since(server, endpoint, earlier)
            .iter()
            .map(|r| r.status().to_string())
            .collect();
        format!(
            "RetryPolicy rode out 2 injected HTTP 503s: the mock answered {}; {} new statuses",
            statuses.join(", "),
            u.status.unwrap_or_default()
        )
    })
    .await;
    tour.expect_requests(server, endpoint, earlier, &[503, 503, 200]);
}

async fn send_or_build<T>(client: Option<&Client>, builder: T) -> weibo_api::Result<()>
where
    T: IntoRequest,
    T::Response: DeserializeOwned,
{
    match client {
        Some(client) => client.send(builder).await.map(drop),
        None => builder.into_request().map(drop),
    }
}

fn is_invalid(e: &Error, parameter: &str) -> bool {
    matches!(e, Error::InvalidRequest { parameter: Some(p), .. } if *p == parameter)
}
