//! One reader for the plan file's structs ([`crate::core::format`]), in place of serde's derive
//! and of serde's `Deserialize` per field type. Every field of the format is a [`Slot`]: a
//! string, a number, a boolean, an `Option`, a `Vec`, a [`Keyed`] map or a struct of the format,
//! behind `dyn`. One visitor ([`Fill`]) asks the deserializer for what the slot holds, with the
//! same `deserialize_*` call serde's own impls make, and writes what it gets into the slot. So
//! serde_json's reading is in the wasm once, not once per field type (about twenty-five copies
//! of its option, sequence, struct and number paths), and V8 compiles that much less code on the
//! first `mount` (docs/widget-shell.md, "Size" and "Start-up CPU"). Each struct keeps only its
//! field list (the [`wire_struct!`] macro). Every struct of the format starts from its `Default`
//! (all its fields are `Option`s, `Vec`s, maps, `bool`s or `String`s).
//!
//! The messages are serde's own, at serde_json's places: `unknown field `x`, expected one of
//! ...`, `duplicate field `x``, `invalid type: ..., expected struct X`, `expected f64`, `expected
//! a string`, `invalid value: integer `-1`, expected u32`; the tests compare them with serde's
//! derive. Unlike the derive, an array in place of an object is not read field by field
//! ("invalid type: sequence, expected struct X").

use super::keyed::Keyed;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A struct of the plan file: what serde's derive would name it and its fields.
pub trait Wire: Default {
    const INFO: StructInfo;
}

/// A struct's name and fields, for the reader and its messages.
pub struct StructInfo {
    /// What serde's derive says it expects: `struct TextFile`.
    pub expecting: &'static str,
    /// The name of the struct for `deserialize_struct`.
    pub name: &'static str,
    pub fields: &'static [&'static str],
    /// `#[serde(deny_unknown_fields)]`: an unknown field is an error, else it is skipped.
    pub deny_unknown: bool,
}

/// What a slot holds, so what to ask the deserializer for.
#[derive(Clone, Copy)]
pub enum Kind {
    Str,
    F64,
    U32,
    I32,
    Bool,
    Opt,
    Seq,
    Map,
    Struct(&'static StructInfo),
}

/// A value read for a scalar slot (of the slot's kind).
pub enum Scalar<'a> {
    Str(&'a str),
    F64(f64),
    U32(u32),
    I32(i32),
    Bool(bool),
}

/// A place in a plan file struct that the reader fills. The containers hand out their inner
/// slots; `None` where a slot has no such inner slot (the reader then skips the value).
pub trait Slot {
    fn kind(&self) -> Kind;
    /// A scalar of this slot's kind.
    fn set(&mut self, _v: Scalar) {}
    /// An `Option`: the value inside, made `Some(default)`.
    fn some(&mut self) -> Option<&mut dyn Slot> {
        None
    }
    /// A `Vec`: a new default element at its end.
    fn push(&mut self) -> Option<&mut dyn Slot> {
        None
    }
    /// A struct: field `i` of its [`StructInfo::fields`].
    fn field(&mut self, _i: usize) -> Option<&mut dyn Slot> {
        None
    }
    /// A [`Keyed`] map: the value of `key`, set back to its default (the last of a repeated
    /// key is kept, as in a `BTreeMap`).
    fn entry(&mut self, _key: String) -> Option<&mut dyn Slot> {
        None
    }
}

impl Slot for String {
    fn kind(&self) -> Kind {
        Kind::Str
    }
    fn set(&mut self, v: Scalar) {
        if let Scalar::Str(s) = v {
            s.clone_into(self);
        }
    }
}

/// `Slot` for a number or a boolean: its kind, and the scalar of that kind.
macro_rules! scalar_slot {
    ($($t:ty => $kind:ident),*) => {$(
        impl Slot for $t {
            fn kind(&self) -> Kind {
                Kind::$kind
            }
            fn set(&mut self, v: Scalar) {
                if let Scalar::$kind(x) = v {
                    *self = x;
                }
            }
        }
    )*};
}

scalar_slot!(f64 => F64, u32 => U32, i32 => I32, bool => Bool);

impl<T: Slot + Default> Slot for Option<T> {
    fn kind(&self) -> Kind {
        Kind::Opt
    }
    fn some(&mut self) -> Option<&mut dyn Slot> {
        Some(self.insert(T::default()))
    }
}

impl<T: Slot + Default> Slot for Vec<T> {
    fn kind(&self) -> Kind {
        Kind::Seq
    }
    fn push(&mut self) -> Option<&mut dyn Slot> {
        self.push(T::default());
        self.last_mut().map(|t| t as &mut dyn Slot)
    }
}

impl<V: Slot + Default> Slot for Keyed<V> {
    fn kind(&self) -> Kind {
        Kind::Map
    }
    fn entry(&mut self, key: String) -> Option<&mut dyn Slot> {
        self.reset(key).map(|v| v as &mut dyn Slot)
    }
}

/// Reads `d` into `slot`: the whole reader, one visitor for every kind of slot.
pub fn fill<'de, D: Deserializer<'de>>(d: D, slot: &mut dyn Slot) -> Result<(), D::Error> {
    Fill(slot).deserialize(d)
}

/// The seed and the visitor of a slot.
pub struct Fill<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for Fill<'_> {
    type Value = ();

    /// The deserializer call serde's impl of the slot's type makes.
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0.kind() {
            Kind::Str => d.deserialize_string(self),
            Kind::F64 => d.deserialize_f64(self),
            Kind::U32 => d.deserialize_u32(self),
            Kind::I32 => d.deserialize_i32(self),
            Kind::Bool => d.deserialize_bool(self),
            Kind::Opt => d.deserialize_option(self),
            Kind::Seq => d.deserialize_seq(self),
            Kind::Map => d.deserialize_map(self),
            Kind::Struct(s) => d.deserialize_struct(s.name, s.fields, self),
        }
    }
}

/// A `Vec`'s next element: pushed only when there is one.
struct Element<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for Element<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0.push() {
            Some(slot) => Fill(slot).deserialize(d),
            None => <IgnoredAny as de::Deserialize>::deserialize(d).map(|_| ()),
        }
    }
}

impl<'de> Visitor<'de> for Fill<'_> {
    type Value = ();

    /// serde's words for each type: `a string`, `f64`, `option`, `struct TextFile`, …
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0.kind() {
            Kind::Str => "a string",
            Kind::F64 => "f64",
            Kind::U32 => "u32",
            Kind::I32 => "i32",
            Kind::Bool => "a boolean",
            Kind::Opt => "option",
            Kind::Seq => "a sequence",
            Kind::Map => "a map",
            Kind::Struct(s) => s.expecting,
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        match self.0.kind() {
            Kind::Str => {
                self.0.set(Scalar::Str(v));
                Ok(())
            }
            _ => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        match self.0.kind() {
            Kind::Bool => {
                self.0.set(Scalar::Bool(v));
                Ok(())
            }
            _ => Err(E::invalid_type(de::Unexpected::Bool(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let (u, i) = (u32::try_from(v).ok(), i32::try_from(v).ok());
        self.integer(v as f64, u, i, de::Unexpected::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        let (u, i) = (u32::try_from(v).ok(), i32::try_from(v).ok());
        self.integer(v as f64, u, i, de::Unexpected::Signed(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        match self.0.kind() {
            Kind::F64 => {
                self.0.set(Scalar::F64(v));
                Ok(())
            }
            _ => Err(E::invalid_type(de::Unexpected::Float(v), &self)),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        match self.0.kind() {
            Kind::Opt => Ok(()),
            _ => Err(E::invalid_type(de::Unexpected::Option, &self)),
        }
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match (self.0.kind(), self.0.some()) {
            (Kind::Opt, Some(inner)) => Fill(inner).deserialize(d),
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Option,
                &Fill(self.0),
            )),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if !matches!(self.0.kind(), Kind::Seq) {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        while seq.next_element_seed(Element(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        match self.0.kind() {
            Kind::Struct(s) => read_struct(self.0, s, map),
            Kind::Map => {
                let mut map = map;
                while let Some(key) = map.next_key::<String>()? {
                    match self.0.entry(key) {
                        Some(slot) => map.next_value_seed(Fill(slot))?,
                        None => map.next_value::<IgnoredAny>().map(|_| ())?,
                    }
                }
                Ok(())
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl Fill<'_> {
    /// An integer `v` (as `f64`, and as `u32` and `i32` if in range), as serde's primitive
    /// visitors take it: any integer is an `f64`; out of range for `u32` or `i32` is an invalid
    /// value, anything else an invalid type.
    fn integer<E: de::Error>(
        self,
        f: f64,
        u: Option<u32>,
        i: Option<i32>,
        v: de::Unexpected,
    ) -> Result<(), E> {
        let value = match (self.0.kind(), u, i) {
            (Kind::F64, _, _) => Scalar::F64(f),
            (Kind::U32, Some(x), _) => Scalar::U32(x),
            (Kind::I32, _, Some(x)) => Scalar::I32(x),
            (Kind::U32 | Kind::I32, _, _) => return Err(E::invalid_value(v, &self)),
            _ => return Err(E::invalid_type(v, &self)),
        };
        self.0.set(value);
        Ok(())
    }
}

/// A struct's fields from an object: each known field once, unknown ones skipped or refused.
fn read_struct<'de, A: MapAccess<'de>>(
    out: &mut dyn Slot,
    s: &StructInfo,
    mut map: A,
) -> Result<(), A::Error> {
    let mut seen = 0u64;
    let key = Key {
        fields: s.fields,
        deny: s.deny_unknown,
    };
    while let Some(found) = map.next_key_seed(key)? {
        let Some(i) = found else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        if seen & (1 << i) != 0 {
            let name = s.fields.get(i).copied().unwrap_or_default();
            return Err(de::Error::duplicate_field(name));
        }
        seen |= 1 << i;
        match out.field(i) {
            Some(slot) => map.next_value_seed(Fill(slot))?,
            None => map.next_value::<IgnoredAny>().map(|_| ())?,
        }
    }
    Ok(())
}

/// A field name → its index in `fields`; `None` for an unknown one that is skipped.
#[derive(Clone, Copy)]
struct Key {
    fields: &'static [&'static str],
    deny: bool,
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<usize>, E> {
        match usize::try_from(v).ok().filter(|&i| i < self.fields.len()) {
            Some(i) => Ok(Some(i)),
            None if self.deny => Err(E::invalid_value(
                de::Unexpected::Unsigned(v),
                &"a field index",
            )),
            None => Ok(None),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        match self.fields.iter().position(|f| *f == v) {
            Some(i) => Ok(Some(i)),
            None if self.deny => Err(E::unknown_field(v, self.fields)),
            None => Ok(None),
        }
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        self.visit_str(&String::from_utf8_lossy(v))
    }
}

/// `Wire`, `Slot` and `Deserialize` for a struct of the plan file:
/// `wire_struct!(LeverFile, deny_unknown_fields, [id, label, ...])` (every field, in order;
/// `ignore_unknown_fields` to skip unknown fields as serde does by default).
macro_rules! wire_struct {
    (@deny deny_unknown_fields) => { true };
    (@deny ignore_unknown_fields) => { false };
    ($name:ident, $unknown:ident, [$($field:ident),* $(,)?]) => {
        impl $crate::core::wire::Wire for $name {
            const INFO: $crate::core::wire::StructInfo = $crate::core::wire::StructInfo {
                expecting: concat!("struct ", stringify!($name)),
                name: stringify!($name),
                fields: &[$(stringify!($field)),*],
                deny_unknown: $crate::core::wire::wire_struct!(@deny $unknown),
            };
        }

        impl $crate::core::wire::Slot for $name {
            fn kind(&self) -> $crate::core::wire::Kind {
                const INFO: $crate::core::wire::StructInfo =
                    <$name as $crate::core::wire::Wire>::INFO;
                $crate::core::wire::Kind::Struct(&INFO)
            }

            fn field(&mut self, i: usize) -> Option<&mut dyn $crate::core::wire::Slot> {
                let mut k = 0usize;
                $(
                    if i == k {
                        return Some(&mut self.$field);
                    }
                    k += 1;
                )*
                let _ = k;
                None
            }
        }

        // Every field is listed: a field left out does not compile.
        const _: fn(&$name) = |v| {
            let $name { $($field: _),* } = v;
        };

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let mut out = <$name>::default();
                $crate::core::wire::fill(d, &mut out)?;
                Ok(out)
            }
        }
    };
}

pub(crate) use wire_struct;

#[cfg(test)]
#[path = "wire_tests.rs"]
mod derive_tests;

#[cfg(test)]
mod tests {
    /// The same two structs read by serde's derive and by [`wire_struct!`] (same names: the
    /// messages name them).
    mod derived {
        #[derive(Debug, Default, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Plan {
            pub id: Option<String>,
            #[serde(default)]
            pub value: Option<f64>,
            #[serde(default)]
            pub items: Vec<Inner>,
            #[serde(default)]
            pub flag: bool,
        }

        #[derive(Debug, Default, PartialEq, serde::Deserialize)]
        pub struct Inner {
            #[serde(default)]
            pub zh: String,
        }
    }

    mod wired {
        #[derive(Debug, Default, PartialEq)]
        pub struct Plan {
            pub id: Option<String>,
            pub value: Option<f64>,
            pub items: Vec<Inner>,
            pub flag: bool,
        }

        #[derive(Debug, Default, PartialEq)]
        pub struct Inner {
            pub zh: String,
        }

        wire_struct!(Plan, deny_unknown_fields, [id, value, items, flag]);
        wire_struct!(Inner, ignore_unknown_fields, [zh]);
    }

    /// What each reads from `json`: the fields, or serde_json's message with its place.
    fn both(json: &str) -> (String, String) {
        let d = serde_json::from_str::<derived::Plan>(json).map(|d| {
            let items: Vec<String> = d.items.into_iter().map(|i| i.zh).collect();
            format!("{:?} {:?} {items:?} {}", d.id, d.value, d.flag)
        });
        let w = serde_json::from_str::<wired::Plan>(json).map(|d| {
            let items: Vec<String> = d.items.into_iter().map(|i| i.zh).collect();
            format!("{:?} {:?} {items:?} {}", d.id, d.value, d.flag)
        });
        let text = |r: Result<String, serde_json::Error>| r.unwrap_or_else(|e| e.to_string());
        (text(d), text(w))
    }

    #[test]
    fn same_values_and_messages_as_the_derive() {
        for json in [
            r#"{}"#,
            r#"{"id": "a", "value": 1.5, "items": [{"zh": "x", "other": 1}], "flag": true}"#,
            r#"{"id": null, "value": null}"#,
            "{\n  \"id\": \"a\",\n  \"target\": 1\n}",
            r#"{"id": "a", "id": "b"}"#,
            r#"{"value": "zero"}"#,
            r#"{"items": [{"zh": 5}]}"#,
            r#"{"items": {"zh": "x"}}"#,
            r#"{"items": ["x"]}"#,
            r#"{"flag": 1}"#,
            r#""text""#,
            r#"5"#,
            r#"{"id": "a",}"#,
            r#"{"id": "a""#,
            r#"{"\u0069d": "escaped key"}"#,
        ] {
            let (derived, wired) = both(json);
            assert_eq!(wired, derived, "{json}");
        }
    }

    #[test]
    fn an_array_is_not_read_as_an_object() {
        let (_, wired) = both(r#"["a", 1.5, [], true]"#);
        assert_eq!(
            wired,
            "invalid type: sequence, expected struct Plan at line 1 column 1"
        );
    }
}
