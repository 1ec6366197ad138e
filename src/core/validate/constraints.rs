//! The `constraints` block → derived quantities (see [`crate::core::constraint`]).

use super::{not_one_of, Choice, Ctx, Item, PlanErrorKind};
use crate::core::constraint::{Constraint, ConstraintItem, Rule};
use crate::core::expr::{self, Expr};
use crate::core::format::{ConstraintFile, ConstraintItemFile};
use crate::core::keyed::Names;
use crate::core::plan::{Derived, Text, Unit};

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
    names: &mut Names,
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
    names: &mut Names,
    list: &mut DerivedList,
) -> Option<Constraint> {
    let mut seen = Names::new();
    let id = cx.id(&c.id, || format!("{p}.id"), &mut seen);
    let label = cx.text(&mut c.label, || format!("{p}.label"), true);
    let unit = cx.unit(&mut c.unit, || format!("{p}.unit"));
    let rule = match cx.req(&c.rule, || format!("{p}.rule")) {
        Some(r) => Rule::parse(r).or_else(|| {
            cx.err(
                format!("{p}.rule"),
                not_one_of(Choice::Rule, r, Rule::NAMES),
            );
            None
        }),
        None => None,
    };
    if c.items.is_empty() {
        cx.err(format!("{p}.items"), PlanErrorKind::Missing);
    }
    let mut m = Maker {
        names,
        list,
        zh: label.zh.clone(),
        en: label.get(crate::core::Lang::En).to_string(),
        id,
        unit,
    };
    let available = m.available(cx, c, p);
    let items = m.needs(cx, &mut c.items, p);
    let (need, gap) = m.totals(cx, &items, p);
    let rule = rule?;
    let items = m.shares(cx, rule, items);
    Some(Constraint {
        id: m.id,
        label,
        unit: m.unit,
        rule,
        available,
        need,
        gap,
        items,
    })
}

/// One item while its constraint is read: id, label, the slot of its need, its place.
struct ItemNeed {
    id: String,
    label: Text,
    need: usize,
    place: String,
}

/// Makes the derived quantities of one constraint (`{id}_available`, `{id}_{item}_need`,
/// `{id}_need`, `{id}_gap`, `{id}_{item}_share`), their ids taken from the plan's names.
struct Maker<'a> {
    names: &'a mut Names,
    list: &'a mut DerivedList,
    id: String,
    zh: String,
    en: String,
    unit: Unit,
}

impl Maker<'_> {
    /// Takes `name` among the plan's names; a clash is reported at `place`.
    fn take(&mut self, cx: &mut Ctx, name: String, place: &str) -> String {
        if !self.names.add(name.clone()) {
            cx.err(place, PlanErrorKind::DuplicateId(name.clone()));
        }
        name
    }

    fn available(&mut self, cx: &mut Ctx, c: &ConstraintFile, p: &Item) -> usize {
        let place = format!("{p}.available");
        let src = cx.req(&c.available, || place.clone()).cloned();
        let e = src.as_deref().and_then(|f| cx.formula(f, || place.clone()));
        let d = Derived {
            id: self.take(cx, format!("{}_available", self.id), &format!("{p}.id")),
            label: both(format!("{}可用", self.zh), format!("{} available", self.en)),
            unit: self.unit.clone(),
            formula: src.unwrap_or_default(),
            summary: false,
        };
        self.list.push(d, e, place)
    }

    fn needs(&mut self, cx: &mut Ctx, files: &mut [ConstraintItemFile], p: &Item) -> Vec<ItemNeed> {
        let mut items = Vec::new();
        let mut item_ids = Names::new();
        for (k, it) in files.iter_mut().enumerate() {
            let q = format!("{p}.items[{k}]");
            let iid = cx.id(&it.id, || format!("{q}.id"), &mut item_ids);
            let ilabel = cx.text(&mut it.label, || format!("{q}.label"), true);
            let src = cx.req(&it.need, || format!("{q}.need")).cloned();
            let e = src
                .as_deref()
                .and_then(|f| cx.formula(f, || format!("{q}.need")));
            let ien = ilabel.get(crate::core::Lang::En).to_string();
            let d = Derived {
                id: self.take(cx, format!("{}_{iid}_need", self.id), &format!("{q}.id")),
                label: both(
                    format!("{}所需{}", ilabel.zh, self.zh),
                    format!("{} needed: {ien}", self.en),
                ),
                unit: self.unit.clone(),
                formula: src.unwrap_or_default(),
                summary: false,
            };
            let need = self.list.push(d, e, format!("{q}.need"));
            items.push(ItemNeed {
                id: iid,
                label: ilabel,
                need,
                place: q,
            });
        }
        items
    }

    fn need_id(&self, item: &ItemNeed) -> String {
        format!("{}_{}_need", self.id, item.id)
    }

    /// `{id}_need` (the sum of the items' needs) and `{id}_gap`.
    fn totals(&mut self, cx: &mut Ctx, items: &[ItemNeed], p: &Item) -> (usize, usize) {
        let need_ids: Vec<String> = items.iter().map(|it| self.need_id(it)).collect();
        let total = if need_ids.is_empty() {
            "0".to_string()
        } else {
            need_ids.join(" + ")
        };
        let here = format!("{p}.id");
        let (id, zh, en) = (self.id.clone(), &self.zh, &self.en);
        let need_label = both(format!("{zh}需求"), format!("{en} needed"));
        let gap_label = both(format!("{zh}缺口"), format!("{en} gap"));
        let need_id = self.take(cx, format!("{id}_need"), &here);
        let gap_formula = format!("max(0, {need_id} - {id}_available)");
        let need = self
            .list
            .made(need_id, need_label, &self.unit, total, &here);
        let gap_id = self.take(cx, format!("{id}_gap"), &here);
        let gap = self
            .list
            .made(gap_id, gap_label, &self.unit, gap_formula, &here);
        (need, gap)
    }

    /// Each item's share of what it needs that the resource covers, by `rule`.
    fn shares(&mut self, cx: &mut Ctx, rule: Rule, items: Vec<ItemNeed>) -> Vec<ConstraintItem> {
        let need_ids: Vec<String> = items.iter().map(|it| self.need_id(it)).collect();
        let share_unit = Unit::plain(Text::new("", ""));
        let mut out = Vec::new();
        for (k, it) in items.into_iter().enumerate() {
            let formula = share_formula(&self.id, rule, &need_ids, k);
            let name = format!("{}_{}_share", self.id, it.id);
            let share_id = self.take(cx, name, &format!("{}.id", it.place));
            let ien = it.label.get(crate::core::Lang::En).to_string();
            let label = both(
                format!("{}：{}到位比例", it.label.zh, self.zh),
                format!("{ien}: share covered by {}", self.en),
            );
            let share = self
                .list
                .made(share_id, label, &share_unit, formula, &it.place);
            out.push(ConstraintItem {
                id: it.id,
                label: it.label,
                need: it.need,
                share,
                targets: Vec::new(),
            });
        }
        out
    }
}

/// The formula of item `k`'s share: pro rata of the total need, or what is left after the
/// items before it.
fn share_formula(id: &str, rule: Rule, need_ids: &[String], k: usize) -> String {
    let (need_id, avail_id) = (format!("{id}_need"), format!("{id}_available"));
    match rule {
        Rule::ProRata => {
            format!("if({need_id} <= 0, 1, clamp({avail_id} / {need_id}, 0, 1))")
        }
        Rule::InOrder => {
            let mine = need_ids.get(k).cloned().unwrap_or_default();
            let before = need_ids.get(..k).unwrap_or(&[]).join(" + ");
            let left = if before.is_empty() {
                avail_id
            } else {
                format!("{avail_id} - ({before})")
            };
            format!("if({mine} <= 0, 1, clamp(({left}) / {mine}, 0, 1))")
        }
    }
}
