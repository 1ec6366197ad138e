//! The corpus of hostile codes in `hostile.json`: each case gets its own expected error or
//! warnings, and nothing panics.

use super::plan_named;
use plan_widget::core::share::{decode, seal, ShareError, ShareWarning};
use plan_widget::core::{Lang, Plan};
use serde_json::Value;

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn num(v: f64) -> String {
    format!("{v}")
}

fn warning(w: &ShareWarning) -> String {
    let within = |s: &Option<String>| s.as_ref().map(|n| format!(" in {n}")).unwrap_or_default();
    match w {
        ShareWarning::OtherVersion { made_for, now } => format!("other_version {made_for}→{now}"),
        ShareWarning::Clamped {
            scenario,
            input,
            from,
            to,
            ..
        } => format!(
            "clamped {input} {}→{}{}",
            num(*from),
            num(*to),
            within(scenario)
        ),
        ShareWarning::NotApplied {
            scenario,
            input,
            key,
            value,
        } => {
            let name = input.clone().unwrap_or_else(|| format!("#{key:04x}"));
            format!("not_applied {name}={}{}", num(*value), within(scenario))
        }
        ShareWarning::TargetGone => "target_gone".into(),
        ShareWarning::UnknownTab => "unknown_tab".into(),
    }
}

fn error(e: &ShareError) -> String {
    match e {
        ShareError::Empty => "empty".into(),
        ShareError::TooLong { .. } => "too_long".into(),
        ShareError::NotShareCode => "not_share_code".into(),
        ShareError::Damaged => "damaged".into(),
        ShareError::Malformed => "malformed".into(),
        ShareError::FutureFormat { version } => format!("future_format {version}"),
        ShareError::OtherPlan { plan } => {
            format!("other_plan {}", plan.as_deref().unwrap_or("?"))
        }
    }
}

/// Checks one decoding against `expect` (an error name or `{"ok": …}`); returns a complaint.
fn check(plan: &Plan, code: &str, expect: &Value) -> Result<(), String> {
    let got = decode(plan, code);
    match (&got, expect) {
        (Err(e), Value::String(want)) => {
            // Every error has a message in both languages.
            assert!(!e.message(Lang::ZhCn).is_empty() && !e.message(Lang::En).is_empty());
            if &error(e) == want {
                Ok(())
            } else {
                Err(format!("got error {}, want {want}", error(e)))
            }
        }
        (Ok(d), Value::Object(o)) => {
            let ok = &o["ok"];
            let warnings: Vec<String> = d.warnings.iter().map(warning).collect();
            let want: Vec<String> = ok["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap().to_string())
                .collect();
            if warnings != want {
                return Err(format!("got warnings {warnings:?}, want {want:?}"));
            }
            let values = d.values(plan);
            let set = ok["values"].as_object().unwrap();
            for (i, input) in plan.inputs().iter().enumerate() {
                let want = set
                    .get(&input.id)
                    .map_or(input.default, |v| v.as_f64().unwrap());
                if values[i].to_bits() != want.to_bits() {
                    return Err(format!("{} = {}, want {want}", input.id, values[i]));
                }
            }
            Ok(())
        }
        (Ok(d), _) => Err(format!("decoded {d:?}, want {expect}")),
        (Err(e), _) => Err(format!("got error {}, want {expect}", error(e))),
    }
}

fn payload(hex: &str) -> Vec<u8> {
    let hex: String = hex.split_whitespace().collect();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// Every single-character change of `code`, as (what, changed code, expectation key).
fn mutations(code: &str) -> Vec<(String, String, &'static str)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        for c in ALPHABET
            .chars()
            .chain(['.', '~', '+', '/', '=', '%', ' ', '码'])
        {
            if c == chars[i] {
                continue;
            }
            let mut m = chars.clone();
            m[i] = c;
            let key = if ALPHABET.contains(c) {
                "expect"
            } else if c == ' ' && (i == 0 || i == chars.len() - 1) {
                // A space at either end is trimmed: the code lost a character.
                "expect_deleted"
            } else {
                "expect_other"
            };
            out.push((format!("replace {i} by {c:?}"), m.iter().collect(), key));
        }
        let mut d = chars.clone();
        d.remove(i);
        out.push((format!("delete {i}"), d.iter().collect(), "expect_deleted"));
        for c in ["A", "z", "-"] {
            let mut s = chars.clone();
            s.insert(i, c.chars().next().unwrap());
            out.push((format!("insert {c} at {i}"), s.iter().collect(), "expect"));
        }
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut s = chars.clone();
            s.swap(i, i + 1);
            out.push((format!("swap {i}"), s.iter().collect(), "expect"));
        }
    }
    out
}

#[test]
fn hostile_corpus() {
    let corpus: Value = serde_json::from_str(include_str!("../../share/hostile.json")).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in corpus["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let plan = plan_named(case["plan"].as_str().unwrap());
        let codes: Vec<(String, String, &Value)> = if let Some(code) = case["code"].as_str() {
            vec![(String::new(), code.to_string(), &case["expect"])]
        } else if let Some(r) = case["repeat"].as_array() {
            let text = r[0]
                .as_str()
                .unwrap()
                .repeat(r[1].as_u64().unwrap() as usize);
            vec![(String::new(), text, &case["expect"])]
        } else if let Some(hex) = case["payload_hex"].as_str() {
            vec![(String::new(), seal(&payload(hex)), &case["expect"])]
        } else if let Some(code) = case["mutate"].as_str() {
            // The code itself must be valid.
            assert!(
                decode(plan, code).is_ok(),
                "{name}: the code to mutate is invalid"
            );
            mutations(code)
                .into_iter()
                .map(|(what, m, key)| (what, m, &case[key]))
                .collect()
        } else {
            panic!("{name}: no code");
        };
        for (what, code, expect) in codes {
            checked += 1;
            if let Err(why) = check(plan, &code, expect) {
                failures.push(format!("{name} {what} ({code}): {why}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 4000, "{checked} codes checked");
}

#[test]
fn every_error_has_its_own_message_in_both_languages() {
    let errors = [
        ShareError::Empty,
        ShareError::TooLong { len: 9000 },
        ShareError::NotShareCode,
        ShareError::Damaged,
        ShareError::Malformed,
        ShareError::FutureFormat { version: 2 },
        ShareError::OtherPlan {
            plan: Some("x".into()),
        },
        ShareError::OtherPlan { plan: None },
    ];
    for lang in [Lang::ZhCn, Lang::En] {
        let msgs: Vec<String> = errors.iter().map(|e| e.message(lang)).collect();
        for (i, m) in msgs.iter().enumerate() {
            assert!(!msgs[..i].contains(m), "{m} repeated");
        }
    }
    assert_eq!(
        ShareError::Damaged.message(Lang::ZhCn),
        "分享码已损坏（校验不符），可能复制时缺了或改了字符。请重新复制完整链接。"
    );
    assert_eq!(
        ShareError::FutureFormat { version: 2 }.message(Lang::En),
        "This share code was made by a newer widget (format 2); this page's widget reads format 1. Update the widget on this page."
    );
    assert_eq!(
        ShareError::TooLong { len: 9000 }.message(Lang::En),
        "This is not a share code: it is 9000 characters long; share codes have at most 8192."
    );
}
