//! `plan-widget seek`: what would it take to meet a target.

use super::{Failure, Format, ScenarioArgs};
use crate::core::display::{goal_plain, input_plain, with_unit};
use crate::core::i18n::{trim, Lang};
use crate::core::plan::Plan;
use crate::core::seek::{SeekOptions, Seeker, Suggestion};
use serde::Serialize;

#[derive(Serialize)]
struct SeekJson<'a> {
    target: &'a str,
    /// Whether the target is met at the scenario's values.
    met: bool,
    suggestions: Vec<SuggestionJson<'a>>,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    lever: &'a str,
    kind: &'static str,
    from: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<f64>,
    met: bool,
}

/// "No target 'x' (did you mean 'y'?)" in the scenario's language.
pub(crate) fn unknown_id(
    what_zh: &str,
    what_en: &str,
    id: &str,
    near: Option<&str>,
    lang: Lang,
) -> Failure {
    Failure::input(match (lang, near) {
        (Lang::ZhCn, Some(n)) => format!("没有编号为 '{id}' 的{what_zh}（是否应为 '{n}'？）"),
        (Lang::ZhCn, None) => {
            format!("没有编号为 '{id}' 的{what_zh}（用 plan-widget eval 查看全部编号）")
        }
        (Lang::En, Some(n)) => format!("no {what_en} '{id}' (did you mean '{n}'?)"),
        (Lang::En, None) => format!("no {what_en} '{id}' (plan-widget eval lists them)"),
    })
}

fn target_index(plan: &Plan, id: &str, lang: Lang) -> Result<usize, Failure> {
    plan.target_index(id)
        .ok_or_else(|| unknown_id("目标", "target", id, plan.nearest_target(id), lang))
}

pub fn run(
    args: &ScenarioArgs,
    target: &str,
    lever: Option<&str>,
    assumptions: bool,
    format: Format,
) -> Result<String, Failure> {
    let loaded = args.load()?;
    let (plan, lang, values) = (&loaded.plan, loaded.lang, &loaded.values);
    let t = target_index(plan, target, lang)?;
    let mut seeker = Seeker::new(plan);
    let fail = |e: crate::core::seek::SeekError| Failure::input(e.message(lang));
    let met = seeker.is_met(values, t).map_err(fail)?;
    let suggestions = match lever {
        Some(id) => {
            let i = plan.input_index(id).ok_or_else(|| {
                unknown_id(
                    "杠杆或假设",
                    "lever or assumption",
                    id,
                    plan.nearest_input(id),
                    lang,
                )
            })?;
            vec![seeker.seek(values, t, i).map_err(fail)?]
        }
        None => seeker
            .suggestions(values, t, SeekOptions { assumptions })
            .map_err(fail)?,
    };
    match format {
        Format::Json => {
            let json = SeekJson {
                target,
                met,
                suggestions: suggestions
                    .iter()
                    .filter_map(|s| {
                        let input = plan.inputs().get(s.input)?;
                        Some(SuggestionJson {
                            lever: &input.id,
                            kind: s.kind.as_str(),
                            from: s.from,
                            to: s.to,
                            met: s.met(),
                        })
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&json)
                .map(|s| s + "\n")
                .map_err(|e| Failure::input(e.to_string()))
        }
        Format::Table => Ok(table(plan, t, met, lever.is_some(), &suggestions, lang)),
    }
}

fn table(
    plan: &Plan,
    t: usize,
    met: bool,
    one_lever: bool,
    suggestions: &[Suggestion],
    lang: Lang,
) -> String {
    let mut out = heading(plan, t, lang);
    match nothing_to_seek(plan, t, met && !one_lever, suggestions.is_empty(), lang) {
        Some(why) => out.push_str(why),
        None => out.push_str(&suggestion_rows(plan, suggestions, lang)),
    }
    out
}

/// The target's id, label and goal.
fn heading(plan: &Plan, t: usize, lang: Lang) -> String {
    let Some(target) = plan.targets().get(t) else {
        return String::new();
    };
    let goal = with_unit(
        &goal_plain(target.goal, &target.unit, lang),
        target.unit.shown(lang),
    );
    format!(
        "{} {}: {} {}\n",
        target.id,
        target.label.get(lang),
        if lang == Lang::ZhCn { "目标" } else { "goal" },
        goal
    )
}

/// Why there is nothing to suggest, if there is not: a set commitment, already met, or no
/// lever reaches the target.
fn nothing_to_seek(
    plan: &Plan,
    t: usize,
    met: bool,
    no_suggestions: bool,
    lang: Lang,
) -> Option<&'static str> {
    let zh = lang == Lang::ZhCn;
    if plan.is_set_commitment(t) {
        Some(if zh {
            "这是承诺事项：数值由主管部门直接设定，模型不求解，也不估计达成概率。\n"
        } else {
            "This is a commitment: the bureau sets the number itself; the model neither seeks it nor estimates its chance.\n"
        })
    } else if met {
        Some(if zh {
            "当前情景下已达成，无需调整。\n"
        } else {
            "Already met in this scenario; nothing to change.\n"
        })
    } else if no_suggestions {
        Some(if zh {
            "没有政策杠杆能影响这个目标（加 --assumptions 也看假设）。\n"
        } else {
            "No policy lever can move this target (add --assumptions to include assumptions).\n"
        })
    } else {
        None
    }
}

/// One row per suggestion: the input, its value now and the value that meets the target.
fn suggestion_rows(plan: &Plan, suggestions: &[Suggestion], lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = if zh {
        format!(
            "\n  {:<28} {:<10} {:>12} {:>12} {:>10}  {}\n",
            "编号", "类型", "当前", "改为", "占范围", "名称"
        )
    } else {
        format!(
            "\n  {:<28} {:<10} {:>12} {:>12} {:>10}  {}\n",
            "id", "kind", "now", "to", "of range", "label"
        )
    };
    for s in suggestions {
        let Some(input) = plan.inputs().get(s.input) else {
            continue;
        };
        let to = match s.to {
            Some(v) => input_plain(input, v, lang),
            None if zh => "范围内不可达".to_string(),
            None => "none in range".to_string(),
        };
        let rel = s
            .relative
            .map(|r| format!("{}%", trim(r * 100.0, 1)))
            .unwrap_or_else(|| "—".into());
        out.push_str(&format!(
            "  {:<28} {:<10} {:>12} {:>12} {:>10}  {} ({})\n",
            input.id,
            input.kind.as_str(),
            input_plain(input, s.from, lang),
            to,
            rel,
            input.label.get(lang),
            input.unit.shown(lang)
        ));
    }
    out
}
