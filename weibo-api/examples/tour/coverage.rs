//! Every endpoint the story did not call, through the metadata table (`weibo_api::API`), so
//! that the tour reaches every endpoint of the spec.

use crate::report::{label, last_request, Tour};
use crate::{Fallible, CAT_PNG};
use weibo_api::meta::{Bound, Endpoint, Param, ParamKind};
use weibo_api::mock::MockServer;
use weibo_api::{CallOptions, Client, Format, Json, Params, Request, Upload, API};

/// Every endpoint the story did not call, once, through the metadata: a request built from
/// sample values for its required parameters, sent as `Request<Json>`, the body then decoded
/// into the endpoint's declared type, as tests/every_endpoint.rs does. Each must be routed to
/// its endpoint and answered with HTTP 200.
pub(crate) async fn every_other_endpoint(tour: &mut Tour, user: &Client, server: &MockServer) {
    let mut story: Vec<&'static Endpoint> = Vec::new();
    for endpoint in &tour.called {
        if !story.iter().any(|e| std::ptr::eq(*e, *endpoint)) {
            story.push(endpoint);
        }
    }
    let names: Vec<String> = story.iter().map(|e| label(e)).collect();
    println!(
        "  called above through their builders ({}): {}",
        names.len(),
        names.join(", ")
    );
    let rest: Vec<&'static Endpoint> = API
        .endpoints
        .iter()
        .copied()
        .filter(|e| !story.iter().any(|s| std::ptr::eq(*s, *e)))
        .collect();
    let (mut served, mut minimal) = (0, 0);
    for endpoint in &rest {
        match call_through_metadata(user, server, endpoint).await {
            Ok(()) => {
                served += 1;
                minimal += usize::from(endpoint.example_json.is_none());
                tour.called.push(endpoint);
            }
            Err(e) => tour.unexpected(&format!("{} (through the metadata): {e}", label(endpoint))),
        }
    }
    println!(
        "  the other {}, through weibo_api::API with sample values: {served} answered HTTP 200 ({minimal} with the minimal body: no documented example), decoded into their declared types",
        rest.len()
    );
}

async fn call_through_metadata(
    user: &Client,
    server: &MockServer,
    endpoint: &'static Endpoint,
) -> Fallible<()> {
    let options = CallOptions {
        format: Some(Format::Json),
        method: None,
    };
    let request = Request::<Json>::new(endpoint, sample_params(endpoint), options)?;
    let response = user.send_detailed(request).await?;
    let recorded = last_request(server).ok_or("the mock recorded nothing")?;
    let routed = recorded
        .endpoint()
        .is_some_and(|e| std::ptr::eq(e, endpoint));
    if !routed || response.status != 200 || recorded.status() != 200 {
        return Err(format!("answered HTTP {}: {recorded:?}", response.status).into());
    }
    let body = serde_json::to_vec(&response.value)?;
    (endpoint.check_response)(endpoint, &body, Format::Json)?;
    Ok(())
}

/// Values for the required parameters, one member of each group, and what a set value makes
/// required; credentials are the client's.
fn sample_params(endpoint: &Endpoint) -> Params {
    let mut params = Params::with_capacity(endpoint.params.len());
    let add = |params: &mut Params, p: &'static Param| {
        if p.credential.is_none() && params.get(p.name).is_none() {
            push_sample(params, p);
        }
    };
    for p in endpoint.params.iter().filter(|p| p.required) {
        add(&mut params, p);
    }
    for group in endpoint.groups {
        if !group.params.iter().any(|name| params.get(name).is_some()) {
            if let Some(p) = group.params.first().and_then(|name| endpoint.param(name)) {
                add(&mut params, p);
            }
        }
    }
    for p in endpoint.params {
        if let Some((other, value)) = p.required_if {
            if params.get(other).is_some_and(|v| v.to_wire() == value) {
                add(&mut params, p);
            }
        }
    }
    params
}

fn push_sample(params: &mut Params, p: &'static Param) {
    if p.kind == ParamKind::File {
        params.push(p.name, Upload::new(CAT_PNG, "cat.png", "image/png"));
        return;
    }
    let number = |start: f64| {
        let value = |b: Bound| match b {
            Bound::Int(n) => n as f64,
            Bound::Float(x) => x,
        };
        let low = p.min.map_or(start, |min| start.max(value(min)));
        p.max.map_or(low, |max| low.min(value(max)))
    };
    let item = match (p.values, p.kind) {
        (Some(values), _) if !values.is_empty() => values[0].to_string(),
        (_, ParamKind::Int | ParamKind::Int64) => (number(1.0) as i64).to_string(),
        (_, ParamKind::Float) => number(0.0).to_string(),
        (_, ParamKind::Bool) if p.bool_words => "true".to_string(),
        (_, ParamKind::Bool) => "1".to_string(),
        (_, ParamKind::DateTime) => "Tue May 24 18:04:53 +0800 2011".to_string(),
        _ => {
            let max = p.max_length.map_or(usize::MAX, |m| m as usize);
            "tour".chars().take(max).collect()
        }
    };
    if p.list {
        let count = p.min_items.unwrap_or(1).max(1) as usize;
        params.push(p.name, vec![item; count]);
    } else {
        params.push(p.name, item);
    }
}
