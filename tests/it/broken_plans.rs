//! Every file in tests/broken/ is a plan with known defects; its expected file
//! (`NAME.json.expected.txt`) lists every error `check` must report, with its place, in English
//! and in Chinese.

use crate::golden;
use crate::support::{root, run_cli};
use plan_widget::core::{parse_plan, Lang};

fn broken_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has {} files", files.len());
    files
}

#[test]
fn each_broken_plan_reports_every_expected_error() {
    for path in broken_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = match parse_plan(&text) {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(e) => e,
        };
        let actual = format!(
            "{}\n--\n{}\n",
            errors.message(Lang::En),
            errors.message(Lang::ZhCn)
        );
        golden::check(&path, "txt", &actual);
    }
}

#[test]
fn check_command_exits_1_with_every_error_and_no_panic() {
    for path in broken_files() {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let (code, stdout, stderr) = run_cli(&["check", &rel, "--lang", "en"]);
        assert_eq!(code, 1, "{rel}: {stderr}");
        assert!(stdout.is_empty());
        assert!(!stderr.contains("panicked"), "{rel}: {stderr}");
        let expected = std::fs::read_to_string(golden::expected_path(&path, "txt")).unwrap();
        let english = expected.split("\n--\n").next().unwrap();
        for line in english.lines() {
            assert!(
                stderr.contains(line),
                "{rel}: stderr lacks {line:?}\n{stderr}"
            );
        }
        let n = english.lines().count();
        assert!(
            stderr.trim_end().ends_with(&format!("{n} error(s)")),
            "{stderr}"
        );
    }
}
