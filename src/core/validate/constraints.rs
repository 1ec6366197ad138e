//! The `constraints` block → derived quantities (see [`crate::core::constraint`]).

use super::{Ctx, Item, PlanErrorKind};
use crate::core::constraint::{Constraint, ConstraintItem, Rule};
use crate::core::expr::{self, Expr};
use crate::core::format::ConstraintFile;
use crate::core::plan::{Derived, Text, Unit};
use std::collections::HashSet;

/// Derived quantities under construction: each with its formula and the place errors in it
/// are reported at.
pub(super) struct DerivedList {
    pub derived: Vec<Derived>,
    pub exprs: Vec<Option<Expr>>,
    pub places: Vec<String>,
}

impl DerivedList {
    fn push(&mut self, d: Derived, e: Option<Expr>, place: String) -> usize {
        self.derived.push(d);
        self.exprs.push(e);
        self.places.push(place);
        self.derived.len() - 1
    }

    /// A derived quantity whose formula the constraint writes itself.
    fn made(
        &mut self,
        id: String,
        label: Text,
        unit: &Unit,
        formula: String,
        place: &str,
    ) -> usize {
        let e = expr::parse(&formula).ok();
        let d = Derived {
            id,
            label,
            unit: unit.clone(),
            formula,
            summary: false,
        };
        self.push(d, e, place.to_string())
    }
}

fn both(zh: String, en: String) -> Text {
    Text::new(zh, en)
}

/// Validates every constraint and appends its derived quantities; returns the typed
/// constraints (their `targets` are filled in once targets are compiled).
pub(super) fn build(
    cx: &mut Ctx,
    files: &mut [ConstraintFile],
    names: &mut HashSet<String>,
    list: &mut DerivedList,
) -> Vec<Constraint> {
    let mut out = Vec::new();
    for (i, c) in files.iter_mut().enumerate() {
        let p = Item("constraints", i);
        if let Some(con) = one(cx, c, &p, names, list) {
            out.push(con);
        }
    }
    out
}

fn one(
    cx: &mut Ctx,
    c: &mut ConstraintFile,
    p: &Item,
    names: &mut HashSet<String>,
    list: &mut DerivedList,
) -> Option<Constraint> {
    let mut seen = HashSet::new();
    let id = cx.id(&c.id, || format!("{p}.id"), &mut seen);
    let label = cx.text(&mut c.label, || format!("{p}.label"), true);
    let unit = cx.unit(&mut c.unit, || format!("{p}.unit"));
    let rule = match cx.req(&c.rule, || format!("{p}.rule")) {
        Some(r) => Rule::parse(r).or_else(|| {
            cx.err(format!("{p}.rule"), PlanErrorKind::BadRule(r.clone()));
            None
        }),
        None => None,
    };
    if c.items.is_empty() {
        cx.err(format!("{p}.items"), PlanErrorKind::Missing);
    }
    let place = format!("{p}.available");
    let avail_src = cx.req(&c.available, || place.clone()).cloned();
    let avail_e = avail_src
        .as_deref()
        .and_then(|f| cx.formula(f, || place.clone()));
    let mut take = |cx: &mut Ctx, name: String, place: &str| {
        if !names.insert(name.clone()) {
            cx.err(place, PlanErrorKind::DuplicateId(name.clone()));
        }
        name
    };
    let (zh, en) = (
        label.zh.clone(),
        label.get(crate::core::Lang::En).to_string(),
    );
    let available = list.push(
        Derived {
            id: take(cx, format!("{id}_available"), &format!("{p}.id")),
            label: both(format!("{zh}可用"), format!("{en} available")),
            unit: unit.clone(),
            formula: avail_src.unwrap_or_default(),
            summary: false,
        },
        avail_e,
        place,
    );
    let mut items = Vec::new();
    let mut item_ids = HashSet::new();
    for (k, it) in c.items.iter_mut().enumerate() {
        let q = format!("{p}.items[{k}]");
        let iid = cx.id(&it.id, || format!("{q}.id"), &mut item_ids);
        let ilabel = cx.text(&mut it.label, || format!("{q}.label"), true);
        let src = cx.req(&it.need, || format!("{q}.need")).cloned();
        let e = src
            .as_deref()
            .and_then(|f| cx.formula(f, || format!("{q}.need")));
        let (izh, ien) = (
            ilabel.zh.clone(),
            ilabel.get(crate::core::Lang::En).to_string(),
        );
        let need = list.push(
            Derived {
                id: take(cx, format!("{id}_{iid}_need"), &format!("{q}.id")),
                label: both(format!("{izh}所需{zh}"), format!("{en} needed: {ien}")),
                unit: unit.clone(),
                formula: src.unwrap_or_default(),
                summary: false,
            },
            e,
            format!("{q}.need"),
        );
        items.push((iid, ilabel, need, q));
    }
    let need_ids: Vec<String> = items
        .iter()
        .map(|(iid, ..)| format!("{id}_{iid}_need"))
        .collect();
    let total = if need_ids.is_empty() {
        "0".to_string()
    } else {
        need_ids.join(" + ")
    };
    let here = format!("{p}.id");
    let need_id = take(cx, format!("{id}_need"), &here);
    let need = list.made(
        need_id.clone(),
        both(format!("{zh}需求"), format!("{en} needed")),
        &unit,
        total,
        &here,
    );
    let avail_id = format!("{id}_available");
    let gap_id = take(cx, format!("{id}_gap"), &here);
    let gap = list.made(
        gap_id,
        both(format!("{zh}缺口"), format!("{en} gap")),
        &unit,
        format!("max(0, {need_id} - {avail_id})"),
        &here,
    );
    let rule = rule?;
    let share_unit = Unit::plain(Text::new("", ""));
    let mut out_items = Vec::new();
    for (k, (iid, ilabel, need_slot, q)) in items.into_iter().enumerate() {
        let mine = need_ids.get(k).cloned().unwrap_or_default();
        let formula = match rule {
            Rule::ProRata => {
                format!("if({need_id} <= 0, 1, clamp({avail_id} / {need_id}, 0, 1))")
            }
            Rule::InOrder => {
                let before = need_ids.get(..k).unwrap_or(&[]).join(" + ");
                let left = if before.is_empty() {
                    avail_id.clone()
                } else {
                    format!("{avail_id} - ({before})")
                };
                format!("if({mine} <= 0, 1, clamp(({left}) / {mine}, 0, 1))")
            }
        };
        let share_id = take(cx, format!("{id}_{iid}_share"), &format!("{q}.id"));
        let (izh, ien) = (
            ilabel.zh.clone(),
            ilabel.get(crate::core::Lang::En).to_string(),
        );
        let share = list.made(
            share_id,
            both(
                format!("{izh}:{zh}到位比例"),
                format!("{ien}: share covered by {en}"),
            ),
            &share_unit,
            formula,
            &q,
        );
        out_items.push(ConstraintItem {
            id: iid,
            label: ilabel,
            need: need_slot,
            share,
            targets: Vec::new(),
        });
    }
    Some(Constraint {
        id,
        label,
        unit,
        rule,
        available,
        need,
        gap,
        items: out_items,
    })
}
