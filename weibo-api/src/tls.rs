//! The TLS configuration of the clients this crate builds: rustls with ring's cryptography and
//! the root certificates the features choose (`webpki-roots`, the default: Mozilla's, bundled;
//! `native-roots`: the operating system's). Built once per client. Applications with other
//! needs (a company CA, a proxy, client certificates) pass their own `reqwest::Client`.

use crate::{Error, Result};
use std::sync::Arc;

/// A rustls client configuration trusting the roots the enabled features name.
pub(crate) fn config() -> Result<rustls::ClientConfig> {
    #[allow(unused_mut)]
    let mut roots = rustls::RootCertStore::empty();
    #[cfg(feature = "webpki-roots")]
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    #[cfg(feature = "native-roots")]
    {
        let found = rustls_native_certs::load_native_certs();
        let (added, _ignored) = roots.add_parsable_certificates(found.certs);
        if added == 0 && roots.is_empty() {
            let reason = found
                .errors
                .first()
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            return Err(Error::config(format!(
                "no root certificate could be read from the operating system's store{reason}"
            )));
        }
    }
    if roots.is_empty() {
        return Err(Error::config(
            "no TLS root certificates: enable weibo-api's `webpki-roots` (default) or \
             `native-roots` feature, or pass your own client with `ClientBuilder::http_client`",
        ));
    }
    // rustls 0.23.48 deprecates *ring*'s provider because it has no post-quantum key exchange;
    // the alternative, aws-lc-rs, compiles a C library (AWS-LC) in every build. *ring* stays
    // until rustls offers a pure-Rust provider with it; the allowance keeps builds that
    // resolve a newer rustls than Cargo.lock free of warnings (and CI's `-D warnings` green).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::config_caused("cannot configure TLS", e))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
