//! A blocking client for scripts and programs without an async runtime (feature `blocking`).
//!
//! It sends the very same generated requests as the async [`crate::Client`]: only the transport
//! differs. Like `reqwest::blocking`, it must not be used from inside an async runtime.
//!
//! ```no_run
//! let client = weibo_api::blocking::Client::builder().access_token("2.00xyzTOKEN").build_blocking()?;
//! let user = client.send(weibo_api::v2::account_end_session())?;
//! println!("logged out {}", user.screen_name.unwrap_or_default());
//! # Ok::<(), weibo_api::Error>(())
//! ```

use crate::config::{Config, Prepared};
use crate::retry::Retrier;
use crate::trace;
use crate::{ClientBuilder, Error, IntoRequest, Request, Response, Result};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;

/// The blocking Weibo client. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    http: reqwest::blocking::Client,
    config: Arc<Config>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.config.fmt(f)
    }
}

impl ClientBuilder {
    /// The blocking client's [`http_client`](ClientBuilder::http_client): calls made by
    /// [`build_blocking`](Self::build_blocking)'s client go through `http`, under the same
    /// rules (build it with `.redirect(reqwest::redirect::Policy::none())`).
    pub fn blocking_http_client(mut self, http: reqwest::blocking::Client) -> Self {
        self.blocking_http = Some(http);
        self
    }

    /// Builds a [`blocking::Client`](Client) instead of the async one.
    pub fn build_blocking(mut self) -> Result<Client> {
        let own = self.blocking_http.take();
        let (config, timeout, user_agent) = self.into_config()?;
        let http = match own {
            Some(http) => http,
            None => reqwest::blocking::Client::builder()
                // Weibo's API never redirects; following one would carry credentials elsewhere.
                .redirect(reqwest::redirect::Policy::none())
                .timeout(timeout)
                .user_agent(user_agent)
                .tls_backend_preconfigured(crate::tls::config()?)
                .build()
                .map_err(|e| Error::config_caused("cannot build the HTTP client", e))?,
        };
        Ok(Client {
            http,
            config: Arc::new(config),
        })
    }
}

impl Client {
    /// The same builder as the async client; finish it with
    /// [`build_blocking`](ClientBuilder::build_blocking).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Sends a request (a generated builder with its required parameters set, or a built
    /// [`Request`]) and decodes the response.
    pub fn send<T>(&self, request: T) -> Result<T::Response>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        self.send_detailed(request).map(|r| r.value)
    }

    /// Like [`send`](Self::send), but also returns the HTTP status, method and URL.
    pub fn send_detailed<T>(&self, request: T) -> Result<Response<T::Response>>
    where
        T: IntoRequest,
        T::Response: DeserializeOwned,
    {
        let request = request.into_request().inspect_err(trace::refused)?;
        let span = trace::call_span(&request);
        let mut retrier = Retrier::new(self.config.retry);
        let result = span.in_scope(|| self.call(&request, &mut retrier, &span));
        trace::finished(&span, &result, &retrier);
        result
    }

    /// Every attempt of one call, inside its span.
    fn call<R: DeserializeOwned>(
        &self,
        request: &Request<R>,
        retrier: &mut Retrier,
        span: &tracing::Span,
    ) -> Result<Response<R>> {
        let prepared = self.config.prepare_to_send(request)?;
        span.record("path", prepared.url.path());
        loop {
            match self.attempt(request, &prepared) {
                Err(err) => match retrier.next_delay(&err, request) {
                    Some(delay) => {
                        trace::retrying(&err, retrier.attempt(), delay);
                        std::thread::sleep(delay);
                    }
                    None => return Err(err),
                },
                done => return done,
            }
        }
    }

    /// One exchange: send, read at most `MAX_BODY`, decode.
    fn attempt<R: DeserializeOwned>(
        &self,
        request: &Request<R>,
        prepared: &Prepared,
    ) -> Result<Response<R>> {
        let transport = |source| Error::Transport {
            endpoint: request.endpoint().name,
            source,
        };
        let builder = self
            .http
            .request(prepared.method.clone(), prepared.url.clone());
        let response = prepared.request(builder).send().map_err(transport)?;
        let status = response.status().as_u16();
        let location = response.headers().get(reqwest::header::LOCATION);
        let endpoint = request.endpoint().name;
        if let Some(err) = crate::client::redirect_error(endpoint, &prepared.url, status, location)
            .or_else(|| crate::client::followed(endpoint, &prepared.url, response.url(), status))
        {
            return Err(err);
        }
        let mut body = Vec::new();
        let limit = crate::client::MAX_BODY as u64 + 1;
        std::io::Read::read_to_end(&mut std::io::Read::take(response, limit), &mut body).map_err(
            |e| Error::Http {
                endpoint: request.endpoint().name,
                status,
                excerpt: format!("(the body could not be read: {e})"),
            },
        )?;
        if body.len() > crate::client::MAX_BODY {
            return Err(crate::client::too_large(request.endpoint().name, status));
        }
        crate::client::finish(request, prepared.url.clone(), status, &body)
    }
}

const _: () = {
    const fn check<T: Send + Sync + Clone + 'static>() {}
    check::<Client>();
};

/// Every item of a paging request, page after page (from the blocking client).
pub struct ItemIter<P: crate::paging::Paginated> {
    client: Client,
    pager: crate::paging::Pager<P>,
}

impl<P: crate::paging::Paginated> fmt::Debug for ItemIter<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ItemIter")
    }
}

impl<P: crate::paging::Paginated> Iterator for ItemIter<P> {
    type Item = Result<P::Item>;

    fn next(&mut self) -> Option<Result<P::Item>> {
        loop {
            if let Some(item) = self.pager.buffered() {
                return Some(Ok(item));
            }
            let request = match self.pager.take_request()? {
                Ok(request) => request,
                Err(e) => return Some(Err(e)),
            };
            match self.client.send(request.clone()) {
                Ok(response) => self.pager.accept(request, response),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl crate::paging::PageSource for Client {
    type Pages<P: crate::paging::Paginated> = ItemIter<P>;

    fn pages<P: crate::paging::Paginated>(&self, request: P) -> ItemIter<P> {
        ItemIter {
            client: self.clone(),
            pager: crate::paging::Pager::new(request),
        }
    }
}
