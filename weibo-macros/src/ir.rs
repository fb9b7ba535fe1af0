//! The validated, typed form of a spec: everything [`crate::expand`] needs, nothing it must check.

use crate::spec::Text;
use crate::types::TypeRef;
use proc_macro2::Ident;

pub struct Api {
    pub versions: Vec<Version>,
    pub models: Vec<Model>,
    pub endpoints: Vec<Endpoint>,
}

pub struct Version {
    pub key: String,
    pub module: Ident,
    pub base_url: String,
    pub basic: bool,
    pub oauth2: bool,
    pub description: Option<Text>,
}

/// Where a model's Rust type lives.
pub enum ModelKind {
    /// Emitted by this expansion, with these fields.
    Local(Vec<Field>),
    /// Defined by another crate (`extern_models`), referred to by this path.
    Extern(syn::Path),
}

pub struct Model {
    pub name: String,
    pub ident: Ident,
    pub description: Option<Text>,
    pub kind: ModelKind,
}

pub struct Field {
    pub wire: String,
    pub ident: Ident,
    pub ty: TypeRef,
    pub spelled: String,
    pub required: bool,
    pub description: Option<Text>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Json,
    Xml,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Credential {
    AppKey,
    AccessToken,
    AppSecret,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Location {
    Path,
    /// The query for GET, the form body otherwise.
    Default,
}

pub struct Param {
    pub name: String,
    pub ident: Ident,
    /// The typestate generic of a required parameter (`KandianId`).
    pub generic: Ident,
    /// The trait a required parameter's state must implement (`KandianStatusesDestroyKandianId`).
    pub guard: Ident,
    pub location: Location,
    pub ty: TypeRef,
    pub spelled: String,
    pub required: bool,
    pub credential: Option<Credential>,
    pub min_items: Option<u32>,
    pub max_items: Option<u32>,
    /// The value range of a number (of each item, for lists).
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// Sent when the caller does not set it.
    pub default: Option<String>,
    pub description: Option<Text>,
}

pub struct Endpoint {
    pub name: String,
    /// Index into [`Api::versions`].
    pub version: usize,
    pub path: String,
    pub fn_ident: Ident,
    pub type_ident: Ident,
    pub meta_ident: Ident,
    pub formats: Vec<Format>,
    /// Whether the URL ends in `.json`/`.xml`.
    pub format_suffix: bool,
    pub methods: Vec<Method>,
    pub login_required: Option<bool>,
    pub rate_limited: Option<bool>,
    pub access_level: Option<String>,
    pub updated: Option<String>,
    pub description: Option<Text>,
    pub notes: Option<Text>,
    pub params: Vec<Param>,
    pub response: TypeRef,
    pub example_json: Option<String>,
    pub example_xml: Option<String>,
    pub curl: Vec<String>,
}

impl Endpoint {
    /// Parameters the caller sets (credentials come from the client).
    pub fn settable(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.credential.is_none())
    }

    pub fn required(&self) -> impl Iterator<Item = &Param> {
        self.settable().filter(|p| p.required)
    }
}
