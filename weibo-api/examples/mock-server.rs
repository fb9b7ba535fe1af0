//! A mock Weibo server on 127.0.0.1, serving every endpoint of `spec/weibo.yaml` from the
//! generated endpoint table.
//!
//! ```text
//! cargo run -p weibo-api --features mock --example mock-server -- --port 8080
//! curl -u uid:password -X DELETE "http://127.0.0.1:8080/statuses/destroy/1472669360.json?source=appkey"
//! ```
//!
//! Prints `listening on http://127.0.0.1:PORT` on stdout, one line per request on stderr, and
//! serves until Ctrl-C.

use std::process::ExitCode;
use weibo_api::mock::MockServer;

const USAGE: &str =
    "usage: mock-server [--port N]   (default 0: any free port; binds 127.0.0.1 only)";

fn parse_port(args: &[String]) -> Result<u16, String> {
    let mut port = 0;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.as_str() {
            "--port" | "-p" => rest.next().ok_or("--port needs a value")?.clone(),
            other => match other.strip_prefix("--port=") {
                Some(v) => v.to_string(),
                None => return Err(format!("unknown argument `{other}`")),
            },
        };
        port = value
            .parse()
            .map_err(|_| format!("`{value}` is not a port number (0-65535)"))?;
    }
    Ok(port)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let port = match parse_port(&args) {
        Ok(port) => port,
        Err(e) => {
            eprintln!("mock-server: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match MockServer::builder()
        .api(&weibo_api::API)
        .port(port)
        .log(true)
        .start()
        .await
    {
        Ok(server) => server,
        Err(e) => {
            eprintln!("mock-server: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", server.url());
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("mock-server: cannot wait for Ctrl-C: {e}");
    }
    server.shutdown().await;
    ExitCode::SUCCESS
}
