//! Token emission. Everything here is already valid ([`crate::valid`]); this module only writes
//! code, using absolute paths into `::weibo_api` so the output compiles in any crate.

use crate::diag::{Diagnostics, SpecError};
use crate::ir::*;
use crate::types::{Scalar, TypeRef};
use crate::{docs, input, load, valid};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::path::{Path, PathBuf};

/// The macro entry point: path → spec text → raw model → IR → tokens, or compile errors.
///
/// Where the spec file is looked for:
///
/// - an absolute path is used as it is;
/// - a relative path is resolved against `CARGO_MANIFEST_DIR`, the directory holding the
///   invoking crate's `Cargo.toml`;
/// - when no file is there and the environment variable `WEIBO_API_SPEC_DIR` is set, the
///   relative path is resolved against that directory instead. This is for test harnesses
///   that compile code in a generated crate of their own: trybuild builds each UI test in
///   `target/tests/trybuild/<crate>/`, so its `CARGO_MANIFEST_DIR` is not the repository
///   (trybuild's author recommends this kind of override, dtolnay/trybuild#202). `tests/ui.rs`
///   sets `WEIBO_API_SPEC_DIR` to its own `CARGO_MANIFEST_DIR` before running the cases.
///   Cargo does not know the macro reads it, so changing it alone does not trigger a rebuild.
///
/// Problems never panic: an unreadable file, a YAML error or any spec rule broken becomes a
/// `compile_error!` naming the file, line and column and how to fix it.
pub fn generate(tokens: TokenStream) -> TokenStream {
    let input = match input::parse(tokens) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let relative = input.path.value();
    let span = input.path.span();
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let spec_dir = std::env::var_os(SPEC_DIR_VAR).map(PathBuf::from);
    let (full, text) = match read_spec(&relative, manifest_dir.as_deref(), spec_dir.as_deref()) {
        Ok(found) => found,
        Err(error) => {
            let mut diags = Diagnostics::default();
            diags.push(error);
            return diags.to_compile_errors(&relative, span);
        }
    };
    let full_str = full.to_string_lossy().into_owned();
    // Cargo rebuilds the crate whenever the spec changes, even when it is currently broken.
    let track = quote!(
        const _: &[u8] = ::core::include_bytes!(#full_str);
    );
    match expand_text(&text, &relative) {
        Ok(code) => quote!(#track #code),
        Err(diags) => {
            let errors = diags.to_compile_errors(&relative, span);
            quote!(#track #errors)
        }
    }
}

/// The fallback directory for relative spec paths (see [`generate`]).
const SPEC_DIR_VAR: &str = "WEIBO_API_SPEC_DIR";

/// Finds and reads the spec file as [`generate`] describes, or says why it cannot.
fn read_spec(
    path: &str,
    manifest_dir: Option<&Path>,
    spec_dir: Option<&Path>,
) -> Result<(PathBuf, String), SpecError> {
    let read = |full: PathBuf| match std::fs::read_to_string(&full) {
        Ok(text) => Ok((full, text)),
        Err(e) => Err(SpecError::new(
            None,
            format!("cannot read the spec file `{}`: {e}", full.display()),
        )
        .help("check that it is a readable UTF-8 text file")),
    };
    if path.trim().is_empty() {
        return Err(SpecError::new(None, "the spec path is empty")
            .help("name the YAML file, e.g. `weibo_api::generate!(\"spec/weibo.yaml\");`"));
    }
    if Path::new(path).is_absolute() {
        let full = PathBuf::from(path);
        if !full.is_file() {
            return Err(
                SpecError::new(None, "cannot read the spec file: there is no such file")
                    .help("check the path; it is used as written because it is absolute"),
            );
        }
        return read(full);
    }
    let Some(manifest_dir) = manifest_dir else {
        return Err(SpecError::new(
            None,
            "cannot resolve the spec path: CARGO_MANIFEST_DIR is not set",
        )
        .help("build with cargo, or give the spec file as an absolute path"));
    };
    let in_crate = manifest_dir.join(path);
    if in_crate.is_file() {
        return read(in_crate);
    }
    if let Some(spec_dir) = spec_dir {
        let fallback = spec_dir.join(path);
        if fallback.is_file() {
            return read(fallback);
        }
        // Under a test harness CARGO_MANIFEST_DIR is a generated directory; only the fallback
        // location means anything to the reader (and it is the same on every machine, relative
        // to the repository).
        return Err(SpecError::new(
            None,
            format!(
                "cannot read the spec file: there is no such file in CARGO_MANIFEST_DIR nor at `{}` ({SPEC_DIR_VAR})",
                fallback.display()
            ),
        )
        .help("check the file name; relative spec paths are resolved against the crate's directory, then against WEIBO_API_SPEC_DIR"));
    }
    Err(SpecError::new(
        None,
        format!(
            "cannot read the spec file: there is no such file at `{}`",
            in_crate.display()
        ),
    )
    .help("the path is relative to the directory holding this crate's Cargo.toml; check its spelling and that the file exists"))
}

/// Spec text to generated items (without the rebuild tracking), for the macro and the snapshot.
pub fn expand_text(text: &str, file: &str) -> Result<TokenStream, Diagnostics> {
    let mut diags = Diagnostics::default();
    let raw = load::parse(text, &mut diags);
    match valid::validate(raw, text, &mut diags) {
        Some(api) if diags.is_empty() => Ok(expand(&api, file)),
        _ => Err(diags),
    }
}

fn expand(api: &Api, file: &str) -> TokenStream {
    let models = models(api);
    let versions = api
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| version(api, i, v));
    let version_refs = api.versions.iter().map(|v| {
        let m = &v.module;
        quote!(&#m::VERSION)
    });
    let endpoint_refs = api.endpoints.iter().map(|e| {
        let m = &api.versions[e.version].module;
        let meta = &e.meta_ident;
        quote!(&#m::#meta)
    });
    let api_doc =
        format!("Metadata of every endpoint in `{file}`: what the mock server and tooling read.");
    quote! {
        #models
        #(#versions)*
        #[doc = #api_doc]
        pub static API: ::weibo_api::meta::Api = ::weibo_api::meta::Api {
            spec: #file,
            versions: &[#(#version_refs),*],
            endpoints: &[#(#endpoint_refs),*],
        };
    }
}

fn scalar_type(s: Scalar) -> TokenStream {
    match s {
        Scalar::String => quote!(::std::string::String),
        Scalar::Int => quote!(i32),
        Scalar::Int64 => quote!(i64),
        Scalar::Bool => quote!(bool),
        Scalar::Float => quote!(f64),
        Scalar::DateTime => quote!(::weibo_api::DateTime),
        Scalar::Secret => quote!(::weibo_api::Secret),
        Scalar::Link => quote!(::weibo_api::Link),
    }
}

/// The Rust type of `ty`, as seen from the `models` module (`in_models`) or a version module.
fn rust_type(api: &Api, ty: &TypeRef, in_models: bool) -> TokenStream {
    match ty {
        TypeRef::Scalar(s) => scalar_type(*s),
        TypeRef::List(inner) => {
            let inner = rust_type(api, inner, in_models);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Model(name) => match api
            .models
            .iter()
            .find(|m| &m.name == name)
            .map(|m| (&m.ident, &m.kind))
        {
            Some((_, ModelKind::Extern(path))) => quote!(#path),
            Some((ident, ModelKind::Local(_))) if in_models => quote!(#ident),
            Some((ident, ModelKind::Local(_))) => quote!(super::models::#ident),
            None => quote!(()),
        },
    }
}

fn models(api: &Api) -> TokenStream {
    let items = api.models.iter().filter_map(|m| {
        let ModelKind::Local(fields) = &m.kind else { return None };
        let ident = &m.ident;
        let doc = docs::model(m);
        let fields = fields.iter().map(|f| model_field(api, f));
        Some(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq, ::weibo_api::__private::serde::Deserialize, ::weibo_api::__private::serde::Serialize)]
            #[serde(crate = "::weibo_api::__private::serde")]
            pub struct #ident {
                #(#fields)*
            }
        })
    });
    quote! {
        /// Response types declared in the spec.
        pub mod models {
            #(#items)*
        }
    }
}

fn model_field(api: &Api, f: &Field) -> TokenStream {
    let ident = &f.ident;
    let doc = docs::field(f);
    let wire = &f.wire;
    let rename = (ident.to_string().trim_start_matches("r#") != f.wire)
        .then(|| quote!(#[serde(rename = #wire)]));
    let ty = rust_type(api, &f.ty, true);
    let (ty, attr) = match (&f.ty, f.required) {
        (TypeRef::Scalar(Scalar::Link), true) => (ty, quote!()),
        (TypeRef::Scalar(Scalar::Link), false) => (
            quote!(::core::option::Option<#ty>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::link")]),
        ),
        (TypeRef::Scalar(_), true) => (
            ty,
            quote!(#[serde(deserialize_with = "::weibo_api::__private::de::required")]),
        ),
        (TypeRef::Scalar(_), false) => (
            quote!(::core::option::Option<#ty>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::de::optional")]),
        ),
        (TypeRef::List(_), _) => (
            ty,
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::de::list")]),
        ),
        (TypeRef::Model(_), true) => (quote!(::std::boxed::Box<#ty>), quote!()),
        (TypeRef::Model(_), false) => (
            quote!(::core::option::Option<::std::boxed::Box<#ty>>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::de::model")]),
        ),
    };
    quote! {
        #[doc = #doc]
        #rename
        #attr
        pub #ident: #ty,
    }
}

fn version(api: &Api, index: usize, v: &Version) -> TokenStream {
    let module = &v.module;
    let doc = docs::version(v);
    let key = &v.key;
    let base_url = &v.base_url;
    let (basic, oauth2) = (v.basic, v.oauth2);
    let endpoints: Vec<&Endpoint> = api
        .endpoints
        .iter()
        .filter(|e| e.version == index)
        .collect();
    let items = endpoints.iter().map(|e| endpoint(api, e));
    let guards: Vec<TokenStream> = endpoints
        .iter()
        .flat_map(|e| e.required().map(|p| guard(api, e, p)))
        .collect();
    let required = (!guards.is_empty()).then(|| {
        quote! {
            /// One marker trait per required parameter: a builder can be built or sent only once
            /// each of its required parameters is set, and the compiler names any that is missing.
            pub mod required {
                #(#guards)*
            }
        }
    });
    let value_traits: Vec<TokenStream> = endpoints
        .iter()
        .flat_map(|e| e.settable().map(|p| value_trait(api, e, p)))
        .collect();
    let values = (!value_traits.is_empty()).then(|| {
        quote! {
            /// One trait per parameter, naming what its setter accepts: anything that converts
            /// into the parameter's type (exactly `i64` for `int64` parameters, so that integer
            /// literals are inferred as `i64`). A value of the wrong type is reported with the
            /// endpoint, the parameter and the expected type.
            pub mod values {
                #(#value_traits)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub mod #module {
            /// Metadata of this API version.
            pub static VERSION: ::weibo_api::meta::Version = ::weibo_api::meta::Version {
                key: #key,
                base_url: #base_url,
                basic_auth: #basic,
                oauth2: #oauth2,
            };
            #(#items)*
            #required
            #values
        }
    }
}

fn guard(api: &Api, e: &Endpoint, p: &Param) -> TokenStream {
    let guard = &p.guard;
    let ty = rust_type(api, &p.ty, false);
    let setter = p.ident.to_string().trim_start_matches("r#").to_string();
    let message = format!(
        "`{}` is missing the required parameter `{}`",
        e.name, p.name
    );
    let label = format!("`{}` was never set on this request", p.name);
    let note = format!("call `.{setter}(…)` on the builder before `.build()` or `.send(…)`");
    let doc = format!(
        "Implemented by the state of `{}` once `.{setter}(…)` has been called.",
        e.name
    );
    // `do_not_recommend` keeps rustc from adding "the trait is implemented for `i64`" (an
    // impl inside the macro expansion) to every missing-parameter error.
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #guard: ::core::convert::Into<#ty> {}
        #[diagnostic::do_not_recommend]
        impl #guard for #ty {}
    }
}

/// The readable Rust spelling of a parameter type, for messages (`i64`, `Vec<i64>`, `String`).
fn rust_type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar(s) => match s {
            Scalar::String => "String",
            Scalar::Int => "i32",
            Scalar::Int64 => "i64",
            Scalar::Bool => "bool",
            Scalar::Float => "f64",
            Scalar::DateTime => "weibo_api::DateTime",
            Scalar::Secret => "weibo_api::Secret",
            Scalar::Link => "weibo_api::Link",
        }
        .to_string(),
        TypeRef::List(inner) => format!("Vec<{}>", rust_type_name(inner)),
        TypeRef::Model(m) => m.clone(),
    }
}

/// The bound of a setter's argument, spelled as a trait of its own so that a value of the wrong
/// type is reported as "`statuses/destroy` parameter `id` expects `int64` (`i64`), found `&str`"
/// rather than as a missing `From<&str>` impl on `i64`.
///
/// Most parameters accept anything `Into` their type. `int64` parameters accept `i64` alone: with
/// a single integer type to choose from, rustc infers an integer literal as `i64`, so that ids
/// beyond `i32` (`.id(3377417550859416)`) need no `_i64` suffix. (With `Into<i64>`, a literal
/// falls back to `i32` and overflows.)
fn value_trait(api: &Api, e: &Endpoint, p: &Param) -> TokenStream {
    let name = &p.guard;
    let ty = rust_type(api, &p.ty, false);
    let rust = rust_type_name(&p.ty);
    let setter = p.ident.to_string().trim_start_matches("r#").to_string();
    let message = format!(
        "`{}` parameter `{}` expects `{}` (`{rust}`), found `{{Self}}`",
        e.name, p.name, p.spelled
    );
    let exact = matches!(p.ty, TypeRef::Scalar(Scalar::Int64));
    let (label, accepts) = if exact {
        (
            format!("expected `{rust}`, found `{{Self}}`"),
            format!("`.{setter}(…)` takes an `{rust}`"),
        )
    } else {
        (
            format!("`{{Self}}` does not convert into `{rust}`"),
            format!("`.{setter}(…)` accepts anything that converts into `{rust}`"),
        )
    };
    let hint = match &p.ty {
        TypeRef::Scalar(Scalar::Int64) => format!(
            "convert other integers with `{rust}::from(n)` and parse text first, e.g. `\"142312\".parse::<{rust}>()`"
        ),
        TypeRef::Scalar(Scalar::Int) => format!(
            "pass a number, e.g. `.{setter}(20)`; parse text first, e.g. `\"20\".parse::<{rust}>()`"
        ),
        TypeRef::Scalar(Scalar::Float) => format!("pass a number, e.g. `.{setter}(1.5)`"),
        TypeRef::Scalar(Scalar::Bool) => "pass `true` or `false`".to_string(),
        TypeRef::Scalar(Scalar::String) => format!(
            "pass text, e.g. `.{setter}(\"…\")`; format other values first, e.g. `.{setter}(n.to_string())`"
        ),
        TypeRef::List(inner) => format!(
            "pass the items as an array or a `Vec`, e.g. `.{setter}([a, b])`, with items of type `{}`",
            rust_type_name(inner)
        ),
        _ => format!("pass a `{rust}`"),
    };
    let note = format!("{accepts}: {hint}");
    let doc = if exact {
        format!(
            "What `.{setter}(…)` of `{}` accepts: an `{rust}` (so integer literals need no suffix).",
            e.name
        )
    } else {
        format!(
            "What `.{setter}(…)` of `{}` accepts: anything that converts into `{rust}`.",
            e.name
        )
    };
    let impls = if exact {
        quote!(impl #name for #ty {})
    } else {
        quote!(impl<T: ::core::convert::Into<#ty>> #name for T {})
    };
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name: ::core::convert::Into<#ty> {}
        #[diagnostic::do_not_recommend]
        #impls
    }
}

fn format_path(f: Format) -> TokenStream {
    match f {
        Format::Json => quote!(::weibo_api::Format::Json),
        Format::Xml => quote!(::weibo_api::Format::Xml),
    }
}

fn method_path(m: Method) -> TokenStream {
    match m {
        Method::Get => quote!(::weibo_api::Method::Get),
        Method::Post => quote!(::weibo_api::Method::Post),
        Method::Put => quote!(::weibo_api::Method::Put),
        Method::Delete => quote!(::weibo_api::Method::Delete),
    }
}

fn opt_bool(v: Option<bool>) -> TokenStream {
    match v {
        Some(b) => quote!(::core::option::Option::Some(#b)),
        None => quote!(::core::option::Option::None),
    }
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn opt_u32(v: Option<u32>) -> TokenStream {
    match v {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    }
}

/// `Param::new("ids", ParamKind::Int64).with_list().with_required().with_items(None, Some(20))`:
/// only what differs from the defaults, through `const fn`s, to keep the output small.
fn param_meta(p: &Param) -> TokenStream {
    let name = &p.name;
    let (scalar, list) = match &p.ty {
        TypeRef::List(inner) => match **inner {
            TypeRef::Scalar(s) => (s, true),
            _ => (Scalar::String, true),
        },
        TypeRef::Scalar(s) => (*s, false),
        TypeRef::Model(_) => (Scalar::String, false),
    };
    let kind = format_ident!(
        "{}",
        match scalar {
            Scalar::String | Scalar::Secret | Scalar::Link => "String",
            Scalar::Int => "Int",
            Scalar::Int64 => "Int64",
            Scalar::Bool => "Bool",
            Scalar::Float => "Float",
            Scalar::DateTime => "DateTime",
        }
    );
    let mut meta =
        quote!(::weibo_api::meta::Param::new(#name, ::weibo_api::meta::ParamKind::#kind));
    if p.location == Location::Path {
        meta.extend(quote!(.with_path()));
    }
    if list {
        meta.extend(quote!(.with_list()));
    }
    if p.required {
        meta.extend(quote!(.with_required()));
    }
    if let Some(credential) = p.credential {
        let c = format_ident!(
            "{}",
            match credential {
                Credential::AppKey => "AppKey",
                Credential::AccessToken => "AccessToken",
                Credential::AppSecret => "AppSecret",
            }
        );
        meta.extend(quote!(.with_credential(::weibo_api::meta::Credential::#c)));
    }
    if p.min_items.is_some() || p.max_items.is_some() {
        let (min, max) = (opt_u32(p.min_items), opt_u32(p.max_items));
        meta.extend(quote!(.with_items(#min, #max)));
    }
    if p.min.is_some() || p.max.is_some() {
        let opt_i64 = |v: Option<i64>| match v {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let (min, max) = (opt_i64(p.min), opt_i64(p.max));
        meta.extend(quote!(.with_range(#min, #max)));
    }
    if let Some(default) = &p.default {
        meta.extend(quote!(.with_default(#default)));
    }
    meta
}

fn endpoint(api: &Api, e: &Endpoint) -> TokenStream {
    let Endpoint {
        fn_ident,
        type_ident,
        meta_ident,
        name,
        path,
        ..
    } = e;
    let doc = docs::endpoint(api, e);
    let response = rust_type(api, &e.response, false);
    let formats = e.formats.iter().map(|f| format_path(*f));
    let methods = e.methods.iter().map(|m| method_path(*m));
    let format_suffix = e.format_suffix;
    let login = opt_bool(e.login_required);
    let rate = opt_bool(e.rate_limited);
    // Only GET is safe to repeat by default; the spec's `idempotent: true` will mark others.
    let idempotent = e.methods.iter().all(|m| matches!(m, Method::Get));
    let json = opt_str(&e.example_json);
    let xml = opt_str(&e.example_xml);
    let params_meta = e.params.iter().map(param_meta);
    let response_name = e.response.to_string();
    let meta_doc = format!("Metadata of `{name}` (see [`{}`]).", type_ident);

    let required: Vec<&Param> = e.required().collect();
    let generics: Vec<_> = required.iter().map(|p| &p.generic).collect();
    let struct_generics =
        (!generics.is_empty()).then(|| quote!(<#(#generics = ::weibo_api::Missing),*>));
    let impl_generics = (!generics.is_empty()).then(|| quote!(<#(#generics),*>));
    let bounds: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let (g, guard) = (&p.generic, &p.guard);
            quote!(#g: required::#guard)
        })
        .collect();
    let where_clause = (!bounds.is_empty()).then(|| quote!(where #(#bounds),*));
    // `send` asks for exactly what `Client::send` needs. Spelled with the guards, a missing
    // parameter was reported three times (at `.send`, at the call and at `.await`, once per use
    // of the returned future); through `IntoRequest` and its `Response`, rustc reports it once.
    let send_where = (!bounds.is_empty()).then(|| {
        quote! {
            where
                Self: ::weibo_api::IntoRequest<Response = #response>,
                <Self as ::weibo_api::IntoRequest>::Response: ::weibo_api::__private::serde::de::DeserializeOwned
        }
    });

    let fields = e.settable().map(|p| {
        let ident = &p.ident;
        if p.required {
            let g = &p.generic;
            quote!(#ident: #g,)
        } else {
            let ty = rust_type(api, &p.ty, false);
            quote!(#ident: ::core::option::Option<#ty>,)
        }
    });
    let init = e.settable().map(|p| {
        let ident = &p.ident;
        if p.required {
            quote!(#ident: ::weibo_api::Missing,)
        } else {
            quote!(#ident: ::core::option::Option::None,)
        }
    });
    let setters = e.settable().map(|p| {
        let ident = &p.ident;
        let ty = rust_type(api, &p.ty, false);
        let value_trait = &p.guard;
        let doc = docs::setter(p);
        if p.required {
            // Changing one parameter's state keeps the others' as they are.
            let out_generics = required.iter().map(|q| if q.name == p.name { ty.clone() } else { let g = &q.generic; quote!(#g) });
            let moves = e.settable().map(|q| {
                let qi = &q.ident;
                if q.name == p.name {
                    quote!(#qi: ::core::convert::Into::into(value),)
                } else {
                    quote!(#qi: self.#qi,)
                }
            });
            quote! {
                #[doc = #doc]
                pub fn #ident(self, value: impl values::#value_trait) -> #type_ident<#(#out_generics),*> {
                    #type_ident { #(#moves)* __options: self.__options }
                }
            }
        } else {
            quote! {
                #[doc = #doc]
                pub fn #ident(mut self, value: impl values::#value_trait) -> Self {
                    self.#ident = ::core::option::Option::Some(::core::convert::Into::into(value));
                    self
                }
            }
        }
    });
    let format_setter = (e.formats.len() > 1).then(|| {
        let listed = e.formats.iter().map(|f| format!("`{}`", f.name())).collect::<Vec<_>>().join(", ");
        let doc = format!("Chooses the response format ({listed}; default `{}`). The decoded result is the same either way.", e.formats[0].name());
        quote! {
            #[doc = #doc]
            pub fn format(mut self, format: ::weibo_api::Format) -> Self {
                self.__options.format = ::core::option::Option::Some(format);
                self
            }
        }
    });
    let method_setter = (e.methods.len() > 1).then(|| {
        let listed = e
            .methods
            .iter()
            .map(|m| format!("`{}`", m.name()))
            .collect::<Vec<_>>()
            .join(", ");
        let doc = format!(
            "Chooses the HTTP method ({listed}; default `{}`).",
            e.methods[0].name()
        );
        quote! {
            #[doc = #doc]
            pub fn method(mut self, method: ::weibo_api::Method) -> Self {
                self.__options.method = ::core::option::Option::Some(method);
                self
            }
        }
    });
    let pushes = e.settable().map(|p| {
        let ident = &p.ident;
        let name = &p.name;
        if p.required {
            let ty = rust_type(api, &p.ty, false);
            quote!(params.push(#name, ::core::convert::Into::<#ty>::into(self.#ident));)
        } else {
            quote!(if let ::core::option::Option::Some(value) = self.#ident { params.push(#name, value); })
        }
    });
    let param_count = e.settable().count();
    let params_decl = if param_count == 0 {
        quote!(let params = ::weibo_api::Params::default();)
    } else {
        quote!(let mut params = ::weibo_api::Params::with_capacity(#param_count);)
    };
    let fn_doc = format!(
        "Starts a `{name}` request: {} See [`{type_ident}`] for the parameters, URL, methods and formats.",
        docs::text(&e.description).lines().next().unwrap_or_default()
    );

    quote! {
        #[doc = #meta_doc]
        pub static #meta_ident: ::weibo_api::meta::Endpoint = ::weibo_api::meta::Endpoint {
            name: #name,
            version: &VERSION,
            path: #path,
            formats: &[#(#formats),*],
            format_suffix: #format_suffix,
            methods: &[#(#methods),*],
            login_required: #login,
            rate_limited: #rate,
            idempotent: #idempotent,
            params: &[#(#params_meta),*],
            response: #response_name,
            example_json: #json,
            example_xml: #xml,
            check_response: ::weibo_api::meta::check_response::<#response>,
        };

        #[doc = #fn_doc]
        pub fn #fn_ident() -> #type_ident {
            #type_ident { #(#init)* __options: ::weibo_api::CallOptions::new() }
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #type_ident #struct_generics {
            #(#fields)*
            __options: ::weibo_api::CallOptions,
        }

        impl #impl_generics #type_ident #impl_generics {
            #(#setters)*
            #format_setter
            #method_setter

            /// Checks the parameters against the spec (list sizes, format, method) and returns
            /// the request, ready for `Client::send`. No network I/O happens here.
            pub fn build(self) -> ::weibo_api::Result<::weibo_api::Request<#response>> #where_clause {
                #params_decl
                #(#pushes)*
                ::weibo_api::Request::new(&#meta_ident, params, self.__options)
            }

            /// Sends the request with `client` and decodes the response.
            pub async fn send(self, client: &::weibo_api::Client) -> ::weibo_api::Result<#response> #send_where {
                client.send(self).await
            }
        }

        impl #impl_generics ::weibo_api::IntoRequest for #type_ident #impl_generics #where_clause {
            type Response = #response;
            fn into_request(self) -> ::weibo_api::Result<::weibo_api::Request<#response>> {
                self.build()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory holding `spec.yaml`, removed when dropped.
    struct Dir(PathBuf);

    impl Dir {
        fn new(name: &str) -> Dir {
            let dir = std::env::temp_dir().join(format!(
                "weibo-macros-read-spec-{name}-{}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("spec.yaml"), "versions: {}\n").unwrap();
            Dir(dir)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn resolves_against_the_manifest_dir_first() {
        let (krate, other) = (Dir::new("crate"), Dir::new("other"));
        let (full, text) = read_spec("spec.yaml", Some(&krate.0), Some(&other.0)).unwrap();
        assert_eq!(full, krate.0.join("spec.yaml"));
        assert_eq!(text, "versions: {}\n");
    }

    #[test]
    fn falls_back_to_the_spec_dir_for_relative_paths() {
        let (krate, other) = (Dir::new("empty"), Dir::new("fallback"));
        std::fs::remove_file(krate.0.join("spec.yaml")).unwrap();
        let (full, _) = read_spec("spec.yaml", Some(&krate.0), Some(&other.0)).unwrap();
        assert_eq!(full, other.0.join("spec.yaml"));
        let error = read_spec("nope.yaml", Some(&krate.0), Some(&other.0)).unwrap_err();
        assert!(
            error
                .message
                .contains("no such file in CARGO_MANIFEST_DIR nor at")
                && error
                    .message
                    .contains(&other.0.join("nope.yaml").display().to_string())
                && !error.message.contains(&krate.0.display().to_string()),
            "{}",
            error.message
        );
    }

    #[test]
    fn uses_absolute_paths_as_written() {
        let dir = Dir::new("absolute");
        let absolute = dir.0.join("spec.yaml");
        let (full, _) = read_spec(absolute.to_str().unwrap(), None, None).unwrap();
        assert_eq!(full, absolute);
        let missing = dir.0.join("missing.yaml");
        assert!(read_spec(missing.to_str().unwrap(), None, None).is_err());
    }

    #[test]
    fn reports_missing_files_empty_paths_and_no_manifest_dir() {
        let dir = Dir::new("missing");
        let error = read_spec("nope.yaml", Some(&dir.0), None).unwrap_err();
        assert!(
            error.message.contains("there is no such file at")
                && error
                    .message
                    .contains(&dir.0.join("nope.yaml").display().to_string()),
            "{}",
            error.message
        );
        assert!(read_spec(" ", Some(&dir.0), None)
            .unwrap_err()
            .message
            .contains("empty"));
        assert!(read_spec("spec.yaml", None, None)
            .unwrap_err()
            .message
            .contains("CARGO_MANIFEST_DIR is not set"));
    }
}
