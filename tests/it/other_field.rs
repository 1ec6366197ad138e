//! A plan in another field (electric-vehicle charging, tests/plans/ev-chargers.json) reads
//! naturally in both languages: nothing the product prints for it speaks of schools.

use crate::support::run_cli;

const PLAN: &str = "tests/plans/ev-chargers.json";

/// Words of the education plan that must never leak into another field's output.
const EDUCATION_WORDS: &[&str] = &[
    "教育",
    "学校",
    "教师",
    "学生",
    "幼儿",
    "入学",
    "学位",
    "校",
    "education",
    "school",
    "teacher",
    "student",
    "pupil",
    "kindergarten",
    "enrol",
    "Bureau of Education",
];

fn out(args: &[&str]) -> String {
    let (code, out, err) = run_cli(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn assert_no_education_words(text: &str, what: &str) {
    let lower = text.to_lowercase();
    for w in EDUCATION_WORDS {
        assert!(
            !lower.contains(&w.to_lowercase()),
            "{what} speaks of '{w}':\n{text}"
        );
    }
}

#[test]
fn another_field_reads_naturally_in_both_languages() {
    let check = out(&["check", PLAN, "--document", "tests/plans/ev-chargers.txt"]);
    assert!(check.contains("demo-city-ev-2024"), "{check}");
    for lang in ["zh-CN", "en"] {
        for format in ["table", "json", "csv"] {
            let text = out(&["eval", "--plan", PLAN, "--lang", lang, "--format", format]);
            assert_no_education_words(&text, &format!("eval {lang} {format}"));
        }
        let cut = out(&[
            "eval",
            "--plan",
            PLAN,
            "--lang",
            lang,
            "--set",
            "subsidy=4000",
        ]);
        assert_no_education_words(&cut, &format!("eval {lang} with a cut"));
        let breakdown = out(&["breakdown", "--plan", PLAN, "--lang", lang]);
        assert_no_education_words(&breakdown, &format!("breakdown {lang}"));
    }
}

#[test]
fn its_constraints_bind_like_the_first_plans() {
    let zh = out(&["eval", "--plan", PLAN, "--set", "subsidy=4000"]);
    assert!(zh.contains("补助资金缺口 3500 万元"), "{zh}");
    assert!(zh.contains("充电桩补助仅 53% 可落实"), "{zh}");
    let en = out(&[
        "eval",
        "--plan",
        PLAN,
        "--lang",
        "en",
        "--set",
        "grid_connections=2000",
    ]);
    let row = en
        .lines()
        .find(|l| l.trim_start().starts_with("chargers_new "))
        .unwrap();
    assert!(row.contains("2000") && row.contains("not_met"), "{row}");
    assert!(
        en.contains(
            "Grid connection gap: 1,000 chargers: connecting new chargers: only 66% can go ahead"
        ),
        "{en}"
    );
}
