//! The mock server for blocking code: [`BlockingMockServer`] runs a [`MockServer`] on a Tokio
//! runtime of its own, on a background thread, so that a caller without an async runtime (an
//! application using `weibo_api::blocking::Client`, its `#[test]`s) can start
//! one.

use super::{Fault, MockServer, MockServerBuilder, RecordedRequest, SHUTDOWN_GRACE};
use crate::{AuthorizeRedirect, AuthorizeUrl};
use std::io;
use std::net::SocketAddr;
use std::sync::mpsc;
use tokio::runtime::Handle;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A [`MockServer`] on a background thread with its own Tokio runtime, for blocking code:
/// started by [`MockServer::start_blocking`] or [`MockServerBuilder::start_blocking`], stopped
/// when dropped or on [`shutdown`](Self::shutdown) (both wait for the thread).
///
/// ```
/// use weibo_api::mock::MockServer;
///
/// let server = MockServer::start_blocking(&weibo_api::API)?;
/// assert!(server.url().starts_with("http://127.0.0.1:"));
/// assert!(server.requests().is_empty());
/// server.shutdown();
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// Its methods block: call them from ordinary threads, not from inside an async runtime.
pub struct BlockingMockServer {
    server: Option<MockServer>,
    runtime: Handle,
    exit: Option<oneshot::Sender<Option<JoinHandle<()>>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MockServerBuilder {
    /// Binds 127.0.0.1 and serves on a runtime of the server's own, on a background thread:
    /// for callers without an async runtime.
    pub fn start_blocking(self) -> io::Result<BlockingMockServer> {
        let (ready_tx, ready_rx) = mpsc::channel::<io::Result<(MockServer, Handle)>>();
        let (exit_tx, exit_rx) = oneshot::channel::<Option<JoinHandle<()>>>();
        let thread = std::thread::Builder::new()
            .name("weibo-api-mock".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(async move {
                    let server = match self.start().await {
                        Ok(server) => server,
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                            return;
                        }
                    };
                    if ready_tx.send(Ok((server, Handle::current()))).is_err() {
                        return;
                    }
                    // Serves (this thread drives the runtime) until the owner stops it.
                    if let Ok(Some(mut task)) = exit_rx.await {
                        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                            .await
                            .is_err()
                        {
                            task.abort();
                        }
                    }
                });
            })?;
        match ready_rx.recv() {
            Ok(Ok((server, runtime))) => Ok(BlockingMockServer {
                server: Some(server),
                runtime,
                exit: Some(exit_tx),
                thread: Some(thread),
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => Err(io::Error::other(
                "the mock server's thread ended before it started",
            )),
        }
    }
}

impl MockServer {
    /// Serves `api` on a free port of 127.0.0.1 from a background thread with its own
    /// runtime: the mock for blocking code (see [`BlockingMockServer`]).
    pub fn start_blocking(api: &'static crate::meta::Api) -> io::Result<BlockingMockServer> {
        MockServer::builder().api(api).start_blocking()
    }
}

impl BlockingMockServer {
    fn server(&self) -> &MockServer {
        self.server
            .as_ref()
            .expect("a BlockingMockServer holds its server until dropped")
    }

    /// `http://127.0.0.1:PORT`, for [`ClientBuilder::api_root`](crate::ClientBuilder::api_root).
    pub fn url(&self) -> &str {
        self.server().url()
    }

    /// The bound address (always 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.server().addr()
    }

    /// The requests received so far, oldest first; see [`MockServer::requests`].
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.server().requests()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.server().clear_requests()
    }

    /// Adds a [`Fault`]; see [`MockServer::inject`].
    pub fn inject(&self, fault: Fault) {
        self.server().inject(fault)
    }

    /// Removes every fault not yet worn out.
    pub fn clear_faults(&self) {
        self.server().clear_faults()
    }

    /// The user's side of the OAuth2 web flow against this mock, blocking; see
    /// [`MockServer::authorize`].
    pub fn authorize(&self, url: &AuthorizeUrl) -> crate::Result<AuthorizeRedirect> {
        let task = self
            .runtime
            .spawn(super::authorize_at(self.url().to_string(), url.clone()));
        match self.runtime.block_on(task) {
            Ok(result) => result,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }

    /// Stops the server (open connections get up to 5 seconds) and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let task = self.server.take().and_then(|mut server| {
            server.stop.take().map(|stop| stop.send(()));
            server.task.take()
        });
        if let Some(exit) = self.exit.take() {
            let _ = exit.send(task);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for BlockingMockServer {
    fn drop(&mut self) {
        self.stop();
    }
}

impl std::fmt::Debug for BlockingMockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BlockingMockServer")
            .field(&self.server)
            .finish()
    }
}
