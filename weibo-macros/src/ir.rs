//! The validated, typed form of a spec: everything [`crate::expand`] needs, nothing it must check.

use crate::spec::Text;
use crate::types::TypeRef;
use proc_macro2::Ident;

pub struct Api {
    pub versions: Vec<Version>,
    pub enums: Vec<Enum>,
    pub models: Vec<Model>,
    pub endpoints: Vec<Endpoint>,
}

/// An enumeration: a closed set of documented values.
pub struct Enum {
    pub name: String,
    pub ident: Ident,
    pub description: Option<Text>,
    /// `type: int` (sent and received as numbers) rather than `string`.
    pub numeric: bool,
    pub values: Vec<EnumValue>,
}

pub struct EnumValue {
    /// The value on the wire (`0`, `face`).
    pub wire: String,
    pub ident: Ident,
    pub description: Option<Text>,
}

/// A number bound: whole for integer parameters, fractional for floats.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    Int(i64),
    Float(f64),
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(n) => write!(f, "{n}"),
            Bound::Float(x) => write!(f, "{x:?}"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ListFormat {
    /// `ids=1,2,3`
    Comma,
    /// `url_long=a&url_long=b`
    Repeat,
}

/// A group of optional parameters of which exactly one (or at least one) must be set.
pub struct Group {
    pub exactly: bool,
    /// Indices into [`Endpoint::params`].
    pub members: Vec<usize>,
    /// The trait the members' states must implement together (`UsersShowUidScreenName`).
    pub guard: Ident,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PagingStyle {
    /// `page` = 1, 2, 3, …
    Page,
    /// `max_id` = the last item's id − 1.
    MaxId,
    /// `cursor` = the response's `next_cursor`.
    Cursor,
}

impl PagingStyle {
    pub fn name(self) -> &'static str {
        match self {
            PagingStyle::Page => "page",
            PagingStyle::MaxId => "max_id",
            PagingStyle::Cursor => "cursor",
        }
    }
}

pub struct Paging {
    pub style: PagingStyle,
    /// The response field holding the items (`statuses`); `None` when the response is the
    /// list of items itself.
    pub items: Option<Ident>,
    pub items_wire: Option<String>,
    /// The item type.
    pub item: TypeRef,
    /// Whether the response has `total_number` (paging stops once that many items came).
    pub total_number: bool,
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
    /// Takes every member the model does not declare (a `map<string, T>`).
    pub flatten: bool,
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
    /// A CamelCase name unique in the version (`KandianStatusesDestroyKandianId`); reserved by
    /// validation, no longer emitted (a missing parameter is named by a marker type now).
    #[allow(dead_code)]
    pub guard: Ident,
    pub location: Location,
    pub ty: TypeRef,
    pub spelled: String,
    pub required: bool,
    pub credential: Option<Credential>,
    pub min_items: Option<u32>,
    pub max_items: Option<u32>,
    /// The value range of a number (of each item, for lists).
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    /// Sent when the caller does not set it.
    pub default: Option<String>,
    /// What the server assumes when it is left out (documentation only).
    pub server_default: Option<String>,
    pub list_format: ListFormat,
    /// `bool` sent as `true`/`false` rather than `1`/`0`.
    pub bool_words: bool,
    /// The largest file, in bytes.
    pub max_size: Option<u64>,
    /// The most characters of a string.
    pub max_length: Option<u32>,
    /// Required when parameter `.0` has the wire value `.1`.
    pub required_if: Option<(String, String)>,
    /// The exactly-one-of / at-least-one-of group it belongs to (index into `Endpoint::groups`).
    pub group: Option<usize>,
    pub description: Option<Text>,
}

impl Param {
    /// Whether its state is a type parameter of the builder (required, or in a group).
    pub fn typestate(&self) -> bool {
        self.required || self.group.is_some()
    }
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
    /// The documentation page it was transcribed from.
    pub doc: Option<String>,
    /// A host of its own, instead of its version's.
    pub base_url: Option<String>,
    pub groups: Vec<Group>,
    pub paging: Option<Paging>,
    pub idempotent: bool,
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

    /// Parameters whose state is a type parameter of the builder.
    pub fn typestate(&self) -> impl Iterator<Item = &Param> {
        self.settable().filter(|p| p.typestate())
    }
}
