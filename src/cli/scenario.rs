//! Scenario options shared by `eval` and the commands that take a scenario.

use super::{load_plan, parse_lang, Failure};
use crate::core::i18n::trim;
use crate::core::share::{self, ShareState};
use crate::core::{Lang, Plan};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone, Default)]
pub struct ScenarioArgs {
    /// A plan file (JSON or an .xlsx plan workbook); the built-in plan by default.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Set a policy lever or an assumption: `--set ID=VALUE` (repeatable).
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub set: Vec<String>,
    /// Start from a share code (or a link ending in `#pw=CODE`); `--set` applies on top.
    #[arg(long, value_name = "CODE")]
    pub link: Option<String>,
    /// Language of labels and messages: zh-CN (default) or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
}

/// A plan and the input values of one scenario.
pub struct Loaded {
    pub plan: Plan,
    pub values: Vec<f64>,
    pub lang: Lang,
    /// View and kept scenarios from `--link` (defaults without one).
    pub share: ShareState,
}

impl Loaded {
    /// The share code of the loaded scenario (its values, and the link's view and kept scenarios).
    pub fn code(&self) -> String {
        let mut state = self.share.clone();
        state.changes = share::changes_from_values(&self.plan, &self.values);
        share::encode(&self.plan, &state)
    }
}

impl ScenarioArgs {
    /// Loads the plan, applies `--link` then every `--set`; an unknown id or a value out of
    /// range is an error naming the nearest id or the valid range, a bad code an error with its
    /// message. What a code could not apply exactly is printed on stderr.
    pub fn load(&self) -> Result<Loaded, Failure> {
        let lang = parse_lang(&self.lang)?;
        let plan = load_plan(self.plan.as_deref(), lang)?;
        let mut state = ShareState::default();
        if let Some(link) = &self.link {
            let decoded = share::decode(&plan, share::code_from_fragment(link))
                .map_err(|e| Failure::input(e.message(lang)))?;
            for w in &decoded.warnings {
                eprintln!("{}", w.message(lang));
            }
            state = decoded.state;
        }
        let mut values = state.values(&plan);
        for s in &self.set {
            let (id, v) = parse_set(&plan, s, lang)?;
            if let Some(slot) = values.get_mut(id) {
                *slot = v;
            }
        }
        Ok(Loaded {
            plan,
            values,
            lang,
            share: state,
        })
    }
}

/// `ID=VALUE` → (input index, value).
pub fn parse_set(plan: &Plan, s: &str, lang: Lang) -> Result<(usize, f64), Failure> {
    let zh = lang == Lang::ZhCn;
    let Some((id, value)) = s.split_once('=') else {
        return Err(Failure::input(if zh {
            format!("--set '{s}' 应写成 编号=数值，例如 --set kg_new=60")
        } else {
            format!("--set '{s}' must be ID=VALUE, e.g. --set kg_new=60")
        }));
    };
    let id = id.trim();
    let Some(i) = plan.input_index(id) else {
        let hint = match (plan.nearest_input(id), zh) {
            (Some(n), true) => format!("（是否应为 '{n}'？）"),
            (Some(n), false) => format!(" (did you mean '{n}'?)"),
            (None, true) => "（用 plan-widget eval 查看全部编号）".to_string(),
            (None, false) => " (plan-widget eval lists them)".to_string(),
        };
        return Err(Failure::input(if zh {
            format!("没有编号为 '{id}' 的杠杆或假设{hint}")
        } else {
            format!("no lever or assumption '{id}'{hint}")
        }));
    };
    let input = plan.inputs().get(i).ok_or_else(|| Failure::input(id))?;
    let v: f64 = value
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            Failure::input(if zh {
                format!("'{id}' 的值 '{value}' 不是数字")
            } else {
                format!("value '{value}' for '{id}' is not a number")
            })
        })?;
    if v < input.min || v > input.max {
        let d = input.decimals();
        return Err(Failure::input(if zh {
            format!(
                "'{id}' 的值 {value} 超出范围：应在 {} 到 {} 之间（单位：{}）",
                trim(input.min, d),
                trim(input.max, d),
                input.unit.canonical(lang)
            )
        } else {
            format!(
                "value {value} for '{id}' is out of range: it must be between {} and {} ({})",
                trim(input.min, d),
                trim(input.max, d),
                input.unit.canonical(lang)
            )
        }));
    }
    Ok((i, v))
}
