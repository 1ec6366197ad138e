//! The English texts of plan files (every `"en"` string of plans/ and tests/plans/) hold no
//! Chinese, and no text lacks its English (it would fall back to the Chinese): the widget shows
//! them to English readers as plain text, where a Chinese term or document number is unreadable. A term of the plan is translated ("recognising 5 feature
//! schools"), a document number romanized ("Jiaoshi [2013] No. 1").

use plan_widget::core::json_place::locate;
use serde_json::Value;
use std::path::Path;

/// Chinese characters and the CJK punctuation and full-width forms that come with them
/// (`〔〕`, `（）`, `，`).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{3134f}')
}

/// The runs of CJK characters in `s` ("认定5所特色学校" holds two runs around the 5).
fn cjk_runs(s: &str) -> Vec<String> {
    s.split(|c: char| !is_cjk(c))
        .filter(|run| !run.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every `"en"` string holding CJK characters, and every text with Chinese but no English, as
/// `place` (the validator's path syntax, `targets[8].note.en`) and what is wrong there.
fn english_with_chinese(value: &Value, place: &str, out: &mut Vec<(String, String)>) {
    let child = |key: &str| {
        if place.is_empty() {
            key.to_owned()
        } else {
            format!("{place}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            // A text with no English falls back to its Chinese on the English page.
            let zh = map.get("zh").and_then(Value::as_str).unwrap_or("");
            if !zh.is_empty()
                && map
                    .get("en")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .is_empty()
            {
                let what = "is missing (the English page shows the Chinese)";
                out.push((child("en"), what.to_owned()));
            }
            for (key, v) in map {
                match v {
                    Value::String(s) if key == "en" && !cjk_runs(s).is_empty() => {
                        let what = format!("holds Chinese ({})", cjk_runs(s).join(", "));
                        out.push((child(key), what));
                    }
                    _ => english_with_chinese(v, &child(key), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                english_with_chinese(v, &format!("{place}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// One line per English text holding Chinese or missing: `FILE:LINE: PLACE holds Chinese (RUNS)`.
fn problems(name: &str, text: &str) -> Vec<String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("{name}: not JSON: {e}")],
    };
    let mut found = Vec::new();
    english_with_chinese(&value, "", &mut found);
    let mut placed: Vec<(usize, String)> = found
        .into_iter()
        .map(|(place, what)| {
            let line = locate(text, &place).map_or(0, |lc| lc.line);
            (line, format!("{name}:{line}: {place} {what}"))
        })
        .collect();
    placed.sort();
    placed.into_iter().map(|(_, what)| what).collect()
}

#[test]
fn english_plan_texts_hold_no_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["plans", "tests/plans"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 2, "no plan files found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let name = file.strip_prefix(root).unwrap().display().to_string();
        found.extend(problems(&name, &std::fs::read_to_string(file).unwrap()));
    }
    assert!(
        found.is_empty(),
        "English plan texts holding Chinese or missing: translate the term (romanize a document number):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_chinese_term_in_an_english_text_is_named_with_its_place_and_line() {
    let text = r#"{
  "targets": [
    { "id": "a", "label": { "zh": "甲", "en": "A" } },
    { "id": "b", "note": { "zh": "与三（二）4为同一任务", "en": "As 3(2)4 (认定5所特色学校〔2013〕)." } }
  ],
  "counties": { "weight_note": { "zh": "教育事业统计", "en": "from the statistics" } },
  "unit": { "zh": "", "en": "" },
  "sections": [{ "id": "s", "title": { "zh": "目标" } }]
}"#;
    assert_eq!(
        problems("p.json", text),
        [
            "p.json:4: targets[1].note.en holds Chinese (认定, 所特色学校〔, 〕)",
            "p.json:8: sections[0].title.en is missing (the English page shows the Chinese)"
        ]
    );
}
