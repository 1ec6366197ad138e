//! Expected-output (golden) files: one convention for every data-driven test (README "Tests";
//! the browser tests read the same files with `include_str!`).
//!
//! - An output of input file `DIR/NAME` is compared with `DIR/NAME.expected.KIND` beside it
//!   (`tests/progress/demo/june.csv` → `june.csv.expected.json`; one input with several outputs:
//!   `funding-150.case.json` → `funding-150.case.json.expected.zh.txt`, `.expected.en.txt`, …).
//! - A test of one fixed input that has no file of its own (the Handan plan as written) names a
//!   case instead: `tests/expect/handan-defaults` → `tests/expect/handan-defaults.expected.txt`.
//! - A data-driven test finds its inputs with [`inputs`]: every file of its folder with one of the
//!   given extensions, so a new input is a new case, and an input without its expected file
//!   fails.
//! - A file generated for others under a name of its own (www/data/tally-sample.json, which the
//!   demo page reads) is kept by [`check_file`] the same way.
//! - A missing or different expected file fails the test; `UPDATE_EXPECT=1` writes it instead
//!   (review the diff).

use std::path::{Path, PathBuf};

/// The expected file of `input`'s output `kind`: `NAME.expected.KIND` beside it.
pub fn expected_path(input: &Path, kind: &str) -> PathBuf {
    let name = input
        .file_name()
        .unwrap_or_else(|| panic!("{} names no file", input.display()))
        .to_string_lossy();
    input.with_file_name(format!("{name}.expected.{kind}"))
}

/// Compares `actual` with the expected file of `input`'s output `kind`; `UPDATE_EXPECT=1`
/// writes the file instead.
pub fn check(input: &Path, kind: &str, actual: &str) {
    check_file(&expected_path(input, kind), actual);
}

/// Compares `actual` with the file at `path`, `UPDATE_EXPECT=1` writes it: for a generated file
/// that others read under its own name (the demo page's sample tally in www/data/).
pub fn check_file(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        write_whole(path, actual);
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "missing expected file {} ({e}); UPDATE_EXPECT=1 writes it (review it)",
            path.display()
        )
    });
    assert_eq!(
        expected,
        actual,
        "output differs from {} (UPDATE_EXPECT=1 rewrites it; review the diff)",
        path.display()
    );
}

/// Every input of a data-driven test: the files in `dir` ending in `.EXT` for one of `exts`
/// (expected files aside), sorted. Fails on a folder with none.
pub fn inputs(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !name.contains(".expected.")
                && p.extension().is_some_and(|e| exts.iter().any(|x| e == *x))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {exts:?} input in {}", dir.display());
    files
}

/// Writes `text` to `path` in one step (a file beside it, then renamed), so a test that reads
/// the expected file while another rewrites it never sees half of it.
fn write_whole(path: &Path, text: &str) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
