//! The spec's small type language: `string`, `int`, `int64`/`bigint`, `bool`, `float`,
//! `datetime`, `list<T>` and model names.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Int,
    Int64,
    Bool,
    Float,
    DateTime,
    /// A credential in a response (an access token): never printed by `Debug`.
    Secret,
    /// An HTML link in JSON, an `<a>` element in XML (a status's `source`).
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    Scalar(Scalar),
    List(Box<TypeRef>),
    Model(String),
}

/// The scalar type names, for "expected one of" help.
pub const SCALAR_NAMES: &[&str] = &[
    "string", "int", "int32", "int64", "bigint", "bool", "float", "datetime", "secret", "link",
];

fn scalar(name: &str) -> Option<Scalar> {
    Some(match name {
        "string" => Scalar::String,
        "int" | "int32" => Scalar::Int,
        "int64" | "bigint" => Scalar::Int64,
        "bool" | "boolean" => Scalar::Bool,
        "float" | "double" => Scalar::Float,
        "datetime" => Scalar::DateTime,
        "secret" => Scalar::Secret,
        "link" => Scalar::Link,
        _ => return None,
    })
}

/// Parses a type expression. Model names are not resolved here; `Err` says what is malformed.
pub fn parse(text: &str) -> Result<TypeRef, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return Ok(TypeRef::List(Box::new(parse(inner)?)));
    }
    if let Some(s) = scalar(text) {
        return Ok(TypeRef::Scalar(s));
    }
    let is_model_name = text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_model_name {
        Ok(TypeRef::Model(text.to_string()))
    } else {
        Err(format!("unknown type `{text}`"))
    }
}

impl TypeRef {
    /// The model this type names, directly or as a list element.
    pub fn model(&self) -> Option<&str> {
        match self {
            TypeRef::Model(m) => Some(m),
            TypeRef::List(inner) => inner.model(),
            TypeRef::Scalar(_) => None,
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Scalar(s) => f.write_str(match s {
                Scalar::String => "string",
                Scalar::Int => "int",
                Scalar::Int64 => "int64",
                Scalar::Bool => "bool",
                Scalar::Float => "float",
                Scalar::DateTime => "datetime",
                Scalar::Secret => "secret",
                Scalar::Link => "link",
            }),
            TypeRef::List(inner) => write!(f, "list<{inner}>"),
            TypeRef::Model(m) => f.write_str(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_type_language() {
        assert_eq!(parse("bigint"), Ok(TypeRef::Scalar(Scalar::Int64)));
        assert_eq!(
            parse("list<int64>"),
            Ok(TypeRef::List(Box::new(TypeRef::Scalar(Scalar::Int64))))
        );
        assert_eq!(parse("list<Status>").unwrap().model(), Some("Status"));
        assert_eq!(parse("strng"), Err("unknown type `strng`".to_string()));
        assert!(parse("list<int64").is_err());
    }
}
