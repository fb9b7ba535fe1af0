//! The runtime side of the spec's richer shapes: enumerations (`WireEnum`, [`OrUnknown`]),
//! objects keyed by data ([`Map`]), free-form JSON ([`Json`]), list setters that take arrays,
//! slices and `Vec`s ([`IntoList`]), and the states of exactly-one-of groups ([`Set`], [`Slot`]).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Free-form JSON, kept as the server sent it (object keys in their order): what a spec's
/// `json` type becomes, e.g. a status's `annotations`.
pub type Json = serde_json::Value;

/// An object keyed by data (`map<string, T>` in the spec), e.g. trends by hour, in the order
/// the server sent its keys.
pub type Map<V> = indexmap::IndexMap<String, V>;

/// A spec enumeration: its documented values and their wire forms. Implemented by the enums
/// `generate!` emits.
pub trait WireEnum: Sized + Copy + 'static {
    /// Every documented value's wire form, in documented order.
    const VALUES: &'static [&'static str];
    /// Sent and received as a number (`type: int`) rather than text.
    const NUMERIC: bool;
    /// This value's wire form (`"1"`, `"face"`).
    fn wire(self) -> &'static str;
    /// The value with this wire form, if it is documented.
    fn from_wire(wire: &str) -> Option<Self>;
}

/// An enumeration value in a response: a documented one, or what the server sent when the
/// document does not list it (kept, never an error, never dropped).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OrUnknown<E> {
    /// A documented value.
    Known(E),
    /// A value the document does not list, exactly as sent.
    Unknown(String),
}

impl<E: WireEnum> OrUnknown<E> {
    /// The documented value, if it is one.
    pub fn known(&self) -> Option<E> {
        match self {
            OrUnknown::Known(e) => Some(*e),
            OrUnknown::Unknown(_) => None,
        }
    }

    /// The value as it was on the wire.
    pub fn wire(&self) -> &str {
        match self {
            OrUnknown::Known(e) => e.wire(),
            OrUnknown::Unknown(raw) => raw,
        }
    }

    fn from_text(text: &str) -> Self {
        match E::from_wire(text) {
            Some(e) => OrUnknown::Known(e),
            None => OrUnknown::Unknown(text.to_string()),
        }
    }
}

impl<E: WireEnum> crate::de::Lenient for OrUnknown<E> {
    const EXPECTING: &'static str = "an enumeration value (as a number or a string)";
    fn from_text(text: &str) -> Option<Self> {
        // Whitespace decides absence (handled by the caller), never the value itself.
        Some(OrUnknown::from_text(text))
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(OrUnknown::from_text(&v.to_string()))
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(OrUnknown::from_text(&v.to_string()))
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(OrUnknown::Unknown(v.to_string()))
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(OrUnknown::Unknown(v.to_string()))
    }
}

impl<E: WireEnum> Serialize for OrUnknown<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire = self.wire();
        match wire.parse::<i64>() {
            Ok(n) if E::NUMERIC => serializer.serialize_i64(n),
            _ => serializer.serialize_str(wire),
        }
    }
}

impl<'de, E: WireEnum> Deserialize<'de> for OrUnknown<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::required(deserializer)
    }
}

/// A `map<string, T>` field: `null`, absent, `""` and an empty XML element are an empty map.
pub fn map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(d: D) -> Result<Map<V>, D::Error> {
    struct MapVisitor<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
        type Value = Map<V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Map<V>, A::Error> {
            let mut out = Map::with_capacity(access.size_hint().unwrap_or(0).min(256));
            while let Some((key, value)) = access.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    // Keeping one of two values silently would lose data.
                    return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Map<V>, E> {
            Ok(Map::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Map<V>, E> {
            Ok(Map::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Map<V>, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Map<V>, E> {
            if v.trim().is_empty() {
                Ok(Map::new())
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
    }
    d.deserialize_any(MapVisitor(PhantomData))
}

/// What a list parameter's setter accepts: an array, a slice or a `Vec` of its items, and for
/// `list<string>` also of `&str`.
///
/// ```
/// use weibo_api::IntoList;
/// let a: Vec<String> = ["a", "b"].into_list();
/// let b: Vec<i64> = [3958728723, 3958728724].into_list();
/// let c: Vec<String> = vec![String::from("x")].into_list();
/// assert_eq!((a.len(), b[1], c[0].as_str()), (2, 3958728724, "x"));
/// ```
pub trait IntoList<T> {
    /// The items, as a `Vec`.
    fn into_list(self) -> Vec<T>;
}

impl<T> IntoList<T> for Vec<T> {
    fn into_list(self) -> Vec<T> {
        self
    }
}

impl<T, const N: usize> IntoList<T> for [T; N] {
    fn into_list(self) -> Vec<T> {
        self.into()
    }
}

impl<T: Clone> IntoList<T> for &[T] {
    fn into_list(self) -> Vec<T> {
        self.to_vec()
    }
}

impl<T: Clone> IntoList<T> for &Vec<T> {
    fn into_list(self) -> Vec<T> {
        self.clone()
    }
}

impl<const N: usize> IntoList<String> for [&str; N] {
    fn into_list(self) -> Vec<String> {
        self.iter().map(|s| (*s).to_string()).collect()
    }
}

impl IntoList<String> for &[&str] {
    fn into_list(self) -> Vec<String> {
        self.iter().map(|s| (*s).to_string()).collect()
    }
}

impl IntoList<String> for Vec<&str> {
    fn into_list(self) -> Vec<String> {
        self.into_iter().map(str::to_string).collect()
    }
}

/// The state of a group member (a parameter of an exactly-one-of group) once set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Set<T>(pub T);

/// A group member's state: [`Missing`](crate::Missing) or [`Set`].
pub trait Slot<T> {
    /// The value, if set.
    fn into_option(self) -> Option<T>;
}

impl<T> Slot<T> for Set<T> {
    fn into_option(self) -> Option<T> {
        Some(self.0)
    }
}

impl<T> Slot<T> for crate::Missing {
    fn into_option(self) -> Option<T> {
        None
    }
}
