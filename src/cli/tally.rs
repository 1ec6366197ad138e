//! `plan-widget tally FILE...`: many residents' share codes at once (one per line, or a CSV
//! column named `code`), as a table, CSV, JSON (the shape the widget's `tally` attribute reads)
//! or a self-contained HTML report.

use super::{load_plan, parse_lang, Failure};
use crate::core::tally::{self, html, read_codes, text, Entry};
use crate::core::Lang;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TallyFormat {
    Table,
    /// UTF-8 with BOM (for Excel).
    Csv,
    /// The documented shape (docs/tally.md); the widget's `tally` attribute reads it.
    Json,
    /// One self-contained, printable page with charts.
    Html,
}

#[derive(Args, Debug)]
pub struct TallyArgs {
    /// Files of share codes: one per line, or a CSV or .xlsx with a column named `code`.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A plan file (JSON); the built-in plan by default.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TallyFormat::Table)]
    pub format: TallyFormat,
    /// Language of labels and messages: zh-CN (default) or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &TallyArgs) -> Result<String, Failure> {
    let lang = parse_lang(&args.lang)?;
    let plan = load_plan(args.plan.as_deref(), lang)?;
    let mut entries = Vec::new();
    for path in &args.files {
        read_entries(path, lang, &mut entries)?;
    }
    if entries.is_empty() {
        return Err(Failure::input(match lang {
            Lang::ZhCn => "没有读到任何分享码。".to_string(),
            Lang::En => "No share code was read.".to_string(),
        }));
    }
    let t = tally::tally(&plan, &entries, lang);
    let out = match args.format {
        TallyFormat::Table => text::table(&plan, &t, lang),
        TallyFormat::Csv => text::csv(&t, lang),
        TallyFormat::Json => tally::json(&t),
        TallyFormat::Html => html::report(&plan, &t, lang),
    };
    match &args.output {
        None => Ok(out),
        Some(path) => {
            std::fs::write(path, out)
                .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))?;
            Ok(String::new())
        }
    }
}

/// The codes of one file, appended to `entries`; a file that cannot be read, or a table
/// without a `code` column, is an error naming the file.
fn read_entries(path: &Path, lang: Lang, entries: &mut Vec<Entry>) -> Result<(), Failure> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        let (sheet, codes) =
            xlsx_codes(bytes, lang).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        let source = format!("{name} ({sheet})");
        entries.extend(codes.into_iter().map(|(line, code)| Entry {
            source: source.clone(),
            line,
            code,
        }));
        return Ok(());
    }
    // Codes are ASCII: a file in another encoding (GBK from an older Excel) still reads.
    let text = String::from_utf8_lossy(&bytes);
    let codes =
        read_codes(&text).map_err(|e| Failure::input(format!("{name}: {}", e.message(lang))))?;
    entries.extend(codes.into_iter().map(|(line, code)| Entry {
        source: name.clone(),
        line,
        code,
    }));
    Ok(())
}

/// The codes of a workbook: the first sheet whose first non-empty row has a cell `code` (any
/// case), that column below it; each with its row number as Excel shows it. Returns the sheet's
/// name too.
fn xlsx_codes(bytes: Vec<u8>, lang: Lang) -> Result<(String, Vec<(usize, String)>), String> {
    use calamine::{Reader, Xlsx};
    let zh = lang == Lang::ZhCn;
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        if zh {
            format!("不是可读的 .xlsx 工作簿（{e}）")
        } else {
            format!("not a readable .xlsx workbook ({e})")
        }
    })?;
    let names = wb.sheet_names();
    for sheet in &names {
        let Ok(range) = wb.worksheet_range(sheet) else {
            continue;
        };
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let mut rows = range
            .rows()
            .enumerate()
            .skip_while(|(_, r)| r.iter().all(|c| c.to_string().trim().is_empty()));
        let Some((_, header)) = rows.next() else {
            continue;
        };
        let Some(col) = header
            .iter()
            .position(|c| c.to_string().trim().eq_ignore_ascii_case("code"))
        else {
            continue;
        };
        let codes = rows
            .filter_map(|(i, r)| {
                let code = r.get(col)?.to_string().trim().to_string();
                (!code.is_empty()).then_some((first_row + i + 1, code))
            })
            .collect();
        return Ok((sheet.clone(), codes));
    }
    Err(if zh {
        format!(
            "没有哪张工作表的首行有名为 code 的列（工作表：{}）。",
            names.join("、")
        )
    } else {
        format!(
            "no sheet has a column named code in its first row (sheets: {}).",
            names.join(", ")
        )
    })
}
