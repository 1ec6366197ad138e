//! One `Deserialize` for the plan file's structs ([`crate::core::format`]), in place of serde's
//! derive: what the derive writes again for every struct (a field-name visitor, a check per
//! field for duplicates, a temporary per field, the array form) is here once, and each struct
//! keeps only its `match` from field index to field (the [`wire_struct!`] macro). Every struct of
//! the format starts from its `Default` (all its fields are `Option`s or `#[serde(default)]`).
//!
//! The messages are serde's own, at serde_json's places: `unknown field `x`, expected one of
//! ...`, `duplicate field `x``, `invalid type: ..., expected struct X`. Unlike the derive, an
//! array in place of an object is not read field by field ("invalid type: sequence, expected
//! struct X"). Measured in docs/widget-shell.md, "Size".

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A struct of the plan file, read by [`read`].
pub trait Wire: Default {
    /// What serde's derive says it expects: `struct TextFile`.
    const EXPECTING: &'static str;
    /// The name of the struct for `deserialize_struct`.
    const NAME: &'static str;
    const FIELDS: &'static [&'static str];
    /// `#[serde(deny_unknown_fields)]`: an unknown field is an error, else it is skipped.
    const DENY_UNKNOWN: bool;
    /// Reads field `i`'s value from `map`.
    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error>;
}

/// `T` from any serde deserializer, as serde's derive would read it from an object.
pub fn read<'de, T: Wire, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        let mut seen = 0u64;
        let key = Key {
            fields: T::FIELDS,
            deny: T::DENY_UNKNOWN,
        };
        while let Some(found) = map.next_key_seed(key)? {
            let Some(i) = found else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if seen & (1 << i) != 0 {
                let name = T::FIELDS.get(i).copied().unwrap_or_default();
                return Err(de::Error::duplicate_field(name));
            }
            seen |= 1 << i;
            out.field(i, &mut map)?;
        }
        Ok(out)
    }
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

/// `Wire` and `Deserialize` for a struct of the plan file:
/// `wire_struct!(LeverFile, deny_unknown_fields, [id, label, ...])` (every field, in order;
/// `ignore_unknown_fields` to skip unknown fields as serde does by default).
macro_rules! wire_struct {
    (@deny deny_unknown_fields) => { true };
    (@deny ignore_unknown_fields) => { false };
    ($name:ident, $unknown:ident, [$($field:ident),* $(,)?]) => {
        impl $crate::core::wire::Wire for $name {
            const EXPECTING: &'static str = concat!("struct ", stringify!($name));
            const NAME: &'static str = stringify!($name);
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            const DENY_UNKNOWN: bool = wire_struct!(@deny $unknown);

            fn field<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                i: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                let mut k = 0usize;
                $(
                    if i == k {
                        self.$field = map.next_value()?;
                        return Ok(());
                    }
                    k += 1;
                )*
                let _ = k;
                Ok(())
            }
        }

        // Every field is listed: a field left out does not compile.
        const _: fn(&$name) = |v| {
            let $name { $($field: _),* } = v;
        };

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::core::wire::read(d)
            }
        }
    };
}

pub(crate) use wire_struct;

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
