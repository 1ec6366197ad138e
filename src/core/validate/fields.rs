//! Field readers: each reads one field of the wire types, reports its problems at its place and
//! returns the domain value (or a stand-in, so that every problem is found in one pass).

use super::{Choice, PlanError, PlanErrorKind};
use crate::core::expr::{self, Expr};
use crate::core::format::{GoalFile, TextFile, UnitFile};
use crate::core::keyed::Names;
use crate::core::plan::{Goal, Origin, Text, Unit, UnitDisplay};
use std::fmt;

/// `collection[index]`, formatted only when an error needs it.
#[derive(Clone, Copy)]
pub(crate) struct Item(pub(super) &'static str, pub(super) usize);

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

pub(crate) struct Ctx {
    pub(super) errors: Vec<PlanError>,
}

impl Ctx {
    pub(crate) fn err(&mut self, place: impl Into<String>, kind: PlanErrorKind) {
        self.errors.push(PlanError {
            place: place.into(),
            kind,
        });
    }

    pub(crate) fn req<'a, T>(
        &mut self,
        v: &'a Option<T>,
        place: impl Fn() -> String,
    ) -> Option<&'a T> {
        self.missing(v.is_none(), &place);
        v.as_ref()
    }

    // The readers take the place as `impl Fn` (a closure at each call) and hand it on as
    // `&dyn Fn`: a generic reader would be copied into the wasm for every closure type, that
    // is for every call (docs/widget-shell.md, "Size").

    fn missing(&mut self, missing: bool, place: &dyn Fn() -> String) {
        if missing {
            self.err(place(), PlanErrorKind::Missing);
        }
    }

    pub(super) fn num(&mut self, v: Option<f64>, place: impl Fn() -> String) -> f64 {
        self.num_at(v, &place)
    }

    fn num_at(&mut self, v: Option<f64>, place: &dyn Fn() -> String) -> f64 {
        match v {
            None => {
                self.err(place(), PlanErrorKind::Missing);
                f64::NAN
            }
            Some(x) if !x.is_finite() => {
                self.err(place(), PlanErrorKind::NotFinite);
                f64::NAN
            }
            Some(x) => x,
        }
    }

    pub(crate) fn text(
        &mut self,
        v: &mut Option<TextFile>,
        place: impl Fn() -> String,
        required: bool,
    ) -> Text {
        self.text_at(v, &place, required)
    }

    fn text_at(
        &mut self,
        v: &mut Option<TextFile>,
        place: &dyn Fn() -> String,
        required: bool,
    ) -> Text {
        match v {
            None if required => {
                self.err(place(), PlanErrorKind::Missing);
                Text::default()
            }
            None => Text::default(),
            Some(t) => {
                if required && t.zh.trim().is_empty() {
                    self.err(format!("{}.zh", place()), PlanErrorKind::EmptyText);
                }
                Text::new(std::mem::take(&mut t.zh), std::mem::take(&mut t.en))
            }
        }
    }

    /// A unit: its canonical text and the display units by language.
    pub(super) fn unit(&mut self, v: &mut Option<UnitFile>, place: impl Fn() -> String) -> Unit {
        self.unit_at(v, &place)
    }

    fn unit_at(&mut self, v: &mut Option<UnitFile>, place: &dyn Fn() -> String) -> Unit {
        let Some(u) = v else {
            return Unit::default();
        };
        let mut unit = Unit::plain(Text::new(
            std::mem::take(&mut u.zh),
            std::mem::take(&mut u.en),
        ));
        for (code, d) in u.display.iter() {
            let here = || format!("{}.display.{code}", place());
            let slot = match code.as_str() {
                "zh" => &mut unit.display_zh,
                "en" => &mut unit.display_en,
                _ => {
                    self.err(here(), PlanErrorKind::UnknownLanguage(code.clone()));
                    continue;
                }
            };
            let text = match d.text.as_deref().map(str::trim) {
                None => {
                    self.err(format!("{}.text", here()), PlanErrorKind::Missing);
                    None
                }
                Some("") => {
                    self.err(format!("{}.text", here()), PlanErrorKind::EmptyUnitText);
                    None
                }
                Some(t) => Some(t.to_string()),
            };
            let scale = match d.scale {
                None => {
                    self.err(format!("{}.scale", here()), PlanErrorKind::Missing);
                    None
                }
                Some(x) if !x.is_finite() || x <= 0.0 => {
                    self.err(format!("{}.scale", here()), PlanErrorKind::BadScale(x));
                    None
                }
                Some(x) => Some(x),
            };
            if let (Some(text), Some(scale)) = (text, scale) {
                *slot = Some(UnitDisplay { text, scale });
            }
        }
        unit
    }

    pub(crate) fn id(
        &mut self,
        v: &Option<String>,
        place: impl Fn() -> String,
        seen: &mut Names,
    ) -> String {
        self.id_at(v, &place, seen)
    }

    fn id_at(
        &mut self,
        v: &Option<String>,
        place: &dyn Fn() -> String,
        seen: &mut Names,
    ) -> String {
        self.missing(v.is_none(), place);
        let Some(id) = v else {
            return String::new();
        };
        let id = id.clone();
        let ok = id
            .chars()
            .next()
            .map(|c| c.is_ascii_lowercase())
            .unwrap_or(false)
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.err(place(), PlanErrorKind::BadId(id.clone()));
        }
        if !seen.add(id.clone()) {
            self.err(place(), PlanErrorKind::DuplicateId(id.clone()));
        }
        id
    }

    pub(super) fn formula(&mut self, src: &str, place: impl Fn() -> String) -> Option<Expr> {
        self.formula_at(src, &place)
    }

    fn formula_at(&mut self, src: &str, place: &dyn Fn() -> String) -> Option<Expr> {
        match expr::parse(src) {
            Ok(e) => Some(e),
            Err(e) => {
                self.err(
                    place(),
                    PlanErrorKind::Formula {
                        offset: src.get(..e.offset).map(|s| s.chars().count()).unwrap_or(0),
                        problem: e.kind,
                    },
                );
                None
            }
        }
    }
}

pub(super) fn plan_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) fn date_ok(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

pub(super) fn origin(
    cx: &mut Ctx,
    v: &Option<String>,
    allowed: &[Origin],
    place: impl Fn() -> String,
) -> Option<Origin> {
    origin_at(cx, v, allowed, &place)
}

fn origin_at(
    cx: &mut Ctx,
    v: &Option<String>,
    allowed: &[Origin],
    place: &dyn Fn() -> String,
) -> Option<Origin> {
    let v = v.as_deref()?;
    match Origin::parse(v).filter(|o| allowed.contains(o)) {
        Some(o) => Some(o),
        None => {
            let allowed = allowed.iter().map(|o| o.as_str());
            cx.err(place(), not_one_of(Choice::Origin, v, allowed));
            None
        }
    }
}

pub(super) fn range(
    cx: &mut Ctx,
    p: &Item,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    default: Option<f64>,
) -> (f64, f64, f64, f64) {
    let min = cx.num(min, || format!("{p}.min"));
    let max = cx.num(max, || format!("{p}.max"));
    let step = cx.num(step, || format!("{p}.step"));
    let default = cx.num(default, || format!("{p}.default"));
    if min.is_finite() && max.is_finite() && min >= max {
        cx.err(
            format!("{p}.min"),
            PlanErrorKind::MinNotBelowMax { min, max },
        );
    }
    if step.is_finite() && step <= 0.0 {
        cx.err(format!("{p}.step"), PlanErrorKind::StepNotPositive(step));
    }
    if default.is_finite() && min.is_finite() && max.is_finite() && (default < min || default > max)
    {
        cx.err(
            format!("{p}.default"),
            PlanErrorKind::OutOfRange {
                value: default,
                min,
                max,
            },
        );
    }
    (min, max, step, default)
}

/// The goal operators, as the plan file writes them.
const GOAL_OPS: &[&str] = &[">=", "<=", "=", "between"];

pub(super) fn goal(cx: &mut Ctx, g: &GoalFile, p: &Item) -> Goal {
    let Some(op) = cx.req(&g.op, || format!("{p}.goal.op")).cloned() else {
        return Goal::AtLeast(0.0);
    };
    match op.as_str() {
        ">=" | "<=" | "=" => {
            let v = cx.num(g.value, || format!("{p}.goal.value"));
            match op.as_str() {
                ">=" => Goal::AtLeast(v),
                "<=" => Goal::AtMost(v),
                _ => Goal::Equal(v),
            }
        }
        "between" => {
            let a = cx.num(g.min, || format!("{p}.goal.min"));
            let b = cx.num(g.max, || format!("{p}.goal.max"));
            if a.is_finite() && b.is_finite() && a > b {
                cx.err(
                    format!("{p}.goal.min"),
                    PlanErrorKind::GoalBetweenOrder { min: a, max: b },
                );
            }
            Goal::Between(a, b)
        }
        other => {
            let kind = not_one_of(Choice::GoalOp, other, GOAL_OPS.iter().copied());
            cx.err(format!("{p}.goal.op"), kind);
            Goal::AtLeast(0.0)
        }
    }
}

/// `value` is not one of `allowed` for `field`.
pub(crate) fn not_one_of(
    field: Choice,
    value: &str,
    allowed: impl IntoIterator<Item = &'static str>,
) -> PlanErrorKind {
    PlanErrorKind::NotOneOf {
        field,
        value: value.to_string(),
        allowed: allowed.into_iter().collect(),
    }
}
