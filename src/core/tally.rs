//! Tally: many residents' share codes read at once. For each code, whether it is valid for the
//! plan (and why not: another plan, broken, a newer format) or was made for another version and
//! applied with warnings; for each input, how many changed it, the quartiles of the values and
//! who raised or lowered it; for each target, in how many scenarios it is met; the most common
//! combinations of changes.
//!
//! Pure: the command line (`plan-widget tally`) reads the files and writes the reports
//! ([`text`] for the table and CSV, [`html`] for the printable report); the widget reads only the
//! JSON it wrote ([`marks`]), so nothing of the computation is linked into the wasm.
//! docs/tally.md documents the JSON shape.

pub mod html;
pub mod loose;
pub mod marks;
pub mod text;

use super::i18n::Lang;
use super::plan::Plan;
use super::share::{self, ShareError, ShareWarning};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Version of the tally JSON shape ([`Tally`]); the widget refuses newer ones.
pub const FORMAT: u32 = 1;

/// Combinations of changes listed at most.
pub const TOP_COMBINATIONS: usize = 10;

/// Bins of the distribution strip of each input (over its whole range).
pub const BINS: usize = 20;

/// One submitted code and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file it came from, as named to the user.
    pub source: String,
    /// Line (1-based) of the file.
    pub line: usize,
    pub code: String,
}

/// Why a list of codes could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CodesError {
    /// A CSV file (its first line has commas) without a column named `code`.
    #[error("no column named code")]
    NoCodeColumn { columns: Vec<String> },
    /// A quoted CSV field is not closed.
    #[error("unclosed quote")]
    UnclosedQuote { line: usize },
}

impl CodesError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            CodesError::NoCodeColumn { columns } if zh => format!(
                "第 1 行：表格中没有名为 code 的列（现有的列：{}）。请把存放分享码的列命名为 code。",
                columns.join("、")
            ),
            CodesError::NoCodeColumn { columns } => format!(
                "line 1: the table has no column named code (its columns: {}). Name the column that holds the share codes code.",
                columns.join(", ")
            ),
            CodesError::UnclosedQuote { line } if zh => {
                format!("第 {line} 行：引号没有闭合。")
            }
            CodesError::UnclosedQuote { line } => {
                format!("line {line}: a quoted field is not closed.")
            }
        }
    }
}

/// The codes in a text: one per line (blank lines skipped; a whole share link is fine), or, when
/// the first line is a CSV header, the column named `code` (any case). Lines are 1-based.
pub fn read_codes(text: &str) -> Result<Vec<(usize, String)>, CodesError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let is_code_col = |f: &str| f.trim().eq_ignore_ascii_case("code");
    if !first.contains(',') && !is_code_col(first) {
        return Ok(text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, l.trim().to_string()))
            .collect());
    }
    let (records, unclosed) = super::progress::actuals::csv_records(text);
    if let Some(line) = unclosed {
        return Err(CodesError::UnclosedQuote { line });
    }
    let mut records = records.into_iter();
    let header = records.next().map(|(_, r)| r).unwrap_or_default();
    let Some(col) = header.iter().position(|f| is_code_col(f)) else {
        return Err(CodesError::NoCodeColumn {
            columns: header.iter().map(|f| f.trim().to_string()).collect(),
        });
    };
    Ok(records
        .filter_map(|(line, r)| {
            let code = r.get(col)?.trim();
            (!code.is_empty()).then(|| (line, code.to_string()))
        })
        .collect())
}

/// What went wrong with one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Made for another plan: not counted.
    OtherPlan,
    /// Not a readable code (damaged, cut, not a code at all): not counted.
    Broken,
    /// Made by a newer widget: not counted.
    NewerFormat,
    /// Made for another version of the plan: counted, what still exists applied.
    OtherVersion,
    /// Counted, but some values were clamped into today's ranges or not applied.
    Adjusted,
}

impl ProblemKind {
    /// Whether the code still counts.
    pub fn counted(&self) -> bool {
        matches!(self, ProblemKind::OtherVersion | ProblemKind::Adjusted)
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        let zh = lang == Lang::ZhCn;
        match self {
            ProblemKind::OtherPlan if zh => "其他规划",
            ProblemKind::OtherPlan => "another plan",
            ProblemKind::Broken if zh => "已损坏",
            ProblemKind::Broken => "broken",
            ProblemKind::NewerFormat if zh => "格式更新",
            ProblemKind::NewerFormat => "newer format",
            ProblemKind::OtherVersion if zh => "其他版本（已计入）",
            ProblemKind::OtherVersion => "other version (counted)",
            ProblemKind::Adjusted if zh => "已调整（已计入）",
            ProblemKind::Adjusted => "adjusted (counted)",
        }
    }
}

/// A code that was not counted, or counted with warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub source: String,
    pub line: usize,
    pub code: String,
    pub kind: ProblemKind,
    /// The share-code decoder's own messages, in the report's language.
    pub messages: Vec<String>,
}

/// Quartiles of a set of values (linear interpolation between order statistics, as numpy's and
/// Excel's QUARTILE.INC).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quartiles {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// One input (policy lever or assumption) across the counted scenarios.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputTally {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    /// Canonical unit (values are canonical, as in `eval` JSON).
    pub unit: String,
    /// The plan as written.
    pub plan: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Scenarios that changed it, raised it, lowered it.
    pub changed: usize,
    pub raised: usize,
    pub lowered: usize,
    /// Shares of the counted scenarios (0–1).
    pub raised_share: f64,
    pub lowered_share: f64,
    /// Over every counted scenario (an unchanged one counts at the plan's value); `null` when
    /// none was counted.
    pub all: Option<Quartiles>,
    /// Over the scenarios that changed it; `null` when none did.
    pub changers: Option<Quartiles>,
    /// Counted scenarios per bin: [`BINS`] equal bins from `min` to `max`.
    pub bins: Vec<usize>,
}

/// One target across the counted scenarios (goal held or not, as `eval` computes values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetTally {
    pub id: String,
    pub label: String,
    /// Whether the plan as written meets it.
    pub plan_met: bool,
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
    /// `met` over the counted scenarios (0–1); 0 when none was counted.
    pub met_share: f64,
}

/// One changed input in a combination.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Move {
    pub id: String,
    /// `up` or `down` from the plan's value.
    pub direction: &'static str,
}

/// A set of changes several residents made (each with nothing else changed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    pub changes: Vec<Move>,
    pub count: usize,
    pub share: f64,
}

/// The tally of many codes (the JSON that `plan-widget tally --format json` writes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    pub format: u32,
    pub plan: String,
    pub version: u32,
    pub lang: &'static str,
    /// Codes read.
    pub submitted: usize,
    /// Codes counted (including those applied with warnings).
    pub valid: usize,
    /// Counted codes applied with warnings (another plan version, clamped values).
    pub with_warnings: usize,
    /// Codes not counted.
    pub invalid: usize,
    /// Counted codes that appeared before (same text): counted again, as the bureau decides.
    pub duplicates: usize,
    /// Counted scenarios with no change at all (the plan as written).
    pub unchanged: usize,
    pub problems: Vec<Problem>,
    pub inputs: Vec<InputTally>,
    pub targets: Vec<TargetTally>,
    pub combinations: Vec<Combination>,
}

/// What the counting keeps: the changed values of each input (the unchanged are the plan's).
struct Counts {
    changed: Vec<Vec<f64>>,
    met: Vec<[usize; 3]>,
    combos: HashMap<Vec<(usize, bool)>, usize>,
    valid: usize,
    unchanged: usize,
}

/// Tallies `entries` for `plan`. Kept comparison scenarios inside a code are ignored: the
/// resident's scenario is the code's current one.
pub fn tally(plan: &Plan, entries: &[Entry], lang: Lang) -> Tally {
    let defaults = plan.defaults();
    let mut counts = Counts {
        changed: vec![Vec::new(); defaults.len()],
        met: vec![[0; 3]; plan.targets().len()],
        combos: HashMap::new(),
        valid: 0,
        unchanged: 0,
    };
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut duplicates = 0;
    let mut eval = plan.evaluator();
    let decoder = share::Decoder::new(plan);
    for e in entries {
        let decoded = decoder.decode(share::code_from_fragment(&e.code));
        let problem = |kind, messages| Problem {
            source: e.source.clone(),
            line: e.line,
            code: e.code.clone(),
            kind,
            messages,
        };
        match decoded {
            Err(err) => problems.push(problem(error_kind(&err), vec![err.message(lang)])),
            Ok(d) => {
                if !d.warnings.is_empty() {
                    let msgs = d.warnings.iter().map(|w| w.message(lang)).collect();
                    problems.push(problem(warning_kind(&d.warnings), msgs));
                }
                if !seen.insert(share::code_from_fragment(&e.code).to_string()) {
                    duplicates += 1;
                }
                let values = d.values(plan);
                count(plan, &defaults, &values, &mut eval, &mut counts);
            }
        }
    }
    let with_warnings = problems.iter().filter(|p| p.kind.counted()).count();
    finish(
        plan,
        lang,
        counts,
        problems,
        entries.len(),
        with_warnings,
        duplicates,
    )
}

fn error_kind(e: &ShareError) -> ProblemKind {
    match e {
        ShareError::OtherPlan { .. } => ProblemKind::OtherPlan,
        ShareError::FutureFormat { .. } => ProblemKind::NewerFormat,
        _ => ProblemKind::Broken,
    }
}

fn warning_kind(w: &[ShareWarning]) -> ProblemKind {
    if w.iter()
        .any(|w| matches!(w, ShareWarning::OtherVersion { .. }))
    {
        ProblemKind::OtherVersion
    } else {
        ProblemKind::Adjusted
    }
}

/// Counts one valid scenario.
fn count(
    plan: &Plan,
    defaults: &[f64],
    values: &[f64],
    eval: &mut super::plan::Evaluator<'_>,
    c: &mut Counts,
) {
    c.valid += 1;
    let mut combo = Vec::new();
    for (i, (v, d)) in values.iter().zip(defaults).enumerate() {
        if v != d {
            if let Some(list) = c.changed.get_mut(i) {
                list.push(*v);
            }
            combo.push((i, v > d));
        }
    }
    if combo.is_empty() {
        c.unchanged += 1;
    } else {
        *c.combos.entry(combo).or_insert(0) += 1;
    }
    eval.run(values);
    for (t, target) in plan.targets().iter().enumerate() {
        let k = if target.value.is_none() || !eval.target_value(t).is_finite() {
            2
        } else if eval.target_met(t) {
            0
        } else {
            1
        };
        if let Some(slot) = c.met.get_mut(t).and_then(|m| m.get_mut(k)) {
            *slot += 1;
        }
    }
}

fn share_of(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

fn finish(
    plan: &Plan,
    lang: Lang,
    mut c: Counts,
    problems: Vec<Problem>,
    submitted: usize,
    with_warnings: usize,
    duplicates: usize,
) -> Tally {
    let valid = c.valid;
    let inputs = plan
        .inputs()
        .iter()
        .zip(c.changed.iter_mut())
        .map(|(input, changed)| input_tally(input, changed, valid, lang))
        .collect();
    let plan_outcome = plan.evaluate(&plan.defaults());
    let targets = plan
        .targets()
        .iter()
        .zip(&c.met)
        .enumerate()
        .map(|(t, (target, &[met, not_met, no_data]))| TargetTally {
            id: target.id.clone(),
            label: target.label.get(lang).to_string(),
            plan_met: plan_outcome
                .statuses
                .get(t)
                .is_some_and(|s| matches!(s, super::Status::Met | super::Status::AtRisk)),
            met,
            not_met,
            no_data,
            met_share: share_of(met, valid),
        })
        .collect();
    Tally {
        format: FORMAT,
        plan: plan.id().to_string(),
        version: plan.version(),
        lang: lang.code(),
        submitted,
        valid,
        with_warnings,
        invalid: submitted - valid,
        duplicates,
        unchanged: c.unchanged,
        problems,
        inputs,
        targets,
        combinations: combinations(plan, c.combos, valid),
    }
}

fn input_tally(
    input: &super::plan::Input,
    changed: &mut [f64],
    valid: usize,
    lang: Lang,
) -> InputTally {
    super::order::sort_by(changed, f64::total_cmp);
    let d = input.default;
    let raised = changed.iter().filter(|v| **v > d).count();
    let lowered = changed.len() - raised;
    let unchanged = valid - changed.len();
    let at = changed.partition_point(|v| *v < d);
    // The sorted values of every counted scenario, without building them: the changed values
    // below the plan's, the plan's value once per unchanged scenario, the changed ones above.
    let all = |k: usize| -> f64 {
        if k < at {
            changed.get(k).copied().unwrap_or(d)
        } else if k < at + unchanged {
            d
        } else {
            changed.get(k - unchanged).copied().unwrap_or(d)
        }
    };
    let mut bins = vec![0; BINS];
    let width = (input.max - input.min) / BINS as f64;
    let bin = |v: f64| -> usize {
        if width > 0.0 {
            (((v - input.min) / width).floor().max(0.0) as usize).min(BINS - 1)
        } else {
            0
        }
    };
    if let Some(b) = bins.get_mut(bin(d)) {
        *b += unchanged;
    }
    for v in changed.iter() {
        if let Some(b) = bins.get_mut(bin(*v)) {
            *b += 1;
        }
    }
    InputTally {
        id: input.id.clone(),
        kind: input.kind.as_str(),
        label: input.label.get(lang).to_string(),
        unit: input.unit.canonical(lang).to_string(),
        plan: d,
        min: input.min,
        max: input.max,
        step: input.step,
        changed: changed.len(),
        raised,
        lowered,
        raised_share: share_of(raised, valid),
        lowered_share: share_of(lowered, valid),
        all: quartiles(valid, all),
        changers: quartiles(changed.len(), |k| changed.get(k).copied().unwrap_or(d)),
        bins,
    }
}

/// Quartiles of `n` sorted values given by `at(k)`; `None` when there are none.
pub fn quartiles(n: usize, at: impl Fn(usize) -> f64) -> Option<Quartiles> {
    if n == 0 {
        return None;
    }
    let q = |p: f64| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        let (a, b) = (at(lo), at((lo + 1).min(n - 1)));
        a + (h - lo as f64) * (b - a)
    };
    Some(Quartiles {
        min: at(0),
        q1: q(0.25),
        median: q(0.5),
        q3: q(0.75),
        max: at(n - 1),
    })
}

fn combinations(
    plan: &Plan,
    combos: HashMap<Vec<(usize, bool)>, usize>,
    valid: usize,
) -> Vec<Combination> {
    let mut list: Vec<(Vec<(usize, bool)>, usize)> = combos.into_iter().collect();
    // Most common first; ties in plan order of their changes, so the output is stable.
    super::order::sort_by(&mut list, |(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
    list.into_iter()
        .take(TOP_COMBINATIONS)
        .map(|(changes, count)| Combination {
            changes: changes
                .into_iter()
                .filter_map(|(i, up)| {
                    Some(Move {
                        id: plan.inputs().get(i)?.id.clone(),
                        direction: if up { "up" } else { "down" },
                    })
                })
                .collect(),
            count,
            share: share_of(count, valid),
        })
        .collect()
}

/// The tally as pretty JSON (the documented shape).
pub fn json(t: &Tally) -> String {
    serde_json::to_string_pretty(t).map_or_else(|_| "{}".to_string(), |s| s + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        let q = quartiles(4, |k| v[k]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (1.75, 2.5, 3.25));
        assert_eq!(quartiles(0, |_| 0.0), None);
        let one = quartiles(1, |_| 7.0).unwrap();
        assert_eq!((one.min, one.median, one.max), (7.0, 7.0, 7.0));
    }

    #[test]
    fn codes_one_per_line_or_a_csv_column() {
        assert_eq!(
            read_codes("\u{FEFF}abc\n\n  def  \r\n").unwrap(),
            vec![(1, "abc".into()), (3, "def".into())]
        );
        let csv = "name,Code\r\n\"Li, Wei\",xyz\r\nWang,\r\n\"multi\nline\",uvw\r\n";
        assert_eq!(
            read_codes(csv).unwrap(),
            vec![(2, "xyz".into()), (4, "uvw".into())]
        );
        let e = read_codes("name,when\nLi,today\n").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "line 1: the table has no column named code (its columns: name, when). Name the column that holds the share codes code."
        );
        assert!(read_codes("code\n\"abc\n").is_err());
    }
}
