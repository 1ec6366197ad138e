//! What slips when money or teachers run short: `plan-widget eval` on the Handan plan with the
//! funding cut, a unit cost doubled and hiring cut by a third. Each case is a file in
//! tests/expect/scenarios/ (`NAME.case.json`: the `--set` arguments and the targets that must
//! fail with a reason in words); its outputs (table in both languages, JSON, the CSV export) are
//! golden files beside it.

use crate::golden;
use crate::support::{root, run_cli};
use serde_json::Value;

/// A scenario: `--set` arguments and the targets that must fail with a reason in words.
#[derive(serde::Deserialize)]
struct Case {
    set: Vec<String>,
    not_met: Vec<String>,
}

fn eval(sets: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["eval"];
    for s in sets {
        args.push("--set");
        args.push(s);
    }
    args.extend_from_slice(extra);
    let (code, out, err) = run_cli(&args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn a_short_resource_makes_the_real_targets_slip_and_says_why() {
    let dir = root().join("tests/expect/scenarios");
    for input in golden::inputs(&dir, &["json"]) {
        let case: Case = serde_json::from_str(&std::fs::read_to_string(&input).unwrap()).unwrap();
        let name = input.display();
        let sets: Vec<&str> = case.set.iter().map(String::as_str).collect();
        let zh = eval(&sets, &[]);
        let en = eval(&sets, &["--lang", "en"]);
        let json = eval(&sets, &["--format", "json", "--lang", "en"]);
        golden::check(&input, "zh.txt", &zh);
        golden::check(&input, "en.txt", &en);
        golden::check(&input, "json", &json);
        // The CSV people open in WPS or Excel: rounded as shown, goals in words.
        let csv_zh = eval(&sets, &["--format", "csv"]);
        let csv_en = eval(&sets, &["--format", "csv", "--lang", "en"]);
        golden::check(&input, "zh.csv", &csv_zh);
        golden::check(&input, "en.csv", &csv_en);
        assert!(csv_zh.contains(",不低于 93.5%,"), "{csv_zh}");
        assert!(csv_en.contains(",at least 93.5%,"), "{csv_en}");
        let v: Value = serde_json::from_str(&json).unwrap();
        for id in &case.not_met {
            let t = v["targets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == id.as_str())
                .unwrap_or_else(|| panic!("{name}: no target {id}"));
            assert_eq!(t["status"], "not_met", "{name}: {id}");
            let reason = t["reason"]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: {id} has no reason"));
            assert!(reason.contains("gap"), "{name}: {id}: {reason}");
        }
        // The feasibility check that binds fails too, counted apart.
        let checks: Vec<_> = v["targets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["role"] == "check")
            .collect();
        assert!(checks.iter().any(|t| t["status"] == "not_met"), "{name}");
        assert!(checks.iter().all(|t| t["source"] == ""), "{name}");
        assert!(zh.contains("可行性检查") && zh.contains("缺口"), "{name}");
    }
}

#[test]
fn the_plan_as_written_has_no_gap_and_counts_roles_apart() {
    let zh = eval(&[], &[]);
    let last = zh.lines().rev().nth(1).unwrap();
    assert!(
        last.starts_with("成效指标 ")
            && last.contains(" · 承诺事项 ")
            && last.contains(" · 可行性检查 "),
        "{last}"
    );
    assert!(!zh.contains("缺口"), "{zh}");
    let json = eval(&[], &["--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let roles: Vec<_> = v["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(roles, ["outcome", "commitment", "check"]);
    for l in v["levers"].as_array().unwrap() {
        assert!(l["origin"].is_string(), "{} has no origin", l["id"]);
    }
}

#[test]
fn seek_and_risk_do_not_pretend_to_model_what_the_bureau_sets() {
    let (code, out, err) = run_cli(&[
        "seek",
        "--target",
        "donghu_projects",
        "--set",
        "donghu_projects=3",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("This is a commitment"), "{out}");
    assert!(!out.contains("of range"), "{out}");
    let (code, out, err) = run_cli(&["risk", "--samples", "200", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let row = |id: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap()
            .to_string()
    };
    assert!(row("donghu_projects").contains("commitment"), "{out}");
    // A commitment the model gives a cause (schools financed) keeps its chance.
    assert!(row("new_kindergartens").contains('%'), "{out}");
    assert!(row("preschool_ger").contains('%'), "{out}");
}
