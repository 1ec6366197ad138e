//! Plans as workbooks: JSON → xlsx → JSON keeps the plan, a workbook edited with another
//! spreadsheet library (openpyxl) moves `eval`, and every bad cell is named.

#![allow(clippy::needless_update)] // `..Default::default()` keeps the generators compiling as the format grows.

use crate::support::{root, run_cli};
use plan_widget::core::format::*;
use plan_widget::core::parse_plan;
use plan_widget::workbook::{parse_plan_workbook, plan_to_workbook, read_plan_file};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A fresh directory for one test's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-widget-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a Python script (openpyxl) with arguments; panics with its stderr on failure.
pub fn python(script: &str, args: &[&str]) {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python3 failed (scripts/setup.sh installs openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The plan file's JSON as the workbook keeps it: absent, null and empty are one (an empty
/// cell), so they are dropped on both sides before comparing.
fn normal(v: Value) -> Option<Value> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::Object(m) => {
            let m: serde_json::Map<String, Value> = m
                .into_iter()
                .filter_map(|(k, v)| normal(v).map(|v| (k, v)))
                .collect();
            (!m.is_empty()).then_some(Value::Object(m))
        }
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) => Some(Value::Array(
            a.into_iter()
                .map(|v| normal(v).unwrap_or(Value::Null))
                .collect(),
        )),
        other => Some(other),
    }
}

fn wire(file: &PlanFile) -> Option<Value> {
    normal(serde_json::to_value(file).unwrap())
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn handan_converts_to_a_workbook_and_back_to_the_same_plan() {
    let dir = scratch("roundtrip");
    let (xlsx, json) = (dir.join("h.xlsx"), dir.join("h.json"));
    let (code, _, err) = run_cli(&["convert", "plans/handan-edu-2022.json", s(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_cli(&["convert", s(&xlsx), s(&json)]);
    assert_eq!(code, 0, "{err}");
    let original = std::fs::read_to_string(root().join("plans/handan-edu-2022.json")).unwrap();
    let back = std::fs::read_to_string(&json).unwrap();
    assert_eq!(parse_plan(&back).unwrap(), parse_plan(&original).unwrap());
    let (a, b): (PlanFile, PlanFile) = (
        serde_json::from_str(&original).unwrap(),
        serde_json::from_str(&back).unwrap(),
    );
    assert_eq!(wire(&b), wire(&a));
    // `check` and `--plan` read the workbook itself.
    let (code, out, err) = run_cli(&[
        "check",
        s(&xlsx),
        "--document",
        "plans/handan-edu-2022.txt",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("every source quote found"), "{out}");
    let by_xlsx = run_cli(&["eval", "--plan", s(&xlsx), "--format", "json"]);
    let by_json = run_cli(&["eval", "--format", "json"]);
    assert_eq!(by_xlsx.1, by_json.1);
}

#[test]
fn a_lever_default_edited_with_openpyxl_moves_eval() {
    let dir = scratch("openpyxl");
    let xlsx = dir.join("h.xlsx");
    assert_eq!(
        run_cli(&["convert", "plans/handan-edu-2022.json", s(&xlsx)]).0,
        0
    );
    // Set new_kindergartens' default to 40 in 杠杆, finding row and column by the field paths.
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["杠杆"]
cols = {c.value: c.column for c in ws[2]}
for row in ws.iter_rows(min_row=3):
    if row[cols["id"] - 1].value == "new_kindergartens":
        ws.cell(row=row[0].row, column=cols["default"]).value = 40
wb.save(sys.argv[1])
"#,
        &[s(&xlsx)],
    );
    let eval = |plan: Option<&str>| {
        let mut args = vec!["eval", "--format", "json"];
        if let Some(p) = plan {
            args.extend(["--plan", p]);
        }
        let (code, out, err) = run_cli(&args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let edited = eval(Some(s(&xlsx)));
    let set = {
        let (code, out, err) =
            run_cli(&["eval", "--format", "json", "--set", "new_kindergartens=40"]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let lever = |v: &Value| {
        v["levers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == "new_kindergartens")
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(lever(&edited), 40.0);
    assert_eq!(edited["targets"], set["targets"]);
    assert_ne!(edited["targets"], eval(None)["targets"]);
}

/// Writes `value` into the cell of `field` on the row of item `id` of `sheet` (openpyxl).
fn edit_cell(xlsx: &Path, sheet: &str, id: &str, field: &str, value: &str) {
    python(
        r#"
import sys, openpyxl
path, sheet, item, field, value = sys.argv[1:6]
wb = openpyxl.load_workbook(path)
ws = wb[sheet]
cols = {c.value: c.column for c in ws[2]}
for row in ws.iter_rows(min_row=3):
    if row[0].value == item:
        ws.cell(row=row[0].row, column=cols[field]).value = value
wb.save(path)
"#,
        &[s(xlsx), sheet, id, field, value],
    );
}

#[test]
fn bad_cells_are_named_by_sheet_cell_and_field() {
    let dir = scratch("badcell");
    let xlsx = dir.join("h.xlsx");
    assert_eq!(
        run_cli(&["convert", "plans/handan-edu-2022.json", s(&xlsx)]).0,
        0
    );
    edit_cell(&xlsx, "目标", "preschool_ger", "goal.op", "≥");
    edit_cell(&xlsx, "杠杆", "new_kindergartens", "max", "-5");
    let (code, _, err) = run_cli(&["check", s(&xlsx), "--lang", "en"]);
    assert_eq!(code, 1);
    // preschool_ger is the first target (row 3), goal.op its column I; new_kindergartens the
    // first lever, whose min (I) is no longer below its max and whose default (L) is outside.
    assert!(
        err.contains("目标!I3 目标关系 (goal.op): goal op '≥' is not one of"),
        "{err}"
    );
    assert!(
        err.contains("杠杆!I3 最小值 (min): min 0 must be below max -5"),
        "{err}"
    );
    assert!(
        err.contains("杠杆!L3 默认值（计划原文） (default): 70 is outside"),
        "{err}"
    );
    // A text in a number column is a type error, placed at its cell.
    edit_cell(&xlsx, "目标", "preschool_ger", "goal.value", "lots");
    let (code, _, err) = run_cli(&["check", s(&xlsx)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("目标!J3 目标值 (goal.value): 字段名称或类型与计划格式不符"),
        "{err}"
    );
}

#[test]
fn counties_and_plan_level_errors_are_placed_too() {
    let dir = scratch("badcounty");
    let xlsx = dir.join("h.xlsx");
    assert_eq!(
        run_cli(&["convert", "plans/handan-edu-2022.json", s(&xlsx)]).0,
        0
    );
    edit_cell(&xlsx, "县区", "hanshan", "kind", "town");
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["计划"]
for row in ws.iter_rows(min_row=3):
    if row[1].value == "year":
        row[2].value = None
wb.save(sys.argv[1])
"#,
        &[s(&xlsx)],
    );
    let (code, _, err) = run_cli(&["check", s(&xlsx), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(err.contains("县区!D3 类型 (kind): "), "{err}");
    assert!(err.contains("计划!C11 年度 (year): "), "{err}");
}

#[test]
fn fields_the_format_does_not_have_yet_convert_without_new_code() {
    // Fields a later format may add (a target tier, an input's structured provenance, a block
    // with nested lists): columns and sheets by path, nested lists as JSON cells. (The model
    // work's `role`, `origin` and `constraints` now have known columns and a sheet.)
    let plan = serde_json::json!({
        "id": "x",
        "levers": [{"id": "a", "provenance": {"kind": "official", "source": {"zh": "公报", "en": "bulletin"}}}],
        "targets": [{"id": "t", "tier": "commitment", "goal": {"op": ">=", "value": 2.5}}],
        "budget_rules": {"note": {"zh": "说明"}, "items": [{"id": "c", "terms": [{"id": "a", "weight": 2}], "limit": 9}]},
    });
    let bytes = plan_widget::workbook::value_to_workbook(&plan).unwrap();
    let (back, loc) = plan_widget::workbook::workbook_to_value(&bytes).unwrap();
    assert_eq!(back, plan);
    // Unknown columns are headed by their path; places still resolve.
    assert_eq!(loc.place("targets[0].tier"), "目标!U3 tier (tier)");
    assert_eq!(
        loc.place("budget_rules.items[0].terms[0].weight"),
        "budget_rules.items!C3 terms[] (terms[0].weight)"
    );
    assert_eq!(
        loc.place("budget_rules.note.zh"),
        "计划!C28 budget_rules.note.zh (budget_rules.note.zh)"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_one_clear_error() {
    let dir = scratch("notxlsx");
    let bad = dir.join("plan.xlsx");
    std::fs::write(&bad, "not a zip").unwrap();
    let (code, _, err) = run_cli(&["check", s(&bad), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a readable .xlsx workbook"), "{err}");
    let (code, _, err) = run_cli(&[
        "convert",
        "plans/handan-edu-2022.json",
        s(&dir.join("x.csv")),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("one .json and one .xlsx"), "{err}");
}

#[test]
fn the_committed_plan_workbook_is_the_handan_plan() {
    // tests/plans/handan-edu-2022.xlsx (the studio's end-to-end test opens it) is
    // `plan-widget convert plans/handan-edu-2022.json`; it must still read as that plan.
    let bytes = std::fs::read(root().join("tests/plans/handan-edu-2022.xlsx")).unwrap();
    let original = std::fs::read_to_string(root().join("plans/handan-edu-2022.json")).unwrap();
    assert_eq!(
        parse_plan_workbook(&bytes).unwrap(),
        parse_plan(&original).unwrap()
    );
}

#[test]
fn the_handan_workbook_reads_back_in_the_library_too() {
    let original = std::fs::read_to_string(root().join("plans/handan-edu-2022.json")).unwrap();
    let file: PlanFile = serde_json::from_str(&original).unwrap();
    let bytes = plan_to_workbook(&file).unwrap();
    assert_eq!(
        parse_plan_workbook(&bytes).unwrap(),
        parse_plan(&original).unwrap()
    );
}

// ---- generated plans ----

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9一-龥%(),.:=<>/ _-]{1,16}"
}

fn text_file() -> impl Strategy<Value = TextFile> {
    (text(), prop::option::of(text())).prop_map(|(zh, en)| TextFile {
        zh,
        en: en.unwrap_or_default(),
    })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1000i32..1000).prop_map(f64::from),
        -1.0e9..1.0e9f64,
        proptest::num::f64::NORMAL,
    ]
}

fn unit() -> impl Strategy<Value = UnitFile> {
    (text(), text(), prop::option::of((text(), number()))).prop_map(|(zh, en, d)| UnitFile {
        zh,
        en,
        display: d
            .map(|(t, s)| {
                [(
                    "en".to_string(),
                    UnitDisplayFile {
                        text: Some(t),
                        scale: Some(s),
                    },
                )]
                .into()
            })
            .unwrap_or_default(),
    })
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,10}"
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn lever() -> impl Strategy<Value = LeverFile> {
    (
        id(),
        opt(text_file()),
        opt(unit()),
        opt(id()),
        [opt(number()), opt(number()), opt(number()), opt(number())],
        opt(text_file()),
    )
        .prop_map(
            |(id, label, unit, group, [min, max, step, default], note)| LeverFile {
                id: Some(id),
                label,
                unit,
                group,
                min,
                max,
                step,
                default,
                note,
                ..Default::default()
            },
        )
}

fn assumption() -> impl Strategy<Value = AssumptionFile> {
    (lever(), opt(number()), opt(number())).prop_map(|(l, low, high)| AssumptionFile {
        id: l.id,
        label: l.label,
        unit: l.unit,
        group: l.group,
        min: l.min,
        max: l.max,
        step: l.step,
        default: l.default,
        low,
        high,
        note: l.note,
        ..Default::default()
    })
}

fn derived() -> impl Strategy<Value = DerivedFile> {
    (
        id(),
        opt(text_file()),
        opt(unit()),
        opt(text()),
        any::<bool>(),
    )
        .prop_map(|(id, label, unit, formula, summary)| DerivedFile {
            id: Some(id),
            label,
            unit,
            formula,
            summary,
            ..Default::default()
        })
}

fn target() -> impl Strategy<Value = TargetFile> {
    let goal = (
        prop::sample::select(vec![">=", "<=", "=", "between"]),
        opt(number()),
        opt(number()),
        opt(number()),
    )
        .prop_map(|(op, value, min, max)| GoalFile {
            op: Some(op.to_string()),
            value,
            min,
            max,
            ..Default::default()
        });
    (
        (id(), opt(id()), opt(text_file()), opt(unit()), opt(goal)),
        (
            opt(text()),
            opt(number()),
            opt(prop::sample::select(vec!["number", "yes_no"])),
        ),
        (
            opt(text()),
            opt(text_file()),
            opt(prop::sample::select(vec!["linear", "back_loaded"])),
        ),
    )
        .prop_map(
            |(
                (id, section, label, unit, goal),
                (value, baseline, kind),
                (source, note, profile),
            )| TargetFile {
                id: Some(id),
                section,
                label,
                unit,
                goal,
                value,
                baseline,
                kind: kind.map(String::from),
                source,
                note,
                profile: profile.map(String::from),
                ..Default::default()
            },
        )
}

fn counties() -> impl Strategy<Value = CountiesFile> {
    let division = (
        id(),
        opt(text_file()),
        opt(prop::sample::select(vec!["district", "county", "city"])),
        any::<bool>(),
        opt(number()),
    )
        .prop_map(|(id, name, kind, central, weight)| DivisionFile {
            id: Some(id),
            name,
            kind: kind.map(String::from),
            central,
            weight,
            ..Default::default()
        });
    let split = (
        id(),
        opt(prop::sample::select(vec!["by_weight", "city_only"])),
        opt(number()),
        opt(prop::collection::btree_map(id(), number(), 1..4)),
        opt(text_file()),
        opt("2022-0[1-9]"),
    )
        .prop_map(
            |(target, split, per_county, shares, responsible, deadline)| TargetSplitFile {
                target: Some(target),
                split: split.map(String::from),
                per_county,
                shares: shares.map(|s| s.into_iter().collect()),
                responsible,
                deadline,
                ..Default::default()
            },
        );
    (
        prop::collection::vec(division, 1..5),
        prop::collection::vec(split, 0..4),
        opt(text_file()),
        opt((opt(number()), opt(0u32..10))),
    )
        .prop_map(|(divisions, targets, responsible, ranking)| CountiesFile {
            divisions,
            targets,
            responsible,
            ranking: ranking.map(|(tolerance, praise_top)| RankingFile {
                tolerance,
                praise_top,
                ..Default::default()
            }),
            ..Default::default()
        })
}

fn plan() -> impl Strategy<Value = PlanFile> {
    (
        (
            opt(0u32..5),
            opt(id()),
            opt(1u32..9),
            opt(text_file()),
            opt("20[0-9]{2}-0[1-9]-1[0-9]"),
            opt(2000i32..2100),
        ),
        prop::collection::vec((id(), opt(text_file())), 0..3),
        prop::collection::vec(lever(), 0..4),
        prop::collection::vec(assumption(), 0..3),
        prop::collection::vec(derived(), 0..3),
        prop::collection::vec(target(), 0..4),
        opt(counties()),
    )
        .prop_map(
            |(
                (format, pid, version, title, published, year),
                sections,
                levers,
                assumptions,
                derived,
                targets,
                counties,
            )| PlanFile {
                format,
                id: pid,
                version,
                title,
                published,
                year,
                sections: sections
                    .into_iter()
                    .map(|(id, title)| SectionFile {
                        id: Some(id),
                        title,
                        ..Default::default()
                    })
                    .collect(),
                levers,
                assumptions,
                derived,
                targets,
                counties,
                ..Default::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_plans_survive_a_workbook(file in plan()) {
        let bytes = plan_to_workbook(&file).unwrap();
        let (back, _) = read_plan_file(&bytes).unwrap();
        prop_assert_eq!(wire(&back), wire(&file));
    }
}
