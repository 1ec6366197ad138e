//! The tally for people: a plain-text table and a CSV file (UTF-8 with BOM, for Excel) of
//! several tables one after another, each with its own header row.

use super::{Combination, InputTally, Quartiles, Tally};
use crate::core::display::input_quantity;
use crate::core::export::{exact, CsvWriter};
use crate::core::i18n::Lang;
use crate::core::plan::Plan;

/// Words of the reports, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Title,
    Problems,
    Inputs,
    NobodyChanged,
    Targets,
    Combinations,
    Lever,
    Plan,
    Changed,
    Raised,
    Lowered,
    MedianAll,
    MiddleHalf,
    MedianChangers,
    Target,
    MetShare,
    PlanStatus,
    Met,
    NotMet,
    Count,
    Share,
    Changes,
    File,
    Line,
    Code,
    Kind,
    Message,
    Item,
    Value,
    Submitted,
    Valid,
    WithWarnings,
    Invalid,
    Duplicates,
    Unchanged,
    NoCombination,
    StripHint,
    Chart,
}

impl Word {
    pub fn text(self, lang: Lang) -> &'static str {
        use Word::*;
        let (zh, en) = match self {
            Chart => ("图示", "Chart"),
            Title => ("居民方案统计", "Residents' scenarios: tally"),
            Problems => ("无效或带警告的分享码", "Codes not counted or counted with warnings"),
            Inputs => ("杠杆与假设（有人调整的）", "Levers and assumptions that someone changed"),
            NobodyChanged => ("其余各项无人调整", "nobody changed the others"),
            Targets => ("目标：在多少方案中达成", "Targets: met in how many scenarios"),
            Combinations => ("最常见的改动组合", "Most common combinations of changes"),
            Lever => ("杠杆或假设", "Lever or assumption"),
            Plan => ("规划值", "Plan"),
            Changed => ("调整人数", "Changed"),
            Raised => ("调高", "Raised"),
            Lowered => ("调低", "Lowered"),
            MedianAll => ("全部方案中位数", "Median, all scenarios"),
            MiddleHalf => ("中间一半", "Middle half"),
            MedianChangers => ("调整者中位数", "Median of those who changed it"),
            Target => ("目标", "Target"),
            MetShare => ("达成比例", "Met in"),
            PlanStatus => ("按规划原样", "Plan as written"),
            Met => ("达成", "met"),
            NotMet => ("未达成", "not met"),
            Count => ("份数", "Scenarios"),
            Share => ("比例", "Share"),
            Changes => ("改动", "Changes"),
            File => ("文件", "File"),
            Line => ("行", "Line"),
            Code => ("分享码", "Code"),
            Kind => ("类别", "Kind"),
            Message => ("说明", "Message"),
            Item => ("项目", "Item"),
            Value => ("数值", "Value"),
            Submitted => ("提交", "Submitted"),
            Valid => ("有效（计入）", "Valid (counted)"),
            WithWarnings => ("其中带警告", "of which with warnings"),
            Invalid => ("无效（未计入）", "Invalid (not counted)"),
            Duplicates => ("重复的分享码（已计入）", "Repeated codes (counted)"),
            Unchanged => ("未作改动", "No change"),
            NoCombination => ("没有方案作出改动。", "No scenario changed anything."),
            StripHint => (
                "每条横带是该项的取值范围；柱高表示选择该区间的方案数，竖线为规划值，菱形为中位数，粗段为中间一半。",
                "Each strip is the input's range: bar heights count the scenarios in each interval; the line marks the plan's value, the diamond the median, the thick segment the middle half.",
            ),
        };
        if lang == Lang::ZhCn {
            zh
        } else {
            en
        }
    }
}

/// A share as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A value of input `i` in the unit shown in `lang`.
pub fn shown(plan: &Plan, i: usize, v: f64, lang: Lang) -> String {
    match plan.inputs().get(i) {
        Some(input) => input_quantity(input, v, lang),
        None => exact(v),
    }
}

/// "median (q1–q3)" of `q`, or a dash.
pub fn median_band(plan: &Plan, i: usize, q: Option<Quartiles>, lang: Lang) -> (String, String) {
    match q {
        Some(q) => (
            shown(plan, i, q.median, lang),
            format!(
                "{}–{}",
                shown(plan, i, q.q1, lang),
                shown(plan, i, q.q3, lang)
            ),
        ),
        None => ("—".into(), "—".into()),
    }
}

/// The counts at the top of every report: (label, number).
pub fn headline(t: &Tally, lang: Lang) -> Vec<(&'static str, usize)> {
    vec![
        (Word::Submitted.text(lang), t.submitted),
        (Word::Valid.text(lang), t.valid),
        (Word::WithWarnings.text(lang), t.with_warnings),
        (Word::Invalid.text(lang), t.invalid),
        (Word::Duplicates.text(lang), t.duplicates),
        (Word::Unchanged.text(lang), t.unchanged),
    ]
}

/// A combination as "label ↑ + label ↓".
pub fn combination_text(plan: &Plan, c: &Combination, lang: Lang) -> String {
    c.changes
        .iter()
        .map(|m| {
            let label = plan
                .input_index(&m.id)
                .and_then(|i| plan.inputs().get(i))
                .map_or(m.id.as_str(), |i| i.label.get(lang));
            format!("{label} {}", if m.direction == "up" { "↑" } else { "↓" })
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Inputs someone changed, with their index in the plan.
pub fn changed_inputs(t: &Tally) -> impl Iterator<Item = (usize, &InputTally)> {
    t.inputs.iter().enumerate().filter(|(_, l)| l.changed > 0)
}

/// The plain-text report.
pub fn table(plan: &Plan, t: &Tally, lang: Lang) -> String {
    let colon = if lang == Lang::ZhCn { "：" } else { ": " };
    let mut out = format!(
        "{}{colon}{} ({} v{})\n\n",
        Word::Title.text(lang),
        plan.meta().title.get(lang),
        t.plan,
        t.version
    );
    for (label, n) in headline(t, lang) {
        out.push_str(&format!("  {label:<28} {n:>8}\n"));
    }
    table_problems(&mut out, t, lang);
    table_inputs(&mut out, plan, t, lang);
    table_targets(&mut out, t, lang);
    table_combinations(&mut out, plan, t, lang);
    out
}

fn table_problems(out: &mut String, t: &Tally, lang: Lang) {
    if !t.problems.is_empty() {
        out.push_str(&format!("\n{}\n", Word::Problems.text(lang)));
        for p in &t.problems {
            out.push_str(&format!(
                "  {}:{}  [{}]  {}\n",
                p.source,
                p.line,
                p.kind.label(lang),
                p.messages.join(" ")
            ));
        }
    }
}

fn table_inputs(out: &mut String, plan: &Plan, t: &Tally, lang: Lang) {
    out.push_str(&format!("\n{}\n", Word::Inputs.text(lang)));
    out.push_str(&format!(
        "  {:<30} {:>14} {:>8} {:>7} {:>7} {:>14} {:>24} {:>14}\n",
        "id",
        Word::Plan.text(lang),
        Word::Changed.text(lang),
        Word::Raised.text(lang),
        Word::Lowered.text(lang),
        Word::MedianAll.text(lang),
        Word::MiddleHalf.text(lang),
        Word::MedianChangers.text(lang),
    ));
    for (i, l) in changed_inputs(t) {
        let (median, band) = median_band(plan, i, l.all, lang);
        let (changers, _) = median_band(plan, i, l.changers, lang);
        out.push_str(&format!(
            "  {:<30} {:>14} {:>8} {:>7} {:>7} {:>14} {:>24} {:>14}  {}\n",
            l.id,
            shown(plan, i, l.plan, lang),
            l.changed,
            percent(l.raised_share),
            percent(l.lowered_share),
            median,
            band,
            changers,
            l.label
        ));
    }
    let quiet = t.inputs.len() - changed_inputs(t).count();
    if quiet > 0 {
        out.push_str(&format!(
            "  ({}: {quiet})\n",
            Word::NobodyChanged.text(lang)
        ));
    }
}

fn table_targets(out: &mut String, t: &Tally, lang: Lang) {
    out.push_str(&format!("\n{}\n", Word::Targets.text(lang)));
    for g in &t.targets {
        let plan_word = if g.plan_met { Word::Met } else { Word::NotMet };
        out.push_str(&format!(
            "  {:<34} {:>7}  ({}: {})  {}\n",
            g.id,
            percent(g.met_share),
            Word::PlanStatus.text(lang),
            plan_word.text(lang),
            g.label
        ));
    }
}

fn table_combinations(out: &mut String, plan: &Plan, t: &Tally, lang: Lang) {
    out.push_str(&format!("\n{}\n", Word::Combinations.text(lang)));
    if t.combinations.is_empty() {
        out.push_str(&format!("  {}\n", Word::NoCombination.text(lang)));
    }
    for c in &t.combinations {
        out.push_str(&format!(
            "  {:>6} {:>7}  {}\n",
            c.count,
            percent(c.share),
            combination_text(plan, c, lang)
        ));
    }
}

/// The CSV report: the counts, then the inputs, targets, combinations and problems, each a
/// table with its own header row, separated by an empty row. Values are canonical.
pub fn csv(t: &Tally, lang: Lang) -> String {
    let w = |x: Word| x.text(lang);
    let mut c = CsvWriter::new();
    c.row(&[w(Word::Item), w(Word::Value)]);
    for (label, n) in headline(t, lang) {
        c.row(&[label, &n.to_string()]);
    }
    c.row(&[]);
    csv_inputs(&mut c, t, lang);
    c.row(&[]);
    csv_targets(&mut c, t, lang);
    c.row(&[]);
    csv_rest(&mut c, t, lang);
    c.finish()
}

fn csv_inputs(c: &mut CsvWriter, t: &Tally, lang: Lang) {
    let w = |x: Word| x.text(lang);
    c.row(&[
        "id",
        w(Word::Lever),
        "unit",
        w(Word::Plan),
        w(Word::Changed),
        w(Word::Raised),
        w(Word::Lowered),
        "q1",
        "median",
        "q3",
        "changers_q1",
        "changers_median",
        "changers_q3",
    ]);
    let q = |q: Option<Quartiles>| match q {
        Some(q) => [exact(q.q1), exact(q.median), exact(q.q3)],
        None => Default::default(),
    };
    for l in &t.inputs {
        let [a1, a2, a3] = q(l.all);
        let [c1, c2, c3] = q(l.changers);
        c.row(&[
            &l.id,
            &l.label,
            &l.unit,
            &exact(l.plan),
            &l.changed.to_string(),
            &l.raised.to_string(),
            &l.lowered.to_string(),
            &a1,
            &a2,
            &a3,
            &c1,
            &c2,
            &c3,
        ]);
    }
}

fn csv_targets(c: &mut CsvWriter, t: &Tally, lang: Lang) {
    let w = |x: Word| x.text(lang);
    c.row(&[
        "id",
        w(Word::Target),
        w(Word::Met),
        w(Word::NotMet),
        "no_data",
        w(Word::MetShare),
    ]);
    for g in &t.targets {
        c.row(&[
            &g.id,
            &g.label,
            &g.met.to_string(),
            &g.not_met.to_string(),
            &g.no_data.to_string(),
            &exact(g.met_share),
        ]);
    }
}

/// The combinations, then the problems.
fn csv_rest(c: &mut CsvWriter, t: &Tally, lang: Lang) {
    let w = |x: Word| x.text(lang);
    c.row(&[w(Word::Count), w(Word::Share), w(Word::Changes)]);
    for k in &t.combinations {
        let ids: Vec<String> = k
            .changes
            .iter()
            .map(|m| format!("{}{}", m.id, if m.direction == "up" { "+" } else { "-" }))
            .collect();
        c.row(&[&k.count.to_string(), &exact(k.share), &ids.join(" ")]);
    }
    c.row(&[]);
    c.row(&[
        w(Word::File),
        w(Word::Line),
        w(Word::Code),
        w(Word::Kind),
        w(Word::Message),
    ]);
    for p in &t.problems {
        c.row(&[
            &p.source,
            &p.line.to_string(),
            &p.code,
            p.kind.label(lang),
            &p.messages.join(" "),
        ]);
    }
}
