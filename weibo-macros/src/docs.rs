//! Rustdoc for generated items, taken from the spec so that users never need the wiki page.

use crate::ir::*;
use crate::spec::Text;
use crate::types::TypeRef;

/// English first, the original Chinese after it as its own paragraph.
pub fn text(text: &Option<Text>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    match (&text.en, &text.zh) {
        (Some(en), Some(zh)) => format!("{en}\n\n{zh}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    }
}

/// One line for a table cell: English and Chinese side by side, pipes escaped.
fn cell(text: &Option<Text>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let joined = match (&text.en, &text.zh) {
        (Some(en), Some(zh)) => format!("{en} ({zh})"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    };
    joined.replace('|', "\\|").replace('\n', " ")
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not stated in the document",
    }
}

/// A rustdoc link to a response type, as seen from a version module. Extern models link to
/// their own crate's item (`weibo_api::models::Status`), not to this expansion's `models`.
fn type_link(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Model(m) => match api.models.iter().find(|model| &model.name == m) {
            Some(Model {
                kind: ModelKind::Extern(path),
                ..
            }) => {
                let segments: Vec<String> =
                    path.segments.iter().map(|s| s.ident.to_string()).collect();
                format!("[`{m}`]({})", segments.join("::"))
            }
            _ => format!("[`{m}`](super::models::{m})"),
        },
        TypeRef::Enum(m) => format!("[`{m}`](super::models::{m})"),
        TypeRef::List(inner) => format!("list of {}", type_link(api, inner)),
        TypeRef::Map(inner) => format!("map from text to {}", type_link(api, inner)),
        TypeRef::Scalar(_) => format!("`{ty}`"),
    }
}

/// What the parameter's wire form and checks are, beyond its type: shown in the parameter
/// table and on the setter.
fn constraints(api: &Api, p: &Param) -> String {
    let mut out = String::new();
    if let Some(max) = p.max_items {
        out.push_str(&format!(", at most {max} items"));
    }
    if let Some(min) = p.min_items {
        out.push_str(&format!(", at least {min} items"));
    }
    out.push_str(&range(p));
    if let Some(max) = p.max_length {
        out.push_str(&format!(", at most {max} characters"));
    }
    if let Some(max) = p.max_size {
        out.push_str(&format!(", at most {max} bytes"));
    }
    if p.list_format == ListFormat::Repeat {
        out.push_str(&format!(", sent as `{0}=a&{0}=b`", p.name));
    }
    if p.ty.item() == &TypeRef::Scalar(crate::types::Scalar::Bool) {
        out.push_str(if p.bool_words {
            ", sent as `true`/`false`"
        } else {
            ", sent as `1`/`0`"
        });
    }
    if let Some(default) = &p.default {
        out.push_str(&format!(", default `{default}` (sent when not set)"));
    }
    if let Some(default) = &p.server_default {
        out.push_str(&format!(", the server assumes `{default}` when not set"));
    }
    if let Some((other, value)) = &p.required_if {
        out.push_str(&format!(", required when `{other}` is `{value}`"));
    }
    if let TypeRef::Enum(name) = p.ty.item() {
        if let Some(e) = api.enums.iter().find(|e| &e.name == name) {
            let values: Vec<String> = e
                .values
                .iter()
                .map(|v| format!("`{}` {}", v.wire, v.ident))
                .collect();
            out.push_str(&format!(" ({})", values.join(", ")));
        }
    }
    out
}

pub fn endpoint(api: &Api, e: &Endpoint) -> String {
    let version = &api.versions[e.version];
    let mut doc = String::new();
    let summary = text(&e.description);
    doc.push_str(if summary.is_empty() {
        &e.name
    } else {
        &summary
    });
    doc.push_str("\n\n");
    let formats = e.formats.iter().map(|f| f.name()).collect::<Vec<_>>();
    let url_suffix = if formats.len() == 1 {
        formats[0].to_string()
    } else {
        format!("({})", formats.join("|"))
    };
    doc.push_str("| | |\n|---|---|\n");
    doc.push_str(&format!(
        "| Endpoint | `{}` (API version `{}`) |\n",
        e.name, version.key
    ));
    let suffix = if e.format_suffix {
        format!(".{url_suffix}")
    } else {
        String::new()
    };
    doc.push_str(&format!(
        "| URL | `{}/{}{suffix}` |\n",
        version.base_url, e.path
    ));
    let methods: Vec<String> = e
        .methods
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if i == 0 && e.methods.len() > 1 {
                format!("`{}` (default)", m.name())
            } else {
                format!("`{}`", m.name())
            }
        })
        .collect();
    doc.push_str(&format!("| HTTP methods | {} |\n", methods.join(", ")));
    let fmts: Vec<String> = formats
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 && formats.len() > 1 {
                format!("`{f}` (default)")
            } else {
                format!("`{f}`")
            }
        })
        .collect();
    doc.push_str(&format!("| Formats | {} |\n", fmts.join(", ")));
    doc.push_str(&format!(
        "| Requires login | {} |\n",
        yes_no(e.login_required)
    ));
    doc.push_str(&format!("| Rate limited | {} |\n", yes_no(e.rate_limited)));
    if let Some(level) = &e.access_level {
        doc.push_str(&format!("| Access level | {level} |\n"));
    }
    doc.push_str(&format!("| Response | {} |\n", type_link(api, &e.response)));
    if let Some(updated) = &e.updated {
        doc.push_str(&format!("| Document updated | {updated} |\n"));
    }
    if let Some(url) = &e.doc {
        doc.push_str(&format!("| Documentation | <{url}> |\n"));
    }
    doc.push_str("\n# Parameters\n\n");
    if e.settable().next().is_none() {
        doc.push_str("None to set.\n");
    } else {
        doc.push_str("| Name | Type | Required | Description |\n|---|---|---|---|\n");
    }
    for p in e.settable() {
        let mut ty = format!("`{}`{}", p.spelled, kind_note(&p.ty));
        ty.push_str(&constraints(api, p).replace('|', "\\|"));
        if p.location == Location::Path {
            ty.push_str(" (in the path)");
        }
        let description = match p.credential {
            Some(Credential::AppKey) => format!("Credential, supplied by the client (`ClientBuilder::app_key`), never per call. {}", cell(&p.description)),
            Some(Credential::AccessToken) => format!("Credential, supplied by the client (`ClientBuilder::access_token`), never per call and never in a URL. {}", cell(&p.description)),
            Some(Credential::AppSecret) => format!("Secret credential, supplied by the client (`ClientBuilder::app_secret`), never per call and never in a URL. {}", cell(&p.description)),
            None => format!("Set with [`{0}`](Self::{0}). {1}", p.ident.to_string().trim_start_matches("r#"), cell(&p.description)),
        };
        let required = if p.required {
            "yes".to_string()
        } else if let Some(g) = p.group {
            let group = &e.groups[g];
            let names: Vec<String> = group
                .members
                .iter()
                .map(|&i| format!("`{}`", e.params[i].name))
                .collect();
            format!(
                "{} {}",
                if group.exactly {
                    "exactly one of"
                } else {
                    "at least one of"
                },
                names.join(", ")
            )
        } else {
            "no".to_string()
        };
        doc.push_str(&format!(
            "| `{}` | {ty} | {required} | {description} |\n",
            p.name
        ));
    }
    let credentials: Vec<String> = e
        .params
        .iter()
        .filter_map(|p| {
            let how = match p.credential? {
                Credential::AppKey => "`ClientBuilder::app_key`",
                Credential::AccessToken => "`ClientBuilder::access_token`, never in a URL",
                Credential::AppSecret => "`ClientBuilder::app_secret`, never in a URL",
            };
            Some(format!("`{}` ({how})", p.name))
        })
        .collect();
    if !credentials.is_empty() {
        doc.push_str(&format!(
            "\nThe client supplies the credentials, never a call: {}.\n",
            credentials.join(", ")
        ));
    }
    let notes = text(&e.notes);
    if !notes.is_empty() {
        doc.push_str(&format!("\n# Notes\n\n{notes}\n"));
    }
    let required: Vec<String> = e
        .required()
        .map(|p| format!("`.{}(…)`", p.ident.to_string().trim_start_matches("r#")))
        .collect();
    let fn_name = e.fn_ident.to_string().trim_start_matches("r#").to_string();
    let mut required = required;
    for g in &e.groups {
        let names: Vec<String> = g
            .members
            .iter()
            .map(|&i| {
                format!(
                    "`.{}(…)`",
                    e.params[i].ident.to_string().trim_start_matches("r#")
                )
            })
            .collect();
        required.push(format!(
            "{} {}",
            if g.exactly {
                "exactly one of"
            } else {
                "at least one of"
            },
            names.join(", ")
        ));
    }
    let set = match (required.is_empty(), e.settable().next().is_some()) {
        (false, _) => format!("set {}, then ", required.join(" and ")),
        (true, true) => "set any optional parameters, then ".to_string(),
        (true, false) => "then ".to_string(),
    };
    doc.push_str(&format!(
        "\n# Calling it\n\nStart with [`{fn_name}()`]({fn_name}), {set}`.send(&client).await` \
         (or pass the builder to `weibo_api::blocking::Client::send`)."
    ));
    if !required.is_empty() {
        doc.push_str(" Leaving out a required parameter is a compile error that names it.");
    }
    if e.paging.is_some() {
        doc.push_str(" To go through every page, call [`pages`](Self::pages) instead of `send`.");
    }
    doc.push('\n');
    if !e.curl.is_empty() {
        doc.push_str("\nThe document's own examples:\n\n```text\n");
        for c in &e.curl {
            doc.push_str(c);
            doc.push('\n');
        }
        doc.push_str("```\n");
    }
    doc
}

/// What an integer type is, in words: `int64` and `bigint` are the same to the user.
fn kind_note(ty: &TypeRef) -> &'static str {
    match ty.item() {
        TypeRef::Scalar(crate::types::Scalar::Int64) => " (64-bit integer)",
        TypeRef::Scalar(crate::types::Scalar::Int) => " (32-bit integer)",
        _ => "",
    }
}

/// The Rust type a setter takes, for its first doc line.
fn setter_type(api: &Api, p: &Param) -> String {
    use crate::types::Scalar;
    let scalar = |t: &TypeRef| -> String {
        match t {
            TypeRef::Scalar(Scalar::Int64) => "i64".into(),
            TypeRef::Scalar(Scalar::Int) => "i32".into(),
            TypeRef::Scalar(Scalar::Float) => "f64".into(),
            TypeRef::Scalar(Scalar::Bool) => "bool".into(),
            TypeRef::Scalar(Scalar::String) => "impl Into<String>".into(),
            TypeRef::Scalar(Scalar::File) => "weibo_api::Upload".into(),
            TypeRef::Scalar(Scalar::DateTime) => "weibo_api::DateTime".into(),
            TypeRef::Enum(name) => api
                .enums
                .iter()
                .find(|e| &e.name == name)
                .map_or(name.clone(), |e| format!("models::{}", e.name)),
            other => other.to_string(),
        }
    };
    match &p.ty {
        TypeRef::List(inner) => match &**inner {
            TypeRef::Scalar(Scalar::String) => {
                "an array, slice or `Vec` of `&str` or `String`".into()
            }
            other => format!("an array, slice or `Vec` of `{}`", scalar(other)),
        },
        other => format!("`{}`", scalar(other)),
    }
}

/// `, from 1 to 200` for a parameter with a value range.
fn range(p: &Param) -> String {
    match (p.min, p.max) {
        (Some(min), Some(max)) => format!(", from {min} to {max}"),
        (Some(min), None) => format!(", at least {min}"),
        (None, Some(max)) => format!(", at most {max}"),
        (None, None) => String::new(),
    }
}

pub fn setter(api: &Api, e: &Endpoint, p: &Param) -> String {
    let mut doc = format!(
        "Sets `{}`, taking {} (`{}`{}{}",
        p.name,
        setter_type(api, p),
        p.spelled,
        kind_note(&p.ty),
        constraints(api, p)
    );
    match p.group {
        _ if p.required => doc.push_str(", required)."),
        Some(g) => {
            let group = &e.groups[g];
            let names: Vec<String> = group
                .members
                .iter()
                .map(|&i| format!("`{}`", e.params[i].name))
                .collect();
            doc.push_str(&format!(
                "; {} {} must be set).",
                if group.exactly {
                    "exactly one of"
                } else {
                    "at least one of"
                },
                names.join(", ")
            ));
        }
        None => doc.push_str(", optional)."),
    }
    let d = text(&p.description);
    if !d.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&d);
    }
    if p.max_items.is_some()
        || p.min_items.is_some()
        || p.min.is_some()
        || p.max.is_some()
        || p.max_length.is_some()
        || p.max_size.is_some()
        || p.required_if.is_some()
    {
        doc.push_str("\n\nThese limits are checked by `build`/`send`, before any network I/O ([`weibo_api::Error::InvalidRequest`](::weibo_api::Error::InvalidRequest)).");
    }
    doc
}

/// The rustdoc of a builder's `pages` method.
pub fn pages(e: &Endpoint, paging: &Paging) -> String {
    let how = match paging.style {
        PagingStyle::Page => "sets `page` to 1, 2, 3, … (starting from the `page` you set)",
        PagingStyle::MaxId => "sets `max_id` below the last item received",
        PagingStyle::Cursor => "sets `cursor` to the response's `next_cursor`",
    };
    let end = if paging.total_number {
        "a page comes back empty, the cursor stops moving, or `total_number` items have come"
    } else {
        "a page comes back empty or the cursor stops moving"
    };
    let items = match &paging.items_wire {
        Some(field) => format!("the items of `{field}`"),
        None => "the items of the list".to_string(),
    };
    format!(
        "Every item of `{}`, page after page: each request {how}, and {items} come one by one. \
         It stops when {end}, or at the first error (yielded as the last item).\n\n\
         With the async [`Client`](::weibo_api::Client) this is a `futures::Stream`; with the blocking \
         client, an `Iterator`. Cap it with `.take(n)`.",
        e.name
    )
}

/// The rustdoc of an enumeration.
pub fn enumeration(e: &Enum) -> String {
    let d = text(&e.description);
    let mut doc = if d.is_empty() {
        format!("The `{}` values.", e.name)
    } else {
        d
    };
    doc.push_str(&format!(
        "\n\nSent as {}. In responses a value not listed here is kept as `OrUnknown::Unknown`.",
        if e.numeric { "a number" } else { "text" }
    ));
    doc
}

/// The rustdoc of one enumeration value.
pub fn enum_value(_e: &Enum, v: &EnumValue) -> String {
    let d = text(&v.description);
    if d.is_empty() {
        format!("`{}`", v.wire)
    } else {
        format!("`{}`: {d}", v.wire)
    }
}

pub fn model(m: &Model) -> String {
    let d = text(&m.description);
    let mut doc = if d.is_empty() {
        format!("The `{}` model.", m.name)
    } else {
        d
    };
    doc.push_str("\n\nDecoding is lenient the way Weibo needs: ids arrive as numbers or strings, `\"\"` means absent, \
                  dates use Weibo's `Tue May 24 18:04:53 +0800 2011` format. ");
    let fields: &[Field] = match &m.kind {
        ModelKind::Local(fields) => fields,
        ModelKind::Extern(_) => &[],
    };
    match fields.iter().find(|f| f.flatten) {
        Some(rest) => doc.push_str(&format!(
            "Members the spec does not declare are kept in [`{0}`](Self::{0}), in the order sent.",
            rest.ident
        )),
        None => doc.push_str(
            "Members the spec does not declare are not kept: declare them, or give the model a \
             `map<string, json>` field with `flatten: true`.",
        ),
    }
    doc
}

pub fn field(f: &Field) -> String {
    let d = text(&f.description);
    let wire = if f.ident.to_string().trim_start_matches("r#") != f.wire {
        format!(" (`{}` on the wire)", f.wire)
    } else {
        String::new()
    };
    format!("{d}\n\nSpec type: `{}`{wire}.", f.spelled)
}

pub fn version(v: &Version) -> String {
    let d = text(&v.description);
    let auth = match (v.basic, v.oauth2) {
        (true, true) => "OAuth2 access token or HTTP Basic",
        (true, false) => "HTTP Basic",
        (false, true) => "OAuth2 access token",
        (false, false) => "credentials travel as request parameters",
    };
    format!(
        "API version `{}`: {d}\n\nBase URL `{}`; authentication: {auth}.",
        v.key, v.base_url
    )
}
