//! County goals from data (issue 11, item 6) and a ranking of work, not of reporting (issue 16,
//! item 4): the breakdown of the Handan plan and of a plan on chargers as expected files, the
//! order of divisions and targets changing nothing, whole-unit milestones, and a county that
//! reported nothing not ranked behind one that reported late.
//! `UPDATE_EXPECT=1 cargo test --test it county_goals` rewrites the expected files.

use crate::golden;
use crate::support::root;
use plan_widget::core::i18n::Lang;
use plan_widget::core::progress::export::{breakdown_json, report_json, BreakdownJson};
use plan_widget::core::progress::{parse_actuals, progress, Breakdown};
use plan_widget::core::{parse_plan, Plan};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn plan_of(v: &Value) -> Plan {
    parse_plan(&v.to_string()).unwrap()
}

/// The breakdown as reviewable text: one line per target (rule, basis, provisional, whole) and
/// one per city or division (baseline → goal, Q1–Q4).
fn breakdown_text(bd: &BreakdownJson) -> String {
    let mut out = String::new();
    for t in &bd.targets {
        out.push_str(&format!(
            "{} [{} {} among={} basis={}{}{}]\n",
            t.id,
            t.split,
            t.aggregate,
            t.among,
            t.basis,
            if t.provisional { " provisional" } else { "" },
            if t.whole { " whole" } else { "" },
        ));
        for r in &t.rows {
            let q: Vec<String> = r.quarters.iter().map(|x| x.to_string()).collect();
            out.push_str(&format!(
                "  {:<10} {} → {}  Q {}  ({})\n",
                r.county,
                r.baseline,
                r.goal,
                q.join(" / "),
                r.responsible
            ));
        }
    }
    out
}

/// The breakdown against `DIR/breakdown.expected.KIND`.
fn check_breakdown(plan: &Plan, lang: Lang, dir: &str, kind: &str) {
    let bd = Breakdown::new(plan);
    let got = breakdown_text(&breakdown_json(plan, &bd, lang));
    golden::check(&root().join(dir).join("breakdown"), kind, &got);
}

#[test]
fn handan_breakdown_expected() {
    let plan = plan_of(&serde_json::from_str(&read("plans/handan-edu-2022.json")).unwrap());
    check_breakdown(&plan, Lang::ZhCn, "tests/progress/handan", "txt");
}

#[test]
fn chargers_breakdown_expected_in_both_languages() {
    let plan = parse_plan(&read("tests/progress/chargers/plan.json")).unwrap();
    check_breakdown(&plan, Lang::ZhCn, "tests/progress/chargers", "zh.txt");
    check_breakdown(&plan, Lang::En, "tests/progress/chargers", "en.txt");
}

#[test]
fn handan_goals_rest_on_data_or_say_provisional() {
    let plan = plan_of(&serde_json::from_str(&read("plans/handan-edu-2022.json")).unwrap());
    let bd = breakdown_json(&plan, &Breakdown::new(&plan), Lang::En);
    let t = |id: &str| bd.targets.iter().find(|t| t.id == id).unwrap();
    // Rural targets reach only divisions with rural areas: never the three central districts.
    for id in [
        "rural_demo_kg_new",
        "rural_demo_kg_total",
        "rural_quality_schools",
    ] {
        let rows: Vec<&str> = t(id).rows.iter().map(|r| r.county.as_str()).collect();
        assert!(
            !rows
                .iter()
                .any(|c| ["hanshan", "congtai", "fuxing"].contains(c)),
            "{id}"
        );
        assert_eq!(t(id).among, "rural");
    }
    // Per-school minimums are minimums in every division, not a split city total.
    let spec = t("voc_key_specialties_per_school");
    assert_eq!((spec.split, spec.aggregate), ("per_county_min", "min"));
    assert!(spec.rows.iter().all(|r| r.goal == 2.0));
    // City bodies and city money are the city's own.
    for id in [
        "funding",
        "funding_growth",
        "teacher_studios",
        "master_points",
    ] {
        assert_eq!(t(id).rows.len(), 1, "{id}");
    }
    // Equal shares are a placeholder, and say so; counts are whole in every month.
    let sh = t("new_senior_high");
    assert!(sh.provisional && sh.whole);
    assert_eq!(sh.rows.iter().skip(1).map(|r| r.goal).sum::<f64>(), 11.0);
    for r in &sh.rows {
        assert!(
            r.months.iter().all(|m| m.fract() == 0.0),
            "{}: {:?}",
            r.county,
            r.months
        );
    }
}

/// A county that reported nothing is listed for follow-up, not ranked behind one that reported
/// late; under the plan rule `unreported: behind` it would be last and called in.
#[test]
fn silent_county_is_followed_up_not_ranked_behind_a_late_one() {
    let text = read("tests/progress/ranking/silent_and_late.csv");
    let rank_of = |plan: &Plan| {
        let load = parse_actuals(plan, &text);
        assert!(load.errors.is_empty());
        let r = progress(plan, &Breakdown::new(plan), &load.actuals, None).unwrap();
        let rep = report_json(plan, &r, Lang::En);
        let by_id: BTreeMap<String, _> = rep
            .ranking
            .iter()
            .map(|x| (x.county.clone(), x.clone()))
            .collect();
        (rep, by_id)
    };
    let mut v: Value = serde_json::from_str(&read("tests/progress/plan.json")).unwrap();
    let (rep, r) = rank_of(&plan_of(&v));
    let order: Vec<&str> = rep.ranking.iter().map(|x| x.county.as_str()).collect();
    assert_eq!(order, ["centre", "north", "south", "hills"]);
    assert_eq!(r["south"].rank, Some(3));
    assert!(r["south"].interview, "late and behind: last ranked place");
    assert_eq!(r["hills"].rank, None);
    assert!(r["hills"].follow_up && !r["hills"].interview);
    assert_eq!(
        (r["hills"].reported, r["hills"].no_report),
        (0, r["hills"].tasks)
    );
    golden::check(
        &root().join("tests/progress/ranking/silent_and_late.csv"),
        "json",
        &(serde_json::to_string_pretty(&rep.ranking).unwrap() + "\n"),
    );
    // The rule is the plan's: counting a missing report as behind ranks Hills last.
    v["counties"]["ranking"]["unreported"] = "behind".into();
    let (_, r) = rank_of(&plan_of(&v));
    assert_eq!(r["hills"].rank, Some(4));
    assert!(r["hills"].interview && !r["hills"].follow_up);
}

/// Everything a county sees, keyed by ids (never by position): goals, milestones, report cells
/// and ranking lines.
fn fingerprint(plan: &Plan, actuals: &str) -> Value {
    let bd = Breakdown::new(plan);
    let mut goals = BTreeMap::new();
    for t in breakdown_json(plan, &bd, Lang::En).targets {
        for r in t.rows {
            goals.insert(
                format!("{}/{}", t.id, r.county),
                serde_json::to_value(r).unwrap(),
            );
        }
    }
    let load = parse_actuals(plan, actuals);
    let report = report_json(
        plan,
        &progress(plan, &bd, &load.actuals, None).unwrap(),
        Lang::En,
    );
    let cells: BTreeMap<String, Value> = report
        .cells
        .iter()
        .map(|c| {
            (
                format!("{}/{}", c.target, c.county),
                serde_json::to_value(c).unwrap(),
            )
        })
        .collect();
    let ranking: BTreeMap<String, Value> = report
        .ranking
        .iter()
        .map(|r| (r.county.clone(), serde_json::to_value(r).unwrap()))
        .collect();
    serde_json::json!({ "goals": goals, "cells": cells, "ranking": ranking })
}

fn permuted(v: &Value, divisions: &[usize], targets: &[usize], entries: &[usize]) -> Value {
    let pick = |arr: &Value, order: &[usize]| {
        Value::Array(order.iter().map(|i| arr[*i].clone()).collect())
    };
    let mut out = v.clone();
    out["counties"]["divisions"] = pick(&v["counties"]["divisions"], divisions);
    out["targets"] = pick(&v["targets"], targets);
    out["counties"]["targets"] = pick(&v["counties"]["targets"], entries);
    out
}

fn order_strategy(v: &Value) -> impl Strategy<Value = (Vec<usize>, Vec<usize>, Vec<usize>)> {
    let n = |p: &str| v.pointer(p).and_then(Value::as_array).map_or(0, Vec::len);
    let shuffled = |k: usize| Just((0..k).collect::<Vec<_>>()).prop_shuffle();
    (
        shuffled(n("/counties/divisions")),
        shuffled(n("/targets")),
        shuffled(n("/counties/targets")),
    )
}

fn check_order_free(plan_file: &str, actuals_file: &str, cases: u32) {
    let v: Value = serde_json::from_str(&read(plan_file)).unwrap();
    let actuals = read(actuals_file);
    let want = fingerprint(&plan_of(&v), &actuals);
    let config = ProptestConfig {
        cases,
        ..ProptestConfig::default()
    };
    proptest!(config, |(order in order_strategy(&v))| {
        let (d, t, e) = order;
        let got = fingerprint(&plan_of(&permuted(&v, &d, &t, &e)), &actuals);
        prop_assert_eq!(&got, &want);
    });
}

#[test]
fn order_of_divisions_and_targets_changes_nothing_handan() {
    check_order_free(
        "plans/handan-edu-2022.json",
        "tests/progress/handan/june.csv",
        24,
    );
}

#[test]
fn order_of_divisions_and_targets_changes_nothing_demo() {
    check_order_free(
        "tests/progress/plan.json",
        "tests/progress/ranking/silent_and_late.csv",
        64,
    );
    check_order_free(
        "tests/progress/plan.json",
        "tests/progress/demo/june.csv",
        64,
    );
}

#[test]
fn order_of_divisions_and_targets_changes_nothing_chargers() {
    check_order_free(
        "tests/progress/chargers/plan.json",
        "tests/progress/chargers/march.csv",
        64,
    );
}

/// The demo plan with its counties block edited; the check's messages (English) or the plan.
fn edited(edit: impl FnOnce(&mut Value)) -> Result<Plan, Vec<String>> {
    let mut v: Value = serde_json::from_str(&read("tests/progress/plan.json")).unwrap();
    edit(&mut v["counties"]);
    parse_plan(&v.to_string()).map_err(|e| e.0.iter().map(|x| x.message(Lang::En)).collect())
}

#[test]
fn weight_sets_among_and_rules_are_checked_with_places() {
    let errors = edited(|c| {
        c["weight_sets"] = serde_json::json!({
            "census": {"note": {"zh": "示例", "en": "sample"}, "weights": {"centre": 5, "north": -1, "sout": 2}},
            "blank": {"weights": {"centre": 0, "north": 0, "south": 0, "hills": 0}}
        });
        c["default_weights"] = "censs".into();
        c["targets"][1]["weights"] = "blank".into();
        c["targets"][1]["among"] = "rural".into();
        c["targets"][4]["among"] = "urban".into();
        c["targets"][4]["weights"] = "census".into();
        c["targets"][4]["shares"] = serde_json::json!({"centre": 100});
        c["ranking"]["unreported"] = "skip".into();
    })
    .unwrap_err();
    let want = [
        "counties.weight_sets.blank.note: required field is missing",
        "counties.weight_sets.census.weights.north: weight -1 must not be below 0",
        "counties.weight_sets.census.weights.sout: unknown county-level division 'sout' (did you mean 'south'?)",
        "counties.weight_sets.census.weights: the weight set has no weight for division 'south'",
        "counties.weight_sets.census.weights: the weight set has no weight for division 'hills'",
        "counties.default_weights: unknown weight set 'censs' (did you mean 'census'?)",
        "counties.targets[4].among: among 'urban' is not one of all, rural, non_central, central",
        "counties.targets[4].weights: give `weights` or `shares`, not both",
        "counties.ranking.unreported: unreported 'skip' is not one of follow_up, behind",
    ];
    assert_eq!(errors, want);
    // A rural split over a set with no weight among rural divisions says so at its place.
    let errors = edited(|c| {
        c["weight_sets"] = serde_json::json!({
            "towns": {"note": {"zh": "示例", "en": "sample"}, "weights": {"centre": 5, "north": 0, "south": 0, "hills": 0}}
        });
        c["targets"][0]["weights"] = "towns".into();
        c["targets"][0]["aggregate"] = "sum".into();
        c["targets"][0]["among"] = "rural".into();
    })
    .unwrap_err();
    assert_eq!(
        errors,
        ["counties.targets[0].among: no division among 'rural' has a weight above 0"]
    );
}

#[test]
fn a_plan_without_county_unit_names_the_division_itself() {
    let plan = edited(|c| {
        c.as_object_mut().unwrap().remove("county_unit");
    })
    .unwrap();
    let c = plan.counties().unwrap();
    assert_eq!(c.county_unit(1, Lang::ZhCn), "北县");
    assert_eq!(c.county_unit(1, Lang::En), "North County");
}
