//! Faults on request: the mock answers with a Weibo error, a bare HTTP status or a delay, for
//! one endpoint or all, for the next N calls or until cleared, so that applications can test
//! their error handling (and this crate its retries).

use super::respond::{self, Failure, Reply};
use crate::error_codes::{self, Category};
use crate::meta::Endpoint;
use crate::Format;
use std::time::Duration;

/// A misbehaviour the mock server applies to the requests it matches, before any of its
/// checks; injected with [`MockServer::inject`](super::MockServer::inject).
///
/// A fault applies to every request (or only to those routed to [`on`](Self::on)'s endpoint)
/// until [`times`](Self::times) calls have been answered by it, or until
/// [`clear_faults`](super::MockServer::clear_faults); then the mock answers normally again.
/// Faulted requests are recorded like any other, with the status and code they got.
///
/// ```
/// use std::time::Duration;
/// use weibo_api::mock::Fault;
///
/// let rate_limited = Fault::weibo_error(10023).on(&weibo_api::v2::ACCOUNT_END_SESSION).times(2);
/// let unavailable = Fault::http_status(503).times(1);
/// let slow = Fault::delay(Duration::from_secs(2));
/// # let _ = (rate_limited, unavailable, slow);
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Fault {
    kind: Kind,
    endpoint: Option<EndpointId>,
    remaining: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Weibo { code: u32, status: Option<u16> },
    Status(u16),
    Delay(Duration),
}

/// An endpoint as the tables name it: its version, name and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EndpointId {
    version: &'static str,
    name: &'static str,
    path: &'static str,
}

impl EndpointId {
    fn of(endpoint: &'static Endpoint) -> Self {
        EndpointId {
            version: endpoint.version.key,
            name: endpoint.name,
            path: endpoint.path,
        }
    }
}

impl Fault {
    /// Weibo's error body with `code`, in the request's format. `error` is the code's
    /// documented English text ([`error_codes`](crate::error_codes)); the HTTP status is 401
    /// for auth codes, 403 for rate limits, 500 for transient errors and 400 otherwise, unless
    /// [`with_status`](Self::with_status) says another.
    pub fn weibo_error(code: u32) -> Self {
        Fault::new(Kind::Weibo { code, status: None })
    }

    /// A bare HTTP `status` with a plain-text body and no Weibo error body (what a proxy or
    /// load balancer in front of Weibo answers), e.g. 502 or 503.
    pub fn http_status(status: u16) -> Self {
        Fault::new(Kind::Status(status))
    }

    /// Waits `delay`, then answers normally: with a client timeout shorter than `delay`, the
    /// call times out.
    pub fn delay(delay: Duration) -> Self {
        Fault::new(Kind::Delay(delay))
    }

    /// The HTTP status a [`weibo_error`](Self::weibo_error) comes with (Weibo sends some with
    /// 200).
    pub fn with_status(mut self, status: u16) -> Self {
        if let Kind::Weibo { status: s, .. } = &mut self.kind {
            *s = Some(status);
        }
        self
    }

    /// Only requests routed to `endpoint` (e.g. `&weibo_api::v2::ACCOUNT_END_SESSION`); by
    /// default every request, whatever its path.
    pub fn on(mut self, endpoint: &'static Endpoint) -> Self {
        self.endpoint = Some(EndpointId::of(endpoint));
        self
    }

    /// Only for the next `n` matching requests; by default until cleared.
    pub fn times(mut self, n: u32) -> Self {
        self.remaining = Some(n);
        self
    }

    fn new(kind: Kind) -> Self {
        Fault {
            kind,
            endpoint: None,
            remaining: None,
        }
    }

    fn matches(&self, endpoint: Option<&'static Endpoint>) -> bool {
        self.remaining != Some(0)
            && self
                .endpoint
                .is_none_or(|id| endpoint.is_some_and(|e| EndpointId::of(e) == id))
    }
}

/// What a fault does to one request.
pub(super) enum Applied {
    /// Answer with this instead.
    Reply(Reply),
    /// Wait, then answer normally.
    Delay(Duration),
}

/// Takes one use of the first fault matching a request routed to `endpoint` (oldest first),
/// dropping faults that are used up.
pub(super) fn take(
    faults: &mut Vec<Fault>,
    endpoint: Option<&'static Endpoint>,
    path: &str,
    format: Format,
) -> Option<Applied> {
    let i = faults.iter().position(|f| f.matches(endpoint))?;
    let fault = &mut faults[i];
    let kind = fault.kind;
    if let Some(n) = &mut fault.remaining {
        *n -= 1;
    }
    faults.retain(|f| f.remaining != Some(0));
    Some(match kind {
        Kind::Weibo { code, status } => {
            let meaning = error_codes::lookup(code);
            let status = status.unwrap_or(match meaning.map(|m| m.category) {
                Some(Category::Auth) => 401,
                Some(Category::RateLimit) => 403,
                Some(Category::Transient) => 500,
                _ => 400,
            });
            let error = match meaning.filter(|m| !m.en.is_empty()) {
                Some(m) => format!("{}!", m.en.replace("%s", "…")),
                None => format!("mock fault {code}"),
            };
            Applied::Reply(respond::error(
                &Failure::new(status, code, error),
                path,
                format,
            ))
        }
        Kind::Status(status) => Applied::Reply(respond::plain(status, "mock fault")),
        Kind::Delay(delay) => Applied::Delay(delay),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(applied: Option<Applied>) -> Option<(u16, Option<u32>)> {
        match applied? {
            Applied::Reply(r) => Some((r.status, r.error_code)),
            Applied::Delay(_) => None,
        }
    }

    #[test]
    fn faults_apply_in_order_and_wear_out() {
        let end_session = &crate::v2::ACCOUNT_END_SESSION;
        let destroy = &crate::v1::STATUSES_DESTROY;
        let mut faults = vec![
            Fault::weibo_error(10023).on(end_session).times(2),
            Fault::http_status(502).times(1),
        ];
        let path = "/2/account/end_session.json";
        let mut next = |e| code(take(&mut faults, Some(e), path, Format::Json));
        assert_eq!(
            next(destroy),
            Some((502, None)),
            "the first fault is not for it"
        );
        assert_eq!(next(end_session), Some((403, Some(10023))));
        assert_eq!(next(end_session), Some((403, Some(10023))));
        assert_eq!(next(end_session), None, "recovered");
        assert_eq!(next(destroy), None);
        assert!(faults.is_empty());
    }

    #[test]
    fn statuses_follow_the_category_unless_chosen() {
        let mut faults = vec![
            Fault::weibo_error(21327).times(1),
            Fault::weibo_error(10001).times(1),
            Fault::weibo_error(20101).times(1),
            Fault::weibo_error(21327).with_status(200).times(1),
        ];
        let mut next = || code(take(&mut faults, None, "/x", Format::Json));
        assert_eq!(next(), Some((401, Some(21327))));
        assert_eq!(next(), Some((500, Some(10001))));
        assert_eq!(next(), Some((400, Some(20101))));
        assert_eq!(next(), Some((200, Some(21327))));
        assert_eq!(next(), None);
    }

    #[test]
    fn untimed_faults_last_until_cleared() {
        let mut faults = vec![Fault::delay(Duration::from_millis(5))];
        for _ in 0..3 {
            assert!(matches!(
                take(&mut faults, None, "/x", Format::Json),
                Some(Applied::Delay(d)) if d == Duration::from_millis(5)
            ));
        }
        assert_eq!(faults.len(), 1);
    }
}
