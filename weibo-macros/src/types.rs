//! The spec's small type language: `string`, `int`, `int64`/`bigint`, `bool`, `float`,
//! `datetime`, `secret`, `link`, `file`, `json`, `list<T>`, `map<string, T>`, and the names of
//! models and enums.

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
    /// A file uploaded as a `multipart/form-data` part (parameters only).
    File,
    /// Free-form JSON, kept as it was sent (responses only).
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    Scalar(Scalar),
    List(Box<TypeRef>),
    /// `map<string, T>`: an object keyed by data (dates, ids), in the order sent.
    Map(Box<TypeRef>),
    /// A model name (also an enum name until the validator tells them apart).
    Model(String),
    /// An enumeration declared under `enums:`.
    Enum(String),
}

/// The scalar type names, for "expected one of" help.
pub const SCALAR_NAMES: &[&str] = &[
    "string", "int", "int32", "int64", "bigint", "bool", "float", "datetime", "secret", "link",
    "file", "json",
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
        "file" => Scalar::File,
        "json" => Scalar::Json,
        _ => return None,
    })
}

/// Parses a type expression. Model names are not resolved here; `Err` says what is malformed.
pub fn parse(text: &str) -> Result<TypeRef, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return Ok(TypeRef::List(Box::new(parse(inner)?)));
    }
    if let Some(inner) = text.strip_prefix("map<").and_then(|t| t.strip_suffix('>')) {
        let Some((key, value)) = inner.split_once(',') else {
            return Err(format!(
                "`{text}` names no value type: write `map<string, T>`"
            ));
        };
        if key.trim() != "string" {
            return Err(format!(
                "map keys are text: write `map<string, {}>`",
                value.trim()
            ));
        }
        return Ok(TypeRef::Map(Box::new(parse(value)?)));
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
    /// The model (or enum) this type names, directly or as a list or map element.
    pub fn model(&self) -> Option<&str> {
        match self {
            TypeRef::Model(m) | TypeRef::Enum(m) => Some(m),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.model(),
            TypeRef::Scalar(_) => None,
        }
    }

    /// The same type with every name in `enums` marked as an enum.
    pub fn resolve_enums(self, enums: &[&str]) -> TypeRef {
        match self {
            TypeRef::Model(m) if enums.contains(&m.as_str()) => TypeRef::Enum(m),
            TypeRef::List(inner) => TypeRef::List(Box::new(inner.resolve_enums(enums))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(inner.resolve_enums(enums))),
            other => other,
        }
    }

    /// The value type of a map.
    pub fn item_of_map(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Map(inner) => Some(inner),
            _ => None,
        }
    }

    /// The item type of a list, the type itself otherwise.
    pub fn item(&self) -> &TypeRef {
        match self {
            TypeRef::List(inner) => inner,
            other => other,
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
                Scalar::File => "file",
                Scalar::Json => "json",
            }),
            TypeRef::List(inner) => write!(f, "list<{inner}>"),
            TypeRef::Map(inner) => write!(f, "map<string, {inner}>"),
            TypeRef::Model(m) | TypeRef::Enum(m) => f.write_str(m),
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
        assert_eq!(
            parse("map<string, list<Trend>>"),
            Ok(TypeRef::Map(Box::new(TypeRef::List(Box::new(
                TypeRef::Model("Trend".into())
            )))))
        );
        assert!(parse("map<int, Trend>")
            .unwrap_err()
            .contains("map<string, Trend>"));
        assert_eq!(parse("file"), Ok(TypeRef::Scalar(Scalar::File)));
        assert_eq!(
            parse("Feature").unwrap().resolve_enums(&["Feature"]),
            TypeRef::Enum("Feature".into())
        );
    }
}
