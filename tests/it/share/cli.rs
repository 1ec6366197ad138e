//! `plan-widget link` then `plan-widget eval --link` reproduces every value exactly.

use super::handan;
use crate::support::run_cli;

/// Input values of `eval --format json` by id, as bits.
fn lever_bits(json: &str) -> Vec<(String, u64)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["levers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["value"].as_f64().unwrap().to_bits(),
            )
        })
        .collect()
}

fn link(extra: &[&str]) -> String {
    let (status, out, err) = run_cli(&[&["link"], extra].concat());
    assert_eq!(status, 0, "{err}");
    let code = out.trim().to_string();
    assert!(!code.is_empty());
    code
}

/// Every input of the Handan plan set to an awkward value at once: max, min, a full-precision
/// double inside the range, in turn.
#[test]
fn link_then_eval_reproduces_every_value() {
    let plan = handan();
    let sets: Vec<String> = plan
        .inputs()
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let v = match i % 3 {
                0 => input.max,
                1 => input.min,
                _ => input.min + (input.max - input.min) / 7.0,
            };
            format!("{}={v}", input.id)
        })
        .collect();
    let mut args: Vec<&str> = Vec::new();
    for s in &sets {
        args.extend(["--set", s.as_str()]);
    }
    let code = link(&args);

    let (status, direct, err) = run_cli(&[&["eval", "--format", "json"], args.as_slice()].concat());
    assert_eq!(status, 0, "{err}");
    let (status, via_link, err) = run_cli(&["eval", "--format", "json", "--link", &code]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(err, "", "no warnings");
    assert_eq!(lever_bits(&direct), lever_bits(&via_link));
    // Targets too: same inputs, same numbers.
    let a: serde_json::Value = serde_json::from_str(&direct).unwrap();
    let b: serde_json::Value = serde_json::from_str(&via_link).unwrap();
    assert_eq!(a["targets"], b["targets"]);
    // The JSON names its scenario by its share code.
    assert_eq!(a["scenario"], code.as_str());
    assert_eq!(b["scenario"], code.as_str());
}

#[test]
fn link_accepts_a_whole_url_and_set_applies_on_top() {
    let code = link(&["--set", "funding=250", "--set", "teacher_avg_pay=9.7"]);
    let url = format!("https://example.gov.cn/a.html#top&pw={code}");
    let (status, out, err) = run_cli(&[
        "eval",
        "--format",
        "json",
        "--link",
        &url,
        "--set",
        "funding=260",
    ]);
    assert_eq!(status, 0, "{err}");
    let bits = lever_bits(&out);
    let get = |id: &str| f64::from_bits(bits.iter().find(|(i, _)| i == id).unwrap().1);
    assert_eq!(get("funding"), 260.0);
    assert_eq!(get("teacher_avg_pay"), 9.7);
}

#[test]
fn plan_as_written_code_is_stable() {
    let code = link(&[]);
    let (_, out, _) = run_cli(&["eval", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scenario"], code.as_str());
}

#[test]
fn bad_code_is_a_message_and_a_non_zero_exit() {
    let (status, out, err) = run_cli(&["eval", "--link", "hello world"]);
    assert_ne!(status, 0);
    assert_eq!(out, "");
    assert_eq!(
        err.trim(),
        "这不是本组件的分享码。请复制完整的分享链接后再试。"
    );
    let code = link(&["--set", "funding=250"]);
    let mut damaged = code.clone().into_bytes();
    let last = damaged.len() - 3;
    damaged[last] = if damaged[last] == b'A' { b'B' } else { b'A' };
    let damaged = String::from_utf8(damaged).unwrap();
    let (status, _, err) = run_cli(&["eval", "--lang", "en", "--link", &damaged]);
    assert_eq!(status, 2);
    assert!(err.starts_with("The share code is damaged"), "{err}");
}

#[test]
fn warnings_go_to_stderr_and_exit_zero() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let v1 = format!("{dir}/tests/plans/small.json");
    let v2 = format!("{dir}/tests/share/small-v2.json");
    let code = link(&["--plan", &v1, "--set", "kg_new=8", "--set", "funding=18000"]);
    let (status, out, err) = run_cli(&[
        "eval", "--plan", &v2, "--lang", "en", "--format", "json", "--link", &code,
    ]);
    assert_eq!(status, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("This share code was made for version 1"));
    assert!(lines[1].starts_with("Not applied: input #"));
    assert!(lines[2].contains("changed to 15000"));
    let bits = lever_bits(&out);
    assert_eq!(f64::from_bits(bits[1].1), 15000.0);
}

#[test]
fn eval_writes_csv() {
    let (status, csv, err) = run_cli(&[
        "eval",
        "--format",
        "csv",
        "--set",
        "funding=250",
        "--lang",
        "en",
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(csv.starts_with("\u{FEFF}kind,id,label,value,unit,plan as written,goal,status\r\n"));
    assert!(csv.contains("\r\npolicy lever,funding,"));
    let rows = csv.lines().count();
    assert_eq!(rows, 1 + 1 + handan().targets().len());
}
