//! Every semantic rule of the spec language, checked in one place. All problems are collected;
//! an [`Api`] is returned only when there are none.

use crate::diag::{choices_help, did_you_mean, Diagnostics, SpecError};
use crate::ir::*;
use crate::locate::{Locator, Seg};
use crate::names;
use crate::spec::*;
use crate::types::{self, Scalar, TypeRef, SCALAR_NAMES};
use proc_macro2::Ident;
use std::collections::{HashMap, HashSet};

// Explicit paths: the expansion bench compiles this file through `#[path]` too.
#[path = "valid/constraints.rs"]
mod constraints;
#[path = "valid/enums.rs"]
mod enums;
#[path = "valid/example.rs"]
mod example;

const FORMATS: &[&str] = &["json", "xml"];
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE"];
const AUTH: &[&str] = &["basic", "oauth2"];
const CREDENTIALS: &[&str] = &["app_key", "app_secret", "access_token"];

pub fn validate(raw: RawSpec, text: &str, diags: &mut Diagnostics) -> Option<Api> {
    let mut v = Validator {
        locator: Locator::new(text),
        diags,
    };
    let versions = v.versions(&raw);
    let enums = v.enums(&raw);
    let mut broken = example::Broken::new();
    let models = v.models(&raw, &enums, &mut broken);
    let endpoints = v.endpoints(&raw, &versions, &enums, &models, &broken);
    if v.diags.is_empty() {
        Some(Api {
            versions,
            enums,
            models,
            endpoints,
        })
    } else {
        None
    }
}

struct Validator<'a, 'd> {
    locator: Locator<'a>,
    diags: &'d mut Diagnostics,
}

fn key(k: &str) -> Seg {
    Seg::key(k)
}

/// The text of a YAML scalar (string, number, boolean), as it goes on the wire.
fn yaml_scalar(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether `ty` mentions the scalar `s` anywhere.
fn contains_scalar(ty: &TypeRef, s: Scalar) -> bool {
    match ty {
        TypeRef::Scalar(x) => *x == s,
        TypeRef::List(inner) | TypeRef::Map(inner) => contains_scalar(inner, s),
        TypeRef::Model(_) | TypeRef::Enum(_) => false,
    }
}

/// What a parameter can be: a scalar (not `json`/`link`), an enum, a `file`, or a list of
/// scalars or enums (not of files).
fn param_type_ok(ty: &TypeRef) -> bool {
    // A file or a secret is one value: a list of them has no wire form that keeps them whole
    // (a file) or out of sight (a secret).
    let scalar_ok = |t: &TypeRef, single: bool| match t {
        TypeRef::Scalar(Scalar::Json | Scalar::Link) => false,
        TypeRef::Scalar(Scalar::File | Scalar::Secret) => single,
        TypeRef::Scalar(_) | TypeRef::Enum(_) => true,
        _ => false,
    };
    match ty {
        TypeRef::List(inner) => scalar_ok(inner, false),
        other => scalar_ok(other, true),
    }
}

/// Item `index` of the list at `path`.
fn item(path: &[Seg], index: usize) -> Vec<Seg> {
    let mut out = path.to_vec();
    out.push(Seg::Index(index));
    out
}

/// Whether `rust` can be a Rust identifier (keywords included: they become raw identifiers).
/// Names are split into words at anything that is not alphanumeric, but a few alphanumeric
/// characters (`½`, `²`, a leading `٣`) still cannot appear in identifiers.
fn is_rust_ident(rust: &str) -> bool {
    use syn::ext::IdentExt;
    syn::parse::Parser::parse_str(syn::Ident::parse_any, rust).is_ok()
}

impl Validator<'_, '_> {
    fn error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let position = self.locator.find(path);
        self.error_at(position, message, help);
    }

    /// A problem with what is written at `path` (an unknown name, a value out of range, a
    /// clash): reported at the value when it is a scalar, at the key otherwise.
    fn value_error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let position = self.locator.find_value(path);
        self.error_at(position, message, help);
    }

    fn error_at(
        &mut self,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(SpecError::new(position, message).help(help));
    }

    /// What a Rust name is made from: `rust_name` when the spec gives one (which must be
    /// snake_case already, as written in Rust), the spec's own name otherwise.
    fn rust_name<'n>(&mut self, at: &[Seg], given: Option<&'n str>, name: &'n str) -> &'n str {
        let Some(given) = given else { return name };
        let snake = names::snake(given);
        if snake != given {
            self.value_error(
                at,
                format!("`rust_name: {given}` is not a snake_case Rust name"),
                format!("write it as Rust will use it, e.g. `rust_name: {snake}`"),
            );
        }
        given
    }

    /// A setter named like one of the builder's own methods would not compile (`build`,
    /// `send`, and `format`, `method` and `pages` where the builder has them) or would hide a
    /// trait method from callers (`clone`): reported with the fix, `rust_name`.
    fn setters_clear_of_builder_methods(
        &mut self,
        i: usize,
        endpoint: &RawEndpoint,
        params: &[Param],
        formats: bool,
        methods: bool,
        paging: bool,
    ) {
        for p in params {
            let setter = p.ident.to_string();
            let taken = match setter.as_str() {
                "build" | "send" => "the builder has a method of that name",
                "clone" => "it would hide `Clone::clone` from callers",
                "format" if formats => {
                    "the builder has a method of that name (choosing the format)"
                }
                "method" if methods => {
                    "the builder has a method of that name (choosing the HTTP method)"
                }
                "pages" if paging => "the builder has a method of that name (its pages)",
                _ => continue,
            };
            let (j, raw) = endpoint
                .param(&p.name)
                .map_or((0, None), |(j, r)| (j, Some(r)));
            // Where the setter's name comes from: its `rust_name`, or its `name`.
            let from = match raw.and_then(|r| r.rust_name.as_ref()) {
                Some(_) => "rust_name",
                None => "name",
            };
            self.value_error(
                &[
                    key("endpoints"),
                    Seg::Index(i),
                    key("params"),
                    Seg::Index(j),
                    key(from),
                ],
                format!(
                    "parameter `{}` would have the setter `{setter}`, but {taken}",
                    p.name
                ),
                format!(
                    "give the setter another name, e.g. `rust_name: {setter}_param`; the parameter keeps its name on the wire"
                ),
            );
        }
    }

    /// The path as the runtime reads it: placeholders written `{id}` become `:id` (both forms
    /// are accepted; the client and the mock fill `:id`). A path that cannot be right is
    /// reported: a whole URL, a query string, or the format suffix the client adds itself.
    fn endpoint_path(&mut self, at: &[Seg], e: &RawEndpointShell, path: &str) -> String {
        let problem = if path.starts_with("http://") || path.starts_with("https://") {
            Some((
                "is a whole URL".to_string(),
                "write the part below the version's base_url, e.g. `statuses/show`, and put another host in the endpoint's `base_url`".to_string(),
            ))
        } else if path.contains(['?', '#']) {
            Some((
                "holds a query string or a fragment".to_string(),
                "declare query values as parameters; the path is only the URL's path".to_string(),
            ))
        } else if e.format_suffix.unwrap_or(true) {
            [".json", ".xml"]
                .into_iter()
                .find(|s| path.ends_with(s))
                .map(|suffix| {
                    (
                        format!("ends with `{suffix}`, which the client adds itself"),
                        format!(
                            "write `{}` (or set `format_suffix: false` for a path used as written)",
                            path.strip_suffix(suffix).unwrap_or(path)
                        ),
                    )
                })
        } else {
            None
        };
        if let Some((what, help)) = problem {
            self.value_error(
                at,
                format!("the path `{path}` of endpoint `{}` {what}", e.name),
                help,
            );
        }
        path.split('/')
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => format!(":{name}"),
                    None => s.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The identifier for each of `rust` (the Rust forms of one spec name), or an error saying
    /// that `what` cannot be named in Rust. A placeholder stands in after an error, so that no
    /// other check trips over it (nothing is emitted when there is an error).
    fn idents<const N: usize>(&mut self, path: &[Seg], what: &str, rust: [&str; N]) -> [Ident; N] {
        match rust.iter().find(|r| !is_rust_ident(r)) {
            None => rust.map(names::ident),
            Some(bad) => {
                // A `name: …` value, or a name that is a key (a model's field).
                let at_name = matches!(path.last(), Some(Seg::Key(k)) if k == "name");
                let message =
                    format!("{what} cannot be turned into a Rust identifier (`{bad}` is not one)");
                let help = "use letters, digits and `_`; `-`, `/`, `.` and spaces separate words";
                match at_name {
                    true => self.value_error(path, message, help),
                    false => self.error(path, message, help),
                }
                rust.map(|_| names::ident("invalid"))
            }
        }
    }

    /// "at line N" for the value at `path`, or `fallback` when it cannot be found.
    fn line_of(&self, path: &[Seg], fallback: String) -> String {
        match self.locator.find(path) {
            Some((line, _)) => format!("line {line}"),
            None => fallback,
        }
    }

    fn versions(&mut self, raw: &RawSpec) -> Vec<Version> {
        let mut out = Vec::new();
        let mut modules: HashMap<String, &str> = HashMap::new();
        for (name, version) in &raw.versions {
            let Some(version) = version else { continue };
            let path = [key("versions"), key(name)];
            // Each version is a module beside `models`.
            let module = names::snake(name);
            if module == "models" {
                self.error(
                    &path,
                    format!("API version `{name}` would be the module `models`, which holds the spec's models"),
                    "name the version by its URL prefix, e.g. `v2`",
                );
            } else if let Some(other) = modules.insert(module.clone(), name) {
                self.error(
                    &path,
                    format!(
                        "API versions `{other}` and `{name}` both become the module `{module}`"
                    ),
                    "rename one of them",
                );
            }
            if !(version.base_url.starts_with("http://")
                || version.base_url.starts_with("https://"))
            {
                let mut p = path.to_vec();
                p.push(key("base_url"));
                self.value_error(
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
                        self.value_error(
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
            let [module] = self.idents(&path, &format!("API version `{name}`"), [&module]);
            out.push(Version {
                key: name.clone(),
                module,
                base_url: version.base_url.trim_end_matches('/').to_string(),
                basic,
                oauth2,
                description: version.description.clone(),
            });
        }
        out
    }

    fn models(
        &mut self,
        raw: &RawSpec,
        enums: &[Enum],
        broken: &mut example::Broken,
    ) -> Vec<Model> {
        let enum_names: Vec<&str> = enums.iter().map(|e| e.name.as_str()).collect();
        let defined: Vec<&str> = raw
            .models
            .iter()
            .flatten()
            .map(|m| m.name.as_str())
            .chain(raw.extern_models.iter().map(|(n, _)| n.as_str()))
            .chain(enum_names.iter().copied())
            .collect();
        let mut out = Vec::new();
        for (name, path) in &raw.extern_models {
            let at = [key("extern_models"), key(name)];
            let [ident] = self.idents(&at, &format!("model `{name}`"), [name]);
            match syn::parse_str::<syn::Path>(path) {
                Ok(p) => out.push(Model {
                    name: name.clone(),
                    ident,
                    description: None,
                    kind: ModelKind::Extern(p),
                }),
                Err(_) => self.value_error(
                    &at,
                    format!("`{path}` is not a Rust path"),
                    "write it as `::other_crate::models::Name`",
                ),
            }
        }
        for model in raw.models.iter().flatten() {
            broken.extend(model.broken.iter().map(|f| (model.name.clone(), f.clone())));
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
                let mut type_at = fpath.to_vec();
                type_at.push(key("type"));
                let what = format!("field `{wire}` of model `{}`", model.name);
                let Some(ty) = self.type_ref(&type_at, &field.ty, &defined, &what) else {
                    broken.insert((model.name.clone(), wire.clone()));
                    continue;
                };
                let ty = ty.resolve_enums(&enum_names);
                if contains_scalar(&ty, Scalar::File) {
                    self.value_error(
                        &type_at,
                        format!("{what} has the type `file`, which only parameters can have"),
                        "use `string` for a file's URL",
                    );
                    broken.insert((model.name.clone(), wire.clone()));
                    continue;
                }
                let mut rust_at = fpath.to_vec();
                rust_at.push(key("rust_name"));
                let rust = names::snake(self.rust_name(&rust_at, field.rust_name.as_deref(), wire));
                let [ident] = self.idents(&fpath, &what, [&rust]);
                if let Some(other) = idents.insert(rust.clone(), wire.clone()) {
                    self.error(
                        &fpath,
                        format!("fields `{other}` and `{wire}` of model `{}` both become the Rust field `{rust}`", model.name),
                        format!("give one of them a Rust name of its own: `{wire}: {{ type: {}, rust_name: {rust}_2 }}`", field.ty),
                    );
                    continue;
                }
                if field.flatten {
                    let mut at = fpath.to_vec();
                    at.push(key("flatten"));
                    if !matches!(ty, TypeRef::Map(_)) {
                        self.error(
                            &at,
                            format!("{what} has `flatten: true` but the type `{}`", field.ty),
                            "only a `map<string, T>` can take the members a model does not declare",
                        );
                        broken.insert((model.name.clone(), wire.clone()));
                        continue;
                    }
                    if fields.iter().any(|f: &Field| f.flatten) {
                        self.error(
                            &at,
                            format!("model `{}` has two `flatten: true` fields", model.name),
                            "keep one: it takes every member the model does not declare",
                        );
                        continue;
                    }
                }
                fields.push(Field {
                    wire: wire.clone(),
                    ident,
                    ty,
                    spelled: field.ty.clone(),
                    required: field.required,
                    flatten: field.flatten,
                    description: field.description.clone(),
                });
            }
            let [ident] = self.idents(&mpath, &format!("model `{}`", model.name), [&model.name]);
            out.push(Model {
                name: model.name.clone(),
                ident,
                description: model.description.clone(),
                kind: ModelKind::Local(fields),
            });
        }
        out
    }

    /// Parses the type of `what` (at `at`) and checks that the model it names is defined.
    fn type_ref(
        &mut self,
        at: &[Seg],
        text: &str,
        defined: &[&str],
        what: &str,
    ) -> Option<TypeRef> {
        match types::parse(text) {
            Ok(ty) => {
                if let Some(model) = ty.model() {
                    if !defined.contains(&model) {
                        let help = match did_you_mean(model, defined.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`? Otherwise define `{model}` under `models:`"),
                            None => format!("define `{model}` under `models:` (or `extern_models:`), or use one of {}", SCALAR_NAMES.join(", ")),
                        };
                        let within = if text.trim() == model {
                            String::new()
                        } else {
                            format!(" (in `{text}`)")
                        };
                        self.value_error(
                            at,
                            format!("{what} refers to the undefined model `{model}`{within}"),
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
                self.value_error(
                    at,
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
        enums: &[Enum],
        models: &[Model],
        broken: &example::Broken,
    ) -> Vec<Endpoint> {
        let enum_names: Vec<&str> = enums.iter().map(|e| e.name.as_str()).collect();
        let defined: Vec<&str> = models
            .iter()
            .map(|m| m.name.as_str())
            .chain(enum_names.iter().copied())
            .collect();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let mut idents: HashMap<(String, String), String> = HashMap::new();
        let mut out = Vec::new();
        for (i, endpoint) in raw.endpoints.iter().enumerate() {
            let Some(endpoint) = endpoint else { continue };
            let e = &endpoint.shell;
            let at = |k: &str| vec![key("endpoints"), Seg::Index(i), key(k)];
            let name_ok = !e.name.trim().is_empty();
            if !name_ok {
                self.value_error(
                    &at("name"),
                    "endpoint name is empty",
                    "use the documented name, e.g. `statuses/destroy`",
                );
            }
            let version = versions.iter().position(|v| v.key == e.version);
            if version.is_none() {
                let keys: Vec<&str> = versions.iter().map(|v| v.key.as_str()).collect();
                let define = format!(
                    "define `{}` under `versions:` with its `base_url`",
                    e.version
                );
                let help = match did_you_mean(&e.version, keys.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`? Otherwise {define}"),
                    None if keys.is_empty() => define,
                    None => format!(
                        "{define}, or use one of the defined versions: {}",
                        keys.iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.value_error(
                    &at("version"),
                    format!(
                        "endpoint `{}` uses the undefined API version `{}`",
                        e.name, e.version
                    ),
                    help,
                );
            }
            if let Some(first) = seen.insert((e.version.clone(), e.name.clone()), i) {
                let first_at = self.line_of(
                    &[key("endpoints"), Seg::Index(first), key("name")],
                    format!("endpoints[{first}]"),
                );
                self.value_error(
                    &at("name"),
                    format!(
                        "duplicate endpoint `{}` in version `{}`: it is already defined at {first_at}",
                        e.name, e.version
                    ),
                    "remove one of the two, or rename one if they are different endpoints",
                );
            } else if name_ok {
                let rust = names::snake(&e.name);
                if let Some(other) =
                    idents.insert((e.version.clone(), rust.clone()), e.name.clone())
                {
                    self.value_error(
                        &at("name"),
                        format!(
                            "endpoints `{other}` and `{}` both become `{}::{rust}`",
                            e.name, e.version
                        ),
                        "rename one of them",
                    );
                }
                if rust == "version" {
                    self.value_error(&at("name"), "an endpoint named `version` clashes with the generated version metadata `VERSION`", "rename the endpoint");
                }
            }
            let Some(path) = e.path.clone() else {
                self.error(&[key("endpoints"), Seg::Index(i)], format!("endpoint `{}` has no `path`", e.name), "add `path: ...`, the URL path below the version's base_url without the format suffix, e.g. `statuses/destroy/:id`");
                continue;
            };
            let path = self.endpoint_path(&at("path"), e, &path);
            let formats = self.formats(&at("formats"), &at("default_format"), e);
            let methods = self.methods(&at("methods"), e);
            let mut params = self.params(i, endpoint, &path, enums, &methods);
            let groups = self.groups(i, e, &mut params);
            self.required_if(i, endpoint, &mut params, enums);
            let response = self.type_ref(
                &at("response"),
                &e.response,
                &defined,
                &format!("the response of endpoint `{}`", e.name),
            );
            let response = response
                .map(|ty| ty.resolve_enums(&enum_names))
                .filter(|ty| match ty {
                    TypeRef::Model(_)
                    | TypeRef::List(_)
                    | TypeRef::Map(_)
                    | TypeRef::Scalar(Scalar::Json)
                        if !contains_scalar(ty, Scalar::File) =>
                    {
                        true
                    }
                    _ => {
                        self.value_error(
                            &at("response"),
                            format!(
                                "response type `{}` is not a model, a list, a map or `json`",
                                e.response
                            ),
                            "use a model name, `list<Model>`, `map<string, T>` or `json`",
                        );
                        false
                    }
                });
            if let Some(ty) = &response {
                if let Some(json) = &e.examples.json {
                    self.check_example(i, json, ty, models, broken);
                }
            }
            let paging = response
                .as_ref()
                .and_then(|ty| self.paging(i, e, &params, ty, models));
            self.setters_clear_of_builder_methods(
                i,
                endpoint,
                &params,
                formats.len() > 1,
                methods.len() > 1,
                paging.is_some(),
            );
            if let Some(url) = &e.base_url {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    self.value_error(
                        &at("base_url"),
                        format!(
                            "base_url `{url}` of endpoint `{}` is not an http(s) URL",
                            e.name
                        ),
                        "write it as `https://host/prefix`, e.g. `https://rm.api.weibo.com/2`",
                    );
                }
            }
            let (Some(version), Some(response), true) = (version, response, name_ok) else {
                continue;
            };
            let [fn_ident, type_ident, meta_ident] = self.idents(
                &at("name"),
                &format!("endpoint name `{}`", e.name),
                [
                    &names::snake(&e.name),
                    // `…Builder`: a builder is never mistaken for a model of the same name
                    // (`oauth2::AccessTokenBuilder` makes a `models::AccessToken`).
                    &format!("{}Builder", names::pascal(&e.name)),
                    &names::screaming(&e.name),
                ],
            );
            out.push(Endpoint {
                name: e.name.clone(),
                version,
                path,
                fn_ident,
                type_ident,
                meta_ident,
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
                doc: e.doc.clone(),
                base_url: e
                    .base_url
                    .as_ref()
                    .map(|u| u.trim_end_matches('/').to_string()),
                groups,
                paging,
                idempotent: e.idempotent.unwrap_or(false),
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
        for (k, f) in e
            .formats
            .clone()
            .unwrap_or_else(|| vec!["json".into()])
            .into_iter()
            .enumerate()
        {
            match f.to_ascii_lowercase().as_str() {
                "json" => formats.push(Format::Json),
                "xml" => formats.push(Format::Xml),
                _ => self.error(
                    &item(at, k),
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
                None => self.value_error(
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
        for (k, m) in listed.iter().enumerate() {
            let method = match m.to_ascii_uppercase().as_str() {
                "GET" => Method::Get,
                "POST" => Method::Post,
                "PUT" => Method::Put,
                "DELETE" => Method::Delete,
                _ => {
                    self.error(
                        &item(at, k),
                        format!("unknown HTTP method `{m}` in endpoint `{}`", e.name),
                        choices_help(m, METHODS),
                    );
                    continue;
                }
            };
            if methods.contains(&method) {
                self.error(
                    &item(at, k),
                    format!("HTTP method `{m}` is listed twice in endpoint `{}`", e.name),
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

    fn params(
        &mut self,
        i: usize,
        endpoint: &RawEndpoint,
        path: &str,
        enums: &[Enum],
        methods: &[Method],
    ) -> Vec<Param> {
        let enum_names: Vec<&str> = enums.iter().map(|e| e.name.as_str()).collect();
        let e = &endpoint.shell;
        // `{id}` is already `:id` here (`endpoint_path`).
        let placeholders: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix(':'))
            .collect();
        // A name that cannot become a type is reported with the endpoint's other names.
        let type_ident = Some(names::pascal(&e.name))
            .filter(|t| is_rust_ident(t))
            .unwrap_or_else(|| "Invalid".to_string());
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
                let first_at = self.line_of(
                    &[
                        key("endpoints"),
                        Seg::Index(i),
                        key("params"),
                        Seg::Index(first),
                        key("name"),
                    ],
                    format!("params[{first}]"),
                );
                self.value_error(
                    &at("name"),
                    format!(
                        "duplicate parameter `{}` in endpoint `{}`: it is already listed at {first_at}",
                        p.name, e.name
                    ),
                    "remove one of the two",
                );
                continue;
            }
            let base = self.rust_name(&at("rust_name"), p.rust_name.as_deref(), &p.name);
            let snake = names::snake(base);
            let pascal = names::pascal(base);
            if !idents_seen.insert(snake.clone()) {
                self.value_error(
                    &at("name"),
                    format!(
                        "parameter `{}` clashes with another parameter that also becomes `{snake}`",
                        p.name
                    ),
                    format!("give one of them a setter name of its own: `rust_name: {snake}_2` beside its `name`"),
                );
                continue;
            }
            let location = match p.location.as_deref() {
                None | Some("query") | Some("body") => Location::Default,
                Some("path") => Location::Path,
                Some(other) => {
                    self.value_error(
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
                    self.value_error(
                        &at("credential"),
                        format!("unknown credential `{other}`"),
                        choices_help(other, CREDENTIALS),
                    );
                    None
                }
            };
            let ty = match types::parse(&p.ty).map(|t| t.resolve_enums(&enum_names)) {
                Ok(TypeRef::Model(m)) => {
                    let help = match did_you_mean(&m, enum_names.iter().copied()) {
                        Some(best) => format!("did you mean the enum `{best}`?"),
                        None => format!(
                            "use one of {}, an enum declared under `enums:`, or `list<int64>`",
                            SCALAR_NAMES.join(", ")
                        ),
                    };
                    self.value_error(&at("type"), format!("parameter `{}` has the type `{m}`, which is not an enum; parameters are scalars, enums or lists of them", p.name), help);
                    continue;
                }
                Ok(ty) if !param_type_ok(&ty) => {
                    self.value_error(
                        &at("type"),
                        format!(
                            "parameter `{}` has the type `{}`; parameters are scalars, enums, `file` or `secret`, or lists of scalars (not files or secrets) or enums",
                            p.name, p.ty
                        ),
                        "use e.g. `int64`, `list<int64>`, `list<string>` or an enum",
                    );
                    continue;
                }
                Ok(ty) => ty,
                Err(msg) => {
                    self.value_error(
                        &at("type"),
                        format!("{msg} for parameter `{}` of endpoint `{}`", p.name, e.name),
                        choices_help(&p.ty, SCALAR_NAMES) + "; lists are `list<T>`",
                    );
                    continue;
                }
            };
            let is_file = ty == TypeRef::Scalar(Scalar::File);
            if is_file && methods.iter().all(|m| *m == Method::Get) {
                self.value_error(
                    &at("type"),
                    format!(
                        "file parameter `{}` of endpoint `{}` cannot be sent with GET",
                        p.name, e.name
                    ),
                    "uploads go in a `multipart/form-data` body: list `POST` in `methods`",
                );
            }
            if is_file && location == Location::Path {
                self.value_error(
                    &at("in"),
                    format!("file parameter `{}` cannot be in the path", p.name),
                    "remove `in: path`",
                );
            }
            let is_list = matches!(ty, TypeRef::List(_));
            for (k, limit) in [("min_items", p.min_items), ("max_items", p.max_items)] {
                match limit {
                    Some(_) if !is_list => self.error(
                        &at(k),
                        format!("`{k}` is set on `{}`, which is not a list", p.name),
                        format!("remove `{k}` or make the type `list<{}>`", p.ty),
                    ),
                    Some(n) if n < 1 => self.value_error(
                        &at(k),
                        format!(
                            "`{k}: {n}` on parameter `{}` of endpoint `{}` allows no items",
                            p.name, e.name
                        ),
                        format!("set `{k}` to 1 or more (or remove it)"),
                    ),
                    _ => {}
                }
            }
            let item = ty.item();
            let integer = matches!(item, TypeRef::Scalar(Scalar::Int | Scalar::Int64));
            let float = matches!(item, TypeRef::Scalar(Scalar::Float));
            let bound = |this: &mut Self, k: &str, value: Option<RawNumber>| -> Option<Bound> {
                let value = value?;
                match value {
                    _ if !integer && !float => {
                        this.error(
                            &at(k),
                            format!("`{k}` is set on `{}` of endpoint `{}`, which is not a number", p.name, e.name),
                            format!("remove `{k}`: value ranges apply to `int`, `int64` and `float` (and their lists)"),
                        );
                        None
                    }
                    RawNumber::Int(n) if integer => Some(Bound::Int(n)),
                    RawNumber::Int(n) => Some(Bound::Float(n as f64)),
                    RawNumber::Float(x) if float && x.is_finite() => Some(Bound::Float(x)),
                    RawNumber::Float(x) => {
                        this.value_error(
                            &at(k),
                            format!(
                                "`{k}: {x}` on `{}` is not a whole number, but `{}` is an integer",
                                p.name, p.ty
                            ),
                            "write a whole number, or make the type `float`".to_string(),
                        );
                        None
                    }
                }
            };
            let min = bound(self, "min", p.min);
            let max = bound(self, "max", p.max);
            if let (Some(lo), Some(hi)) = (p.min, p.max) {
                if lo.as_f64() > hi.as_f64() {
                    self.value_error(
                        &at("min"),
                        format!(
                            "`min: {lo}` is above `max: {hi}` on `{}` of endpoint `{}`",
                            p.name, e.name
                        ),
                        "make min at most max",
                    );
                }
            }
            let list_format = match p.list_format.as_deref() {
                None | Some("comma") => ListFormat::Comma,
                Some("repeat") => ListFormat::Repeat,
                Some(other) => {
                    self.value_error(
                        &at("list_format"),
                        format!("unknown list_format `{other}` on `{}`", p.name),
                        choices_help(other, &["comma", "repeat"]),
                    );
                    ListFormat::Comma
                }
            };
            if p.list_format.is_some() && !is_list {
                self.error(
                    &at("list_format"),
                    format!("`list_format` is set on `{}`, which is not a list", p.name),
                    format!("remove it or make the type `list<{}>`", p.ty),
                );
            }
            let is_bool = *item == TypeRef::Scalar(Scalar::Bool);
            let bool_words = match p.bool_format.as_deref() {
                None | Some("number") => false,
                Some("word") => true,
                Some(other) => {
                    self.value_error(
                        &at("bool_format"),
                        format!("unknown bool_format `{other}` on `{}`", p.name),
                        choices_help(other, &["number", "word"])
                            + " (`number` sends 1/0, `word` sends true/false)",
                    );
                    false
                }
            };
            if p.bool_format.is_some() && !is_bool {
                self.error(
                    &at("bool_format"),
                    format!(
                        "`bool_format` is set on `{}`, which is not a `bool`",
                        p.name
                    ),
                    "remove it, or make the type `bool`",
                );
            }
            let max_size = match p.max_size {
                None => None,
                Some(_) if !is_file => {
                    self.error(
                        &at("max_size"),
                        format!("`max_size` is set on `{}`, which is not a `file`", p.name),
                        "remove it: sizes in bytes apply to `file` parameters",
                    );
                    None
                }
                Some(n) if n < 1 => {
                    self.value_error(
                        &at("max_size"),
                        format!("`max_size: {n}` on `{}` allows no file", p.name),
                        "write the largest size in bytes, e.g. `5242880` for 5 MB",
                    );
                    None
                }
                Some(n) => u64::try_from(n).ok(),
            };
            let max_length = match p.max_length {
                None => None,
                Some(_) if !matches!(item, TypeRef::Scalar(Scalar::String | Scalar::Secret)) => {
                    self.error(&at("max_length"), format!("`max_length` is set on `{}`, which is not a `string`", p.name), "remove it: lengths apply to `string` and `secret` parameters (and each item of `list<string>`)");
                    None
                }
                Some(n) if n < 1 => {
                    self.value_error(
                        &at("max_length"),
                        format!("`max_length: {n}` on `{}` allows no text", p.name),
                        "write the most characters allowed, e.g. `140`",
                    );
                    None
                }
                Some(n) => u32::try_from(n).ok(),
            };
            if let TypeRef::Enum(name) = item {
                for (k, value) in [
                    ("default", &p.default),
                    ("server_default", &p.server_default),
                ] {
                    let Some(value) = value else { continue };
                    let wire = yaml_scalar(value).unwrap_or_default();
                    if let Some(en) = enums.iter().find(|en| &en.name == name) {
                        if !en.values.iter().any(|v| v.wire == wire) {
                            let listed: Vec<&str> =
                                en.values.iter().map(|v| v.wire.as_str()).collect();
                            self.value_error(
                                &at(k),
                                format!(
                                    "`{k}: {wire}` of `{}` is not a value of the enum `{name}`",
                                    p.name
                                ),
                                choices_help(&wire, &listed),
                            );
                        }
                    }
                }
            }
            if let (Some(min), Some(max)) = (p.min_items, p.max_items) {
                if min > max {
                    self.value_error(
                        &at("min_items"),
                        format!("`min_items: {min}` is above `max_items: {max}`"),
                        "make min_items at most max_items",
                    );
                }
            }
            if location == Location::Path {
                if !p.required {
                    self.value_error(
                        &at("required"),
                        format!(
                            "path parameter `{}` of endpoint `{}` is marked optional",
                            p.name, e.name
                        ),
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
                    self.value_error(
                        &at("type"),
                        format!("path parameter `{}` is a list", p.name),
                        "path parameters are single values",
                    );
                }
            }
            let single = |this: &mut Self, k: &str, value: &Option<serde_yaml::Value>| match value {
                None => None,
                Some(v) => match yaml_scalar(v) {
                    Some(text) => Some(text),
                    None => {
                        this.value_error(
                            &at(k),
                            format!("the {k} of `{}` is not a single value", p.name),
                            "write a string, number or boolean",
                        );
                        None
                    }
                },
            };
            let default = single(self, "default", &p.default);
            let server_default = single(self, "server_default", &p.server_default);
            // A `bool` default goes on the wire in the parameter's own form.
            let default = match (default, is_bool) {
                (Some(d), true) if !bool_words && (d == "true" || d == "false") => {
                    Some(if d == "true" { "1" } else { "0" }.to_string())
                }
                (d, _) => d,
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
                self.value_error(
                    &at("type"),
                    format!("credential parameter `{}` must be a string", p.name),
                    "set `type: string`",
                );
            }
            let [ident, generic, guard] = self.idents(
                &at("name"),
                &format!("parameter `{}` of endpoint `{}`", p.name, e.name),
                [&snake, &pascal, &format!("{type_ident}{pascal}")],
            );
            out.push(Param {
                name: p.name.clone(),
                ident,
                generic,
                guard,
                location,
                ty,
                spelled: p.ty.clone(),
                required: p.required,
                credential,
                min_items: p.min_items.and_then(|n| u32::try_from(n).ok()),
                max_items: p.max_items.and_then(|n| u32::try_from(n).ok()),
                min,
                max,
                default,
                server_default,
                list_format,
                bool_words,
                max_size,
                max_length,
                required_if: None,
                group: None,
                description: p.description.clone(),
            });
        }
        for placeholder in placeholders {
            match out.iter().find(|p| p.name == placeholder) {
                None => self.value_error(&[key("endpoints"), Seg::Index(i), key("path")], format!("path placeholder `:{placeholder}` of endpoint `{}` has no matching parameter", e.name), format!("add a parameter `- {{ name: {placeholder}, in: path, type: int64, required: true }}`")),
                Some(p) if p.location != Location::Path => {
                    let j = endpoint.param(placeholder).map_or(0, |(j, _)| j);
                    self.error(&[key("endpoints"), Seg::Index(i), key("params"), Seg::Index(j), key("name")], format!("parameter `{placeholder}` fills the path placeholder `:{placeholder}` but is not marked `in: path`"), "add `in: path` to it");
                }
                Some(_) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::example::{json_offset, line_col, JsonSeg};
    use super::*;
    use crate::load;

    /// The rendered errors, in file order (as the macro reports them).
    fn check(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let raw = load::parse(text, &mut diags);
        validate(raw, text, &mut diags);
        let mut errors = diags.errors().to_vec();
        errors.sort_by_key(|e| e.position.unwrap_or((0, 0)));
        errors.iter().map(|e| e.render("s.yaml")).collect()
    }

    const HEAD: &str = "versions:\n  v1:\n    base_url: http://api.example\nmodels:\n  Thing:\n    fields:\n      id: { type: int64, required: true }\n      class: string\nendpoints:\n";

    #[test]
    fn names_that_become_one_rust_name_need_a_rust_name_of_their_own() {
        let model = "versions:\n  v1:\n    base_url: http://a\nmodels:\n  T:\n    fields:\n      user_id: int64\n      userId: int64\nendpoints: []\n";
        let errors = check(model);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].starts_with("s.yaml:8:7: fields `user_id` and `userId` of model `T` both become the Rust field `user_id`"), "{errors:#?}");
        assert!(errors[0].ends_with("give one of them a Rust name of its own: `userId: { type: int64, rust_name: user_id_2 }`"), "{errors:#?}");
        let fixed = model.replace(
            "userId: int64",
            "userId: { type: int64, rust_name: user_id_camel }",
        );
        assert_eq!(check(&fixed), Vec::<String>::new());
        let params = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    params:\n      - {{ name: screen_name, type: string }}\n      - {{ name: screenName, type: string }}\n    response: Thing\n");
        let errors = check(&params);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].starts_with("s.yaml:16:17: parameter `screenName` clashes with another parameter that also becomes `screen_name`"), "{errors:#?}");
        assert!(
            errors[0].contains("`rust_name: screen_name_2`"),
            "{errors:#?}"
        );
        let fixed = params.replace(
            "name: screenName,",
            "name: screenName, rust_name: by_screen_name,",
        );
        assert_eq!(check(&fixed), Vec::<String>::new());
        // A Rust name is written as Rust will use it.
        let errors = check(&params.replace(
            "name: screenName,",
            "name: screenName, rust_name: ScreenName2,",
        ));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].starts_with(
                "s.yaml:16:40: `rust_name: ScreenName2` is not a snake_case Rust name"
            ),
            "{errors:#?}"
        );
        assert!(
            errors[0].ends_with("e.g. `rust_name: screen_name2`"),
            "{errors:#?}"
        );
    }

    #[test]
    fn setters_named_like_builder_methods_are_reported_with_the_fix() {
        let spec = |formats: &str, paging: &str, params: &str| {
            format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    formats: {formats}\n{paging}    params:\n{params}    response: \"list<Thing>\"\n")
        };
        let all = "      - { name: build, type: string }\n      - { name: send, type: string }\n      - { name: clone, type: string }\n      - { name: format, type: string }\n      - { name: pages, type: string }\n      - { name: page, type: int }\n";
        let errors = check(&spec("[json, xml]", "    paging: { style: page }\n", all));
        assert_eq!(errors.len(), 5, "{errors:#?}");
        for (k, (line, setter)) in [
            (17, "build"),
            (18, "send"),
            (19, "clone"),
            (20, "format"),
            (21, "pages"),
        ]
        .into_iter()
        .enumerate()
        {
            assert!(
                errors[k].starts_with(&format!(
                    "s.yaml:{line}:17: parameter `{setter}` would have the setter `{setter}`, but "
                )) && errors[k].ends_with(&format!(
                    "e.g. `rust_name: {setter}_param`; the parameter keeps its name on the wire"
                )),
                "{errors:#?}"
            );
        }
        // `format` and `pages` are free where the builder has no such method.
        let errors = check(&spec("[json]", "", all));
        assert_eq!(errors.len(), 3, "{errors:#?}");
        // A `rust_name` frees the setter's name, and is where a bad one is reported.
        let renamed = all.replace("name: build,", "name: build, rust_name: build_param,");
        assert_eq!(check(&spec("[json]", "", &renamed)).len(), 2);
        let errors = check(&spec(
            "[json]",
            "",
            "      - { name: b, rust_name: send, type: string }\n",
        ));
        assert!(
            errors[0].starts_with("s.yaml:16:31: parameter `b` would have the setter `send`"),
            "{errors:#?}"
        );
    }

    #[test]
    fn versions_are_modules_that_must_not_clash() {
        let errors = check("versions:\n  models: { base_url: http://a }\n  v-2: { base_url: http://b }\n  v_2: { base_url: http://c }\nendpoints: []\n");
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(
            errors[0].starts_with("s.yaml:2:3: API version `models` would be the module `models`"),
            "{errors:#?}"
        );
        assert!(
            errors[1].starts_with(
                "s.yaml:4:3: API versions `v-2` and `v_2` both become the module `v_2`"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn paths_are_what_the_client_can_fill() {
        let spec = |path: &str, extra: &str| {
            format!("{HEAD}  - name: a\n    version: v1\n    path: {path}\n{extra}    methods: [GET]\n    params:\n      - {{ name: id, in: path, type: int64, required: true }}\n    response: Thing\n")
        };
        // `{id}` is the other way to write `:id`; the runtime reads `:id`.
        let text = spec("things/{id}/show", "");
        let mut diags = Diagnostics::default();
        let api = validate(load::parse(&text, &mut diags), &text, &mut diags);
        assert!(diags.is_empty(), "{:#?}", diags.errors());
        assert_eq!(
            api.map(|a| a.endpoints[0].path.clone()).as_deref(),
            Some("things/:id/show")
        );
        for (path, problem) in [
            ("https://api.weibo.com/2/things/:id", "is a whole URL"),
            ("things/:id?x=1", "holds a query string or a fragment"),
            (
                "things/:id.json",
                "ends with `.json`, which the client adds itself",
            ),
            (
                "things/:id.xml",
                "ends with `.xml`, which the client adds itself",
            ),
        ] {
            let errors = check(&spec(path, ""));
            assert!(
                errors.iter().any(|e| e.starts_with(&format!(
                    "s.yaml:12:11: the path `{path}` of endpoint `a` {problem}"
                ))),
                "{errors:#?}"
            );
        }
        // Without the suffix the path is used as written.
        assert_eq!(
            check(&spec("things/:id/list.json", "    format_suffix: false\n")),
            Vec::<String>::new()
        );
    }

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
            joined.contains("`max_items: 0` on parameter `ids` of endpoint `a` allows no items"),
            "{joined}"
        );
        assert!(
            joined.contains("path placeholder `:id` of endpoint `a` has no matching parameter"),
            "{joined}"
        );
        assert_eq!(errors.len(), 5, "{joined}");
    }

    #[test]
    fn checks_value_ranges() {
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: Thing\n    params:\n      - {{ name: count, type: int, min: 10, max: 5 }}\n      - {{ name: q, type: string, max: 3 }}\n      - {{ name: ids, type: list<int64>, min: 1 }}\n");
        let errors = check(&spec);
        let joined = errors.join("\n");
        assert!(
            joined.contains("`min: 10` is above `max: 5` on `count` of endpoint `a`"),
            "{joined}"
        );
        assert!(
            joined.contains("`max` is set on `q` of endpoint `a`, which is not a number"),
            "{joined}"
        );
        assert_eq!(
            errors.len(),
            2,
            "a range on a list of numbers is fine: {joined}"
        );
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

    #[test]
    fn reports_names_that_cannot_be_identifiers_instead_of_panicking() {
        let cases = [
            ("versions:\n  v²:\n    base_url: http://a\nendpoints: []\n", "s.yaml:2:3: API version `v²`"),
            (
                "versions:\n  v1:\n    base_url: http://a\nmodels:\n  T:\n    fields:\n      a½: string\nendpoints: []\n",
                "s.yaml:7:7: field `a½` of model `T`",
            ),
            (
                "versions:\n  v1:\n    base_url: http://a\nmodels:\n  T²:\n    fields:\n      id: int64\nendpoints: []\n",
                "s.yaml:5:3: model `T²`",
            ),
            (
                &format!("{HEAD}  - name: a/½\n    version: v1\n    path: a\n    methods: [GET]\n    params:\n      - {{ name: x, type: string }}\n    response: Thing\n"),
                "s.yaml:10:11: endpoint name `a/½`",
            ),
            (
                &format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    params:\n      - {{ name: \"٣\", type: string }}\n    response: Thing\n"),
                "s.yaml:15:17: parameter `٣` of endpoint `a`",
            ),
        ];
        for (spec, start) in cases {
            let errors = check(spec);
            assert_eq!(errors.len(), 1, "{errors:#?}");
            assert!(
                errors[0].starts_with(start)
                    && errors[0].contains("cannot be turned into a Rust identifier"),
                "{errors:#?}"
            );
        }
        // Through the whole pipeline too: an error, not a panic.
        assert!(crate::expand::expand_text(cases[3].0, "s.yaml").is_err());
    }

    #[test]
    fn points_at_the_offending_list_item_and_the_response() {
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    formats: [json, jsno]\n    methods: [GET, PUST, GET]\n    response: thing\n");
        let errors = check(&spec);
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(
            errors[0].starts_with("s.yaml:13:21: unknown format `jsno` in endpoint `a`"),
            "{errors:#?}"
        );
        assert!(
            errors[1].starts_with("s.yaml:14:20: unknown HTTP method `PUST`"),
            "{errors:#?}"
        );
        assert!(
            errors[2]
                .starts_with("s.yaml:14:26: HTTP method `GET` is listed twice in endpoint `a`"),
            "{errors:#?}"
        );
        assert!(
            errors[3]
                .starts_with("s.yaml:15:15: unknown type `thing` for the response of endpoint `a`")
                && errors[3].contains("did you mean `Thing`"),
            "{errors:#?}"
        );
    }

    #[test]
    fn points_inside_json_examples() {
        // One-line example: columns count from the opening quote.
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: Thing\n    examples:\n      json: '{{\"id\": \"x1\", \"colour\": 3}}'\n");
        let errors = check(&spec);
        assert!(errors[0].starts_with("s.yaml:16:15: the JSON example does not match the response type `Thing`: `$.id` is \"x1\""), "{errors:#?}");
        assert!(
            errors[1].starts_with("s.yaml:16:27: the JSON example does not match the response type `Thing`: `$.colour` is not a field of model `Thing`")
                && errors[1].contains("declare `colour` under `models.Thing.fields`"),
            "{errors:#?}"
        );
        // Block example: lines below the key, columns after the block's indentation.
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: list<Thing>\n    examples:\n      json: |\n        [\n          {{\"id\": 1}},\n          {{\"class\": \"x\"}},\n          {{\"id\": true}}\n        ]\n");
        let errors = check(&spec);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(
            errors[0].starts_with("s.yaml:19:11: the JSON example does not match the response type `list<Thing>`: `$[1]` has no `id`, which model `Thing` requires"),
            "{errors:#?}"
        );
        assert!(errors[1].starts_with("s.yaml:20:12: the JSON example does not match the response type `list<Thing>`: `$[2].id` is true"), "{errors:#?}");
        // Invalid JSON, with serde_json's position moved into the spec and not repeated.
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: Thing\n    examples:\n      json: |\n        {{\"id\": 1,\n          \"class\": \"a \"quoted\" word\"}}\n");
        let errors = check(&spec);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].starts_with(
                "s.yaml:18:24: the JSON example is not valid JSON: expected `,` or `}`\n"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn locates_json_members_and_elements() {
        let json = "{\"a\": {\"b\\\"\": [1, {\"c\": [true]}]}, \"d\": \"}\"}";
        let at = |path: &[JsonSeg]| json_offset(json, path).map(|o| &json[o..]);
        let k = |s: &str| JsonSeg::Key(s.to_string());
        assert_eq!(at(&[]), Some(json));
        assert!(at(&[k("d")]).unwrap().starts_with("\"d\""));
        assert!(at(&[k("a"), k("b\""), JsonSeg::Index(1), k("c")])
            .unwrap()
            .starts_with("\"c\": [true]"));
        assert!(at(&[
            k("a"),
            k("b\""),
            JsonSeg::Index(1),
            k("c"),
            JsonSeg::Index(0)
        ])
        .unwrap()
        .starts_with("true]"));
        assert_eq!(at(&[k("missing")]), None);
        assert_eq!(at(&[k("a"), k("b\""), JsonSeg::Index(5)]), None);
        assert_eq!(line_col("ab\ncé\nx", 7), (3, 1));
    }

    #[test]
    fn names_where_duplicates_were_first_defined() {
        let spec = format!("{HEAD}  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    params:\n      - {{ name: q, type: string }}\n      - {{ name: q, type: string }}\n    response: Thing\n  - name: a\n    version: v1\n    path: a\n    methods: [GET]\n    response: Thing\n");
        let errors = check(&spec);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].starts_with("s.yaml:16:17: duplicate parameter `q` in endpoint `a`: it is already listed at line 15"), "{errors:#?}");
        assert!(errors[1].starts_with("s.yaml:18:11: duplicate endpoint `a` in version `v1`: it is already defined at line 10"), "{errors:#?}");
    }

    #[test]
    fn explains_undefined_versions_and_models() {
        let spec = format!("{HEAD}  - name: a\n    version: zz\n    path: a\n    methods: [GET]\n    response: list<Other>\n");
        let errors = check(&spec);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(
            errors[0].starts_with("s.yaml:11:14: endpoint `a` uses the undefined API version `zz`")
                && errors[0].ends_with("define `zz` under `versions:` with its `base_url`, or use one of the defined versions: `v1`"),
            "{errors:#?}"
        );
        assert!(
            errors[1].starts_with("s.yaml:14:15: the response of endpoint `a` refers to the undefined model `Other` (in `list<Other>`)"),
            "{errors:#?}"
        );
        let spec = "versions:\n  v1:\n    base_url: http://a\nmodels:\n  T:\n    fields:\n      u: { type: Usr, required: true }\nendpoints: []\n";
        let errors = check(spec);
        assert!(
            errors[0].starts_with(
                "s.yaml:7:18: field `u` of model `T` refers to the undefined model `Usr`"
            ),
            "{errors:#?}"
        );
    }
}
