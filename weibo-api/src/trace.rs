//! One `tracing` span per call, `weibo_api.call`, with the endpoint, version, method, format
//! and URL path, and, when the call ends, the HTTP status, the number of attempts, the time
//! taken and the error class (and Weibo code). Retries and the outcome are `DEBUG` events in
//! the span. Never a secret: credentials are not fields, URLs hold none (only the path is
//! recorded), and error messages (each with its causes) never contain one. Silent unless the application installs a
//! `tracing` subscriber.

use crate::error::DisplayChain;
use crate::retry::Retrier;
use crate::{Error, Request, Response, Result};
use std::time::Duration;
use tracing::field::Empty;

/// The span of a call whose request was built.
pub(crate) fn call_span<R>(request: &Request<R>) -> tracing::Span {
    let endpoint = request.endpoint();
    tracing::info_span!(
        "weibo_api.call",
        endpoint = endpoint.name,
        version = endpoint.version.key,
        method = request.method().as_str(),
        format = request.format().extension(),
        path = Empty,
        status = Empty,
        attempt = Empty,
        elapsed_ms = Empty,
        error = Empty,
        api_code = Empty,
    )
}

/// A call refused while its request was being built (it breaks the spec).
pub(crate) fn refused(error: &Error) {
    let span = tracing::info_span!(
        "weibo_api.call",
        endpoint = error.endpoint(),
        attempt = 0,
        error = error.class(),
    );
    span.in_scope(
        || tracing::debug!(message = %DisplayChain(error), "call refused before any I/O"),
    );
}

/// A failed attempt that will be retried after `delay`.
pub(crate) fn retrying(error: &Error, next_attempt: u32, delay: Duration) {
    tracing::debug!(
        failed_attempt = next_attempt - 1,
        error = error.class(),
        status = error.status(),
        api_code = error.api_code(),
        delay_ms = delay.as_millis() as u64,
        "attempt failed; retrying"
    );
}

/// Records the outcome of a call on its span, with an event.
pub(crate) fn finished<R>(span: &tracing::Span, result: &Result<Response<R>>, retrier: &Retrier) {
    let elapsed_ms = retrier.elapsed().as_millis() as u64;
    span.record("attempt", retrier.attempt());
    span.record("elapsed_ms", elapsed_ms);
    span.in_scope(|| match result {
        Ok(response) => {
            span.record("status", response.status);
            tracing::debug!(status = response.status, elapsed_ms, "call succeeded");
        }
        Err(error) => {
            if let Some(status) = error.status() {
                span.record("status", status);
            }
            span.record("error", error.class());
            if let Some(code) = error.api_code() {
                span.record("api_code", code);
            }
            tracing::debug!(
                error = error.class(),
                message = %DisplayChain(error),
                elapsed_ms,
                "call failed"
            );
        }
    });
}
