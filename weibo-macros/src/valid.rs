//! Every semantic rule of the spec language, checked in one place. All problems are collected;
//! an [`Api`] is returned only when there are none.

use crate::diag::{choices_help, did_you_mean, Diagnostics, SpecError};
use crate::ir::*;
use crate::locate::{Locator, Seg};
use crate::names;
use crate::spec::*;
use crate::types::{self, Scalar, TypeRef, SCALAR_NAMES};
use quote::format_ident;
use std::collections::{HashMap, HashSet};

const FORMATS: &[&str] = &["json", "xml"];
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE"];
const AUTH: &[&str] = &["basic", "oauth2"];
const CREDENTIALS: &[&str] = &["app_key", "app_secret", "access_token"];

pub fn validate(raw: RawSpec, text: &str, diags: &mut Diagnostics) -> Option<Api> {
    let mut v = Validator {
        locator: Locator::new(text),
        text,
        diags,
    };
    let versions = v.versions(&raw);
    let models = v.models(&raw);
    let endpoints = v.endpoints(&raw, &versions, &models);
    if v.diags.is_empty() {
        Some(Api {
            versions,
            models,
            endpoints,
        })
    } else {
        None
    }
}

struct Validator<'a, 'd> {
    locator: Locator<'a>,
    text: &'a str,
    diags: &'d mut Diagnostics,
}

fn key(k: &str) -> Seg {
    Seg::key(k)
}

impl Validator<'_, '_> {
    fn error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let position = self.locator.find(path);
        self.diags
            .push(SpecError::new(position, message).help(help));
    }

    fn versions(&mut self, raw: &RawSpec) -> Vec<Version> {
        let mut out = Vec::new();
        for (name, version) in &raw.versions {
            let Some(version) = version else { continue };
            let path = [key("versions"), key(name)];
            if !(version.base_url.starts_with("http://")
                || version.base_url.starts_with("https://"))
            {
                let mut p = path.to_vec();
                p.push(key("base_url"));
                self.error(
                    &p,
                    format!(
                        "base_url `{}` of version `{name}` is not an http(s) URL",
                        version.base_url
                    ),
                    "write it as `https://host/prefix`",
                );
            }
            let (mut basic, mut oauth2) = (false, false);
            for scheme in version.auth.iter().flatten() {
                match scheme.as_str() {
                    "basic" => basic = true,
                    "oauth2" => oauth2 = true,
                    other => {
                        let mut p = path.to_vec();
                        p.push(key("auth"));
                        self.error(
                            &p,
                            format!("unknown auth scheme `{other}` in version `{name}`"),
                            choices_help(other, AUTH),
                        );
                    }
                }
            }
            if version.auth.is_none() {
                oauth2 = true;
            }
            out.push(Version {
                key: name.clone(),
                module: names::ident(&names::snake(name)),
                base_url: version.base_url.trim_end_matches('/').to_string(),
                basic,
                oauth2,
                description: version.description.clone(),
            });
        }
        out
    }

    fn models(&mut self, raw: &RawSpec) -> Vec<Model> {
        let defined: Vec<&str> = raw
            .models
            .iter()
            .flatten()
            .map(|m| m.name.as_str())
            .chain(raw.extern_models.iter().map(|(n, _)| n.as_str()))
            .collect();
        let mut out = Vec::new();
        for (name, path) in &raw.extern_models {
            let at = [key("extern_models"), key(name)];
            match syn::parse_str::<syn::Path>(path) {
                Ok(p) => out.push(Model {
                    name: name.clone(),
                    ident: names::ident(name),
                    description: None,
                    kind: ModelKind::Extern(p),
                }),
                Err(_) => self.error(
                    &at,
                    format!("`{path}` is not a Rust path"),
                    "write it as `::other_crate::models::Name`",
                ),
            }
        }
        for model in raw.models.iter().flatten() {
            let mpath = [key("models"), key(&model.name)];
            if !names::is_plain_ident(&model.name)
                || !model.name.starts_with(|c: char| c.is_ascii_uppercase())
            {
                self.error(
                    &mpath,
                    format!("model name `{}` is not a CamelCase identifier", model.name),
                    format!("rename it, e.g. `{}`", names::pascal(&model.name)),
                );
                continue;
            }
            let mut fields = Vec::new();
            let mut idents = HashMap::new();
            for (wire, field) in &model.fields {
                let fpath = [key("models"), key(&model.name), key("fields"), key(wire)];
                let Some(ty) = self.type_ref(&fpath, &field.ty, &defined, "field") else {
                    continue;
                };
                let rust = names::snake(wire);
                if let Some(other) = idents.insert(rust.clone(), wire.clone()) {
                    self.error(&fpath, format!("fields `{other}` and `{wire}` of model `{}` both become the Rust field `{rust}`", model.name), "rename one of them");
                    continue;
                }
                fields.push(Field {
                    wire: wire.clone(),
                    ident: names::ident(&rust),
                    ty,
                    spelled: field.ty.clone(),
                    required: field.required,
                    description: field.description.clone(),
                });
            }
            out.push(Model {
                name: model.name.clone(),
                ident: names::ident(&model.name),
                description: model.description.clone(),
                kind: ModelKind::Local(fields),
            });
        }
        out
    }

    /// Parses a type and checks that the model it names is defined.
    fn type_ref(
        &mut self,
        path: &[Seg],
        text: &str,
        defined: &[&str],
        what: &str,
    ) -> Option<TypeRef> {
        let mut at = path.to_vec();
        at.push(key("type"));
        match types::parse(text) {
            Ok(ty) => {
                if let Some(model) = ty.model() {
                    if !defined.contains(&model) {
                        let help = match did_you_mean(model, defined.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`? Otherwise define `{model}` under `models:`"),
                            None => format!("define `{model}` under `models:` (or `extern_models:`), or use one of {}", SCALAR_NAMES.join(", ")),
                        };
                        self.error(
                            &at,
                            format!("{what} type `{text}` refers to the undefined model `{model}`"),
                            help,
                        );
                        return None;
                    }
                }
                Some(ty)
            }
            Err(msg) => {
                let mut candidates: Vec<&str> = SCALAR_NAMES.to_vec();
                candidates.extend(defined);
                self.error(
                    &at,
                    format!("{msg} for {what}"),
                    choices_help(text, &candidates) + "; lists are `list<T>`",
                );
                None
            }
        }
    }

    fn endpoints(
        &mut self,
        raw: &RawSpec,
        versions: &[Version],
        models: &[Model],
    ) -> Vec<Endpoint> {
        let defined: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let mut idents: HashMap<(String, String), String> = HashMap::new();
        let mut out = Vec::new();
        for (i, endpoint) in raw.endpoints.iter().enumerate() {
            let Some(endpoint) = endpoint else { continue };
            let e = &endpoint.shell;
            let at = |k: &str| vec![key("endpoints"), Seg::Index(i), key(k)];
            let name_ok = !e.name.trim().is_empty();
            if !name_ok {
                self.error(
                    &at("name"),
                    "endpoint name is empty",
                    "use the documented name, e.g. `statuses/destroy`",
                );
            }
            let version = versions.iter().position(|v| v.key == e.version);
            if version.is_none() {
                let keys: Vec<&str> = versions.iter().map(|v| v.key.as_str()).collect();
                self.error(
                    &at("version"),
                    format!(
                        "endpoint `{}` uses the undefined API version `{}`",
                        e.name, e.version
                    ),
                    format!(
                        "define it under `versions:` with its `base_url`, or {}",
                        choices_help(&e.version, &keys)
                    ),
                );
            }
            if let Some(first) = seen.insert((e.version.clone(), e.name.clone()), i) {
                self.error(&at("name"), format!("duplicate endpoint `{}` in version `{}` (first defined as endpoints[{first}])", e.name, e.version), "remove one of them");
            } else if name_ok {
                let rust = names::snake(&e.name);
                if let Some(other) =
                    idents.insert((e.version.clone(), rust.clone()), e.name.clone())
                {
                    self.error(
                        &at("name"),
                        format!(
                            "endpoints `{other}` and `{}` both become `{}::{rust}`",
                            e.name, e.version
                        ),
                        "rename one of them",
                    );
                }
                if rust == "version" {
                    self.error(&at("name"), "an endpoint named `version` clashes with the generated version metadata `VERSION`", "rename the endpoint");
                }
            }
            let Some(path) = e.path.clone() else {
                self.error(&[key("endpoints"), Seg::Index(i)], format!("endpoint `{}` has no `path`", e.name), "add `path: ...`, the URL path below the version's base_url without the format suffix, e.g. `statuses/destroy/:id`");
                continue;
            };
            let formats = self.formats(&at("formats"), &at("default_format"), e);
            let methods = self.methods(&at("methods"), e);
            let params = self.params(i, endpoint, &path);
            let response = self.type_ref(&at("response")[..2], &e.response, &defined, "response");
            let response = response.filter(|ty| match ty {
                TypeRef::Model(_) => true,
                TypeRef::List(inner) => matches!(**inner, TypeRef::Model(_)),
                TypeRef::Scalar(_) => {
                    self.error(
                        &at("response"),
                        format!("response type `{}` is not a model", e.response),
                        "use a model name or `list<Model>`",
                    );
                    false
                }
            });
            if let Some(ty) = &response {
                if let Some(json) = &e.examples.json {
                    self.check_example(i, json, ty, models);
                }
            }
            let (Some(version), Some(response), true) = (version, response, name_ok) else {
                continue;
            };
            out.push(Endpoint {
                name: e.name.clone(),
                version,
                path,
                fn_ident: names::ident(&names::snake(&e.name)),
                type_ident: names::ident(&names::pascal(&e.name)),
                meta_ident: names::ident(&names::screaming(&e.name)),
                formats,
                methods,
                format_suffix: e.format_suffix.unwrap_or(true),
                login_required: e.login_required,
                rate_limited: e.rate_limited,
                access_level: e.access_level.clone(),
                updated: e.updated.clone(),
                description: e.description.clone(),
                notes: e.notes.clone(),
                params,
                response,
                example_json: e.examples.json.clone(),
                example_xml: e.examples.xml.clone(),
                curl: e.curl.clone(),
            });
        }
        out
    }

    fn formats(&mut self, at: &[Seg], default_at: &[Seg], e: &RawEndpointShell) -> Vec<Format> {
        let mut formats = Vec::new();
        for f in e.formats.clone().unwrap_or_else(|| vec!["json".into()]) {
            match f.to_ascii_lowercase().as_str() {
                "json" => formats.push(Format::Json),
                "xml" => formats.push(Format::Xml),
                _ => self.error(
                    at,
                    format!("unknown format `{f}` in endpoint `{}`", e.name),
                    choices_help(&f, FORMATS),
                ),
            }
        }
        if formats.is_empty() && e.formats.as_ref().is_some_and(Vec::is_empty) {
            self.error(
                at,
                format!("endpoint `{}` lists no formats", e.name),
                "list at least one, e.g. `formats: [json]`",
            );
        }
        if let Some(default) = &e.default_format {
            match formats
                .iter()
                .position(|f| f.name() == default.to_ascii_lowercase())
            {
                Some(i) => formats[..=i].rotate_right(1),
                None => self.error(
                    default_at,
                    format!("default_format `{default}` is not one of the endpoint's formats"),
                    "add it to `formats` or pick one listed there",
                ),
            }
        }
        formats
    }

    fn methods(&mut self, at: &[Seg], e: &RawEndpointShell) -> Vec<Method> {
        let Some(listed) = &e.methods else {
            let mut p = at.to_vec();
            p.pop();
            self.error(&p, format!("endpoint `{}` has no `methods`", e.name), "add the documented HTTP methods, the default first, e.g. `methods: [POST, DELETE]`");
            return Vec::new();
        };
        let mut methods = Vec::new();
        for m in listed {
            let method = match m.to_ascii_uppercase().as_str() {
                "GET" => Method::Get,
                "POST" => Method::Post,
                "PUT" => Method::Put,
                "DELETE" => Method::Delete,
                _ => {
                    self.error(
                        at,
                        format!("unknown HTTP method `{m}` in endpoint `{}`", e.name),
                        choices_help(m, METHODS),
                    );
                    continue;
                }
            };
            if methods.contains(&method) {
                self.error(
                    at,
                    format!("HTTP method `{m}` is listed twice"),
                    "list each method once",
                );
            }
            methods.push(method);
        }
        if listed.is_empty() {
            self.error(
                at,
                format!("endpoint `{}` lists no HTTP methods", e.name),
                "list at least one, e.g. `methods: [GET]`",
            );
        }
        methods
    }

    fn params(&mut self, i: usize, endpoint: &RawEndpoint, path: &str) -> Vec<Param> {
        let e = &endpoint.shell;
        let placeholders: Vec<&str> = path
            .split('/')
            .filter_map(|s| {
                s.strip_prefix(':')
                    .or_else(|| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            })
            .collect();
        let type_ident = names::pascal(&e.name);
        let mut out: Vec<Param> = Vec::new();
        let mut names_seen = HashMap::new();
        let mut idents_seen = HashSet::new();
        for (j, param) in endpoint.params.iter().enumerate() {
            let Some(p) = param else { continue };
            let at = |k: &str| {
                vec![
                    key("endpoints"),
                    Seg::Index(i),
                    key("params"),
                    Seg::Index(j),
                    key(k),
                ]
            };
            if let Some(first) = names_seen.insert(p.name.clone(), j) {
                self.error(
                    &at("name"),
                    format!(
                        "duplicate parameter `{}` in endpoint `{}` (first at params[{first}])",
                        p.name, e.name
                    ),
                    "remove one of them",
                );
                continue;
            }
            let snake = names::snake(&p.name);
            if !idents_seen.insert(snake.clone()) {
                self.error(
                    &at("name"),
                    format!(
                        "parameter `{}` clashes with another parameter that also becomes `{snake}`",
                        p.name
                    ),
                    "rename one of them",
                );
                continue;
            }
            let location = match p.location.as_deref() {
                None | Some("query") | Some("body") => Location::Default,
                Some("path") => Location::Path,
                Some(other) => {
                    self.error(
                        &at("in"),
                        format!("unknown parameter location `{other}`"),
                        choices_help(other, &["path", "query", "body"]),
                    );
                    Location::Default
                }
            };
            let credential = match p.credential.as_deref() {
                None => None,
                Some("app_key") => Some(Credential::AppKey),
                Some("access_token") => Some(Credential::AccessToken),
                Some("app_secret") => Some(Credential::AppSecret),
                Some(other) => {
                    self.error(
                        &at("credential"),
                        format!("unknown credential `{other}`"),
                        choices_help(other, CREDENTIALS),
                    );
                    None
                }
            };
            let ty = match types::parse(&p.ty) {
                Ok(TypeRef::Model(m)) => {
                    self.error(&at("type"), format!("parameter `{}` has the model type `{m}`; parameters are scalars or lists of scalars", p.name), format!("use one of {} or `list<int64>`", SCALAR_NAMES.join(", ")));
                    continue;
                }
                Ok(ty @ TypeRef::List(_)) if !matches!(ty, TypeRef::List(ref inner) if matches!(**inner, TypeRef::Scalar(_))) =>
                {
                    self.error(
                        &at("type"),
                        format!(
                            "parameter `{}` has the type `{}`; lists hold scalars",
                            p.name, p.ty
                        ),
                        "use e.g. `list<int64>`",
                    );
                    continue;
                }
                Ok(ty) => ty,
                Err(msg) => {
                    self.error(
                        &at("type"),
                        format!("{msg} for parameter `{}`", p.name),
                        choices_help(&p.ty, SCALAR_NAMES) + "; lists are `list<T>`",
                    );
                    continue;
                }
            };
            let is_list = matches!(ty, TypeRef::List(_));
            for (k, limit) in [("min_items", p.min_items), ("max_items", p.max_items)] {
                match limit {
                    Some(_) if !is_list => self.error(
                        &at(k),
                        format!("`{k}` is set on `{}`, which is not a list", p.name),
                        format!("remove `{k}` or make the type `list<{}>`", p.ty),
                    ),
                    Some(n) if n < 1 => self.error(
                        &at(k),
                        format!("`{k}: {n}` on `{}` allows no items", p.name),
                        format!("set `{k}` to 1 or more (or remove it)"),
                    ),
                    _ => {}
                }
            }
            if let (Some(min), Some(max)) = (p.min_items, p.max_items) {
                if min > max {
                    self.error(
                        &at("min_items"),
                        format!("`min_items: {min}` is above `max_items: {max}`"),
                        "make min_items at most max_items",
                    );
                }
            }
            if location == Location::Path {
                if !p.required {
                    self.error(
                        &at("required"),
                        format!("path parameter `{}` is marked optional", p.name),
                        "set `required: true`: a URL path cannot leave it out",
                    );
                }
                if !placeholders.contains(&p.name.as_str()) {
                    self.error(
                        &at("in"),
                        format!(
                            "parameter `{}` is `in: path` but the path `{path}` has no `:{}`",
                            p.name, p.name
                        ),
                        format!("add `:{}` to the path, or remove `in: path`", p.name),
                    );
                }
                if is_list {
                    self.error(
                        &at("type"),
                        format!("path parameter `{}` is a list", p.name),
                        "path parameters are single values",
                    );
                }
            }
            let default = match &p.default {
                None => None,
                Some(serde_yaml::Value::String(s)) => Some(s.clone()),
                Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
                Some(serde_yaml::Value::Bool(b)) => Some(b.to_string()),
                Some(_) => {
                    self.error(
                        &at("default"),
                        format!("the default of `{}` is not a single value", p.name),
                        "write a string, number or boolean",
                    );
                    None
                }
            };
            if default.is_some()
                && (p.required || credential.is_some() || location == Location::Path)
            {
                self.error(
                    &at("default"),
                    format!(
                        "`{}` has a default but is required, a credential or a path parameter",
                        p.name
                    ),
                    "defaults are for optional parameters; remove `default` or `required: true`",
                );
            }
            if credential.is_some()
                && !matches!(ty, TypeRef::Scalar(Scalar::String | Scalar::Secret))
            {
                self.error(
                    &at("type"),
                    format!("credential parameter `{}` must be a string", p.name),
                    "set `type: string`",
                );
            }
            let pascal = names::pascal(&p.name);
            out.push(Param {
                name: p.name.clone(),
                ident: names::ident(&snake),
                generic: names::ident(&pascal),
                guard: format_ident!("{}{}", type_ident, pascal),
                location,
                ty,
                spelled: p.ty.clone(),
                required: p.required,
                credential,
                min_items: p.min_items.and_then(|n| u32::try_from(n).ok()),
                max_items: p.max_items.and_then(|n| u32::try_from(n).ok()),
                default,
                description: p.description.clone(),
            });
        }
        for placeholder in placeholders {
            match out.iter().find(|p| p.name == placeholder) {
                None => self.error(&[key("endpoints"), Seg::Index(i), key("path")], format!("path placeholder `:{placeholder}` has no matching parameter"), format!("add a parameter `- {{ name: {placeholder}, in: path, type: int64, required: true }}`")),
                Some(p) if p.location != Location::Path => {
                    let j = endpoint.params.iter().position(|r| r.as_ref().is_some_and(|r| r.name == placeholder)).unwrap_or(0);
                    self.error(&[key("endpoints"), Seg::Index(i), key("params"), Seg::Index(j), key("name")], format!("parameter `{placeholder}` fills the path placeholder `:{placeholder}` but is not marked `in: path`"), "add `in: path` to it");
                }
                Some(_) => {}
            }
        }
        out
    }

    /// Checks a JSON example against the declared response type, so the spec cannot claim a
    /// shape its own example contradicts.
    fn check_example(&mut self, i: usize, json: &str, ty: &TypeRef, models: &[Model]) {
        let path = [
            key("endpoints"),
            Seg::Index(i),
            key("examples"),
            key("json"),
        ];
        let value: serde_json::Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(err) => {
                let position = self.locator.find(&path).map(|(line, _)| {
                    let indent = self
                        .text
                        .lines()
                        .nth(line)
                        .map_or(0, |l| l.len() - l.trim_start().len());
                    (line + err.line(), err.column() + indent)
                });
                self.diags.push(
                    SpecError::new(
                        position,
                        format!("the JSON example is not valid JSON: {err}"),
                    )
                    .help("fix the example; escape quotes inside strings as \\\""),
                );
                return;
            }
        };
        let mut problems = Vec::new();
        check_value(&value, ty, models, "$".to_string(), &mut problems);
        for problem in problems {
            self.error(
                &path,
                format!("the JSON example does not match the response type `{ty}`: {problem}"),
                "fix the example or the model declaration",
            );
        }
    }
}

fn check_value(
    value: &serde_json::Value,
    ty: &TypeRef,
    models: &[Model],
    at: String,
    problems: &mut Vec<String>,
) {
    use serde_json::Value as J;
    let ok = match (ty, value) {
        (_, J::Null) => true,
        (
            TypeRef::Scalar(Scalar::String | Scalar::Secret),
            J::String(_) | J::Number(_) | J::Bool(_),
        ) => true,
        (TypeRef::Scalar(Scalar::Link), J::String(_)) => true,
        (TypeRef::Scalar(Scalar::Int | Scalar::Int64), J::Number(n)) => n.is_i64() || n.is_u64(),
        (TypeRef::Scalar(Scalar::Int | Scalar::Int64), J::String(s)) => {
            s.trim().is_empty() || s.trim().parse::<i64>().is_ok()
        }
        (TypeRef::Scalar(Scalar::Float), J::Number(_)) => true,
        (TypeRef::Scalar(Scalar::Float), J::String(s)) => {
            s.trim().is_empty() || s.trim().parse::<f64>().is_ok()
        }
        (TypeRef::Scalar(Scalar::Bool), J::Bool(_)) => true,
        (TypeRef::Scalar(Scalar::Bool), J::Number(n)) => n.as_u64().is_some_and(|n| n <= 1),
        (TypeRef::Scalar(Scalar::Bool), J::String(s)) => {
            matches!(s.as_str(), "" | "true" | "false" | "0" | "1")
        }
        (TypeRef::Scalar(Scalar::DateTime), J::String(_)) => true,
        (TypeRef::List(inner), J::Array(items)) => {
            for (k, item) in items.iter().enumerate() {
                check_value(item, inner, models, format!("{at}[{k}]"), problems);
            }
            true
        }
        (TypeRef::Model(name), J::Object(map)) => {
            match models.iter().find(|m| &m.name == name).map(|m| &m.kind) {
                Some(ModelKind::Local(fields)) => {
                    for (k, v) in map {
                        match fields.iter().find(|f| &f.wire == k) {
                            Some(f) => check_value(v, &f.ty, models, format!("{at}.{k}"), problems),
                            None => problems.push(format!("`{at}.{k}` is not a field of model `{name}` (declare it under models.{name}.fields)")),
                        }
                    }
                    for f in fields
                        .iter()
                        .filter(|f| f.required && !map.contains_key(&f.wire))
                    {
                        problems.push(format!(
                            "`{at}` has no `{}`, which model `{name}` requires",
                            f.wire
                        ));
                    }
                }
                Some(ModelKind::Extern(_)) | None => {}
            }
            true
        }
        _ => false,
    };
    if !ok {
        problems.push(format!("`{at}` is {value}, which is not a valid `{ty}`"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn check(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let raw = load::parse(text, &mut diags);
        validate(raw, text, &mut diags);
        diags.errors().iter().map(|e| e.render("s.yaml")).collect()
    }

    const HEAD: &str = "versions:\n  v1:\n    base_url: http://api.example\nmodels:\n  Thing:\n    fields:\n      id: { type: int64, required: true }\n      class: string\nendpoints:\n";

    #[test]
    fn accepts_a_good_spec_with_keyword_names() {
        let spec = format!("{HEAD}  - name: things/show-one\n    version: v1\n    path: things/show/:id\n    methods: [GET]\n    params:\n      - {{ name: id, in: path, type: int64, required: true }}\n      - {{ name: type, type: string }}\n    response: Thing\n    examples:\n      json: '{{\"id\": 1, \"class\": \"x\"}}'\n");
        assert_eq!(check(&spec), Vec::<String>::new());
    }

    #[test]
    fn collects_every_problem_in_one_pass() {
        let spec = format!("{HEAD}  - name: a\n    version: v3\n    path: a/:id\n    methods: [PUST]\n    response: Thin\n    params:\n      - {{ name: ids, type: list<int64>, max_items: 0 }}\n");
        let errors = check(&spec);
        let joined = errors.join("\n");
        assert!(joined.contains("undefined API version `v3`"), "{joined}");
        assert!(
            joined.contains("unknown HTTP method `PUST`") && joined.contains("did you mean `POST`"),
            "{joined}"
        );
        assert!(
            joined.contains("undefined model `Thin`") && joined.contains("did you mean `Thing`"),
            "{joined}"
        );
        assert!(
            joined.contains("`max_items: 0` on `ids` allows no items"),
            "{joined}"
        );
        assert!(
            joined.contains("path placeholder `:id` has no matching parameter"),
            "{joined}"
        );
        assert_eq!(errors.len(), 5, "{joined}");
    }

    #[test]
    fn rejects_examples_that_contradict_the_model() {
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: Thing\n    examples:\n      json: '{{\"id\": \"x1\", \"colour\": 3}}'\n");
        let joined = check(&spec).join("\n");
        assert!(
            joined.contains("`$.id` is \"x1\", which is not a valid `int64`"),
            "{joined}"
        );
        assert!(
            joined.contains("`$.colour` is not a field of model `Thing`"),
            "{joined}"
        );
    }
}
