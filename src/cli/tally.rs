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
    /// Files of share codes: one per line, or a CSV with a column named `code`.
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
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        return Err(Failure::input(match lang {
            Lang::ZhCn => {
                format!("{name}:暂不能直接读取 .xlsx,请在表格软件中另存为 CSV(UTF-8)后再统计。")
            }
            Lang::En => {
                format!("{name}: .xlsx is not read yet; save it as CSV (UTF-8) and tally that.")
            }
        }));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
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
