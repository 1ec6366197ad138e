//! `build`: the plan file's sections in order (header, sections, inputs, derived, constraints,
//! targets, names, counties, order), then the compiled program.

use super::constraints::{self, DerivedList};
use super::fields::{date_ok, goal, not_one_of, origin, plan_id_ok, range, Item};
use super::graph::topo_order;
use super::reach::reach;
use super::{Choice, Ctx, IdKind, PlanErrorKind, PlanErrors};
use crate::core::county::counties;
use crate::core::engine::Program;
use crate::core::expr::Expr;
use crate::core::format::{
    AssumptionFile, DerivedFile, LeverFile, PlanFile, TargetFile, TextFile, UnitFile,
    FORMAT_VERSION,
};
use crate::core::keyed::{Keyed, Names};
use crate::core::plan::{
    nearest, Derived, Goal, Input, InputKind, Origin, Plan, PlanMeta, Profile, Role, Section,
    Target, TargetKind,
};

/// The target kinds and progress profiles, as the plan file writes them.
const KINDS: [&str; 2] = ["number", "yes_no"];
const PROFILES: [&str; 2] = ["linear", "back_loaded"];

pub(super) fn build(file: &mut PlanFile) -> Result<Plan, PlanErrors> {
    let mut cx = Ctx { errors: Vec::new() };
    let meta = header(&mut cx, file);
    let sections = Sections::read(&mut cx, file);
    let mut names = Names::new();
    let inputs = inputs(&mut cx, file, &sections, &mut names);
    let mut list = derived(&mut cx, &mut file.derived, &mut names);
    let mut plan_constraints =
        constraints::build(&mut cx, &mut file.constraints, &mut names, &mut list);
    let (targets, target_exprs) = targets(&mut cx, &mut file.targets, &sections);
    let slot_of = slots(&inputs, &list.derived);
    check_names(&mut cx, &slot_of, &list, &target_exprs);
    let year = file.year;
    let counties = file
        .counties
        .as_mut()
        .map(|c| counties(&mut cx, c, &targets, year));
    let n_inputs = inputs.len();
    let order = topo_order(
        &mut cx,
        &list.derived,
        &list.exprs,
        &list.places,
        &slot_of,
        n_inputs,
    );
    if !cx.errors.is_empty() {
        return Err(PlanErrors(cx.errors));
    }
    let program = compile(n_inputs, &order, &list.exprs, &target_exprs, &slot_of);
    let (input_targets, derived_targets) =
        reach(n_inputs, &order, &list.exprs, &target_exprs, &slot_of);
    for item in plan_constraints.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.targets = derived_targets.get(item.share).cloned().unwrap_or_default();
    }
    Ok(Plan {
        meta,
        sections: sections.list,
        inputs,
        derived: list.derived,
        targets,
        program,
        input_targets,
        counties,
        constraints: plan_constraints,
    })
}

/// The top level: format, id, version, title, dates.
fn header(cx: &mut Ctx, file: &mut PlanFile) -> PlanMeta {
    match file.format {
        None => cx.err("format", PlanErrorKind::Missing),
        Some(FORMAT_VERSION) => {}
        Some(v) => cx.err("format", PlanErrorKind::WrongFormat(v)),
    }
    let id = cx
        .req(&file.id, || "id".into())
        .cloned()
        .unwrap_or_default();
    if file.id.is_some() && !plan_id_ok(&id) {
        cx.err("id", PlanErrorKind::BadPlanId(id.clone()));
    }
    let version = match file.version {
        None => {
            cx.err("version", PlanErrorKind::Missing);
            0
        }
        Some(v) => v,
    };
    let title = cx.text(&mut file.title, || "title".into(), true);
    let published = file.published.clone().unwrap_or_default();
    if !published.is_empty() && !date_ok(&published) {
        cx.err("published", PlanErrorKind::BadDate(published.clone()));
    }
    PlanMeta {
        id,
        version,
        title,
        publisher: cx.text(&mut file.publisher, || "publisher".into(), false),
        published,
        year: file.year.unwrap_or(0),
        summary: cx.text(&mut file.summary, || "summary".into(), false),
    }
}

/// The plan's sections, and a check that a named section is one of them.
struct Sections {
    list: Vec<Section>,
    ids: Names,
}

impl Sections {
    fn read(cx: &mut Ctx, file: &mut PlanFile) -> Sections {
        let mut ids = Names::new();
        let mut list = Vec::new();
        for (i, s) in file.sections.iter_mut().enumerate() {
            let id = cx.id(&s.id, || format!("sections[{i}].id"), &mut ids);
            let title = cx.text(&mut s.title, || format!("sections[{i}].title"), true);
            list.push(Section { id, title });
        }
        if list.is_empty() {
            cx.err("sections", PlanErrorKind::Missing);
        }
        Sections { list, ids }
    }

    fn first(&self) -> String {
        self.list.first().map(|s| s.id.clone()).unwrap_or_default()
    }

    fn check(&self, cx: &mut Ctx, id: &str, place: String) {
        if !self.ids.contains_key(id) {
            let suggestion = nearest(id, self.list.iter().map(|s| s.id.as_str())).map(String::from);
            let kind = PlanErrorKind::Unknown {
                kind: IdKind::Section,
                id: id.to_string(),
                suggestion,
            };
            cx.err(place, kind);
        }
    }
}

/// The fields a lever and an assumption share, borrowed from either; an assumption also has
/// its low and high.
struct InputFields<'a> {
    kind: InputKind,
    id: &'a Option<String>,
    label: &'a mut Option<TextFile>,
    unit: &'a mut Option<UnitFile>,
    group: &'a Option<String>,
    range: [Option<f64>; 4],
    low_high: Option<(Option<f64>, Option<f64>)>,
    note: &'a mut Option<TextFile>,
    origin: &'a Option<String>,
}

impl<'a> InputFields<'a> {
    fn lever(l: &'a mut LeverFile) -> Self {
        InputFields {
            kind: InputKind::Policy,
            id: &l.id,
            label: &mut l.label,
            unit: &mut l.unit,
            group: &l.group,
            range: [l.min, l.max, l.step, l.default],
            low_high: None,
            note: &mut l.note,
            origin: &l.origin,
        }
    }

    fn assumption(a: &'a mut AssumptionFile) -> Self {
        InputFields {
            kind: InputKind::Assumption,
            id: &a.id,
            label: &mut a.label,
            unit: &mut a.unit,
            group: &a.group,
            range: [a.min, a.max, a.step, a.default],
            low_high: Some((a.low, a.high)),
            note: &mut a.note,
            origin: &a.origin,
        }
    }
}

/// Levers, then assumptions, in one list of inputs.
fn inputs(cx: &mut Ctx, file: &mut PlanFile, sections: &Sections, names: &mut Names) -> Vec<Input> {
    let levers = file.levers.iter_mut().enumerate();
    let levers = levers.map(|(i, l)| (Item("levers", i), InputFields::lever(l)));
    let assumptions = file.assumptions.iter_mut().enumerate();
    let assumptions =
        assumptions.map(|(i, a)| (Item("assumptions", i), InputFields::assumption(a)));
    levers
        .chain(assumptions)
        .map(|(p, f)| input(cx, f, &p, sections, names))
        .collect()
}

fn input(cx: &mut Ctx, f: InputFields, p: &Item, sections: &Sections, names: &mut Names) -> Input {
    let id = cx.id(f.id, || format!("{p}.id"), names);
    let label = cx.text(f.label, || format!("{p}.label"), true);
    let unit = cx.unit(f.unit, || format!("{p}.unit"));
    let group = f.group.clone().unwrap_or_else(|| sections.first());
    if f.group.is_some() {
        sections.check(cx, &group, format!("{p}.group"));
    }
    let [min, max, step, default] = f.range;
    let (min, max, step, default) = range(cx, p, min, max, step, default);
    let (low, high) = match f.low_high {
        None => (default, default),
        Some((low, high)) => {
            let low = cx.num(low, || format!("{p}.low"));
            let high = cx.num(high, || format!("{p}.high"));
            check_spread(cx, p, [min, low, default, high, max]);
            (low, high)
        }
    };
    let assumption = f.kind == InputKind::Assumption;
    let note = cx.text(f.note, || format!("{p}.note"), assumption);
    let allowed: &[Origin] = if assumption {
        &Origin::ASSUMPTION
    } else {
        &Origin::LEVER
    };
    Input {
        id,
        kind: f.kind,
        label,
        unit,
        group,
        min,
        max,
        step,
        default,
        low,
        high,
        note,
        origin: origin(cx, f.origin, allowed, || format!("{p}.origin")),
    }
}

/// An assumption's min ≤ low ≤ default ≤ high ≤ max.
fn check_spread(cx: &mut Ctx, p: &Item, values: [f64; 5]) {
    let [min, low, default, high, max] = values;
    if values.iter().all(|v| v.is_finite()) && !values.is_sorted() {
        let kind = PlanErrorKind::RangeOrder {
            min,
            low,
            default,
            high,
            max,
        };
        cx.err(format!("{p}.low"), kind);
    }
}

/// Derived quantities, each with its parsed formula and the place of that formula.
fn derived(cx: &mut Ctx, files: &mut [DerivedFile], names: &mut Names) -> DerivedList {
    let mut list = DerivedList {
        derived: Vec::new(),
        exprs: Vec::new(),
        places: Vec::new(),
    };
    for (i, d) in files.iter_mut().enumerate() {
        let p = Item("derived", i);
        let id = cx.id(&d.id, || format!("{p}.id"), names);
        let label = cx.text(&mut d.label, || format!("{p}.label"), true);
        let unit = cx.unit(&mut d.unit, || format!("{p}.unit"));
        let formula = cx.req(&d.formula, || format!("{p}.formula")).cloned();
        let e = formula
            .as_deref()
            .and_then(|f| cx.formula(f, || format!("{p}.formula")));
        list.exprs.push(e);
        list.places.push(format!("{p}.formula"));
        list.derived.push(Derived {
            id,
            label,
            unit,
            formula: formula.unwrap_or_default(),
            summary: d.summary,
        });
    }
    list
}

/// Targets, each with its parsed `value` formula (if any).
fn targets(
    cx: &mut Ctx,
    files: &mut [TargetFile],
    sections: &Sections,
) -> (Vec<Target>, Vec<Option<Expr>>) {
    let mut ids = Names::new();
    let mut targets = Vec::new();
    let mut exprs = Vec::new();
    for (i, t) in files.iter_mut().enumerate() {
        let p = Item("targets", i);
        let (target, e) = target(cx, t, &p, sections, &mut ids);
        targets.push(target);
        exprs.push(e);
    }
    if files.is_empty() {
        cx.err("targets", PlanErrorKind::NoTargets);
    }
    (targets, exprs)
}

fn target(
    cx: &mut Ctx,
    t: &mut TargetFile,
    p: &Item,
    sections: &Sections,
    ids: &mut Names,
) -> (Target, Option<Expr>) {
    let id = cx.id(&t.id, || format!("{p}.id"), ids);
    let section = cx
        .req(&t.section, || format!("{p}.section"))
        .cloned()
        .unwrap_or_default();
    if t.section.is_some() {
        sections.check(cx, &section, format!("{p}.section"));
    }
    let label = cx.text(&mut t.label, || format!("{p}.label"), true);
    let unit = cx.unit(&mut t.unit, || format!("{p}.unit"));
    let goal = match cx.req(&t.goal, || format!("{p}.goal")) {
        Some(g) => goal(cx, g, p),
        None => Goal::AtLeast(0.0),
    };
    let (kind, profile) = kind_and_profile(cx, t, p);
    let baseline = match t.baseline {
        Some(b) if !b.is_finite() => {
            cx.err(format!("{p}.baseline"), PlanErrorKind::NotFinite);
            0.0
        }
        Some(b) => b,
        None => 0.0,
    };
    let (role, source) = role_and_source(cx, t, p);
    let e = t
        .value
        .as_deref()
        .and_then(|f| cx.formula(f, || format!("{p}.value")));
    let target = Target {
        id,
        section,
        label,
        unit,
        goal,
        kind,
        baseline,
        profile,
        source,
        note: cx.text(&mut t.note, || format!("{p}.note"), false),
        value: t.value.clone(),
        role,
    };
    (target, e)
}

fn kind_and_profile(cx: &mut Ctx, t: &TargetFile, p: &Item) -> (TargetKind, Profile) {
    let kind = match t.kind.as_deref() {
        None | Some("number") => TargetKind::Number,
        Some("yes_no") => TargetKind::YesNo,
        Some(k) => {
            cx.err(format!("{p}.kind"), not_one_of(Choice::Kind, k, KINDS));
            TargetKind::Number
        }
    };
    let profile = match t.profile.as_deref() {
        None | Some("linear") => Profile::Linear,
        Some("back_loaded") => Profile::BackLoaded,
        Some(k) => {
            let kind = not_one_of(Choice::Profile, k, PROFILES);
            cx.err(format!("{p}.profile"), kind);
            Profile::Linear
        }
    };
    (kind, profile)
}

/// The target's role, and its quote from the document (a check has none).
fn role_and_source(cx: &mut Ctx, t: &TargetFile, p: &Item) -> (Role, String) {
    let role = match t.role.as_deref().map(|r| (r, Role::parse(r))) {
        None => Role::Outcome,
        Some((_, Some(r))) => r,
        Some((r, None)) => {
            let kind = not_one_of(Choice::Role, r, Role::ALL.map(Role::as_str));
            cx.err(format!("{p}.role"), kind);
            Role::Outcome
        }
    };
    let source = if role == Role::Check {
        if t.source.is_some() {
            cx.err(format!("{p}.source"), PlanErrorKind::CheckHasSource);
        }
        String::new()
    } else {
        cx.req(&t.source, || format!("{p}.source"))
            .cloned()
            .unwrap_or_default()
    };
    if role != Role::Check && t.source.is_some() && source.trim().is_empty() {
        cx.err(format!("{p}.source"), PlanErrorKind::EmptyText);
    }
    (role, source)
}

/// Every input and derived quantity by name → its slot (inputs first).
fn slots(inputs: &[Input], derived: &[Derived]) -> Keyed<usize> {
    inputs
        .iter()
        .map(|i| i.id.as_str())
        .chain(derived.iter().map(|d| d.id.as_str()))
        .enumerate()
        .map(|(slot, id)| (id.to_string(), slot))
        .collect()
}

/// Every name in a formula names an input or a derived quantity.
fn check_names(
    cx: &mut Ctx,
    slot_of: &Keyed<usize>,
    list: &DerivedList,
    target_exprs: &[Option<Expr>],
) {
    let mut all_names: Vec<(&str, usize)> = slot_of.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    // Slots are unique: the stable shared sort orders them as an unstable one would.
    crate::core::order::sort_by(&mut all_names, |a, b| a.1.cmp(&b.1));
    let check = |cx: &mut Ctx, e: &Option<Expr>, place: String| {
        let mut vars = Vec::new();
        if let Some(e) = e {
            e.vars(&mut vars);
        }
        for (name, _) in vars {
            if !slot_of.contains_key(name.as_str()) {
                let suggestion =
                    nearest(&name, all_names.iter().map(|(n, _)| *n)).map(String::from);
                let kind = PlanErrorKind::Unknown {
                    kind: IdKind::Name,
                    id: name,
                    suggestion,
                };
                cx.err(place.clone(), kind);
            }
        }
    };
    for (e, place) in list.exprs.iter().zip(&list.places) {
        check(cx, e, place.clone());
    }
    for (i, e) in target_exprs.iter().enumerate() {
        check(cx, e, format!("targets[{i}].value"));
    }
}

/// Derived quantities in their order, then targets, into one program.
fn compile(
    n_inputs: usize,
    order: &[usize],
    derived_exprs: &[Option<Expr>],
    target_exprs: &[Option<Expr>],
    slot_of: &Keyed<usize>,
) -> Program {
    let n_derived = derived_exprs.len();
    let mut program = Program::new(n_inputs + n_derived + target_exprs.len());
    let resolve = |name: &str| slot_of.get(name).copied();
    for &d in order {
        if let Some(Some(e)) = derived_exprs.get(d) {
            program.push(e, n_inputs + d, &resolve);
        }
    }
    let missing = Expr::Num(f64::NAN);
    for (t, e) in target_exprs.iter().enumerate() {
        program.push(
            e.as_ref().unwrap_or(&missing),
            n_inputs + n_derived + t,
            &resolve,
        );
    }
    program
}
