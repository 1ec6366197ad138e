//! Export of the current scenario: the inputs that differ from the plan as written and every
//! target with value, goal, status and label, as CSV (for Excel) and JSON.
//!
//! The CSV is UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends and
//! RFC 4180 quoting. It is for people who open it in WPS or Excel: numbers are rounded as the
//! cards show them ([`crate::core::display::rounded`]) in the canonical unit, goals are in
//! words (`不低于 93.5%`), chances in percent. The JSON keeps the exact values.

use super::display::{goal_words, rounded};
use super::i18n::Lang;
use super::plan::{Goal, InputKind, Outcome, Plan, Status, Unit};
use super::report::{report, Report};
use super::risk::status_with_risk;
use serde::Serialize;

/// Columns of the CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Kind,
    Id,
    Label,
    Value,
    Unit,
    PlanValue,
    Goal,
    Status,
    /// Only when the chances are known ([`csv_with_chances`]).
    Chance,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Kind,
        Column::Id,
        Column::Label,
        Column::Value,
        Column::Unit,
        Column::PlanValue,
        Column::Goal,
        Column::Status,
    ];

    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Column::Kind, Lang::ZhCn) => "类别",
            (Column::Id, Lang::ZhCn) => "编号",
            (Column::Label, Lang::ZhCn) => "名称",
            (Column::Value, Lang::ZhCn) => "数值",
            (Column::Unit, Lang::ZhCn) => "单位",
            (Column::PlanValue, Lang::ZhCn) => "规划原值",
            (Column::Goal, Lang::ZhCn) => "目标值",
            (Column::Status, Lang::ZhCn) => "状态",
            (Column::Chance, Lang::ZhCn) => "达成概率（%）",
            (Column::Kind, Lang::En) => "kind",
            (Column::Id, Lang::En) => "id",
            (Column::Label, Lang::En) => "label",
            (Column::Value, Lang::En) => "value",
            (Column::Unit, Lang::En) => "unit",
            (Column::PlanValue, Lang::En) => "plan as written",
            (Column::Goal, Lang::En) => "goal",
            (Column::Status, Lang::En) => "status",
            (Column::Chance, Lang::En) => "chance met (%)",
        }
    }
}

/// What a CSV row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Policy,
    Assumption,
    Target,
}

impl RowKind {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RowKind::Policy, Lang::ZhCn) => "政策杠杆",
            (RowKind::Assumption, Lang::ZhCn) => "假设",
            (RowKind::Target, Lang::ZhCn) => "目标",
            (RowKind::Policy, Lang::En) => "policy lever",
            (RowKind::Assumption, Lang::En) => "assumption",
            (RowKind::Target, Lang::En) => "target",
        }
    }
}

/// A number exactly (shortest form that reads back as the same `f64`: `9.7`, `1795000`,
/// `0.30000000000000004`, `1e23`), or empty when not finite.
pub fn exact(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // serde_json writes the shortest round-trip form (and is linked anyway).
    let s = serde_json::to_string(&v).unwrap_or_default();
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

fn number(v: f64) -> String {
    exact(v)
}

/// The goal as text: `>= 93.5`, `<= 5`, `= 1`, `2–3`.
pub fn goal_text(goal: Goal) -> String {
    match goal {
        Goal::Between(a, b) => format!("{}–{}", number(a), number(b)),
        g => format!("{} {}", g.op(), number(g.reference())),
    }
}

/// A goal in words in the canonical unit (the CSV's unit column): `不低于 93.5%`.
fn goal_in_words(goal: Goal, unit: &Unit, lang: Lang) -> String {
    goal_words(goal, &Unit::plain(unit.text.clone()), lang)
}

/// A chance (0–1) as a whole percentage, as the cards show it.
fn chance_percent(p: f64) -> String {
    rounded((p * 100.0).round())
}

/// The scenario `outcome` (an evaluation of `plan`) as CSV: a header, one row per input that
/// differs from the plan as written, one row per target.
pub fn csv(plan: &Plan, outcome: &Outcome, lang: Lang) -> String {
    csv_with_chances(plan, outcome, None, lang)
}

/// [`csv`], and when the scenario's chances are known (`RiskResult::probabilities`, one per
/// target), what the widget shows: the status by the chances
/// ([`crate::core::risk::status_with_risk`]) and a last column with the chance.
pub fn csv_with_chances(
    plan: &Plan,
    outcome: &Outcome,
    chances: Option<&[Option<f64>]>,
    lang: Lang,
) -> String {
    let as_written = plan.evaluate(&plan.defaults());
    let mut w = CsvWriter::new();
    let mut header: Vec<&str> = Column::ALL.iter().map(|c| c.text(lang)).collect();
    if chances.is_some() {
        header.push(Column::Chance.text(lang));
    }
    w.row(&header);
    for (i, input) in plan.inputs().iter().enumerate() {
        let v = outcome.input(i);
        if v.to_bits() == input.default.to_bits() {
            continue;
        }
        let kind = match input.kind {
            InputKind::Policy => RowKind::Policy,
            InputKind::Assumption => RowKind::Assumption,
        };
        w.row(&[
            kind.text(lang),
            &input.id,
            input.label.get(lang),
            &rounded(v),
            input.unit.canonical(lang),
            &rounded(input.default),
            "",
            "",
        ]);
    }
    for (i, t) in plan.targets().iter().enumerate() {
        let status = outcome.statuses.get(i).copied().unwrap_or(Status::NoData);
        let chance = chances.and_then(|c| c.get(i).copied().flatten());
        let status = match chances {
            Some(_) => status_with_risk(status, chance),
            None => status,
        };
        let value = rounded(outcome.target(plan, i));
        let plan_value = rounded(as_written.target(plan, i));
        let goal = goal_in_words(t.goal, &t.unit, lang);
        let chance_text = chance.map(chance_percent).unwrap_or_default();
        let mut row = vec![
            RowKind::Target.text(lang),
            &t.id,
            t.label.get(lang),
            &value,
            t.unit.canonical(lang),
            &plan_value,
            &goal,
            status.label(lang),
        ];
        if chances.is_some() {
            row.push(&chance_text);
        }
        w.row(&row);
    }
    w.finish()
}

/// The name of a scenario export with extension `ext` in `lang`: the plan's title and 方案 in
/// Chinese (`关于…的意见-方案.csv`), its id in English (`handan-edu-2022-scenario.csv`).
/// Characters file systems refuse (`/\\:*?"<>|`, control) become `_`.
pub fn file_name(plan: &Plan, ext: &str, lang: Lang) -> String {
    let stem = match lang {
        Lang::ZhCn => format!("{}-方案", plan.meta().title.get(lang)),
        Lang::En => format!("{}-scenario", plan.id()),
    };
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{safe}.{ext}")
}

/// An input that differs from the plan as written (JSON export).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangedRow {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub value: f64,
    pub default: f64,
    pub unit: String,
}

/// The JSON export: the report of `plan-widget eval --format json` plus the plan version and
/// the inputs that differ.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportJson {
    #[serde(flatten)]
    pub report: Report,
    pub version: u32,
    pub changed: Vec<ChangedRow>,
}

/// The export of `outcome` with its share code `scenario`.
pub fn export_json(plan: &Plan, outcome: &Outcome, scenario: &str, lang: Lang) -> ExportJson {
    export_json_with_chances(plan, outcome, scenario, None, lang)
}

/// [`export_json`], and when the scenario's chances are known, each target's `chance` and
/// `shown_status` beside its `status` (which stays the status of `plan-widget eval`).
pub fn export_json_with_chances(
    plan: &Plan,
    outcome: &Outcome,
    scenario: &str,
    chances: Option<&[Option<f64>]>,
    lang: Lang,
) -> ExportJson {
    let mut report = report(plan, outcome, scenario, lang);
    if let Some(chances) = chances {
        for (i, row) in report.targets.iter_mut().enumerate() {
            row.chance = chances.get(i).copied().flatten();
            row.shown_status = Some(status_with_risk(row.status, row.chance));
        }
    }
    let changed = report
        .levers
        .iter()
        .filter(|l| l.value.to_bits() != l.default.to_bits())
        .map(|l| ChangedRow {
            id: l.id.clone(),
            kind: l.kind,
            label: l.label.clone(),
            value: l.value,
            default: l.default,
            unit: l.unit.clone(),
        })
        .collect();
    ExportJson {
        report,
        version: plan.version(),
        changed,
    }
}

/// [`export_json`] as pretty JSON text.
pub fn json(plan: &Plan, outcome: &Outcome, scenario: &str, lang: Lang) -> String {
    json_with_chances(plan, outcome, scenario, None, lang)
}

/// [`export_json_with_chances`] as pretty JSON text.
pub fn json_with_chances(
    plan: &Plan,
    outcome: &Outcome,
    scenario: &str,
    chances: Option<&[Option<f64>]>,
    lang: Lang,
) -> String {
    // Serializing plain structs of strings and numbers cannot fail; an empty object is the
    // fallback all the same.
    serde_json::to_string_pretty(&export_json_with_chances(
        plan, outcome, scenario, chances, lang,
    ))
    .unwrap_or_else(|_| "{}".to_string())
}

/// A small RFC 4180 writer: UTF-8 with BOM, CRLF, fields quoted when they hold a comma, a
/// quote, a line break or leading/trailing spaces.
#[derive(Debug, Default)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter {
            out: String::from('\u{FEFF}'),
        }
    }

    pub fn row(&mut self, fields: &[&str]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let quote = f.contains([',', '"', '\n', '\r'])
                || f.starts_with([' ', '\t'])
                || f.ends_with([' ', '\t']);
            if quote {
                self.out.push('"');
                self.out.push_str(&f.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut w = CsvWriter::new();
        w.row(&["a", "b,c", "say \"hi\"", "two\nlines", " pad", "", "中文"]);
        w.row(&["x"]);
        assert_eq!(
            w.finish(),
            "\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",,中文\r\nx\r\n"
        );
    }

    #[test]
    fn goals_and_numbers() {
        assert_eq!(goal_text(Goal::AtLeast(93.5)), ">= 93.5");
        assert_eq!(goal_text(Goal::Between(2.0, 3.0)), "2–3");
        assert_eq!(goal_text(Goal::Equal(1.0)), "= 1");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(1_795_000.0), "1795000");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(exact(-0.0), "-0");
        assert_eq!(exact(1e23), "1e+23");
        assert_eq!(exact(9.7), "9.7");
    }
}
