//! The plan file reader ([`crate::core::wire`]) against serde's derive on a copy of every
//! struct of the format: the same values, or the same message at the same line and column, for
//! a plan that has every struct and field, with each of its values replaced by values of every
//! JSON type (and out-of-range integers), an unknown and a repeated field in each object, and
//! the text cut short at many places.

use crate::core::format::PlanFile;
use serde_json::{json, Map, Value};

/// The format's structs as serde's derive reads them: same names, fields and types (the
/// `Debug` texts compare equal), every field defaulted as the reader defaults it.
mod derived {
    use crate::core::keyed::Keyed;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct TextFile {
        pub zh: String,
        pub en: String,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct UnitFile {
        pub zh: String,
        pub en: String,
        pub display: Keyed<UnitDisplayFile>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct UnitDisplayFile {
        pub text: Option<String>,
        pub scale: Option<f64>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct PlanFile {
        pub format: Option<u32>,
        pub id: Option<String>,
        pub version: Option<u32>,
        pub title: Option<TextFile>,
        pub publisher: Option<TextFile>,
        pub published: Option<String>,
        pub year: Option<i32>,
        pub summary: Option<TextFile>,
        pub sections: Vec<SectionFile>,
        pub levers: Vec<LeverFile>,
        pub assumptions: Vec<AssumptionFile>,
        pub derived: Vec<DerivedFile>,
        pub targets: Vec<TargetFile>,
        pub counties: Option<CountiesFile>,
        pub constraints: Vec<ConstraintFile>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct ConstraintFile {
        pub id: Option<String>,
        pub label: Option<TextFile>,
        pub unit: Option<UnitFile>,
        pub available: Option<String>,
        pub rule: Option<String>,
        pub items: Vec<ConstraintItemFile>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct ConstraintItemFile {
        pub id: Option<String>,
        pub label: Option<TextFile>,
        pub need: Option<String>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct SectionFile {
        pub id: Option<String>,
        pub title: Option<TextFile>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct LeverFile {
        pub id: Option<String>,
        pub label: Option<TextFile>,
        pub unit: Option<UnitFile>,
        pub group: Option<String>,
        pub min: Option<f64>,
        pub max: Option<f64>,
        pub step: Option<f64>,
        pub default: Option<f64>,
        pub note: Option<TextFile>,
        pub origin: Option<String>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct AssumptionFile {
        pub id: Option<String>,
        pub label: Option<TextFile>,
        pub unit: Option<UnitFile>,
        pub group: Option<String>,
        pub min: Option<f64>,
        pub max: Option<f64>,
        pub step: Option<f64>,
        pub default: Option<f64>,
        pub low: Option<f64>,
        pub high: Option<f64>,
        pub note: Option<TextFile>,
        pub origin: Option<String>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct DerivedFile {
        pub id: Option<String>,
        pub label: Option<TextFile>,
        pub unit: Option<UnitFile>,
        pub formula: Option<String>,
        pub summary: bool,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct GoalFile {
        pub op: Option<String>,
        pub value: Option<f64>,
        pub min: Option<f64>,
        pub max: Option<f64>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct TargetFile {
        pub id: Option<String>,
        pub section: Option<String>,
        pub label: Option<TextFile>,
        pub unit: Option<UnitFile>,
        pub goal: Option<GoalFile>,
        pub value: Option<String>,
        pub baseline: Option<f64>,
        pub kind: Option<String>,
        pub source: Option<String>,
        pub note: Option<TextFile>,
        pub profile: Option<String>,
        pub role: Option<String>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct CountiesFile {
        pub divisions: Vec<DivisionFile>,
        pub weight_note: Option<TextFile>,
        pub responsible: Option<TextFile>,
        pub county_unit: Option<TextFile>,
        pub weight_sets: Keyed<WeightSetFile>,
        pub default_weights: Option<String>,
        pub whole_units: Vec<String>,
        pub targets: Vec<TargetSplitFile>,
        pub ranking: Option<RankingFile>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct DivisionFile {
        pub id: Option<String>,
        pub name: Option<TextFile>,
        pub kind: Option<String>,
        pub central: bool,
        pub weight: Option<f64>,
        pub rural: Option<bool>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct WeightSetFile {
        pub note: Option<TextFile>,
        pub provisional: bool,
        pub weights: Keyed<f64>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct TargetSplitFile {
        pub target: Option<String>,
        pub split: Option<String>,
        pub per_county: Option<f64>,
        pub shares: Option<Keyed<f64>>,
        pub weights: Option<String>,
        pub among: Option<String>,
        pub whole: Option<bool>,
        pub aggregate: Option<String>,
        pub responsible: Option<TextFile>,
        pub start: Option<String>,
        pub deadline: Option<String>,
    }
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct RankingFile {
        pub tolerance: Option<f64>,
        pub praise_top: Option<u32>,
        pub praise_min_share: Option<f64>,
        pub interview_bottom: Option<u32>,
        pub unreported: Option<String>,
        pub min_reported: Option<f64>,
    }
}

/// What each reader makes of `text`: the value's `Debug`, or serde_json's message and place.
fn both(text: &str) -> (String, String) {
    let wire = match serde_json::from_str::<PlanFile>(text) {
        Ok(v) => format!("{v:?}"),
        Err(e) => e.to_string(),
    };
    let derive = match serde_json::from_str::<derived::PlanFile>(text) {
        Ok(v) => format!("{v:?}"),
        Err(e) => e.to_string(),
    };
    (wire, derive)
}

/// A small plan with every struct and every field of the format (values need not validate:
/// this is the reading only).
fn full_plan() -> Value {
    let text = json!({"zh": "文", "en": "text"});
    let unit = json!({"zh": "亿元", "en": "100M yuan", "display": {"en": {"text": "billion yuan", "scale": 0.1}}});
    json!({
        "format": 1, "id": "p", "version": 2, "title": text, "publisher": text,
        "published": "2022-01-01", "year": 2022, "summary": text,
        "sections": [{"id": "s", "title": text}],
        "levers": [{"id": "l", "label": text, "unit": unit, "group": "s", "min": 0, "max": 10.5,
            "step": 1, "default": 5, "note": text, "origin": "plan"}],
        "assumptions": [{"id": "a", "label": text, "unit": unit, "group": "s", "min": -1, "max": 3,
            "step": 0.5, "default": 1, "low": 0, "high": 2, "note": text, "origin": "estimate"}],
        "derived": [{"id": "d", "label": text, "unit": unit, "formula": "l * a", "summary": true}],
        "targets": [{"id": "t", "section": "s", "label": text, "unit": unit,
            "goal": {"op": "between", "value": 1, "min": 1, "max": 2}, "value": "d",
            "baseline": 0.5, "kind": "number", "source": "原文", "note": text,
            "profile": "linear", "role": "outcome"}],
        "counties": {
            "divisions": [{"id": "c1", "name": text, "kind": "county", "central": true, "weight": 60, "rural": false},
                {"id": "c2", "name": text, "kind": "district", "central": false, "weight": 40, "rural": true}],
            "weight_note": text, "responsible": text, "county_unit": text,
            "weight_sets": {"pop": {"note": text, "provisional": true, "weights": {"c1": 3, "c2": 1.5}}},
            "default_weights": "pop", "whole_units": ["所", "schools"],
            "targets": [{"target": "t", "split": "by_weight", "per_county": 1, "shares": {"c2": 40, "c1": 60},
                "weights": "pop", "among": "all", "whole": true, "aggregate": "sum", "responsible": text,
                "start": "2022-03", "deadline": "2022-12"}],
            "ranking": {"tolerance": 5, "praise_top": 3, "praise_min_share": 80, "interview_bottom": 3,
                "unreported": "follow_up", "min_reported": 50}
        },
        "constraints": [{"id": "money", "label": text, "unit": unit, "available": "l", "rule": "pro_rata",
            "items": [{"id": "i", "label": text, "need": "a"}]}]
    })
}

/// Every value's path in `v` (object keys and array indices), the root first.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Step::Key(k.clone()));
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// The JSON text of `v` with the object at `path` given its first key twice.
fn with_repeated_key(v: &Value, path: &[Step]) -> Option<String> {
    let Value::Object(m) = v else { return None };
    if path.is_empty() {
        let (k, x) = m.iter().next()?;
        let rest = serde_json::to_string_pretty(&Value::Object(m.clone())).ok()?;
        let first = format!("{{\n  {}: {},", serde_json::to_string(k).ok()?, x);
        return Some(rest.replacen('{', &first, 1));
    }
    let mut m2 = Map::new();
    let mut out = None;
    for (k, x) in m {
        if let (Some(Step::Key(want)), true) = (path.first(), out.is_none()) {
            if want == k {
                out = Some((k.clone(), with_repeated_key_inner(x, &path[1..])?));
                continue;
            }
        }
        m2.insert(k.clone(), x.clone());
    }
    let (key, inner) = out?;
    // The object with `key` last and its text put in by hand.
    let marker = "\"__marker__\"";
    m2.insert(key.clone(), Value::String("__marker__".into()));
    let text = serde_json::to_string_pretty(&Value::Object(m2)).ok()?;
    Some(text.replacen(marker, &inner, 1))
}

fn with_repeated_key_inner(v: &Value, path: &[Step]) -> Option<String> {
    match (v, path.first()) {
        (Value::Array(a), Some(Step::Index(i))) => {
            let mut parts = Vec::new();
            for (j, x) in a.iter().enumerate() {
                parts.push(if j == *i {
                    with_repeated_key_inner(x, &path[1..])?
                } else {
                    serde_json::to_string(x).ok()?
                });
            }
            Some(format!("[{}]", parts.join(",")))
        }
        (Value::Object(_), _) => with_repeated_key(v, path),
        _ => None,
    }
}

#[test]
fn the_reader_reads_and_refuses_as_serde_derive_does() {
    let plan = full_plan();
    let mut all = Vec::new();
    paths(&plan, &mut Vec::new(), &mut all);
    let replacements = [
        json!("x"),
        json!("\u{41}\\n"),
        json!(0),
        json!(7),
        json!(-3),
        json!(1.5),
        json!(-2.5e3),
        json!(4294967296u64),
        json!(2147483648u64),
        json!(-2147483649i64),
        json!(true),
        Value::Null,
        json!([]),
        json!([1]),
        json!({}),
        json!({"zz": 1}),
    ];
    let mut compared = 0;
    let (w, d) = both(&serde_json::to_string_pretty(&plan).unwrap_or_default());
    assert_eq!(w, d);
    assert!(!w.contains("Error"), "{w}");
    for path in &all {
        let was_object = at(&mut plan.clone(), path).is_object();
        for r in &replacements {
            let mut v = plan.clone();
            *at(&mut v, path) = r.clone();
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            let (w, d) = both(&text);
            if was_object && r.is_array() {
                // serde's derive reads a struct from an array too; the reader does not.
                assert!(
                    w.contains("invalid type: sequence, expected") || w == d,
                    "{path:?} = {r}: {w}"
                );
                continue;
            }
            assert_eq!(w, d, "{path:?} = {r}");
            compared += 1;
        }
        if was_object {
            let mut v = plan.clone();
            if let Some(m) = at(&mut v, path).as_object_mut() {
                m.insert("zz_unknown".into(), json!(1));
            }
            let (w, d) = both(&serde_json::to_string_pretty(&v).unwrap_or_default());
            assert_eq!(w, d, "{path:?} + unknown field");
            if let Some(text) = with_repeated_key(&plan, path) {
                let (w, d) = both(&text);
                assert_eq!(w, d, "{path:?} repeated key");
                compared += 1;
            }
            compared += 1;
        }
    }
    let text = serde_json::to_string_pretty(&plan).unwrap_or_default();
    for cut in (0..text.len())
        .step_by(37)
        .filter(|&i| text.is_char_boundary(i))
    {
        let (w, d) = both(text.get(..cut).unwrap_or_default());
        assert_eq!(w, d, "cut at {cut}");
        compared += 1;
    }
    assert!(compared > 3000, "{compared}");
}

#[test]
fn the_built_in_plan_reads_as_with_serde_derive() {
    for id in crate::core::builtin::IDS {
        let text = crate::core::builtin::source(id).unwrap_or_default();
        let (w, d) = both(text);
        assert!(w.starts_with("PlanFile {"), "{id}: {w}");
        assert_eq!(w, d, "{id}");
    }
}
