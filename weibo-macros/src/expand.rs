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
        Scalar::File => quote!(::weibo_api::Upload),
        Scalar::Json => quote!(::weibo_api::Json),
    }
}

/// The Rust type of `ty`, as seen from the `models` module (`in_models`) or a version module.
/// Enums in responses keep undocumented values (`OrUnknown`); in parameters they are closed.
fn rust_type(api: &Api, ty: &TypeRef, in_models: bool) -> TokenStream {
    type_tokens(api, ty, in_models, true)
}

/// The Rust type of a parameter: enums are closed (an undocumented value does not compile).
fn param_type(api: &Api, ty: &TypeRef) -> TokenStream {
    type_tokens(api, ty, false, false)
}

/// A parameter's type as seen from the `required` and `values` modules inside a version module.
fn nested_param_type(api: &Api, ty: &TypeRef) -> TokenStream {
    let tokens = param_type(api, ty);
    // `super::models::X` one module further down.
    let text = tokens
        .to_string()
        .replace("super :: models ::", "super :: super :: models ::");
    text.parse().unwrap_or(tokens)
}

fn type_tokens(api: &Api, ty: &TypeRef, in_models: bool, response: bool) -> TokenStream {
    match ty {
        TypeRef::Scalar(s) => scalar_type(*s),
        TypeRef::List(inner) => {
            let inner = type_tokens(api, inner, in_models, response);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner, in_models, response);
            quote!(::weibo_api::Map<#inner>)
        }
        TypeRef::Enum(name) => {
            let ident = api.enums.iter().find(|e| &e.name == name).map(|e| &e.ident);
            let path = if in_models {
                quote!(#ident)
            } else {
                quote!(super::models::#ident)
            };
            if response {
                quote!(::weibo_api::OrUnknown<#path>)
            } else {
                path
            }
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
    let mut extra_deserialize = Vec::new();
    let items = api.models.iter().filter_map(|m| {
        let ModelKind::Local(fields) = &m.kind else { return None };
        let ident = &m.ident;
        let doc = docs::model(m);
        let members = fields.iter().find(|f| f.flatten);
        let field_items = fields.iter().map(|f| model_field(api, f, true));
        let deserialize = match members {
            None => quote!(::weibo_api::__private::serde::Deserialize,),
            Some(members) => {
                extra_deserialize.push(members_deserialize(api, ident, fields, members));
                quote!()
            }
        };
        Some(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq, #deserialize ::weibo_api::__private::serde::Serialize)]
            #[serde(crate = "::weibo_api::__private::serde")]
            pub struct #ident {
                #(#field_items)*
            }
        })
    });
    let items: Vec<TokenStream> = items.collect();
    let enums = api.enums.iter().map(enum_item);
    quote! {
        /// Response types and enumerations declared in the spec.
        pub mod models {
            #(#enums)*
            #(#items)*
            #(#extra_deserialize)*
        }
    }
}

/// `Deserialize` for a model with a member map (`flatten: true`): its declared fields through
/// a serde-derived struct of their own, every other member into the map, in one pass
/// (`de::with_extra`; serde's `flatten` would buffer the undeclared members and decode them
/// twice).
fn members_deserialize(
    api: &Api,
    ident: &proc_macro2::Ident,
    fields: &[Field],
    members: &Field,
) -> TokenStream {
    let declared: Vec<&Field> = fields.iter().filter(|f| !f.flatten).collect();
    let declared_items = declared.iter().map(|f| model_field(api, f, false));
    // A declared field's index in `__Declared` (serde numbers fields in declaration order),
    // grouped by name length: a `match` on strings compares them one after the other, and this
    // runs for every member of every object of the model.
    let mut by_len: std::collections::BTreeMap<usize, Vec<(&str, u64)>> = Default::default();
    for (index, f) in declared.iter().enumerate() {
        by_len
            .entry(f.wire.len())
            .or_default()
            .push((&f.wire, index as u64));
    }
    let arms = by_len.iter().map(|(len, fields)| {
        let names = fields.iter().map(|(name, _)| name);
        let indexes = fields.iter().map(|(_, index)| index);
        quote!(#len => match name { #(#names => ::core::option::Option::Some(#indexes),)* _ => ::core::option::Option::None },)
    });
    let moves = declared.iter().map(|f| {
        let field = &f.ident;
        quote!(#field: __fields.#field,)
    });
    let field_index = if declared.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        quote!(match name.len() { #(#arms)* _ => ::core::option::Option::None })
    };
    let members_ident = &members.ident;
    let expecting = format!("struct {ident}");
    quote! {
        impl<'de> ::weibo_api::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::weibo_api::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #[derive(::weibo_api::__private::serde::Deserialize)]
                #[serde(crate = "::weibo_api::__private::serde")]
                struct __Declared {
                    #(#declared_items)*
                }
                fn field_index(name: &str) -> ::core::option::Option<u64> {
                    #field_index
                }
                let (__fields, __members) = ::weibo_api::__private::de::with_extra::<D, __Declared, _>(
                    deserializer,
                    field_index,
                    #expecting,
                )?;
                ::core::result::Result::Ok(#ident { #members_ident: __members, #(#moves)* })
            }
        }
    }
}

/// An enumeration: a closed Rust enum (parameters take only documented values) that the
/// runtime converts to and from its wire form through `WireEnum`.
fn enum_item(e: &Enum) -> TokenStream {
    let ident = &e.ident;
    let doc = docs::enumeration(e);
    let variants = e.values.iter().map(|v| {
        let doc = docs::enum_value(e, v);
        let variant = &v.ident;
        quote!(#[doc = #doc] #variant,)
    });
    let wires: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let idents: Vec<&proc_macro2::Ident> = e.values.iter().map(|v| &v.ident).collect();
    let numeric = e.numeric;
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#variants)*
        }
        impl ::weibo_api::WireEnum for #ident {
            const VALUES: &'static [&'static str] = &[#(#wires),*];
            const NUMERIC: bool = #numeric;
            fn wire(self) -> &'static str {
                match self {
                    #(Self::#idents => #wires,)*
                }
            }
            fn from_wire(wire: &str) -> ::core::option::Option<Self> {
                match wire {
                    #(#wires => ::core::option::Option::Some(Self::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
        impl ::weibo_api::ToParam for #ident {
            fn to_param(self) -> ::weibo_api::ParamValue {
                ::weibo_api::ParamValue::Text(::std::string::String::from(::weibo_api::WireEnum::wire(self)))
            }
        }
    }
}

/// A model's field with its serde attributes; `documented` adds its doc comment (not wanted on
/// the private structs of [`members_deserialize`]).
fn model_field(api: &Api, f: &Field, documented: bool) -> TokenStream {
    let ident = &f.ident;
    let doc = docs::field(f);
    let doc = documented.then(|| quote!(#[doc = #doc]));
    let wire = &f.wire;
    let rename = (ident.to_string().trim_start_matches("r#") != f.wire)
        .then(|| quote!(#[serde(rename = #wire)]));
    let ty = rust_type(api, &f.ty, true);
    if f.flatten {
        return quote! {
            #doc
            #[serde(flatten)]
            pub #ident: #ty,
        };
    }
    let (ty, attr) = match (&f.ty, f.required) {
        (TypeRef::Scalar(Scalar::Link), true) => (ty, quote!()),
        (TypeRef::Scalar(Scalar::Link), false) => (
            quote!(::core::option::Option<#ty>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::link")]),
        ),
        // Free-form JSON is kept exactly as sent; only `null` and absence are `None`.
        (TypeRef::Scalar(Scalar::Json), true) => (ty, quote!()),
        (TypeRef::Scalar(Scalar::Json), false) => (
            quote!(::core::option::Option<#ty>),
            quote!(#[serde(default)]),
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
        (TypeRef::Map(_), _) => (
            ty,
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::map")]),
        ),
        (TypeRef::Enum(_), true) => (
            ty,
            quote!(#[serde(deserialize_with = "::weibo_api::__private::de::required")]),
        ),
        (TypeRef::Enum(_), false) => (
            quote!(::core::option::Option<#ty>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::de::optional")]),
        ),
        (TypeRef::Model(_), true) => (quote!(::std::boxed::Box<#ty>), quote!()),
        (TypeRef::Model(_), false) => (
            quote!(::core::option::Option<::std::boxed::Box<#ty>>),
            quote!(#[serde(default, deserialize_with = "::weibo_api::__private::de::model")]),
        ),
    };
    quote! {
        #doc
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
        .flat_map(|e| {
            let markers = required_markers(e);
            markers
                .into_iter()
                .chain(e.groups.iter().map(|g| group_guard(api, e, g)))
                .collect::<Vec<_>>()
        })
        .collect();
    let required = (!guards.is_empty()).then(|| {
        quote! {
            /// What a builder's `build` and `send` check: one marker type per required
            /// parameter, named after it (the state of a required parameter must be its
            /// value, `weibo_api::__private::Required<T, marker>`, so that the compiler names
            /// the marker when it is missing), and one trait per group of which one must be
            /// set.
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            pub mod required {
                #(#guards)*
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
        }
    }
}

/// The state a parameter has once set: the value itself for required parameters, `Set<T>`
/// for members of a group (so that `Missing` and a set value are told apart generically).
fn set_state(api: &Api, p: &Param, nested: bool) -> TokenStream {
    let ty = if nested {
        nested_param_type(api, &p.ty)
    } else {
        param_type(api, &p.ty)
    };
    if p.group.is_some() {
        quote!(::weibo_api::Set<#ty>)
    } else {
        ty
    }
}

/// The marker types of an endpoint's required parameters, in a module named after the
/// endpoint's function: `required::kandian_statuses_destroy::kandian_id`, which rustc prints
/// in the message of a missing parameter.
fn required_markers(e: &Endpoint) -> Option<TokenStream> {
    let markers: Vec<TokenStream> = e
        .required()
        .map(|p| {
            let ident = &p.ident;
            let doc = format!(
                "The required parameter `{}` of `{}`: set it with `.{}(…)`.",
                p.name, e.name, p.ident
            );
            quote! {
                #[doc = #doc]
                pub struct #ident;
            }
        })
        .collect();
    if markers.is_empty() {
        return None;
    }
    let module = &e.fn_ident;
    Some(quote! {
        pub mod #module {
            #(#markers)*
        }
    })
}

/// The trait a group's member states satisfy together: implemented for the tuples of states
/// in which exactly one (or at least one) member is set, so that any other combination is a
/// compile error naming the group.
fn group_guard(api: &Api, e: &Endpoint, g: &Group) -> TokenStream {
    let guard = &g.guard;
    let members: Vec<&Param> = g.members.iter().map(|&i| &e.params[i]).collect();
    let listed = members
        .iter()
        .map(|p| format!("`{}`", p.name))
        .collect::<Vec<_>>()
        .join(", ");
    let setters = members
        .iter()
        .map(|p| format!("`.{}(…)`", p.ident))
        .collect::<Vec<_>>()
        .join(", ");
    let (kind, note) = if g.exactly {
        (
            "exactly one of",
            format!("call exactly one of {setters} before `.build()` or `.send(…)`"),
        )
    } else {
        (
            "at least one of",
            format!("call at least one of {setters} before `.build()` or `.send(…)`"),
        )
    };
    let message = format!("`{}` needs {kind} {listed}", e.name);
    let label = format!(
        "{kind} {listed} must be set on this request (not none{})",
        if g.exactly { ", not several" } else { "" }
    );
    let doc = format!(
        "Implemented by the states of {listed} of `{}` that it accepts.",
        e.name
    );
    let n = members.len();
    let impls = (1u32..(1 << n))
        .filter(|mask| !g.exactly || mask.count_ones() == 1)
        .map(|mask| {
            let states = members.iter().enumerate().map(|(k, p)| {
                if mask & (1 << k) != 0 {
                    set_state(api, p, true)
                } else {
                    quote!(::weibo_api::Missing)
                }
            });
            quote! {
                #[diagnostic::do_not_recommend]
                impl #guard for (#(#states,)*) {}
            }
        });
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #guard {}
        #(#impls)*
    }
}

/// How a setter turns its argument into the parameter's type.
fn convert(p: &Param, value: TokenStream) -> TokenStream {
    if matches!(p.ty, TypeRef::List(_)) {
        quote!(::weibo_api::IntoList::into_list(#value))
    } else if exact(p) {
        value
    } else {
        quote!(::core::convert::Into::into(#value))
    }
}

/// Whether a parameter's setter takes exactly one type, spelled as it is: `i64` (so that an
/// integer literal is inferred as `i64` and ids beyond `i32` need no suffix), `bool`, an enum,
/// an upload. rustc's own mismatched-types error names the expected type and the setter.
fn exact(p: &Param) -> bool {
    matches!(
        p.ty,
        TypeRef::Scalar(Scalar::Int64 | Scalar::Bool | Scalar::File) | TypeRef::Enum(_)
    )
}

/// The type of a setter's argument: the parameter's type where exactly one will do, otherwise
/// anything that converts into it (lists: arrays, slices and `Vec`s of their items, `&str` or
/// `String` for `list<string>`), through traits shared by every setter
/// (`weibo_api::__private::Accepts<T>`, `AcceptsList<T>`) whose messages name the expected
/// type.
fn setter_arg(api: &Api, p: &Param) -> TokenStream {
    let ty = param_type(api, &p.ty);
    match &p.ty {
        TypeRef::List(inner) => {
            let item = param_type(api, inner);
            quote!(impl ::weibo_api::__private::AcceptsList<#item>)
        }
        _ if exact(p) => ty,
        _ => quote!(impl ::weibo_api::__private::Accepts<#ty>),
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

fn opt_bound(v: Option<Bound>) -> TokenStream {
    match v {
        Some(Bound::Int(n)) => {
            quote!(::core::option::Option::Some(::weibo_api::meta::Bound::Int(#n)))
        }
        Some(Bound::Float(x)) => {
            quote!(::core::option::Option::Some(::weibo_api::meta::Bound::Float(#x)))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// `Param::new("ids", ParamKind::Int64).with_list().with_required().with_items(None, Some(20))`:
/// only what differs from the defaults, through `const fn`s, to keep the output small.
fn param_meta(api: &Api, p: &Param) -> TokenStream {
    let name = &p.name;
    let list = matches!(p.ty, TypeRef::List(_));
    let item = p.ty.item();
    let kind = format_ident!(
        "{}",
        match item {
            TypeRef::Scalar(Scalar::Int) => "Int",
            TypeRef::Scalar(Scalar::Int64) => "Int64",
            TypeRef::Scalar(Scalar::Bool) => "Bool",
            TypeRef::Scalar(Scalar::Float) => "Float",
            TypeRef::Scalar(Scalar::DateTime) => "DateTime",
            TypeRef::Scalar(Scalar::File) => "File",
            TypeRef::Enum(en) if api.enums.iter().any(|e| &e.name == en && e.numeric) => "Int",
            _ => "String",
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
    if p.list_format == ListFormat::Repeat {
        meta.extend(quote!(.with_repeated_key()));
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
        let (min, max) = (opt_bound(p.min), opt_bound(p.max));
        meta.extend(quote!(.with_range(#min, #max)));
    }
    if let Some(default) = &p.default {
        meta.extend(quote!(.with_default(#default)));
    }
    if let TypeRef::Enum(en) = item {
        let ident = api.enums.iter().find(|e| &e.name == en).map(|e| &e.ident);
        meta.extend(quote!(.with_values(<super::models::#ident as ::weibo_api::WireEnum>::VALUES)));
    }
    if p.bool_words {
        meta.extend(quote!(.with_bool_words()));
    }
    if *item == TypeRef::Scalar(Scalar::Secret) && p.credential.is_none() {
        meta.extend(quote!(.with_secret()));
    }
    if let Some(max) = p.max_size {
        meta.extend(quote!(.with_max_size(#max)));
    }
    if let Some(max) = p.max_length {
        meta.extend(quote!(.with_max_length(#max)));
    }
    if let Some((other, value)) = &p.required_if {
        meta.extend(quote!(.with_required_if(#other, #value)));
    }
    meta
}

/// The code that adds one set value to `params`, in its wire form.
fn push_value(p: &Param, value: TokenStream) -> TokenStream {
    let name = &p.name;
    let (yes, no) = if p.bool_words {
        ("true", "false")
    } else {
        ("1", "0")
    };
    let bool = TypeRef::Scalar(Scalar::Bool);
    match &p.ty {
        ty if *ty == bool => quote!(params.push(#name, if #value { #yes } else { #no });),
        // Each flag of a list in its wire form too.
        TypeRef::List(item) if **item == bool => quote!(
            params.push(#name, ::core::iter::Iterator::collect::<::std::vec::Vec<&str>>(
                ::core::iter::Iterator::map(
                    ::core::iter::IntoIterator::into_iter(#value),
                    |flag: bool| if flag { #yes } else { #no },
                ),
            ));
        ),
        _ => quote!(params.push(#name, #value);),
    }
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
    // Only GET is safe to repeat by default; the spec's `idempotent: true` marks others.
    let idempotent = e.idempotent || e.methods.iter().all(|m| matches!(m, Method::Get));
    let json = opt_str(&e.example_json);
    let xml = opt_str(&e.example_xml);
    let minimal = opt_str(
        &e.example_json
            .is_none()
            .then(|| minimal_json(api, &e.response, 0))
            .flatten()
            .map(|v| v.to_string()),
    );
    let params_meta = e.params.iter().map(|p| param_meta(api, p));
    let response_name = e.response.to_string();
    let meta_doc = format!("Metadata of `{name}` (see [`{}`]).", type_ident);
    let base_url = opt_str(&e.base_url);
    let groups_meta = e.groups.iter().map(|g| {
        let exactly = g.exactly;
        let names = g.members.iter().map(|&i| &e.params[i].name);
        quote!(::weibo_api::meta::Group { exactly: #exactly, params: &[#(#names),*] })
    });
    let paging_meta = match &e.paging {
        Some(paging) => {
            let style = paging_style(paging.style);
            quote!(::core::option::Option::Some(#style))
        }
        None => quote!(::core::option::Option::None),
    };

    let typestate: Vec<&Param> = e.typestate().collect();
    let generics: Vec<_> = typestate.iter().map(|p| &p.generic).collect();
    let struct_generics =
        (!generics.is_empty()).then(|| quote!(<#(#generics = ::weibo_api::Missing),*>));
    let impl_generics = (!generics.is_empty()).then(|| quote!(<#(#generics),*>));
    let mut bounds: Vec<TokenStream> = e
        .required()
        .map(|p| {
            let (g, ident, ty) = (&p.generic, &p.ident, param_type(api, &p.ty));
            quote!(#g: ::weibo_api::__private::Required<#ty, required::#fn_ident::#ident>)
        })
        .collect();
    for g in &e.groups {
        let guard = &g.guard;
        let states = g.members.iter().map(|&i| &e.params[i].generic);
        bounds.push(quote!((#(#states,)*): required::#guard));
        for &i in &g.members {
            let p = &e.params[i];
            let (state, ty) = (&p.generic, param_type(api, &p.ty));
            bounds.push(quote!(#state: ::weibo_api::Slot<#ty>));
        }
    }
    let where_clause = (!bounds.is_empty()).then(|| quote!(where #(#bounds),*));
    // `send` is `Client::send`'s future itself, not an `async fn` of its own: no coroutine per
    // endpoint to type-check, borrow-check and (for builders without required parameters,
    // which are not generic) compile into every crate that runs `generate!`.
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
        if p.typestate() {
            let g = &p.generic;
            quote!(#ident: #g,)
        } else {
            let ty = param_type(api, &p.ty);
            quote!(#ident: ::core::option::Option<#ty>,)
        }
    });
    let init = e.settable().map(|p| {
        let ident = &p.ident;
        if p.typestate() {
            quote!(#ident: ::weibo_api::Missing,)
        } else {
            quote!(#ident: ::core::option::Option::None,)
        }
    });
    let setters = e.settable().map(|p| {
        let ident = &p.ident;
        let arg = setter_arg(api, p);
        let doc = docs::setter(api, e, p);
        if p.typestate() {
            // Changing one parameter's state keeps the others' as they are.
            let state = set_state(api, p, false);
            let out_generics = typestate.iter().map(|q| {
                if q.name == p.name {
                    state.clone()
                } else {
                    let g = &q.generic;
                    quote!(#g)
                }
            });
            let converted = convert(p, quote!(value));
            let new_value = if p.group.is_some() {
                quote!(::weibo_api::Set(#converted))
            } else {
                converted
            };
            let moves = e.settable().map(|q| {
                let qi = &q.ident;
                if q.name == p.name {
                    quote!(#qi: #new_value,)
                } else {
                    quote!(#qi: self.#qi,)
                }
            });
            quote! {
                #[doc = #doc]
                pub fn #ident(self, value: #arg) -> #type_ident<#(#out_generics),*> {
                    #type_ident { #(#moves)* __options: self.__options }
                }
            }
        } else {
            let converted = convert(p, quote!(value));
            quote! {
                #[doc = #doc]
                pub fn #ident(mut self, value: #arg) -> Self {
                    self.#ident = ::core::option::Option::Some(#converted);
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
        if p.required {
            let ty = param_type(api, &p.ty);
            push_value(p, quote!(::core::convert::Into::<#ty>::into(self.#ident)))
        } else if p.group.is_some() {
            let ty = param_type(api, &p.ty);
            let push = push_value(p, quote!(value));
            quote!(if let ::core::option::Option::Some(value) = ::weibo_api::Slot::<#ty>::into_option(self.#ident) { #push })
        } else {
            let push = push_value(p, quote!(value));
            quote!(if let ::core::option::Option::Some(value) = self.#ident { #push })
        }
    });
    // Only endpoints that offer XML compile the XML decoder of their response type.
    let with_xml = e
        .formats
        .contains(&Format::Xml)
        .then(|| quote!(.map(::weibo_api::Request::with_xml)));
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
    let paging = e.paging.as_ref().map(|paging| {
        let item = rust_type(api, &paging.item, false);
        let items = match &paging.items {
            Some(field) => quote!(response.#field),
            None => quote!(response),
        };
        let style = paging_style(paging.style);
        let model_fields = match &e.response {
            TypeRef::Model(m) => api.models.iter().find(|model| &model.name == m).and_then(|model| match &model.kind {
                ModelKind::Local(fields) => Some(fields),
                ModelKind::Extern(_) => None,
            }),
            _ => None,
        };
        let number = |wire: &str| {
            let field = model_fields.and_then(|fields| fields.iter().find(|f| f.wire == wire));
            match field {
                Some(f) if !f.required => {
                    let ident = &f.ident;
                    quote!(response.#ident.map(::core::convert::Into::into))
                }
                Some(f) => {
                    let ident = &f.ident;
                    quote!(::core::option::Option::Some(::core::convert::Into::into(response.#ident)))
                }
                None => quote!(::core::option::Option::None),
            }
        };
        let next_cursor = number("next_cursor");
        let total_number = if paging.total_number { number("total_number") } else { quote!(::core::option::Option::None) };
        let item_id = (paging.style == PagingStyle::MaxId).then(|| {
            quote! {
                fn item_id(item: &Self::Item) -> ::core::option::Option<i64> {
                    ::core::option::Option::Some(::core::convert::Into::into(item.id))
                }
            }
        });
        let doc = docs::pages(e, paging);
        // Paging owns the request for as long as it runs.
        let mut paging_bounds = bounds.clone();
        paging_bounds.extend(generics.iter().map(|g| quote!(#g: 'static)));
        let paging_where = (!paging_bounds.is_empty()).then(|| quote!(where #(#paging_bounds),*));
        quote! {
            impl #impl_generics ::weibo_api::paging::Paginated for #type_ident #impl_generics #paging_where {
                type Item = #item;
                const STYLE: ::weibo_api::paging::Style = #style;
                fn page(response: #response) -> ::weibo_api::paging::Page<#item> {
                    ::weibo_api::paging::Page {
                        next_cursor: #next_cursor,
                        total_number: #total_number,
                        items: #items,
                    }
                }
                #item_id
            }

            impl #impl_generics #type_ident #impl_generics {
                #[doc = #doc]
                pub fn pages<C: ::weibo_api::paging::PageSource>(self, client: &C) -> C::Pages<Self>
                #paging_where
                {
                    client.pages(self)
                }
            }
        }
    });

    quote! {
        #[doc = #meta_doc]
        pub static #meta_ident: ::weibo_api::meta::Endpoint = ::weibo_api::meta::Endpoint {
            name: #name,
            version: &VERSION,
            path: #path,
            base_url: #base_url,
            formats: &[#(#formats),*],
            format_suffix: #format_suffix,
            methods: &[#(#methods),*],
            login_required: #login,
            rate_limited: #rate,
            idempotent: #idempotent,
            params: &[#(#params_meta),*],
            groups: &[#(#groups_meta),*],
            paging: #paging_meta,
            response: #response_name,
            example_json: #json,
            example_xml: #xml,
            minimal_json: #minimal,
            check_response: ::weibo_api::meta::response_checker::<#response>(),
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
                ::weibo_api::Request::new(&#meta_ident, params, self.__options) #with_xml
            }

            /// Sends the request with `client` and decodes the response.
            pub fn send<'c>(self, client: &'c ::weibo_api::Client) -> impl ::core::future::Future<Output = ::weibo_api::Result<#response>> + use<'c, #(#generics),*> #send_where {
                client.send(self)
            }
        }

        impl #impl_generics ::weibo_api::IntoRequest for #type_ident #impl_generics #where_clause {
            type Response = #response;
            fn into_request(self) -> ::weibo_api::Result<::weibo_api::Request<#response>> {
                self.build()
            }
        }

        #paging
    }
}

/// The smallest JSON value `ty` accepts: required fields only, with empty values. The mock
/// answers with it where the document shows no example. `None` where it cannot be known: a
/// required member of a model another crate defines (`extern_models`), or a recursion through
/// required fields.
fn minimal_json(api: &Api, ty: &TypeRef, depth: usize) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match ty {
        TypeRef::List(_) => J::Array(Vec::new()),
        TypeRef::Map(_) | TypeRef::Scalar(Scalar::Json) => J::Object(Default::default()),
        TypeRef::Scalar(Scalar::Int | Scalar::Int64 | Scalar::Float) => J::from(0),
        TypeRef::Scalar(Scalar::Bool) => J::Bool(false),
        TypeRef::Scalar(Scalar::DateTime) => J::from("Thu Jan 01 08:00:00 +0800 1970"),
        TypeRef::Scalar(Scalar::Link) => J::from("<a href=\"\">-</a>"),
        TypeRef::Scalar(Scalar::String | Scalar::Secret | Scalar::File) => J::from("-"),
        TypeRef::Enum(name) => {
            let en = api.enums.iter().find(|e| &e.name == name)?;
            let first = en.values.first()?;
            if en.numeric {
                J::from(first.wire.parse::<i64>().ok()?)
            } else {
                J::from(first.wire.as_str())
            }
        }
        TypeRef::Model(name) => {
            let model = api.models.iter().find(|m| &m.name == name)?;
            let ModelKind::Local(fields) = &model.kind else {
                return None;
            };
            if depth > 8 {
                return None;
            }
            let mut object = serde_json::Map::new();
            for f in fields.iter().filter(|f| f.required && !f.flatten) {
                object.insert(f.wire.clone(), minimal_json(api, &f.ty, depth + 1)?);
            }
            J::Object(object)
        }
    })
}

fn paging_style(style: PagingStyle) -> TokenStream {
    match style {
        PagingStyle::Page => quote!(::weibo_api::paging::Style::Page),
        PagingStyle::MaxId => quote!(::weibo_api::paging::Style::MaxId),
        PagingStyle::Cursor => quote!(::weibo_api::paging::Style::Cursor),
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
