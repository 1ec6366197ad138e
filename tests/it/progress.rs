//! Progress by county: the counties block, milestones, actuals, status, ranking, exports, CLI.
//!
//! Snapshot tests: every actuals file under tests/progress/{demo,handan,chargers}/ has its
//! expected result next to it (`NAME.expected.json`, crate::golden). `UPDATE_EXPECT=1 cargo test --test it progress`
//! rewrites them; review the diff by hand.

use crate::golden;
use crate::support::{root, run_cli as cli};
use plan_widget::core::builtin;
use plan_widget::core::i18n::Lang;
use plan_widget::core::plan::Profile;
use plan_widget::core::progress::actuals::{parse_csv, parse_json, RowErrorKind};
use plan_widget::core::progress::export::{
    breakdown_csv, breakdown_json, grid_csv, ranking_csv, report_csv, report_json,
};
use plan_widget::core::progress::{
    apportion, fraction, month_in_year, parse_actuals, progress, status_of, timeline, Breakdown,
    Milestones, ProgressError, ProgressStatus, Scope,
};
use plan_widget::core::{parse_plan, Plan};
use serde_json::{json, Value};
use std::path::Path;

fn demo_text() -> String {
    std::fs::read_to_string(root().join("tests/progress/plan.json")).unwrap()
}

fn demo() -> Plan {
    parse_plan(&demo_text()).unwrap()
}

fn handan() -> Plan {
    builtin::load(builtin::DEFAULT_ID).unwrap().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_months(m: &Milestones, expected: &[f64]) {
    assert_eq!(expected.len(), 12);
    for (i, (a, b)) in m.months.iter().zip(expected).enumerate() {
        assert!(close(*a, *b), "month {}: {a} != {b}", i + 1);
    }
}

// ---------------------------------------------------------------- snapshots

/// What a snapshot holds: row errors in both languages, warnings, the as-of month, the ranking
/// and every cell that has a report.
fn snapshot(plan: &Plan, input: &Path) -> Value {
    let text = std::fs::read_to_string(input).unwrap();
    let load = parse_actuals(plan, &text);
    let bd = Breakdown::new(plan);
    let report = progress(plan, &bd, &load.actuals, None).unwrap();
    let rep = report_json(plan, &report, Lang::En);
    let cells: Vec<Value> = rep
        .cells
        .iter()
        .filter(|c| c.status != "no_report")
        .map(|c| serde_json::to_value(c).unwrap())
        .collect();
    json!({
        "errors_en": load.errors.iter().map(|e| e.message(Lang::En)).collect::<Vec<_>>(),
        "errors_zh": load.errors.iter().map(|e| e.message(Lang::ZhCn)).collect::<Vec<_>>(),
        "warnings_en": load.warnings.iter().map(|e| e.message(Lang::En)).collect::<Vec<_>>(),
        "values_used": load.actuals.len(),
        "as_of": rep.as_of,
        "ranking": rep.ranking,
        "reported_cells": cells,
    })
}

/// Every actuals file (CSV or JSON) of each folder, against its snapshot beside it.
#[test]
fn snapshots_of_every_actuals_file() {
    let chargers = || {
        parse_plan(
            &std::fs::read_to_string(root().join("tests/progress/chargers/plan.json")).unwrap(),
        )
        .unwrap()
    };
    let suites: [(&str, Plan); 3] = [
        ("demo", demo()),
        ("handan", handan()),
        ("chargers", chargers()),
    ];
    for (folder, plan) in &suites {
        let dir = root().join("tests/progress").join(folder);
        for input in golden::inputs(&dir, &["csv", "json"]) {
            if input.file_name().is_some_and(|n| n == "plan.json") {
                continue;
            }
            let got = serde_json::to_string_pretty(&snapshot(plan, &input)).unwrap() + "\n";
            golden::check(&input, "json", &got);
        }
    }
}

#[test]
fn json_actuals_give_the_same_report_as_csv() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    let csv = parse_actuals(
        &plan,
        &std::fs::read_to_string(root().join("tests/progress/demo/june.csv")).unwrap(),
    );
    let js = parse_actuals(
        &plan,
        &std::fs::read_to_string(root().join("tests/progress/demo/june.json")).unwrap(),
    );
    assert!(js.errors.is_empty(), "{:?}", js.errors);
    assert_eq!(csv.actuals.len(), js.actuals.len());
    let a = progress(&plan, &bd, &csv.actuals, None).unwrap();
    let b = progress(&plan, &bd, &js.actuals, None).unwrap();
    assert_eq!(
        report_json(&plan, &a, Lang::En),
        report_json(&plan, &b, Lang::En)
    );
}

/// The page's `data-actuals-error` code of a load (the Progress module's `actualsCode`).
#[test]
fn host_codes_of_good_partly_bad_and_unusable_actuals() {
    let plan = demo();
    let read = |name: &str| std::fs::read_to_string(root().join("tests/progress/demo").join(name));
    let code = |text: &str| parse_actuals(&plan, text).host_code();
    assert_eq!(code(&read("june.csv").unwrap()), "");
    assert_eq!(code(&read("june.json").unwrap()), "");
    assert_eq!(code(&read("bad_rows.csv").unwrap()), "actuals-rows");
    assert_eq!(
        code("<!doctype html><title>not found</title>"),
        "actuals-invalid"
    );
}

/// The demo June report, worked by hand (docs/progress.md walks through it).
#[test]
fn demo_june_statuses_and_ranking_by_hand() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    let text = std::fs::read_to_string(root().join("tests/progress/demo/june.csv")).unwrap();
    let load = parse_actuals(&plan, &text);
    assert!(load.errors.is_empty());
    // North's ger for June appears twice: the later row (69) wins, with a warning.
    assert_eq!(load.warnings.len(), 1);
    let r = progress(&plan, &bd, &load.actuals, None).unwrap();
    assert_eq!(r.as_of, 6);
    let c = plan.counties().unwrap();
    let t = |id: &str| plan.target_index(id).unwrap();
    let d = |id: &str| Scope::County(c.division_index(id).unwrap());
    let st = |tid: &str, s: Scope| r.cell(t(tid), s).unwrap().status;
    use ProgressStatus::*;
    // ger: linear 50 → 90, June milestone 70, band 5% × 40 = 2.
    assert_eq!(st("ger", d("centre")), Ahead); // 74
    assert_eq!(st("ger", d("north")), OnTrack); // 69
    assert_eq!(st("ger", d("south")), Behind); // 60
    assert_eq!(st("ger", d("hills")), NoReport);
    // City rate: weighted mean, Hills at its baseline: .4×74 + .3×69 + .2×60 + .1×50 = 67.3.
    let city = r.cell(t("ger"), Scope::City).unwrap();
    assert!(close(city.value.unwrap(), 67.3));
    assert_eq!(city.status, Behind);
    // kg_built: back-loaded, parts 2/2/1/1, counted in whole schools: June milestones
    // .5/.5/.25/.25 → 1/1/0/0 (a half rounds toward the goal); the city's 1.5 → 2 = the sum.
    assert_eq!(st("kg_built", d("centre")), OnTrack);
    assert_eq!(st("kg_built", d("north")), Behind);
    assert_eq!(st("kg_built", d("south")), OnTrack); // 0 reported in March, 0 due
    assert_eq!(st("kg_built", d("hills")), Ahead);
    assert_eq!(st("kg_built", Scope::City), OnTrack);
    // class_size: at most 45 from 50; lower is better. June 47.5, band .25.
    assert_eq!(st("class_size", d("centre")), Ahead); // 47
    assert_eq!(st("class_size", d("north")), OnTrack); // 47.6
    assert_eq!(st("class_size", d("south")), Behind); // 49
    assert_eq!(st("class_size", Scope::City), OnTrack); // 47.63
                                                        // Yes/no due in September: a 是 in June is ahead, a 否 on track.
    assert_eq!(st("campus", d("centre")), Ahead);
    assert_eq!(st("campus", d("north")), OnTrack);
    // The central district has no part in voc_each.
    assert!(r.cell(t("voc_each"), d("centre")).is_none());
    // Ranking on the tasks reported: centre 4/4, hills 3/3 (one not reported, shown apart),
    // north 4/5, south 3/5.
    let order: Vec<&str> = r
        .ranking
        .iter()
        .map(|x| c.division(x.division).unwrap().id.as_str())
        .collect();
    assert_eq!(order, ["centre", "hills", "north", "south"]);
    assert_eq!((r.ranking[1].no_report, r.ranking[1].reported()), (1, 3));
    assert!(r.ranking[0].praise && !r.ranking[0].interview);
    assert!(!r.ranking[1].praise, "praise_top is 1 in the demo plan");
    assert!(r.ranking[3].interview && !r.ranking[3].praise);
    assert!(!r.ranking[2].interview);
}

// ---------------------------------------------------------------- milestones

#[test]
fn back_loaded_curve_hits_its_quarter_points() {
    for (q, want) in [(3, 0.10), (6, 0.25), (9, 0.55), (12, 1.0)] {
        assert!(close(fraction(Profile::BackLoaded, false, 1, 12, q), want));
    }
    assert!(close(fraction(Profile::Linear, false, 1, 12, 3), 0.25));
    // Nothing before the start; all at the deadline; steps wait for the deadline.
    assert_eq!(fraction(Profile::Linear, false, 4, 12, 3), 0.0);
    assert_eq!(fraction(Profile::Linear, false, 1, 9, 9), 1.0);
    assert_eq!(fraction(Profile::Linear, true, 1, 9, 8), 0.0);
    assert_eq!(fraction(Profile::Linear, true, 1, 9, 9), 1.0);
}

#[test]
fn demo_breakdown_by_hand() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    let c = plan.counties().unwrap();
    let t = |id: &str| plan.target_index(id).unwrap();
    let d = |id: &str| Scope::County(c.division_index(id).unwrap());
    // Back-loaded, 0 → 6 over the year: 10/25/55/100% by quarter, linear within quarters.
    let kg = bd.milestones(t("kg_built"), Scope::City).unwrap();
    // Counted in whole schools: 0.2, 0.4, 0.6, 0.9, 1.2, 1.5, 2.1, 2.7, 3.3, 4.2, 5.1, 6 rounded,
    // a half toward the goal.
    assert_months(kg, &[0., 0., 1., 1., 1., 2., 2., 3., 3., 4., 5., 6.]);
    for (got, want) in kg.quarters().iter().zip([1.0, 2.0, 3.0, 6.0]) {
        assert!(close(*got, want), "{got} != {want}");
    }
    // Shares 40/30/20/10 of 6 → 2.4/1.8/1.2/0.6 → largest remainders → 2/2/1/1.
    let goals: Vec<f64> = ["centre", "north", "south", "hills"]
        .iter()
        .map(|id| bd.milestones(t("kg_built"), d(id)).unwrap().goal)
        .collect();
    assert_eq!(goals, [2.0, 2.0, 1.0, 1.0]);
    let centre = bd.milestones(t("kg_built"), d("centre")).unwrap();
    assert!(close(centre.quarter(1), 0.0) && close(centre.quarter(3), 1.0));
    // Linear rate 50 → 90: every county keeps the city's goal.
    let ger = bd.milestones(t("ger"), d("south")).unwrap();
    for (q, want) in [(1, 60.0), (2, 70.0), (3, 80.0), (4, 90.0)] {
        assert!(close(ger.quarter(q), want));
    }
    // Yes/no due in September: 0 through August, 1 from September.
    let campus = bd.milestones(t("campus"), d("north")).unwrap();
    assert_months(campus, &[0., 0., 0., 0., 0., 0., 0., 0., 1., 1., 1., 1.]);
    // Non-central each: the central district has no part; the others step at the deadline.
    assert!(bd.milestones(t("voc_each"), d("centre")).is_none());
    assert_eq!(
        bd.milestones(t("voc_each"), d("hills")).unwrap().month(11),
        0.0
    );
    assert_eq!(
        bd.milestones(t("voc_each"), d("hills")).unwrap().month(12),
        1.0
    );
    // At most: heads down from 50 to 45.
    let cs = bd.milestones(t("class_size"), Scope::City).unwrap();
    assert!(close(cs.quarter(2), 47.5) && cs.direction < 0.0);
    // City only: no county has a part.
    let tb = bd.target(t("within_budget")).unwrap();
    assert!(tb.counties.iter().all(Option::is_none));
}

#[test]
fn handan_breakdown_by_hand() {
    let plan = handan();
    let c = plan.counties().unwrap();
    assert_eq!(c.divisions().len(), 18);
    let central: Vec<&str> = c
        .divisions()
        .iter()
        .filter(|d| d.central)
        .map(|d| d.name.zh.as_str())
        .collect();
    assert_eq!(central, ["邯山区", "丛台区", "复兴区"]);
    let bd = Breakdown::new(&plan);
    let t = |id: &str| plan.target_index(id).unwrap();
    // 70 kindergartens, back-loaded, work from March: 10 months, t = .1/.4/.7/1 at quarter ends
    // → 4% / 19% / 49% / 100% → 2.8 / 13.3 / 34.3 / 70, in whole schools 3 / 13 / 34 / 70.
    let kg = bd.milestones(t("new_kindergartens"), Scope::City).unwrap();
    for (q, want) in [(1, 3.0), (2, 13.0), (3, 34.0), (4, 70.0)] {
        assert!(close(kg.quarter(q), want), "Q{q}: {}", kg.quarter(q));
    }
    assert_eq!(kg.month(2), 0.0);
    // Equal shares of 70 over 18: sixteen 4s and two 3s, summing to 70; the tie goes by id,
    // so the two 3s are the last ids (wuan, yongnian), wherever they stand in the file.
    let parts: Vec<f64> = bd
        .target(t("new_kindergartens"))
        .unwrap()
        .counties
        .iter()
        .map(|m| m.as_ref().unwrap().goal)
        .collect();
    assert_eq!(parts.iter().sum::<f64>(), 70.0);
    assert_eq!(parts.iter().filter(|g| **g == 4.0).count(), 16);
    // Linear rate: 90.5 → 93.5.
    let ger = bd.milestones(t("preschool_ger"), Scope::City).unwrap();
    for (q, want) in [(1, 91.25), (2, 92.0), (3, 92.75), (4, 93.5)] {
        assert!(close(ger.quarter(q), want));
    }
    // ≥ 4 resource rooms in every county; one vocational school in each of 15 outer ones.
    let rooms = bd.target(t("resource_rooms_min_county")).unwrap();
    assert!(rooms
        .counties
        .iter()
        .all(|m| m.as_ref().unwrap().goal == 4.0));
    let voc = bd.target(t("voc_high_level_counties")).unwrap();
    assert_eq!(voc.counties.iter().filter(|m| m.is_some()).count(), 15);
}

#[test]
fn heading_for_every_goal_kind() {
    use plan_widget::core::plan::Goal;
    use plan_widget::core::progress::heading;
    assert_eq!(heading(Goal::AtLeast(90.0), 50.0), (90.0, 1.0));
    assert_eq!(heading(Goal::Equal(1.0), 0.0), (1.0, 1.0));
    assert_eq!(heading(Goal::AtMost(45.0), 50.0), (45.0, -1.0));
    assert_eq!(heading(Goal::Between(2.0, 3.0), 0.0), (2.0, 1.0));
    assert_eq!(heading(Goal::Between(2.0, 3.0), 5.0), (3.0, -1.0));
    // Already meeting the goal: the path holds the goal all year.
    let plan = with_counties(|c| {
        c["targets"][4]["aggregate"] = json!("mean");
    })
    .unwrap();
    let mut v: Value = serde_json::from_str(&demo_text()).unwrap();
    v["targets"][0]["baseline"] = json!(95);
    let held = parse_plan(&v.to_string()).unwrap();
    let bd = Breakdown::new(&held);
    let ger = bd.milestones(0, Scope::City).unwrap();
    assert!(ger.months.iter().all(|m| *m == 90.0));
    assert!(
        Breakdown::new(&plan)
            .milestones(0, Scope::City)
            .unwrap()
            .months[0]
            < 90.0
    );
}

#[test]
fn apportion_by_largest_remainder() {
    let ids = ["a", "b", "c", "d"];
    assert_eq!(
        apportion(6.0, &[0.4, 0.3, 0.2, 0.1], &ids, true),
        [2.0, 2.0, 1.0, 1.0]
    );
    // Equal remainders: the larger share, then the smaller id, wins; never the list order.
    assert_eq!(
        apportion(-3.0, &[0.5, 0.5], &["b", "a"], true),
        [-1.0, -2.0]
    );
    assert_eq!(apportion(1.0, &[0.25, 0.75], &["a", "b"], true), [0.0, 1.0]);
    assert_eq!(
        apportion(2.0, &[0.25, 0.25, 0.5], &["z", "y", "x"], true),
        [0.0, 1.0, 1.0]
    );
    assert_eq!(
        apportion(1.0, &[1.0 / 3.0; 3], &["c", "a", "b"], true),
        [0.0, 1.0, 0.0]
    );
    let frac = apportion(2.5, &[0.4, 0.6], &ids, true);
    assert!(close(frac[0], 1.0) && close(frac[1], 1.5));
    // Not counted in whole items: proportional even for a whole total.
    let money = apportion(11.0, &[0.5, 0.5], &ids, false);
    assert!(close(money[0], 5.5) && close(money[1], 5.5));
    assert_eq!(
        apportion(3.0, &[0.0, 0.5, 0.5], &["a", "b", "c"], true),
        [0.0, 2.0, 1.0]
    );
}

#[test]
fn status_band_edges() {
    let m = Milestones {
        baseline: 0.0,
        goal: 100.0,
        direction: 1.0,
        months: [0.0; 12],
    };
    // Band 5% of 100 = 5.
    assert_eq!(status_of(&m, 50.0, 55.0, 0.05), ProgressStatus::OnTrack);
    assert_eq!(status_of(&m, 50.0, 55.1, 0.05), ProgressStatus::Ahead);
    assert_eq!(status_of(&m, 50.0, 45.0, 0.05), ProgressStatus::OnTrack);
    assert_eq!(status_of(&m, 50.0, 44.9, 0.05), ProgressStatus::Behind);
    let down = Milestones {
        direction: -1.0,
        ..m
    };
    assert_eq!(status_of(&down, 50.0, 40.0, 0.05), ProgressStatus::Ahead);
    assert_eq!(status_of(&down, 50.0, 60.0, 0.05), ProgressStatus::Behind);
}

#[test]
fn timeline_for_city_and_county() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    let load = parse_actuals(
        &plan,
        "county,target,month,value\nnorth,kg_built,2023-04,0\nnorth,kg_built,2023-06,1\n",
    );
    let c = plan.counties().unwrap();
    let t = plan.target_index("kg_built").unwrap();
    let north = Scope::County(c.division_index("north").unwrap());
    let tl = timeline(&plan, &bd, &load.actuals, t, north);
    assert_eq!(tl.len(), 12);
    assert_eq!(tl[3].actual, Some(0.0));
    assert_eq!(tl[4].actual, None);
    assert_eq!(tl[5].actual, Some(1.0));
    assert!(close(tl[5].milestone, 1.0)); // 0.5 schools, a half rounded toward the goal
                                          // The city: the aggregate as of each month that had a report (others at their baseline).
    let city = timeline(&plan, &bd, &load.actuals, t, Scope::City);
    assert_eq!(city[5].actual, Some(1.0));
    assert_eq!(city[4].actual, None);
    // A scope without a part has no timeline.
    let centre = Scope::County(c.division_index("centre").unwrap());
    let voc = plan.target_index("voc_each").unwrap();
    assert!(timeline(&plan, &bd, &load.actuals, voc, centre).is_empty());
}

#[test]
fn ranking_ties_share_a_rank_and_all_on_track_calls_no_one_in() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    // Only the rate, every county exactly on its milestone: all tie, nobody called in.
    let text = "county,target,month,value\ncentre,ger,2023-03,60\nnorth,ger,2023-03,60\nsouth,ger,2023-03,60\nhills,ger,2023-03,60\n";
    let load = parse_actuals(&plan, text);
    let r = progress(&plan, &bd, &load.actuals, None).unwrap();
    assert!(r.ranking.iter().all(|x| x.rank == Some(1)));
    // Unreported tasks with something due count against: everyone has the same gaps, so all tie.
    assert!(r
        .ranking
        .iter()
        .all(|x| !x.interview || x.behind + x.no_report > 0));
}

#[test]
fn a_second_file_adds_to_the_first_and_corrects_it() {
    let plan = demo();
    let mut first = parse_actuals(
        &plan,
        "county,target,month,value\nnorth,ger,2023-02,55\nsouth,ger,2023-02,52\n",
    )
    .actuals;
    let second = parse_actuals(
        &plan,
        "county,target,month,value\nsouth,ger,2023-02,56\nsouth,ger,2023-03,bad\nhills,ger,2023-03,60\n",
    );
    assert_eq!(second.errors.len(), 1);
    first.merge(second.actuals);
    assert_eq!(first.len(), 3);
    let t = plan.target_index("ger").unwrap();
    let c = plan.counties().unwrap();
    let south = Scope::County(c.division_index("south").unwrap());
    let north = Scope::County(c.division_index("north").unwrap());
    assert_eq!(first.latest(t, south, 12).unwrap().value, 56.0);
    assert_eq!(first.latest(t, north, 12).unwrap().value, 55.0);
}

#[test]
fn as_of_month_is_checked() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    assert_eq!(month_in_year("2023-04", 2023), Ok(4));
    assert!(matches!(
        month_in_year("2024-01", 2023),
        Err(ProgressError::MonthOutsideYear { .. })
    ));
    assert!(matches!(
        month_in_year("2023/01", 2023),
        Err(ProgressError::BadMonth(_))
    ));
    let empty = parse_actuals(&plan, "county,target,month,value\n");
    assert_eq!(
        progress(&plan, &bd, &empty.actuals, None),
        Err(ProgressError::NoMonth)
    );
    assert_eq!(
        ProgressError::NoMonth.message(Lang::ZhCn),
        "没有可用的报送数据，也未指定月份"
    );
    // An explicit month works without actuals: everything due is unreported.
    let r = progress(&plan, &bd, &empty.actuals, Some(3)).unwrap();
    assert!(r.cells.iter().all(|c| c.status == ProgressStatus::NoReport));
}

// ---------------------------------------------------------------- actuals parsing

#[test]
fn csv_tolerates_bom_crlf_quotes_blank_lines_and_spaces() {
    let plan = demo();
    let text = "\u{feff}  Value ,Month, COUNTY ,target,remark\r\n\r\n\" 61 \",2023-03,\"North County\",\"ger\",\"a \"\"quoted\"\" note\r\nover two lines\"\r\n62,2023-04,北县,学前毛入园率,\r\n   \r\n";
    let load = parse_csv(&plan, text);
    assert!(load.errors.is_empty(), "{:?}", load.errors);
    assert_eq!(load.actuals.len(), 2);
    let rows = load.actuals.rows();
    assert_eq!(rows[0].row, 3);
    assert_eq!(
        rows[1].row, 5,
        "the quoted line break moves the next row to line 5"
    );
    assert_eq!(rows[1].value, 62.0);
}

#[test]
fn csv_header_problems_are_file_errors() {
    let plan = demo();
    let load = parse_csv(&plan, "county,target,value\nnorth,ger,3\n");
    assert_eq!(load.errors.len(), 1);
    assert_eq!(
        load.errors[0].message(Lang::En),
        "file: the header has no month column"
    );
    assert_eq!(
        load.errors[0].message(Lang::ZhCn),
        "文件：表头缺少 month 列"
    );
    let load = parse_csv(&plan, "");
    assert_eq!(load.errors[0].kind, RowErrorKind::NoHeader);
    let load = parse_csv(&plan, "north,ger,2023-01,55\n");
    assert_eq!(load.errors[0].kind, RowErrorKind::NoHeader);
    // Chinese headers are accepted.
    let load = parse_csv(&plan, "县区,指标,月份,数值\n北县,ger,2023-01,55\n");
    assert!(load.errors.is_empty() && load.actuals.len() == 1);
}

#[test]
fn row_errors_name_row_column_and_problem_in_both_languages() {
    let plan = demo();
    let load = parse_csv(
        &plan,
        "county,target,month,value\nnorth,ger,2023-01,55\nnorht,ger,2023-02,56\nnorth,ger,2023-03,5x\nnorth,ger,2023-04,\"57",
    );
    assert_eq!(load.actuals.len(), 1, "the good row is kept");
    let en: Vec<String> = load.errors.iter().map(|e| e.message(Lang::En)).collect();
    let zh: Vec<String> = load.errors.iter().map(|e| e.message(Lang::ZhCn)).collect();
    assert_eq!(
        en,
        [
            "row 3, column county: unknown county 'norht' (did you mean 'north'?)",
            "row 4, column value: '5x' is not a number",
            "row 5: a quoted field is not closed",
        ]
    );
    assert_eq!(
        zh,
        [
            "第 3 行，county 列：未知县（市、区）'norht'（是否应为 'north'？）",
            "第 4 行，value 列：'5x' 不是数字",
            "第 5 行：引号未闭合",
        ]
    );
}

#[test]
fn json_actuals_errors_are_per_item() {
    let plan = demo();
    let load = parse_json(
        &plan,
        r#"[{"county":"north","target":"campus","month":"2023-05","value":true},
            42,
            {"county":"north","target":"ger","month":"2023-05"},
            {"county":"south","target":"ger","month":"2023-05","value":"66%"}]"#,
    );
    assert_eq!(load.actuals.len(), 2);
    let en: Vec<String> = load.errors.iter().map(|e| e.message(Lang::En)).collect();
    assert_eq!(
        en,
        [
            "item 2: must be an object with county, target, month and value",
            "item 3, column value: must not be empty",
        ]
    );
    let broken = parse_json(&plan, "[{\"county\": }]");
    assert_eq!(broken.errors.len(), 1);
    assert!(broken.errors[0]
        .message(Lang::En)
        .starts_with("file: not valid actuals JSON"));
}

// ---------------------------------------------------------------- the counties block

fn with_counties(edit: impl FnOnce(&mut Value)) -> Result<Plan, Vec<String>> {
    let mut v: Value = serde_json::from_str(&demo_text()).unwrap();
    edit(&mut v["counties"]);
    parse_plan(&v.to_string()).map_err(|e| e.0.iter().map(|e| e.message(Lang::En)).collect())
}

#[test]
fn counties_block_errors_have_places() {
    let errs = with_counties(|c| {
        c["divisions"][1]["id"] = json!("centre");
        c["divisions"][2]["kind"] = json!("town");
        c["divisions"][3]["weight"] = json!(20);
        c["targets"][0]["target"] = json!("gre");
        c["targets"][2]["deadline"] = json!("2024-01");
        c["targets"][3]["split"] = json!("each");
        c["targets"][4]["aggregate"] = json!("median");
        c["ranking"]["tolerance"] = json!(150);
    })
    .unwrap_err();
    assert_eq!(
        errs,
        [
            "counties.divisions[1].id: id 'centre' is used more than once",
            "counties.divisions[2].kind: division kind 'town' is not one of district, county, city",
            "counties.divisions: the shares sum to 110, not 100",
            "counties.targets[0].target: unknown target 'gre' (did you mean 'ger'?)",
            "counties.targets[2].deadline: month 2024-01 is outside the plan's year 2023",
            "counties.targets[3].split: split 'each' is not one of by_weight, per_county_min, non_central_each, city_only",
            "counties.targets[4].aggregate: aggregate 'median' is not one of sum, mean, min",
            "counties.ranking.tolerance: 150 is outside the range [0, 100]",
        ]
    );
}

#[test]
fn counties_block_more_errors() {
    let errs = with_counties(|c| {
        c["divisions"][0].as_object_mut().unwrap().remove("weight");
        c["targets"][1]["shares"] = json!({"north": 50, "sout": 50});
        c["targets"][2]["split"] = json!("by_weight");
        c["targets"][3]["start"] = json!("2023-12");
        c["targets"][3]["deadline"] = json!("2023-06");
        c["targets"][4]["target"] = json!("ger");
    })
    .unwrap_err();
    assert_eq!(
        errs,
        [
            "counties.divisions: give a weight for every division or for none",
            "counties.targets[1].shares.sout: unknown county-level division 'sout' (did you mean 'south'?)",
            "counties.targets[2].split: a yes/no target cannot be split by weight (use per_county_min, non_central_each or city_only)",
            "counties.targets[3].start: the start month is after the deadline",
            "counties.targets[4].target: id 'ger' is used more than once",
        ]
    );
    // Unknown fields are refused (deny_unknown_fields), with the place.
    let errs = with_counties(|c| c["divisions"][0]["population"] = json!(1)).unwrap_err();
    assert!(errs[0].contains("unknown field `population`"), "{errs:?}");
    // Chinese messages too.
    let mut v: Value = serde_json::from_str(&demo_text()).unwrap();
    v["counties"]["divisions"][0]["weight"] = json!(50);
    let zh = parse_plan(&v.to_string()).unwrap_err().message(Lang::ZhCn);
    assert_eq!(zh, "counties.divisions: 各县份额之和为 110，应为 100");
}

#[test]
fn counties_block_needs_a_year_and_outer_divisions() {
    let mut v: Value = serde_json::from_str(&demo_text()).unwrap();
    v.as_object_mut().unwrap().remove("year");
    for d in v["counties"]["divisions"].as_array_mut().unwrap() {
        d["central"] = json!(true);
    }
    v["counties"]["divisions"][0]["weight"] = json!(-10);
    v["counties"]["divisions"][1]["weight"] = json!(80);
    let errs: Vec<String> = parse_plan(&v.to_string())
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.message(Lang::En))
        .collect();
    assert_eq!(
        errs,
        [
            "year: a plan with a counties block needs its `year`",
            "counties.divisions[0].weight: -10 must be greater than 0",
            "counties.targets[3].split: no division lies outside the main urban area, so this rule applies to none",
        ]
    );
}

#[test]
fn equal_weights_without_figures_and_no_block_means_city_only() {
    let plan = with_counties(|c| {
        for d in c["divisions"].as_array_mut().unwrap() {
            d.as_object_mut().unwrap().remove("weight");
        }
    })
    .unwrap();
    let c = plan.counties().unwrap();
    assert!(c.divisions().iter().all(|d| close(d.share, 0.25)));
    let mut v: Value = serde_json::from_str(&demo_text()).unwrap();
    v.as_object_mut().unwrap().remove("counties");
    let plan = parse_plan(&v.to_string()).unwrap();
    let bd = Breakdown::new(&plan);
    assert!(bd.targets.iter().all(|t| t.counties.is_empty()));
    // County rows are then unknown; city rows work.
    let load = parse_actuals(
        &plan,
        "county,target,month,value\ncity,ger,2023-02,57\nnorth,ger,2023-02,57\n",
    );
    assert_eq!(load.actuals.len(), 1);
    assert_eq!(load.errors.len(), 1);
}

// ---------------------------------------------------------------- exports

fn read_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.starts_with('\u{feff}'), "UTF-8 BOM first");
    let body = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn breakdown_csv_round_trips() {
    let plan = handan();
    let bd = Breakdown::new(&plan);
    let text = breakdown_csv(&plan, &bd, Lang::En);
    assert!(text.contains("\r\n"));
    let rows = read_csv(&text);
    let header = &rows[0];
    assert_eq!(header[0], "target_id");
    assert_eq!(header.len(), 12 + 4 + 12);
    assert_eq!(header[4], "provisional");
    let json = breakdown_json(&plan, &bd, Lang::En);
    let n: usize = json.targets.iter().map(|t| t.rows.len()).sum();
    assert_eq!(rows.len(), n + 1);
    // A responsible unit with a comma is quoted and reads back whole.
    let kg = rows
        .iter()
        .find(|r| r[0] == "new_kindergartens" && r[5] == "city")
        .unwrap();
    assert_eq!(
        kg[7],
        "Development Planning Section, Municipal Education Bureau"
    );
    assert_eq!(kg[8], "2022-03");
    assert_eq!(kg[12..16], ["3", "13", "34", "70"]);
    // Rule names are words of the file's language, not the plan file's codes.
    assert_eq!(kg[3], "split by weight");
    // Equal shares are a placeholder: every county row of the target says so, the city's not.
    assert_eq!(kg[4], "");
    let wuan = rows
        .iter()
        .find(|r| r[0] == "new_kindergartens" && r[5] == "wuan")
        .unwrap();
    assert_eq!(wuan[4], "provisional");
    let zh = read_csv(&breakdown_csv(&plan, &bd, Lang::ZhCn));
    assert_eq!(zh[0][0], "目标编号");
    assert_eq!(zh[0][16], "1月");
    assert!(zh
        .iter()
        .any(|r| r.get(7).map(String::as_str) == Some("武安市教育局")));
    assert!(zh
        .iter()
        .any(|r| r.get(4).map(String::as_str) == Some("暂定")));
    let rules: std::collections::BTreeSet<&str> =
        zh.iter().skip(1).map(|r| r[3].as_str()).collect();
    assert!(
        rules.contains("按权重分解") && rules.contains("市级任务（不分解）"),
        "{rules:?}"
    );
    assert!(rules.iter().all(|r| !r.contains('_')), "{rules:?}");
}

#[test]
fn report_csv_has_grid_and_ranking() {
    let plan = demo();
    let bd = Breakdown::new(&plan);
    let text = std::fs::read_to_string(root().join("tests/progress/demo/june.csv")).unwrap();
    let load = parse_actuals(&plan, &text);
    let r = progress(&plan, &bd, &load.actuals, None).unwrap();
    let grid = read_csv(&grid_csv(&plan, &r, Lang::En));
    assert_eq!(grid.len(), 1 + r.cells.len());
    let south_ger = grid
        .iter()
        .find(|x| x[0] == "ger" && x[2] == "south")
        .unwrap();
    assert_eq!(
        south_ger[5..10],
        ["70", "60", "2023-06", "behind", "Behind"]
    );
    let ranking = read_csv(&ranking_csv(&plan, &r, Lang::ZhCn));
    assert_eq!(ranking[0][0], "名次");
    assert_eq!(
        ranking[1][1..3],
        ["centre".to_string(), "中心区".to_string()]
    );
    assert_eq!(ranking[1][11], "是");
    assert_eq!(ranking[4][12], "是");
    let both = report_csv(&plan, &r, Lang::En);
    assert_eq!(both.matches('\u{feff}').count(), 1);
    assert!(both.contains("\r\n\r\nrank,county_id"));
}

// ---------------------------------------------------------------- command line

#[test]
fn cli_progress_json_matches_core() {
    let (code, out, err) = cli(&[
        "progress",
        "--plan",
        "tests/progress/plan.json",
        "--actuals",
        "tests/progress/demo/june.csv",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 warning(s)"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["as_of"], "2023-06");
    assert_eq!(v["ranking"][0]["county"], "centre");
    assert_eq!(v["ranking"][3]["interview"], true);
}

#[test]
fn cli_progress_bad_rows_warn_and_still_report() {
    let (code, out, err) = cli(&[
        "progress",
        "--plan",
        "tests/progress/plan.json",
        "--actuals",
        "tests/progress/demo/bad_rows.csv",
        "--month",
        "2023-06",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("第 5 行，county 列：未知县（市、区）'nort'（是否应为 'north'？）"),
        "{err}"
    );
    assert!(
        err.contains("11 行有误已跳过，1 条警告，使用 3 条数据"),
        "{err}"
    );
    assert!(out.contains("截至 2023-06"));
    assert!(out.contains("中心区"));
}

#[test]
fn cli_progress_without_usable_rows_fails() {
    let dir = std::env::temp_dir().join(format!("pw-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("none.csv");
    std::fs::write(&f, "county,target,month,value\nnowhere,ger,2023-01,1\n").unwrap();
    let (code, _, err) = cli(&[
        "progress",
        "--plan",
        "tests/progress/plan.json",
        "--actuals",
        f.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("no usable row (1 error(s))"), "{err}");
    let (code, _, err) = cli(&[
        "progress",
        "--plan",
        "tests/progress/plan.json",
        "--actuals",
        "tests/progress/demo/june.csv",
        "--month",
        "2024-01",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("month 2024-01 is outside the plan's year 2023"),
        "{err}"
    );
    let (code, _, err) = cli(&["progress", "--actuals", "no/such/file.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn cli_progress_csv_has_both_tables() {
    let (code, out, _) = cli(&[
        "progress",
        "--plan",
        "tests/progress/plan.json",
        "--actuals",
        "tests/progress/demo/june.json",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    let (grid, ranking) = out.split_once("\r\n\r\n").unwrap();
    let grid = read_csv(grid);
    assert_eq!(grid[0][0], "目标编号");
    assert!(grid.iter().any(|r| r[2] == "south" && r[9] == "滞后"));
    let ranking = read_csv(&format!("\u{feff}{ranking}"));
    assert_eq!(ranking[0][0], "名次");
    assert_eq!(ranking.len(), 5);
}

#[test]
fn cli_breakdown_csv_and_json() {
    let (code, out, err) = cli(&["breakdown", "--plan", "tests/progress/plan.json"]);
    assert_eq!(code, 0, "{err}");
    let rows = read_csv(&out);
    assert_eq!(rows[0][0], "目标编号");
    // City + 4 / + 4 / city only / + 4 / + 3 non-central / + 4.
    assert_eq!(rows.len(), 1 + 5 + 5 + 1 + 5 + 4 + 5);
    let (code, out, _) = cli(&["breakdown", "--format", "json", "--lang", "en"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["targets"].as_array().unwrap().len() > 1);
    assert_eq!(v["targets"][0]["rows"][0]["county"], "city");
}
