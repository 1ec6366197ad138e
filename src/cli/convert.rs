//! `plan-widget convert IN OUT`: plan JSON ⇄ `.xlsx` workbook, the direction from the
//! extensions. The output is written whenever the input reads as the plan format; the
//! validator's findings then go to stderr with their places and the exit code is 1.

use super::{is_workbook, read_file, Failure};
use crate::core::format::PlanFile;
use crate::core::validate::{parse_plan, validate_file};
use crate::core::Lang;
use crate::workbook::{self, WorkbookError};
use std::path::Path;

pub fn run(input: &Path, output: &Path, lang: Lang) -> Result<String, Failure> {
    let (from_xlsx, to_xlsx) = (is_workbook(input), is_workbook(output));
    if from_xlsx == to_xlsx || !(is_json(input) || from_xlsx) || !(is_json(output) || to_xlsx) {
        return Err(Failure::input(match lang {
            Lang::ZhCn => "convert 在 .json 与 .xlsx 之间转换：一个 .json 文件，一个 .xlsx 文件",
            Lang::En => "convert turns .json into .xlsx or back: give one .json and one .xlsx file",
        }));
    }
    let problems = if from_xlsx {
        xlsx_to_json(input, output, lang)?
    } else {
        json_to_xlsx(input, output, lang)?
    };
    let done = match lang {
        Lang::ZhCn => format!("已写入 {}\n", output.display()),
        Lang::En => format!("wrote {}\n", output.display()),
    };
    if problems.is_empty() {
        return Ok(done);
    }
    eprint!("{done}");
    Err(Failure {
        message: problems,
        code: 1,
    })
}

fn is_json(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))
}

/// Errors, one line each with the file, then the count.
pub(crate) fn error_lines(file: &Path, lines: Vec<String>, lang: Lang) -> String {
    let n = lines.len();
    let mut out: String = lines
        .into_iter()
        .map(|l| format!("{}: {l}\n", file.display()))
        .collect();
    out.push_str(&match lang {
        Lang::ZhCn => format!("共 {n} 处错误"),
        Lang::En => format!("{n} error(s)"),
    });
    out
}

fn workbook_lines(file: &Path, errors: &[WorkbookError], lang: Lang) -> String {
    error_lines(file, errors.iter().map(|e| e.message(lang)).collect(), lang)
}

fn xlsx_to_json(input: &Path, output: &Path, lang: Lang) -> Result<String, Failure> {
    let bytes = std::fs::read(input)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", input.display())))?;
    let (file, loc) = workbook::read_plan_file(&bytes).map_err(|e| Failure {
        message: workbook_lines(input, &e, lang),
        code: 1,
    })?;
    let json = workbook::plan_json(&file).map_err(Failure::input)?;
    write(output, json.as_bytes())?;
    Ok(match validate_file(file) {
        Ok(_) => String::new(),
        Err(e) => workbook_lines(input, &workbook::located(&loc, e.0), lang),
    })
}

fn json_to_xlsx(input: &Path, output: &Path, lang: Lang) -> Result<String, Failure> {
    let text = read_file(input)?;
    let file: PlanFile = match serde_json::from_str(&text) {
        Ok(f) => f,
        // The validator words the reason and places it (line and column).
        Err(_) => {
            let lines = match parse_plan(&text) {
                Err(e) => e.0.iter().map(|e| e.message(lang)).collect(),
                Ok(_) => Vec::new(),
            };
            return Err(Failure {
                message: error_lines(input, lines, lang),
                code: 1,
            });
        }
    };
    let bytes = workbook::plan_to_workbook(&file).map_err(Failure::input)?;
    write(output, &bytes)?;
    Ok(match parse_plan(&text) {
        Ok(_) => String::new(),
        Err(e) => error_lines(input, e.0.iter().map(|e| e.message(lang)).collect(), lang),
    })
}
