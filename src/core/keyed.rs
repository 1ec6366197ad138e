//! [`Keyed`]: a small map from `String` keys, as a `Vec` sorted by key, for the plan file's
//! objects keyed by id (display units by language, weight sets, weights and shares by division).
//! It reads, iterates and writes as the `BTreeMap` it replaces (serde's map form, keys in
//! order, the last of a repeated key kept), but each `BTreeMap<K, V>` type is another copy of
//! the B-tree's node code in the wasm (docs/widget-shell.md, "Size"), and these maps hold a
//! handful of entries.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Entries sorted by key, each key once.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`; the old value, if the key was there.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self.0.get_mut(i).map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key` set to its default (inserted if the key was not there): where the plan
    /// file reader ([`crate::core::wire`]) reads the key's value, so a repeated key keeps its
    /// last value, as [`Keyed::insert`] does.
    pub fn reset(&mut self, key: String) -> Option<&mut V>
    where
        V: Default,
    {
        match self.find(&key) {
            Ok(i) => {
                let (_, v) = self.0.get_mut(i)?;
                *v = V::default();
                Some(v)
            }
            Err(i) => {
                self.0.insert(i, (key, V::default()));
                self.0.get_mut(i).map(|(_, v)| v)
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The entries in key order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

/// A set of names (ids): the keys of a [`Keyed`] without values, used as the `HashSet<String>`
/// it replaces (one hash table type less in the wasm).
pub type Names = Keyed<()>;

impl Keyed<()> {
    /// Adds `name`; `false` if it was there already (as `HashSet::insert`).
    pub fn add(&mut self, name: String) -> bool {
        self.insert(name, ()).is_none()
    }
}

impl<V> FromIterator<(String, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut out = Keyed::new();
        for (k, v) in iter {
            out.insert(k, v);
        }
        out
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Keyed<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> IntoIterator for Keyed<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(KeyedVisitor(PhantomData))
    }
}

struct KeyedVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for KeyedVisitor<V> {
    type Value = Keyed<V>;

    /// serde's words for a `BTreeMap`.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<V>, A::Error> {
        let mut out = Keyed::new();
        while let Some((k, v)) = map.next_entry::<String, V>()? {
            out.insert(k, v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Reads `json` as a `Keyed` and as the `BTreeMap` it replaces: the same entries in the
    /// same order, or the same error message.
    fn same_as_btree(json: &str) {
        let keyed: Result<Keyed<f64>, _> = serde_json::from_str(json);
        let btree: Result<BTreeMap<String, f64>, _> = serde_json::from_str(json);
        match (keyed, btree) {
            (Ok(k), Ok(b)) => {
                let k: Vec<_> = k.iter().map(|(k, v)| (k.clone(), *v)).collect();
                let b: Vec<_> = b.into_iter().collect();
                assert_eq!(k, b, "{json}");
            }
            (Err(k), Err(b)) => assert_eq!(k.to_string(), b.to_string(), "{json}"),
            (k, b) => panic!("{json}: {k:?} against {b:?}"),
        }
    }

    #[test]
    fn reads_as_a_btree_map() {
        for json in [
            "{}",
            r#"{"b": 2, "a": 1, "c": 3}"#,
            r#"{"a": 1, "a": 5, "0": 0}"#,
            r#"{"a": "x"}"#,
            r#"{"a": 1,}"#,
            "[1, 2]",
            "3",
            "null",
        ] {
            same_as_btree(json);
        }
    }

    #[test]
    fn writes_as_a_btree_map() {
        let keyed: Keyed<u8> = [("b".into(), 2), ("a".into(), 1), ("b".into(), 3)]
            .into_iter()
            .collect();
        let btree: BTreeMap<String, u8> = [("b".into(), 2), ("a".into(), 1), ("b".into(), 3)]
            .into_iter()
            .collect();
        assert_eq!(
            serde_json::to_string(&keyed).ok(),
            serde_json::to_string(&btree).ok()
        );
        assert_eq!(keyed.get("b"), Some(&3));
        assert_eq!(keyed.get("c"), None);
        assert!(keyed.contains_key("a"));
        assert_eq!(keyed.len(), 2);
    }

    #[test]
    fn names_add_as_a_hash_set_inserts() {
        let mut names = Names::new();
        assert!(names.add("b".into()));
        assert!(names.add("a".into()));
        assert!(!names.add("b".into()));
        assert!(names.contains_key("a") && !names.contains_key("c"));
        assert_eq!(names.keys().collect::<Vec<_>>(), ["a", "b"]);
    }
}
