//! [`Loose`]: any JSON value, read as `serde_json::Value` reads it (the same numbers, the same
//! errors: serde_json's parser makes them), with objects as lists of entries where the last of
//! a repeated key wins, as in `Value`'s map. `Value`'s map is a `BTreeMap<String, Value>`: in
//! the wasm, a B-tree type and `Value`'s reader only for the tally marks ([`super::marks`]).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Loose {
    Null,
    Bool(bool),
    /// A whole number ≥ 0.
    Unsigned(u64),
    /// A whole number < 0.
    Negative(i64),
    Float(f64),
    Text(String),
    List(Vec<Loose>),
    Object(Vec<(String, Loose)>),
}

impl Loose {
    /// The value of `key` in an object (the last one if repeated); `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Loose> {
        match self {
            Loose::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|e| &e.1),
            _ => None,
        }
    }

    /// As `Value::as_u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Loose::Unsigned(n) => Some(*n),
            _ => None,
        }
    }

    /// As `Value::as_f64`: any number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Loose::Unsigned(n) => Some(*n as f64),
            Loose::Negative(n) => Some(*n as f64),
            Loose::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Loose>> {
        match self {
            Loose::List(items) => Some(items),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
        Ok(u64::try_from(v).map_or(Loose::Negative(v), Loose::Unsigned))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Unsigned(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Loose>()? {
            entries.push(entry);
        }
        Ok(Loose::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// `json` read as `Loose` and as `Value`: the same answers to what the marks reader asks,
    /// or the same error message.
    fn same_as_value(json: &str, keys: &[&str]) {
        let loose: Result<Loose, _> = serde_json::from_str(json);
        let value: Result<Value, _> = serde_json::from_str(json);
        match (loose, value) {
            (Ok(l), Ok(v)) => {
                for k in keys {
                    let (l, v) = (l.get(k), v.get(k));
                    assert_eq!(l.is_some(), v.is_some(), "{json} {k}");
                    let (Some(l), Some(v)) = (l, v) else { continue };
                    assert_eq!(l.as_u64(), v.as_u64(), "{json} {k}");
                    assert_eq!(l.as_f64(), v.as_f64(), "{json} {k}");
                    assert_eq!(l.as_str(), v.as_str(), "{json} {k}");
                    assert_eq!(l.as_array().map(Vec::len), v.as_array().map(Vec::len));
                }
            }
            (Err(l), Err(v)) => assert_eq!(l.to_string(), v.to_string(), "{json}"),
            (l, v) => panic!("{json}: {l:?} against {v:?}"),
        }
    }

    #[test]
    fn answers_as_serde_json_value() {
        let keys = ["a", "b", "c", "d", "e", "f", "g"];
        for json in [
            r#"{"a": 1, "b": -2, "c": 2.5, "d": "x", "e": [1, {}], "f": null, "g": true}"#,
            r#"{"a": 1, "a": "two", "b": 18446744073709551615, "c": -0, "d": 1e3}"#,
            r#"{"a": {"b": 1}, "b": [], "c": 0.0}"#,
            "[1, 2]",
            "\"text\"",
            "7",
            "",
            "{",
            r#"{"a": 1} x"#,
            r#"{"a": 1e400}"#,
            r#"{"a": tru}"#,
        ] {
            same_as_value(json, &keys);
        }
    }
}
