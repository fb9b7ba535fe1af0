//! Secrets that must never reach a URL, `Debug` output, an error message or a log.

use std::fmt;

/// A credential (access token, password, app secret). `Debug` prints `***`; there is no
/// `Display`; the value is read only where it goes on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself: call this only to put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The same, as the `String` the wire-form helpers lend out.
    pub(crate) fn expose_string(&self) -> &String {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// Serializes the real value (for token storage): keep serialized models out of logs.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl crate::de::Lenient for Secret {
    const EXPECTING: &'static str = "a string";
    fn from_text(text: &str) -> Option<Self> {
        Some(Secret::new(text))
    }
}

impl crate::ToParam for Secret {
    fn to_param(self) -> crate::ParamValue {
        crate::ParamValue::Secret(self)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_never_shows_the_value() {
        let s = super::Secret::new("2.00abcTOKEN");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "2.00abcTOKEN");
    }
}
