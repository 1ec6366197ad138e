//! What the widget reads back from a tally JSON (the `tally` attribute): for each input, the
//! residents' median and middle half, by input id. Its own small wire types, so the widget
//! links none of the tally computation.

use crate::core::i18n::Lang;
use crate::core::plan::Plan;
use serde::Deserialize;

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

#[derive(Deserialize)]
struct WireTally {
    format: u32,
    plan: String,
    valid: usize,
    inputs: Vec<WireInput>,
}

#[derive(Deserialize)]
struct WireInput {
    id: String,
    changed: usize,
    all: Option<WireQuartiles>,
}

#[derive(Deserialize)]
struct WireQuartiles {
    q1: f64,
    median: f64,
    q3: f64,
}

/// Reads the marks for `plan` from the text of a tally JSON. Inputs the tally does not name
/// (another version of the plan) get no mark; values are checked to be finite.
pub fn read_marks(plan: &Plan, text: &str) -> Result<Marks, MarksError> {
    let wire: WireTally =
        serde_json::from_str(text).map_err(|e| MarksError::NotTally(e.to_string()))?;
    if wire.format > super::FORMAT {
        return Err(MarksError::NewerFormat(wire.format));
    }
    if wire.plan != plan.id() {
        return Err(MarksError::OtherPlan(wire.plan));
    }
    if wire.valid == 0 {
        return Err(MarksError::Empty);
    }
    let mut by_input = vec![None; plan.inputs().len()];
    for w in wire.inputs {
        let (Some(i), Some(q)) = (plan.input_index(&w.id), w.all) else {
            continue;
        };
        if [q.q1, q.median, q.q3].iter().all(|v| v.is_finite()) {
            if let Some(slot) = by_input.get_mut(i) {
                *slot = Some(Mark {
                    q1: q.q1,
                    median: q.median,
                    q3: q.q3,
                    changed: w.changed,
                });
            }
        }
    }
    Ok(Marks {
        valid: wire.valid,
        by_input,
    })
}
