//! The county reporting workbook: it opens in LibreOffice (every sheet), filled with the June
//! figures (by openpyxl) it reports what the CSV reports, several counties' files merge, and a
//! bad cell is named by file, sheet and cell.

use crate::support::{root, run_cli};
use crate::workbook::{python, scratch};
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn breakdown(dir: &Path) -> PathBuf {
    let xlsx = dir.join("任务分解表.xlsx");
    let (code, _, err) = run_cli(&["breakdown", "--format", "xlsx", "--output", s(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    xlsx
}

/// Fills a reporting workbook from an actuals CSV (county,target,month,value): the county's
/// sheet is the one whose B2 holds its id, the row the target's, the column `reported.MONTH`.
/// Only the counties listed in argv[4] (comma-separated; empty: all).
const FILL: &str = r#"
import csv, sys, openpyxl
src, csv_path, out, only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
wb = openpyxl.load_workbook(src)
sheets = {ws["B2"].value: ws for ws in wb.worksheets if ws["B2"].value}
for row in csv.DictReader(open(csv_path, encoding="utf-8-sig")):
    if only and row["county"] not in only.split(","):
        continue
    ws = sheets[row["county"]]
    keys = {c.value: c.column for c in ws[4]}
    col = keys["reported." + row["month"]]
    hits = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == row["target"]]
    assert len(hits) == 1, row
    v = row["value"]
    try:
        v = float(v)
    except ValueError:
        pass
    ws.cell(hits[0], col).value = v
wb.save(out)
"#;

fn fill(template: &Path, csv: &Path, out: &Path, only: &str) {
    python(FILL, &[s(template), s(csv), s(out), only]);
}

fn progress_json(actuals: &[&Path]) -> String {
    let mut args = vec!["progress", "--format", "json", "--actuals"];
    args.extend(actuals.iter().map(|p| s(p)));
    let (code, out, err) = run_cli(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    out
}

#[test]
fn the_june_workbook_reports_what_the_csv_reports() {
    let dir = scratch("county-june");
    let template = breakdown(&dir);
    let june = root().join("tests/progress/handan/june.csv");
    let filled = dir.join("june.xlsx");
    fill(&template, &june, &filled, "");
    let by_csv = progress_json(&[&june]);
    assert_eq!(progress_json(&[&filled]), by_csv);
    // Each county sends its own file; together they report the same.
    let (a, b) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
    fill(
        &template,
        &june,
        &a,
        "city,hanshan,congtai,fuxing,fengfeng,feixiang,yongnian",
    );
    fill(
        &template,
        &june,
        &b,
        "linzhang,chengan,daming,shexian,cixian,qiuxian,jize,guangping,guantao,weixian,quzhou,wuan",
    );
    assert_eq!(progress_json(&[&a, &b]), by_csv);
    // A CSV and a workbook mix too.
    assert_eq!(progress_json(&[&a, &june]), by_csv);
}

#[test]
fn the_committed_june_workbook_reports_what_the_csv_reports() {
    // tests/progress/handan/june.xlsx (the widget's end-to-end test picks it) is the reporting
    // workbook filled with june.csv by the script above.
    let dir = root().join("tests/progress/handan");
    assert_eq!(
        progress_json(&[&dir.join("june.xlsx")]),
        progress_json(&[&dir.join("june.csv")])
    );
}

#[test]
fn the_workbook_opens_in_libreoffice_with_every_sheet() {
    let dir = scratch("county-lo");
    let template = breakdown(&dir);
    let plan = dir.join("plan.xlsx");
    assert_eq!(
        run_cli(&["convert", "plans/handan-edu-2022.json", s(&plan)]).0,
        0
    );
    for (book, sheets) in [(&template, 20), (&plan, 10)] {
        let out = dir.join("csv");
        let _ = std::fs::remove_dir_all(&out);
        // The 12th token, -1, writes every sheet to its own CSV file.
        let status = std::process::Command::new("soffice")
            .args([
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
                "--outdir",
                s(&out),
                s(book),
            ])
            .output()
            .expect("soffice (scripts/setup.sh installs libreoffice-calc-nogui)");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let files: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(files.len(), sheets, "{}", book.display());
        assert!(files.iter().all(|f| f.lines().count() >= 2));
    }
    let hanshan = std::fs::read_to_string(dir.join("csv/plan-县区.csv")).unwrap();
    assert!(hanshan.contains("hanshan,邯山区"), "{hanshan}");
}

#[test]
fn only_the_reported_cells_are_open() {
    let dir = scratch("county-lock");
    let template = breakdown(&dir);
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["邯山区"]
assert ws.protection.sheet
keys = {c.value: c.column for c in ws[4]}
assert ws.cell(5, keys["reported.2022-06"]).protection.locked is False
assert ws.cell(5, keys["milestone.2022-06"]).protection.locked is True
assert ws.cell(5, keys["target"]).protection.locked is True
assert str(ws.cell(5, keys["months_reported"]).value).startswith("=COUNTA(")
assert any(dv.type == "decimal" for dv in ws.data_validations.dataValidation)
# Yes/no targets (the city's own sheet has some) take 是 or 否 from a list.
city = wb["全市"]
assert any(dv.type == "list" and "是" in dv.formula1 for dv in city.data_validations.dataValidation)
"#,
        &[s(&template)],
    );
}

#[test]
fn a_bad_cell_is_named_by_file_sheet_and_cell() {
    let dir = scratch("county-bad");
    let template = breakdown(&dir);
    let csv = dir.join("bad.csv");
    std::fs::write(
        &csv,
        "county,target,month,value\nhanshan,preschool_ger,2022-06,lots\nhanshan,new_kindergartens,2022-06,2\n",
    )
    .unwrap();
    let filled = dir.join("bad.xlsx");
    fill(&template, &csv, &filled, "");
    let (code, out, err) = run_cli(&[
        "progress",
        "--format",
        "json",
        "--lang",
        "en",
        "--actuals",
        s(&filled),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
    // preschool_ger is 邯山区's first row (5); June's reported column is T.
    assert!(
        err.contains("bad.xlsx: 邯山区!T5 (value): 'lots' is not a number"),
        "{err}"
    );
    assert!(err.contains("1 bad row(s) skipped"), "{err}");
    let (code, _, err) = run_cli(&[
        "progress",
        "--lang",
        "en",
        "--actuals",
        s(&root().join("plans/handan-edu-2022.json")),
    ]);
    assert_ne!(code, 0);
    assert!(!err.is_empty());
    let (code, _, err) = run_cli(&[
        "progress",
        "--lang",
        "en",
        "--actuals",
        s(&dir.join("csv-free.xlsx")),
    ]);
    assert_eq!(code, 2, "{err}");
    let plan = dir.join("plan.xlsx");
    assert_eq!(
        run_cli(&["convert", "plans/handan-edu-2022.json", s(&plan)]).0,
        0
    );
    let (code, _, err) = run_cli(&["progress", "--lang", "en", "--actuals", s(&plan)]);
    assert_eq!(code, 1);
    assert!(err.contains("no county reporting sheet"), "{err}");
}
