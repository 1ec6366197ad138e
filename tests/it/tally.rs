//! `plan-widget tally`: 1,000 generated codes (valid ones, ones made for another version of the
//! plan, for another plan, and broken ones) give the expected counts and medians. The expected
//! report is `tests/tally/codes-1000.expected.en.txt` (`UPDATE_EXPECT=1` rewrites it); the JSON it
//! writes is also the demo's sample tally (`www/data/tally-sample.json`).

use crate::golden;
use crate::support::{root, run_cli};
use plan_widget::core::builtin;
use plan_widget::core::share::{self, ShareState, View};
use plan_widget::core::tally::{self, read_codes, Entry};
use plan_widget::core::{parse_plan, InputKind, Lang, Plan};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

fn handan() -> Plan {
    builtin::load(builtin::DEFAULT_ID).unwrap().unwrap()
}

/// The Handan plan as another version (same id, the next version number).
fn handan_v2() -> Plan {
    let mut v: serde_json::Value = serde_json::from_str(builtin::HANDAN_EDU_2022).unwrap();
    v["version"] = (v["version"].as_u64().unwrap() + 1).into();
    parse_plan(&v.to_string()).unwrap()
}

fn other_plan() -> Plan {
    let text = std::fs::read_to_string(root().join("tests/plans/small.json")).unwrap();
    parse_plan(&text).unwrap()
}

/// What the generator made, to check the tally against.
struct Generated {
    lines: Vec<String>,
    /// The counted scenarios' values.
    counted: Vec<Vec<f64>>,
    other_plan: usize,
    broken: usize,
    other_version: usize,
}

/// A random scenario: each of the first eight policy levers changed with chance 3/5, to a grid
/// value within a quarter of its range around the plan's value, with a lean up or down that
/// differs by lever (so the medians move away from the plan's values).
fn scenario(plan: &Plan, rng: &mut Pcg32) -> Vec<f64> {
    let mut values = plan.defaults();
    let levers = plan
        .inputs()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == InputKind::Policy)
        .take(8);
    for (k, (i, input)) in levers.enumerate() {
        if rng.next_u32() % 5 < 3 {
            let span = (input.max - input.min) / 4.0;
            let lean = [0.4, -0.3, 0.0, 0.6, -0.5, 0.2, 0.5, -0.2][k];
            let u = f64::from(rng.next_u32()) / f64::from(u32::MAX) * 2.0 - 1.0;
            values[i] = input.snap(input.default + (u + lean) / 2.0 * span);
        }
    }
    values
}

fn code(plan: &Plan, values: &[f64]) -> String {
    share::encode(
        plan,
        &ShareState::from_values(plan, values, View::default()),
    )
}

/// 1,000 codes: 880 valid, 40 for the next version of the plan (counted, with a warning), 40 for another
/// plan, 40 broken (a changed character, a cut code, text that is no code). Deterministic.
fn generate() -> Generated {
    let (plan, v2, small) = (handan(), handan_v2(), other_plan());
    let mut rng = Pcg32::seed_from_u64(2026);
    let mut g = Generated {
        lines: Vec::new(),
        counted: Vec::new(),
        other_plan: 0,
        broken: 0,
        other_version: 0,
    };
    for k in 0..1000 {
        let values = scenario(&plan, &mut rng);
        let line = match k % 25 {
            1 => {
                g.other_version += 1;
                g.counted.push(values.clone());
                code(&v2, &values)
            }
            2 => {
                g.other_plan += 1;
                code(&small, &small.defaults())
            }
            3 => {
                g.broken += 1;
                let c = code(&plan, &values);
                match k % 3 {
                    0 => {
                        let mut b = c.into_bytes();
                        b[6] = if b[6] == b'A' { b'B' } else { b'A' };
                        String::from_utf8(b).unwrap()
                    }
                    1 => c[..c.len() - 3].to_string(),
                    _ => "我想多建几所幼儿园".to_string(),
                }
            }
            // Some residents paste the whole link.
            4 => {
                g.counted.push(values.clone());
                format!(
                    "https://example.gov.cn/plan.html#pw={}",
                    code(&plan, &values)
                )
            }
            _ => {
                g.counted.push(values.clone());
                code(&plan, &values)
            }
        };
        g.lines.push(line);
    }
    g
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn write_codes(g: &Generated) -> &'static str {
    let dir = root().join("target/tally-it");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("codes-1000.txt"), g.lines.join("\n") + "\n").unwrap();
    "target/tally-it/codes-1000.txt"
}

#[test]
fn a_thousand_generated_codes_give_the_expected_counts_and_medians() {
    let g = generate();
    let file = write_codes(&g);
    let (code, out, err) = run_cli(&["tally", file, "--format", "json", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["submitted"], 1000);
    assert_eq!(j["valid"], g.counted.len());
    assert_eq!(j["valid"], 920);
    assert_eq!(j["invalid"], g.other_plan + g.broken);
    assert_eq!(j["with_warnings"], g.other_version);
    let kinds = |k: &str| {
        j["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == k)
            .count()
    };
    assert_eq!(kinds("other_plan"), g.other_plan);
    assert_eq!(kinds("broken"), g.broken);
    assert_eq!(kinds("other_version"), g.other_version);
    // Every problem names its line and says why, in the decoder's words.
    let p = &j["problems"][0];
    assert_eq!(p["source"], file);
    assert!(p["line"].as_u64().unwrap() >= 1);
    assert!(!p["messages"][0].as_str().unwrap().is_empty());
    // Medians and changes, computed here from the generated values.
    let plan = handan();
    for (i, input) in plan.inputs().iter().enumerate() {
        let values: Vec<f64> = g.counted.iter().map(|v| v[i]).collect();
        let l = &j["inputs"][i];
        assert_eq!(l["id"], input.id.as_str());
        let changed = values.iter().filter(|v| **v != input.default).count();
        assert_eq!(l["changed"], changed, "{}", input.id);
        let raised = values.iter().filter(|v| **v > input.default).count();
        assert_eq!(l["raised"], raised, "{}", input.id);
        assert_eq!(
            l["all"]["median"].as_f64().unwrap(),
            median(values.clone()),
            "{}",
            input.id
        );
        if changed > 0 {
            let ch: Vec<f64> = values.into_iter().filter(|v| *v != input.default).collect();
            assert_eq!(
                l["changers"]["median"].as_f64().unwrap(),
                median(ch),
                "{}",
                input.id
            );
        }
    }
    // Targets: the share met, counted here by evaluating each scenario.
    for (t, target) in plan.targets().iter().enumerate() {
        let met = g
            .counted
            .iter()
            .filter(|v| {
                let mut e = plan.evaluator();
                e.run(v);
                e.target_met(t)
            })
            .count();
        assert_eq!(j["targets"][t]["met"], met, "{}", target.id);
    }
    golden::check_file(&root().join("www/data/tally-sample.json"), &out);
    let (code, table, err) = run_cli(&["tally", file, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    golden::check(&root().join("tests/tally/codes-1000"), "en.txt", &table);
    // The printable report (the demo's sample, opened by tests/e2e/tally.spec.mjs).
    let (code, html, err) = run_cli(&["tally", file, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(!html.contains("http"), "no external reference");
    golden::check_file(&root().join("www/data/tally-sample.html"), &html);
}

#[test]
fn csv_html_and_the_code_column() {
    let plan = handan();
    let a = code(&plan, &plan.defaults());
    let mut v = plan.defaults();
    v[0] = plan.inputs()[0].snap(v[0] + 5.0);
    let b = code(&plan, &v);
    let dir = root().join("target/tally-it");
    std::fs::create_dir_all(&dir).unwrap();
    let form = dir.join("form-export.csv");
    std::fs::write(
        &form,
        format!(
            "\u{FEFF}时间,留言,Code\r\n2026-11-30,\"多建幼儿园, 谢谢\",{b}\r\n2026-12-01,,{a}\r\n"
        ),
    )
    .unwrap();
    let (code_, csv, err) = run_cli(&["tally", form.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code_, 0, "{err}");
    assert!(csv.starts_with('\u{FEFF}'), "UTF-8 with BOM");
    assert!(csv.contains("提交,2\r\n"), "{csv}");
    assert!(csv.contains("有效（计入）,2\r\n"), "{csv}");
    let html_path = dir.join("report.html");
    let (code_, out, err) = run_cli(&[
        "tally",
        form.to_str().unwrap(),
        "--format",
        "html",
        "--output",
        html_path.to_str().unwrap(),
    ]);
    assert_eq!((code_, out.as_str()), (0, ""), "{err}");
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<svg") && html.contains("class=\"plan\""));
    assert!(!html.contains("http"), "no external reference");
    // A table without a code column names its columns.
    std::fs::write(dir.join("no-code.csv"), "时间,留言\n1,2\n").unwrap();
    let (code_, _, err) = run_cli(&["tally", "target/tally-it/no-code.csv", "--lang", "en"]);
    assert_eq!(code_, 2);
    assert!(
        err.contains(
            "no-code.csv: line 1: the table has no column named code (its columns: 时间, 留言)"
        ),
        "{err}"
    );
    let (code_, _, err) = run_cli(&["tally", "target/tally-it/missing.txt"]);
    assert_eq!(code_, 2);
    assert!(
        err.contains("cannot read target/tally-it/missing.txt"),
        "{err}"
    );
}

#[test]
fn codes_of_the_core_reader_keep_their_lines() {
    let entries: Vec<Entry> = read_codes("x\n\nAAAA\n")
        .unwrap()
        .into_iter()
        .map(|(line, code)| Entry {
            source: "f".into(),
            line,
            code,
        })
        .collect();
    let t = tally::tally(&handan(), &entries, Lang::ZhCn);
    assert_eq!((t.submitted, t.valid, t.invalid), (2, 0, 2));
    assert_eq!(
        t.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(
        t.problems[0].messages[0],
        "这不是本组件的分享码。请复制完整的分享链接后再试。"
    );
    assert!(t.inputs.iter().all(|l| l.all.is_none()));
}

#[test]
fn the_feedback_summary_names_changes_and_flips_in_both_languages() {
    use plan_widget::core::feedback::{form_url, summary, MAX_URL};
    let plan = handan();
    let base = plan.evaluate(&plan.defaults());
    assert_eq!(
        summary(&plan, &plan.defaults(), &base, &base, Lang::En),
        "The plan as written, nothing changed."
    );
    let i = plan.input_index("new_kindergartens").unwrap();
    let mut v = plan.defaults();
    v[i] = 20.0;
    let after = plan.evaluate(&v);
    let zh = summary(&plan, &v, &base, &after, Lang::ZhCn);
    assert!(
        zh.starts_with(
            "改动：新建改扩建幼儿园 70 所 → 20 所。状态变化：学前三年毛入学率 有风险 → 未达成；"
        ),
        "{zh}"
    );
    let en = summary(&plan, &v, &base, &after, Lang::En);
    assert!(
        en.starts_with(
            "Changes: New/rebuilt kindergartens 70 schools → 20 schools. Status changes: "
        ),
        "{en}"
    );
    assert!(
        en.contains("Preschool three-year gross enrolment rate At risk → Not met"),
        "{en}"
    );
    // Every input changed: the summary is cut to fit, the code is whole and reopens the values.
    let all: Vec<f64> = plan.inputs().iter().map(|i| i.max).collect();
    let code = code(&plan, &all);
    let long = summary(&plan, &all, &base, &plan.evaluate(&all), Lang::ZhCn);
    let url = form_url("/liuyan?code={code}&s={summary}", &code, &long);
    assert!(url.chars().count() <= MAX_URL);
    let got = url
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert_eq!(share::decode(&plan, got).unwrap().values(&plan), all);
}

#[test]
fn an_xlsx_export_reads_like_its_csv() {
    // tests/tally/form-export.xlsx holds the rows of form-export.csv on its second sheet (留言),
    // from row 2; its first sheet (说明) has no code column.
    let json = |file: &str| {
        let (code, out, err) = run_cli(&["tally", file, "--format", "json", "--lang", "en"]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let (csv, xlsx) = (
        json("tests/tally/form-export.csv"),
        json("tests/tally/form-export.xlsx"),
    );
    for k in [
        "submitted",
        "valid",
        "invalid",
        "inputs",
        "targets",
        "combinations",
    ] {
        assert_eq!(csv[k], xlsx[k], "{k}");
    }
    assert_eq!(
        (xlsx["submitted"].as_u64(), xlsx["valid"].as_u64()),
        (Some(7), Some(5))
    );
    let problems = xlsx["problems"].as_array().unwrap();
    let csv_problems = csv["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    for (x, c) in problems.iter().zip(csv_problems) {
        assert_eq!(x["source"], "tests/tally/form-export.xlsx (留言)");
        assert_eq!(x["line"].as_u64().unwrap(), c["line"].as_u64().unwrap() + 1);
        assert_eq!(x["kind"], c["kind"]);
    }
    // Another plan (`--plan`): its one code counts, the Handan codes are another plan's.
    let (code, out, err) = run_cli(&[
        "tally",
        "tests/tally/form-export.csv",
        "--plan",
        "tests/plans/small.json",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let small: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (small["plan"].as_str(), small["valid"].as_u64()),
        (Some("demo-town-2023"), Some(1))
    );
    let kinds: Vec<&str> = small["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "other_plan",
            "other_plan",
            "other_plan",
            "other_plan",
            "broken",
            "other_plan"
        ]
    );
    // A workbook without a code column, and a file that is no workbook, name the problem.
    let (code, _, err) = run_cli(&[
        "tally",
        "tests/tally/codes-1000.expected.en.txt",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "a text file is read as lines: {err}");
    let dir = root().join("target/tally-it");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("not.xlsx"), "code\nabc\n").unwrap();
    let (code, _, err) = run_cli(&["tally", "target/tally-it/not.xlsx", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("target/tally-it/not.xlsx: not a readable .xlsx workbook"),
        "{err}"
    );
}
