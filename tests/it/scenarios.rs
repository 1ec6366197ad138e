//! What slips when money or teachers run short: `plan-widget eval` on the Handan plan with the
//! funding cut, a unit cost doubled and hiring cut by a third. Expected outputs (table in both
//! languages, JSON, the CSV export) live in tests/expect/scenarios/; `UPDATE_EXPECT=1` rewrites them.

use crate::support::{expect_file, root, run_cli};
use serde_json::Value;

/// (file name, `--set` arguments, targets that must fail with a reason in words).
const SCENARIOS: &[(&str, &[&str], &[&str])] = &[
    (
        "funding-150",
        &["funding=150"],
        &[
            "preschool_ger",
            "compulsory_enrolment",
            "hs_ger",
            "new_kindergartens",
            "schools_built_total",
            "new_smart_schools",
            "teacher_balance",
        ],
    ),
    (
        "cost-primary-doubled",
        &["cost_primary=5000"],
        &["new_smart_schools", "smart_schools_total"],
    ),
    (
        "teachers-cut-third",
        &["teachers_hired=4267"],
        &[
            "preschool_ger",
            "compulsory_enrolment",
            "hs_ger",
            "public_kg_share",
        ],
    ),
];

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
    for (name, sets, failing) in SCENARIOS {
        let dir = root().join("tests/expect/scenarios");
        let zh = eval(sets, &[]);
        let en = eval(sets, &["--lang", "en"]);
        let json = eval(sets, &["--format", "json", "--lang", "en"]);
        expect_file(&dir.join(format!("{name}.zh.txt")), &zh);
        expect_file(&dir.join(format!("{name}.en.txt")), &en);
        expect_file(&dir.join(format!("{name}.json")), &json);
        // The CSV people open in WPS or Excel: rounded as shown, goals in words.
        let csv_zh = eval(sets, &["--format", "csv"]);
        let csv_en = eval(sets, &["--format", "csv", "--lang", "en"]);
        expect_file(&dir.join(format!("{name}.zh.csv")), &csv_zh);
        expect_file(&dir.join(format!("{name}.en.csv")), &csv_en);
        assert!(csv_zh.contains(",不低于 93.5%,"), "{csv_zh}");
        assert!(csv_en.contains(",at least 93.5%,"), "{csv_en}");
        let v: Value = serde_json::from_str(&json).unwrap();
        for id in *failing {
            let t = v["targets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == *id)
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
