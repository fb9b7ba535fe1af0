//! Lenient decoding for Weibo's documented quirks, used by the generated models:
//! numbers sent as strings and strings sent as numbers, `""` for absent values, `null` lists,
//! and `created_at` in Weibo's `Tue May 24 18:04:53 +0800 2011` format.
//!
//! Leniency decides only whether a value is there: a string that is empty or all whitespace
//! counts as absent, and numbers may be padded with whitespace (XML text often is). A string
//! that is there is kept exactly as Weibo sent it, leading and trailing whitespace included.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Weibo's date format, e.g. `Tue May 24 18:04:53 +0800 2011`.
pub const WEIBO_DATE_FORMAT: &str = "%a %b %d %H:%M:%S %z %Y";

/// Parses a Weibo date (or RFC 3339, which the models serialize to).
pub fn parse_datetime(text: &str) -> Option<crate::DateTime> {
    weibo_date(text.as_bytes()).or_else(|| {
        chrono::DateTime::parse_from_str(text, WEIBO_DATE_FORMAT)
            .or_else(|_| chrono::DateTime::parse_from_rfc3339(text))
            .ok()
    })
}

/// The date in the exact form Weibo sends, `Tue May 24 18:04:53 +0800 2011`, read without
/// chrono's format interpreter (every status and user carries one or two). Anything else
/// (another spacing, a full day name, a weekday that does not match the date, a leap second)
/// is `None` and left to chrono, so that the result is always chrono's.
fn weibo_date(b: &[u8]) -> Option<crate::DateTime> {
    use chrono::{Datelike, NaiveDate, TimeZone};
    const DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    if b.len() != 30 || [3, 7, 10, 19, 25].iter().any(|&i| b[i] != b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let month = MONTHS.iter().position(|m| *m == &b[4..7])? as u32 + 1;
    let (day, hour, minute, second) = (
        number(8..10)?,
        number(11..13)?,
        number(14..16)?,
        number(17..19)?,
    );
    let (offset_hours, offset_minutes, year) = (number(21..23)?, number(23..25)?, number(26..30)?);
    let sign = match b[20] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if second > 59 || offset_minutes > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if DAYS[date.weekday().num_days_from_monday() as usize] != &b[0..3] {
        return None;
    }
    let offset = chrono::FixedOffset::east_opt(
        sign * i32::try_from(offset_hours * 3600 + offset_minutes * 60).ok()?,
    )?;
    offset
        .from_local_datetime(&date.and_hms_opt(hour, minute, second)?)
        .single()
}

/// A scalar the models accept in more than one form.
pub trait Lenient: Sized {
    const EXPECTING: &'static str;
    /// From text that is not blank, exactly as sent: strings keep it whole, parsers of
    /// numbers, booleans and dates ignore surrounding whitespace.
    fn from_text(text: &str) -> Option<Self>;
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    /// What a required field holds when Weibo sends `""`.
    fn empty() -> Option<Self> {
        None
    }
}

impl Lenient for String {
    const EXPECTING: &'static str = "a string";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v.to_string())
    }
    fn empty() -> Option<Self> {
        Some(String::new())
    }
}

macro_rules! lenient_int {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            const EXPECTING: &'static str = "an integer (as a number or a string)";
            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
            fn from_i64(v: i64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
            fn from_u64(v: u64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
        }
    )*};
}
lenient_int!(i32, i64);

impl Lenient for f64 {
    const EXPECTING: &'static str = "a finite number";
    /// `NaN`, `inf` and `1e400` parse in Rust but are no number Weibo sends (and JSON cannot
    /// carry them): rejected, so that XML and JSON agree.
    fn from_text(text: &str) -> Option<Self> {
        text.trim().parse().ok().filter(|v: &f64| v.is_finite())
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
}

impl Lenient for bool {
    const EXPECTING: &'static str = "a boolean (true/false, 1/0)";
    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
    fn from_u64(v: u64) -> Option<Self> {
        (v <= 1).then_some(v == 1)
    }
    fn from_i64(v: i64) -> Option<Self> {
        (0..=1).contains(&v).then_some(v == 1)
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
}

impl Lenient for crate::DateTime {
    const EXPECTING: &'static str = "a date like `Tue May 24 18:04:53 +0800 2011`";
    fn from_text(text: &str) -> Option<Self> {
        parse_datetime(text.trim())
    }
}

/// What a lenient scalar turned out to be.
enum Got<T> {
    Empty,
    Value(T),
}

struct LenientVisitor<T>(PhantomData<T>);

impl<T: Lenient> LenientVisitor<T> {
    fn convert<E: de::Error>(value: Option<T>, unexpected: de::Unexpected) -> Result<Got<T>, E> {
        value
            .map(Got::Value)
            .ok_or_else(|| E::invalid_value(unexpected, &T::EXPECTING))
    }
}

impl<'de, T: Lenient> Visitor<'de> for LenientVisitor<T> {
    type Value = Got<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Got<T>, E> {
        if is_blank(v) {
            return Ok(Got::Empty);
        }
        Self::convert(T::from_text(v), de::Unexpected::Str(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Got<T>, E> {
        Self::convert(T::from_i64(v), de::Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Got<T>, E> {
        Self::convert(T::from_u64(v), de::Unexpected::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Got<T>, E> {
        Self::convert(T::from_f64(v), de::Unexpected::Float(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Got<T>, E> {
        Self::convert(T::from_bool(v), de::Unexpected::Bool(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Got<T>, E> {
        Ok(Got::Empty)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Got<T>, E> {
        Ok(Got::Empty)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Got<T>, D::Error> {
        d.deserialize_any(self)
    }

    /// quick-xml presents an element as a map: its text under `$text`, attributes under
    /// `@name` (ignored here). An element without text (`<geo/>`) is empty.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got<T>, A::Error> {
        let mut got = Got::Empty;
        while let Some(key) = map.next_key::<String>()? {
            if key.starts_with('@') {
                map.next_value::<de::IgnoredAny>()?;
            } else if key == "$text" || key == "$value" {
                got = map.next_value_seed(LenientSeed::<T>(PhantomData))?;
            } else {
                return Err(de::Error::invalid_type(de::Unexpected::Map, &T::EXPECTING));
            }
        }
        Ok(got)
    }
}

struct LenientSeed<T>(PhantomData<T>);

impl<'de, T: Lenient> de::DeserializeSeed<'de> for LenientSeed<T> {
    type Value = Got<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Got<T>, D::Error> {
        d.deserialize_any(LenientVisitor::<T>(PhantomData))
    }
}

/// An optional scalar: `null`, absent and `""` are `None`.
pub fn optional<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    Ok(match d.deserialize_any(LenientVisitor::<T>(PhantomData))? {
        Got::Empty => None,
        Got::Value(v) => Some(v),
    })
}

/// A required scalar: must be present; `""` is accepted only for strings.
pub fn required<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    match d.deserialize_any(LenientVisitor::<T>(PhantomData))? {
        Got::Value(v) => Ok(v),
        Got::Empty => T::empty()
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(""), &T::EXPECTING)),
    }
}

/// Whether a string counts as absent: empty or only whitespace.
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// What a map key is, as far as lists are concerned. XML elements arrive as maps whose keys
/// are child element names, `@name` for attributes and `$text` for text content.
enum Key {
    /// A child element (or, in JSON, an ordinary key).
    Item,
    /// An attribute of the wrapper element: not an item.
    Attribute,
    /// Text between the items.
    Text,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(if v.starts_with('@') {
                    Key::Attribute
                } else if v == "$text" || v == "$value" {
                    Key::Text
                } else {
                    Key::Item
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The values of a map as a sequence: how a list arrives from XML, a wrapper element whose
/// children are the items whatever their tag (`<annotations><annotation>…</annotation>…`,
/// `<statuses><status>…</status>…`). The wrapper's attributes are skipped, text between the
/// items must be blank. In JSON, the same reading accepts PHP's `{"0": …, "1": …}` arrays.
pub(crate) struct MapValues<A> {
    map: A,
}

impl<A> MapValues<A> {
    pub(crate) fn new(map: A) -> Self {
        MapValues { map }
    }
}

impl<'de, A: MapAccess<'de>> SeqAccess<'de> for MapValues<A> {
    type Error = A::Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        loop {
            match self.map.next_key::<Key>()? {
                None => return Ok(None),
                Some(Key::Item) => return self.map.next_value_seed(seed).map(Some),
                Some(Key::Attribute) => {
                    self.map.next_value::<de::IgnoredAny>()?;
                }
                Some(Key::Text) => {
                    if !self.map.next_value_seed(BlankText)? {
                        return Err(de::Error::invalid_type(
                            de::Unexpected::Other("text"),
                            &"a list of elements",
                        ));
                    }
                }
            }
        }
    }
}

/// Answers whether a text value is blank.
struct BlankText;

impl<'de> de::DeserializeSeed<'de> for BlankText {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        struct BlankVisitor;
        impl Visitor<'_> for BlankVisitor {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                Ok(is_blank(v))
            }
        }
        d.deserialize_str(BlankVisitor)
    }
}

/// A list: `null`, absent, `""` and an empty XML element are empty; an XML element's
/// children are the items, whatever their tag (see `MapValues`).
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(ListVisitor(PhantomData))
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if is_blank(v) {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        self.visit_seq(MapValues::new(map))
    }
}

/// A map access that notes whether it yielded any entry.
struct Counting<A> {
    inner: A,
    seen: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Counting<A> {
    type Error = A::Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(seed)?;
        self.seen |= key.is_some();
        Ok(key)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// A nested model: `null`, absent, `""`, `{}` and an empty XML element (`<geo/>`) are `None`.
pub fn model<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Box<T>>, D::Error> {
    struct ModelVisitor<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ModelVisitor<T> {
        type Value = Option<Box<T>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if is_blank(v) {
                Ok(None)
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let mut counting = Counting {
                inner: map,
                seen: false,
            };
            let value = T::deserialize(de::value::MapAccessDeserializer::new(&mut counting))?;
            Ok(counting.seen.then(|| Box::new(value)))
        }
    }
    d.deserialize_any(ModelVisitor(PhantomData))
}

/// A model with a member map (`flatten: true` in the spec): its declared fields, decoded by
/// `T` (a serde-derived struct of those fields), and every other member, decoded as `V` into
/// the map in the order sent. The generated `Deserialize` impls of such models call this
/// instead of `#[serde(flatten)]`, which would buffer every undeclared member as serde's
/// private `Content` and decode it a second time from there: here each member is decoded once,
/// straight from the body. `declared` gives a declared field's index in `T` (serde's own
/// numbering: declaration order), `None` for the others, so that `T` receives the index and
/// the name is compared once; `expecting` names the model in type errors (`struct Status`).
pub fn with_extra<'de, D, T, V>(
    deserializer: D,
    declared: fn(&str) -> Option<u64>,
    expecting: &'static str,
) -> Result<(T, crate::Map<V>), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    V: Deserialize<'de>,
{
    struct ExtraVisitor<T, V> {
        declared: fn(&str) -> Option<u64>,
        expecting: &'static str,
        marker: PhantomData<(T, V)>,
    }
    impl<'de, T: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for ExtraVisitor<T, V> {
        type Value = (T, crate::Map<V>);
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let mut members = Members {
                map,
                declared: self.declared,
                extra: crate::Map::new(),
            };
            let fields = T::deserialize(de::value::MapAccessDeserializer::new(&mut members))?;
            Ok((fields, members.extra))
        }
    }
    deserializer.deserialize_map(ExtraVisitor {
        declared,
        expecting,
        marker: PhantomData,
    })
}

/// The members of a model's map, of which only the declared fields reach the derived code;
/// the others are decoded into `extra` on the way (a repeated name keeps its first place and
/// its last value, as a map decoded on its own would).
struct Members<A, V> {
    map: A,
    declared: fn(&str) -> Option<u64>,
    extra: crate::Map<V>,
}

impl<'de, A: MapAccess<'de>, V: Deserialize<'de>> MapAccess<'de> for Members<A, V> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(name) = self.map.next_key_seed(MemberName)? else {
                return Ok(None);
            };
            if let Some(index) = (self.declared)(&name) {
                let index = de::value::U64Deserializer::<A::Error>::new(index);
                return seed.deserialize(index).map(Some);
            }
            let value = self.map.next_value::<V>()?;
            if self.extra.capacity() == 0 {
                // Real statuses and users carry 15 to 30 undeclared members: one allocation
                // instead of a few growths. Models without any allocate nothing.
                self.extra.reserve(16);
            }
            self.extra.insert(name.into_owned(), value);
        }
    }

    fn next_value_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A member's name, borrowed from the body when it can be.
struct MemberName;

impl<'de> de::DeserializeSeed<'de> for MemberName {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberName {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        std::str::from_utf8(v)
            .map(|v| std::borrow::Cow::Owned(v.to_owned()))
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(deserialize_with = "required")]
        id: i64,
        #[serde(default, deserialize_with = "optional")]
        reply_to: Option<i64>,
        #[serde(default, deserialize_with = "optional")]
        city: Option<String>,
        #[serde(default, deserialize_with = "optional")]
        at: Option<crate::DateTime>,
        #[serde(default, deserialize_with = "optional")]
        flag: Option<bool>,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_weibos_quirks() {
        let p = probe(r#"{"id":"5610221544300749636","reply_to":"","city":5,"at":"Tue May 24 18:04:53 +0800 2011","flag":1,"extra":[1]}"#).unwrap();
        assert_eq!(p.id, 5610221544300749636);
        assert_eq!(p.reply_to, None);
        assert_eq!(p.city.as_deref(), Some("5"));
        let at = p.at.unwrap();
        assert_eq!(at.to_rfc3339(), "2011-05-24T18:04:53+08:00");
        assert_eq!(p.flag, Some(true));
        let p = probe(r#"{"id":9007199254740993}"#).unwrap();
        assert_eq!(p.id, 9007199254740993, "ids beyond 2^53 stay exact");
        assert_eq!(p.city, None);
    }

    #[test]
    fn reads_weibo_dates_as_chrono_does() {
        for text in [
            "Tue May 24 18:04:53 +0800 2011",
            "Sat Feb 27 13:47:48 +0800 2016",
            "Thu Jan 01 08:00:00 +0800 1970",
            "Wed Dec 31 23:59:59 -0930 1969",
            "Mon Feb 29 00:00:00 +0000 2016",
            // Not the exact form, or not a date: chrono decides.
            "Wed May 24 18:04:53 +0800 2011",
            "Tue May 24 18:04:60 +0800 2011",
            "Tue May 24 18:04:53 +08:00 2011",
            "Tuesday May 24 18:04:53 +0800 2011",
            "Tue May 32 18:04:53 +0800 2011",
            "Tue May 24 24:04:53 +0800 2011",
            "Tue May 24 18:04:53 +2400 2011",
            "Tue May 24 18:04:53 +0860 2011",
            "Tue May 24 1:04:53 +0800 2011 ",
            "2011-05-24T18:04:53+08:00",
        ] {
            let chrono = chrono::DateTime::parse_from_str(text, WEIBO_DATE_FORMAT)
                .or_else(|_| chrono::DateTime::parse_from_rfc3339(text))
                .ok();
            assert_eq!(parse_datetime(text), chrono, "{text}");
            if let Some(fast) = weibo_date(text.as_bytes()) {
                assert_eq!(Some(fast), chrono, "{text}");
            }
        }
        assert!(weibo_date(b"Tue May 24 18:04:53 +0800 2011").is_some());
    }

    #[test]
    fn keeps_strings_exactly_and_treats_blank_as_absent() {
        let p = probe(r#"{"id":" 7 ","city":" 北京 朝阳区 ","reply_to":"  ","flag":" true "}"#)
            .unwrap();
        assert_eq!(p.id, 7);
        assert_eq!(p.city.as_deref(), Some(" 北京 朝阳区 "));
        assert_eq!(p.reply_to, None);
        assert_eq!(p.flag, Some(true));
        assert_eq!(probe(r#"{"id":1,"city":"\t\n"}"#).unwrap().city, None);
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Lists {
        #[serde(default, deserialize_with = "list")]
        items: Vec<i64>,
    }

    #[test]
    fn lists_accept_arrays_absent_values_and_maps_of_items() {
        let lists = |json: &str| serde_json::from_str::<Lists>(json).map(|l| l.items);
        assert_eq!(lists(r#"{"items":[1,2]}"#).unwrap(), [1, 2]);
        for empty in [
            r#"{}"#,
            r#"{"items":null}"#,
            r#"{"items":""}"#,
            r#"{"items":{}}"#,
        ] {
            assert!(lists(empty).unwrap().is_empty(), "{empty}");
        }
        // PHP's arrays serialized as objects: the values, in order.
        assert_eq!(lists(r#"{"items":{"0":3,"1":4}}"#).unwrap(), [3, 4]);
        assert!(lists(r#"{"items":"x"}"#).is_err());
        assert!(lists(r#"{"items":{"$text":"x"}}"#).is_err());
    }

    #[test]
    fn rejects_what_is_really_wrong_with_a_clear_message() {
        let e = probe(r#"{"id":"abc"}"#).unwrap_err().to_string();
        assert!(e.contains("an integer (as a number or a string)"), "{e}");
        let e = probe(r#"{"id":""}"#).unwrap_err().to_string();
        assert!(e.contains("invalid value"), "{e}");
        let e = probe(r#"{"id":1,"at":"yesterday"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Tue May 24"), "{e}");
        assert!(probe(r#"{"reply_to":1}"#)
            .unwrap_err()
            .to_string()
            .contains("missing field `id`"));
    }
}
