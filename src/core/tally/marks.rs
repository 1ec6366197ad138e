//! What the widget reads back from a tally JSON (the `tally` attribute): for each input, the
//! residents' median and middle half, by input id. Its own small wire types, so the widget
//! links none of the tally computation.

use super::loose::Loose;
use crate::core::i18n::Lang;
use crate::core::plan::Plan;

/// Residents' choice on one input (canonical values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    /// Residents who changed it.
    pub changed: usize,
}

/// The marks of one plan, one per input of [`Plan::inputs`] (`None`: not in the tally).
#[derive(Debug, Clone, PartialEq)]
pub struct Marks {
    /// Scenarios counted.
    pub valid: usize,
    pub by_input: Vec<Option<Mark>>,
}

impl Marks {
    pub fn get(&self, i: usize) -> Option<Mark> {
        self.by_input.get(i).copied().flatten()
    }

    /// The residents' median scenario: each input at its median, snapped to its grid.
    pub fn median_values(&self, plan: &Plan) -> Vec<f64> {
        plan.inputs()
            .iter()
            .enumerate()
            .map(|(i, input)| self.get(i).map_or(input.default, |m| input.snap(m.median)))
            .collect()
    }
}

/// Why a tally JSON could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MarksError {
    #[error("not a tally JSON: {0}")]
    NotTally(String),
    #[error("tally format {0} is newer")]
    NewerFormat(u32),
    #[error("tally of another plan {0}")]
    OtherPlan(String),
    #[error("tally counted no scenario")]
    Empty,
}

impl MarksError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            MarksError::NotTally(e) if zh => {
                format!("这不是 plan-widget tally 生成的统计文件（{e}）。")
            }
            MarksError::NotTally(e) => {
                format!("This is not a tally file written by plan-widget tally ({e}).")
            }
            MarksError::NewerFormat(v) if zh => {
                format!("统计文件的格式（{v}）比本组件新，请更新本页的组件。")
            }
            MarksError::NewerFormat(v) => format!(
                "The tally file's format ({v}) is newer than this widget reads; update the widget on this page."
            ),
            MarksError::OtherPlan(p) if zh => {
                format!("统计文件属于另一份规划（{p}），不是本页的规划。")
            }
            MarksError::OtherPlan(p) => {
                format!("The tally file is for another plan ({p}), not the plan on this page.")
            }
            MarksError::Empty if zh => "统计文件中没有有效的居民方案。".into(),
            MarksError::Empty => "The tally file counts no valid scenario.".into(),
        }
    }
}

/// Reads the marks for `plan` from the text of a tally JSON. Inputs the tally does not name
/// (another version of the plan) get no mark; values must be finite numbers. Read through
/// [`Loose`] (read as `serde_json::Value` reads, without its B-tree map) rather than derived
/// wire types: the derives would cost the wasm bytes for four fields.
pub fn read_marks(plan: &Plan, text: &str) -> Result<Marks, MarksError> {
    let v: Loose = serde_json::from_str(text).map_err(|e| MarksError::NotTally(e.to_string()))?;
    let missing = |field: &str| MarksError::NotTally(format!("no field {field}"));
    let format = v
        .get("format")
        .and_then(Loose::as_u64)
        .ok_or_else(|| missing("format"))?;
    if format > u64::from(super::FORMAT) {
        return Err(MarksError::NewerFormat(
            u32::try_from(format).unwrap_or(u32::MAX),
        ));
    }
    let id = v
        .get("plan")
        .and_then(Loose::as_str)
        .ok_or_else(|| missing("plan"))?;
    if id != plan.id() {
        return Err(MarksError::OtherPlan(id.to_string()));
    }
    let valid = v
        .get("valid")
        .and_then(Loose::as_u64)
        .ok_or_else(|| missing("valid"))?;
    if valid == 0 {
        return Err(MarksError::Empty);
    }
    let inputs = v
        .get("inputs")
        .and_then(Loose::as_array)
        .ok_or_else(|| missing("inputs"))?;
    let mut by_input = vec![None; plan.inputs().len()];
    for w in inputs {
        let i = w
            .get("id")
            .and_then(Loose::as_str)
            .and_then(|id| plan.input_index(id));
        if let (Some(slot), Some(mark)) = (i.and_then(|i| by_input.get_mut(i)), mark_of(w)) {
            *slot = Some(mark);
        }
    }
    Ok(Marks {
        valid: usize::try_from(valid).unwrap_or(usize::MAX),
        by_input,
    })
}

/// The mark of one entry of `inputs`: its `all` quartiles and `changed`.
fn mark_of(w: &Loose) -> Option<Mark> {
    let all = w.get("all")?;
    let num = |k: &str| all.get(k).and_then(Loose::as_f64).filter(|x| x.is_finite());
    Some(Mark {
        q1: num("q1")?,
        median: num("median")?,
        q3: num("q3")?,
        changed: usize::try_from(w.get("changed").and_then(Loose::as_u64)?).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin;
    use crate::core::tally::{tally, Entry};

    fn plan() -> Plan {
        builtin::load(builtin::DEFAULT_ID).unwrap().unwrap()
    }

    #[test]
    fn reads_back_what_tally_wrote() {
        let p = plan();
        let mut v = p.defaults();
        v[0] = p.inputs()[0].snap(v[0] + 10.0);
        let code = crate::core::share::encode(
            &p,
            &crate::core::share::ShareState::from_values(&p, &v, Default::default()),
        );
        let entries: Vec<Entry> = (1..=3)
            .map(|line| Entry {
                source: "f".into(),
                line,
                code: code.clone(),
            })
            .collect();
        let json = crate::core::tally::json(&tally(&p, &entries, Lang::En));
        let m = read_marks(&p, &json).unwrap();
        assert_eq!(m.valid, 3);
        assert_eq!(m.get(0).unwrap().median, v[0]);
        assert_eq!(m.get(0).unwrap().changed, 3);
        assert_eq!(m.get(1).unwrap().changed, 0);
        assert_eq!(m.median_values(&p), v);
    }

    #[test]
    fn refuses_what_is_not_a_tally_of_this_plan() {
        let p = plan();
        let msg = |t: &str| read_marks(&p, t).unwrap_err().message(Lang::En);
        assert!(msg("<html>").starts_with("This is not a tally file written by plan-widget tally"));
        assert_eq!(
            msg(r#"{"format": 1}"#),
            "This is not a tally file written by plan-widget tally (no field plan)."
        );
        assert_eq!(
            msg(r#"{"format": 1, "plan": "other", "valid": 3, "inputs": []}"#),
            "The tally file is for another plan (other), not the plan on this page."
        );
        assert!(msg(r#"{"format": 9, "plan": "x"}"#).contains("format (9) is newer"));
        let empty = format!(
            r#"{{"format": 1, "plan": "{}", "valid": 0, "inputs": []}}"#,
            p.id()
        );
        assert_eq!(msg(&empty), "The tally file counts no valid scenario.");
    }
}
