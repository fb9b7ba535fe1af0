//! HTTPS is verified: the client refuses a server whose certificate no trusted root signed
//! (before sending anything), and an application that trusts its own CA passes its own
//! `reqwest::Client` (`ClientBuilder::http_client`). One HTTPS server on 127.0.0.1, with a
//! certificate for `localhost`/`127.0.0.1` signed by a test CA (`tests/fixtures/tls`).

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use weibo_api::{v2, Client, Error};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");
const USER: &str = r#"{"id": 1404376560, "screen_name": "zaku", "name": "zaku"}"#;

fn provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Serves `account/end_session` over HTTPS; counts the requests it read.
async fn https_server() -> (String, Arc<AtomicUsize>) {
    let cert = CertificateDer::pem_file_iter(format!("{FIXTURES}/server.pem"))
        .expect("server.pem")
        .collect::<Result<Vec<_>, _>>()
        .expect("a certificate");
    let key = PrivateKeyDer::from_pem_file(format!("{FIXTURES}/server.key")).expect("server.key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(cert, key)
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let counted = counted.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends here.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{USER}",
                    USER.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://localhost:{port}"), requests)
}

#[tokio::test]
async fn a_certificate_no_trusted_root_signed_is_refused_before_the_request() {
    let (root, requests) = https_server().await;
    let client = Client::builder()
        .access_token("2.00tlsSECRET")
        .api_root(&root)
        .build()
        .expect("client");
    let err = v2::account_end_session()
        .send(&client)
        .await
        .expect_err("an unknown CA");
    match &err {
        Error::Transport { endpoint, .. } => assert_eq!(*endpoint, "account/end_session"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    // The cause chain names the certificate problem.
    let mut chain = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(&err);
    while let Some(e) = source {
        chain.push_str(&format!("{e} / "));
        source = e.source();
    }
    assert!(chain.to_lowercase().contains("certificate"), "{chain}");
    assert!(!chain.contains("2.00tlsSECRET"));
    assert_eq!(requests.load(Ordering::SeqCst), 0, "nothing was sent");
}

#[tokio::test]
async fn an_application_that_trusts_its_own_ca_passes_its_own_client() {
    provider();
    let (root, requests) = https_server().await;
    let ca = std::fs::read(format!("{FIXTURES}/ca.pem")).expect("ca.pem");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_only([reqwest::Certificate::from_pem(&ca).expect("a PEM certificate")])
        .build()
        .expect("client");
    let client = Client::builder()
        .access_token("2.00tls")
        .api_root(&root)
        .http_client(http)
        .build()
        .expect("weibo client");
    let user = v2::account_end_session()
        .send(&client)
        .await
        .expect("end_session over HTTPS");
    assert_eq!(user.id, 1404376560);
    assert_eq!(user.screen_name.as_deref(), Some("zaku"));
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}
