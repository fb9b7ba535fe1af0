//! Opt-in retries: which failures are worth another attempt, and how long to wait before it.
//! Shared by the async and blocking clients; only the sleeping differs.

use crate::{Error, Method, Request};
use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use std::time::{Duration, Instant};

/// When and how a failed call is repeated; set with
/// [`ClientBuilder::retry`](crate::ClientBuilder::retry). Without one, nothing is retried.
///
/// Only failures that may go away are retried: a refused connection, a timeout, HTTP 5xx
/// without a Weibo error code, and Weibo's transient codes 10001–10003 and 10009–10011. A
/// request that may have reached the server (everything but a refused connection) is repeated
/// only if repeating it is harmless: a `GET`, or an endpoint the spec marks idempotent
/// ([`Endpoint::idempotent`](crate::meta::Endpoint::idempotent)). Rate-limit errors
/// (10022–10024) are never retried: waiting is the caller's decision.
///
/// Delays grow exponentially from `initial_delay` (×2 per retry, at most `max_delay`), plus a
/// random jitter of up to the delay itself, so that many clients do not retry in lockstep. No
/// retry starts when it would end after `max_elapsed` counted from the first attempt.
///
/// ```
/// use std::time::Duration;
///
/// let client = weibo_api::Client::builder()
///     .access_token("2.00xyzTOKEN")
///     .retry(weibo_api::RetryPolicy::new().max_attempts(4).initial_delay(Duration::from_millis(200)))
///     .build()?;
/// # Ok::<(), weibo_api::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// 3 attempts, 500 ms then 1 s (each plus jitter), at most 10 s between two attempts, no
    /// retry beyond 30 s.
    pub const fn new() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
            jitter: true,
        }
    }

    /// Attempts in all, the first included (`1`, or `0`, means no retry).
    pub const fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The wait before the first retry (before jitter).
    pub const fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest wait between two attempts (before jitter).
    pub const fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// No retry starts if its wait would end later than this after the first attempt began.
    pub const fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Adds a random share of up to 100% to each wait (default on). Turn it off only where
    /// a single client talks to a server (tests).
    pub const fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    fn backoff(&self) -> ExponentialBackoff {
        let builder = ExponentialBuilder::new()
            .with_factor(2.0)
            .with_min_delay(self.initial_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_attempts.saturating_sub(1) as usize);
        if self.jitter {
            builder.with_jitter().build()
        } else {
            builder.build()
        }
    }
}

/// Whether `error` is worth another attempt of a request that is `repeatable` (a `GET`, or
/// idempotent) or not.
pub(crate) fn worth_retrying(error: &Error, repeatable: bool) -> bool {
    match error {
        // Nothing was sent: safe whatever the method.
        Error::Transport { source, .. } if source.is_connect() => true,
        Error::Transport { source, .. } => source.is_timeout() && repeatable,
        Error::Http { .. } | Error::Api(_) => error.is_retryable() && repeatable,
        _ => false,
    }
}

/// The retry state of one call.
pub(crate) struct Retrier {
    policy: Option<RetryPolicy>,
    backoff: Option<ExponentialBackoff>,
    started: Instant,
    attempt: u32,
}

impl Retrier {
    pub(crate) fn new(policy: Option<RetryPolicy>) -> Self {
        Retrier {
            backoff: policy.map(|p| p.backoff()),
            policy,
            started: Instant::now(),
            attempt: 1,
        }
    }

    /// The attempt under way (after the call: the number made), from 1.
    pub(crate) fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Time since the first attempt began.
    pub(crate) fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// After a failed attempt: the wait before the next one, or `None` to give up.
    pub(crate) fn next_delay<R>(
        &mut self,
        error: &Error,
        request: &Request<R>,
    ) -> Option<Duration> {
        let policy = self.policy?;
        let repeatable = request.method() == Method::Get || request.endpoint().idempotent;
        if !worth_retrying(error, repeatable) {
            return None;
        }
        let delay = self.backoff.as_mut()?.next()?;
        if self.started.elapsed() + delay > policy.max_elapsed {
            return None;
        }
        self.attempt += 1;
        Some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    /// Whole milliseconds: backon computes delays in `f32` (40 ms comes out as 39.999999 ms).
    fn ms(d: Duration) -> u64 {
        (d.as_secs_f64() * 1000.0).round() as u64
    }

    #[test]
    fn delays_double_up_to_the_cap_and_stop_after_the_attempts() {
        let policy = RetryPolicy::new()
            .max_attempts(6)
            .initial_delay(10 * MS)
            .max_delay(50 * MS)
            .jitter(false);
        let delays: Vec<u64> = policy.backoff().map(ms).collect();
        assert_eq!(delays, [10, 20, 40, 50, 50]);
        assert_eq!(RetryPolicy::new().max_attempts(1).backoff().count(), 0);
        assert_eq!(RetryPolicy::new().max_attempts(0).backoff().count(), 0);
    }

    #[test]
    fn jitter_adds_up_to_the_delay_itself() {
        let policy = RetryPolicy::new()
            .max_attempts(4)
            .initial_delay(100 * MS)
            .max_delay(Duration::from_secs(1));
        let mut saw_jitter = false;
        for _ in 0..50 {
            let delays: Vec<Duration> = policy.backoff().collect();
            assert_eq!(delays.len(), 3);
            for (delay, base) in delays.iter().zip([100, 200, 400]) {
                let delay = ms(*delay);
                assert!(
                    delay >= base && delay <= 2 * base,
                    "{delay} ms for {base} ms"
                );
                saw_jitter |= delay != base;
            }
        }
        assert!(saw_jitter);
    }

    fn api(status: u16, code: Option<u32>) -> Error {
        Error::Api(crate::ApiError {
            status,
            code,
            message: "m".into(),
            request: None,
            description: None,
        })
    }

    #[test]
    fn only_transient_failures_are_retried_and_only_when_repeatable() {
        let http = |status| Error::Http {
            endpoint: "e",
            status,
            excerpt: String::new(),
        };
        for retryable in [
            http(500),
            http(503),
            api(200, Some(10001)),
            api(400, Some(10011)),
            api(502, None),
        ] {
            assert!(worth_retrying(&retryable, true), "{retryable:?}");
            assert!(!worth_retrying(&retryable, false), "{retryable:?}");
        }
        for never in [
            http(404),
            http(429),
            api(403, Some(10022)),
            api(503, Some(10023)),
            api(400, Some(10024)),
            api(401, Some(21327)),
            api(500, Some(20101)),
            Error::config("c"),
        ] {
            assert!(!worth_retrying(&never, true), "{never:?}");
        }
    }
}
