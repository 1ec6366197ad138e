//! `plan-widget progress` (status and ranking from an actuals file) and `plan-widget breakdown`
//! (the 任务分解表).

use super::{is_workbook, load_plan, parse_lang, read_file, Failure};
use crate::core::display::{label_with_unit, table_number};
use crate::core::i18n::{trim, Lang};
use crate::core::progress::export::{breakdown_csv, breakdown_json, report_csv, report_json};
use crate::core::progress::{
    month_in_year, parse_actuals, progress, Actuals, ActualsLoad, Breakdown, ProgressReport,
    ProgressStatus, Scope,
};
use crate::core::Plan;
use crate::workbook::{read_filled, reporting_workbook};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BreakdownFormat {
    Csv,
    Json,
    /// The county reporting workbook (needs --output).
    Xlsx,
}

#[derive(Args, Debug, Clone)]
pub struct ProgressArgs {
    /// Reported values: CSV with header county,target,month,value, the equivalent JSON, or
    /// filled reporting workbooks (.xlsx). Several files (repeat the option, or list them):
    /// later files add to earlier ones and win for the same county, target and month.
    #[arg(long, num_args = 1.., required = true)]
    pub actuals: Vec<PathBuf>,
    /// The as-of month, YYYY-MM; default: the latest month in the actuals.
    #[arg(long)]
    pub month: Option<String>,
    /// A plan file (JSON or an .xlsx plan workbook); the built-in plan by default.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Language of labels and messages: zh-CN (default) or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
    #[arg(long, value_enum, default_value_t = ProgressFormat::Table)]
    pub format: ProgressFormat,
}

#[derive(Args, Debug, Clone)]
pub struct BreakdownArgs {
    /// A plan file (JSON or an .xlsx plan workbook); the built-in plan by default.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Language of labels and headers: zh-CN (default) or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
    #[arg(long, value_enum, default_value_t = BreakdownFormat::Csv)]
    pub format: BreakdownFormat,
    /// Write to this file instead of printing (required for xlsx).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

fn json(v: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::input(e.to_string()))
}

pub fn breakdown(args: &BreakdownArgs) -> Result<String, Failure> {
    let lang = parse_lang(&args.lang)?;
    let plan = load_plan(args.plan.as_deref(), lang)?;
    let bd = Breakdown::new(&plan);
    let bytes = match args.format {
        BreakdownFormat::Csv => breakdown_csv(&plan, &bd, lang).into_bytes(),
        BreakdownFormat::Json => json(&breakdown_json(&plan, &bd, lang))?.into_bytes(),
        BreakdownFormat::Xlsx => {
            if args.output.is_none() {
                return Err(Failure::input(match lang {
                    Lang::ZhCn => "--format xlsx 需要 --output 文件.xlsx",
                    Lang::En => "--format xlsx needs --output FILE.xlsx",
                }));
            }
            reporting_workbook(&plan, lang).map_err(|e| Failure::input(e.to_string()))?
        }
    };
    let Some(out) = &args.output else {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    };
    std::fs::write(out, &bytes)
        .map_err(|e| Failure::input(format!("cannot write {}: {e}", out.display())))?;
    Ok(match lang {
        Lang::ZhCn => format!("已写入 {}\n", out.display()),
        Lang::En => format!("wrote {}\n", out.display()),
    })
}

/// One actuals file: a filled workbook (.xlsx) or CSV/JSON text.
fn load_actuals(plan: &Plan, path: &Path, lang: Lang) -> Result<ActualsLoad, Failure> {
    if !is_workbook(path) {
        return Ok(parse_actuals(plan, &read_file(path)?));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    read_filled(plan, &bytes).map_err(|e| Failure {
        message: format!("{}: {}", path.display(), e.message(lang)),
        code: 1,
    })
}

/// Every file's values, later files winning; each file's bad rows on stderr with its name.
fn load_all(plan: &Plan, files: &[PathBuf], lang: Lang) -> Result<Actuals, Failure> {
    let mut all = Actuals::default();
    for path in files {
        let load = load_actuals(plan, path, lang)?;
        report_rows(path, &load, lang)?;
        all.merge(load.actuals);
    }
    Ok(all)
}

/// Bad rows go to stderr, one line each, with a count; the good rows are used. No usable row:
/// exit 1.
pub fn run(args: &ProgressArgs) -> Result<String, Failure> {
    let lang = parse_lang(&args.lang)?;
    let plan = load_plan(args.plan.as_deref(), lang)?;
    let actuals = load_all(&plan, &args.actuals, lang)?;
    let as_of = match &args.month {
        Some(m) => {
            Some(month_in_year(m, plan.meta().year).map_err(|e| Failure::input(e.message(lang)))?)
        }
        None => None,
    };
    let bd = Breakdown::new(&plan);
    let report =
        progress(&plan, &bd, &actuals, as_of).map_err(|e| Failure::input(e.message(lang)))?;
    match args.format {
        ProgressFormat::Json => json(&report_json(&plan, &report, lang)),
        ProgressFormat::Csv => Ok(report_csv(&plan, &report, lang)),
        ProgressFormat::Table => Ok(table(&plan, &report, lang)),
    }
}

/// A file's bad rows and warnings on stderr, with its name and a count; no usable row: exit 1.
fn report_rows(path: &Path, load: &ActualsLoad, lang: Lang) -> Result<(), Failure> {
    let file = path.display();
    for e in load.errors.iter().chain(&load.warnings) {
        eprintln!("{file}: {}", e.message(lang));
    }
    let zh = lang == Lang::ZhCn;
    if load.actuals.is_empty() {
        return Err(Failure {
            message: if zh {
                format!("{file}：没有可用的数据行（{} 处错误）", load.errors.len())
            } else {
                format!("{file}: no usable row ({} error(s))", load.errors.len())
            },
            code: 1,
        });
    }
    if !load.errors.is_empty() || !load.warnings.is_empty() {
        eprintln!(
            "{}",
            if zh {
                format!(
                    "{file}：{} 行有误已跳过，{} 条警告，使用 {} 条数据",
                    load.errors.len(),
                    load.warnings.len(),
                    load.actuals.len()
                )
            } else {
                format!(
                    "{file}: {} bad row(s) skipped, {} warning(s), {} value(s) used",
                    load.errors.len(),
                    load.warnings.len(),
                    load.actuals.len()
                )
            }
        );
    }
    Ok(())
}

fn table(plan: &Plan, report: &ProgressReport, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let counties = plan.counties();
    let mut out = String::new();
    let as_of = crate::core::progress::month_label(report.year, report.as_of);
    out.push_str(&if zh {
        format!(
            "{} 进度报告，截至 {as_of}（按期容差 {}%）\n",
            plan.meta().title.get(lang),
            trim(report.tolerance * 100.0, 1)
        )
    } else {
        format!(
            "{}: progress as of {as_of} (on-track band {}%)\n",
            plan.meta().title.get(lang),
            trim(report.tolerance * 100.0, 1)
        )
    });
    out.push_str(&ranking_table(plan, report, lang));
    out.push_str(if zh { "\n全市\n" } else { "\nWhole city\n" });
    for c in report.cells.iter().filter(|c| c.scope == Scope::City) {
        let Some(t) = plan.targets().get(c.target) else {
            continue;
        };
        out.push_str(&format!(
            "  {:<30} {:>10} {:>10}  {} {}\n",
            t.id,
            table_number(c.milestone, &t.unit, lang),
            c.value
                .map(|v| table_number(v, &t.unit, lang))
                .unwrap_or_else(|| "—".into()),
            pad_right(c.status.label(lang), 10),
            label_with_unit(t.label.get(lang), &t.unit, lang)
        ));
    }
    let behind: Vec<_> = report
        .cells
        .iter()
        .filter(|c| c.scope != Scope::City && c.status == ProgressStatus::Behind)
        .collect();
    if !behind.is_empty() {
        out.push_str(if zh {
            "\n滞后的任务\n"
        } else {
            "\nTasks behind\n"
        });
        for c in behind {
            let Some(t) = plan.targets().get(c.target) else {
                continue;
            };
            out.push_str(&format!(
                "  {:<12} {:<30} {} {} / {} {}\n",
                c.scope.id(counties),
                t.id,
                if zh { "实际" } else { "actual" },
                c.value
                    .map(|v| table_number(v, &t.unit, lang))
                    .unwrap_or_default(),
                if zh { "节点" } else { "due" },
                table_number(c.milestone, &t.unit, lang)
            ));
        }
    }
    out
}

/// The ranking lines, then the plan's rule for unreported tasks and the provisional targets.
fn ranking_table(plan: &Plan, report: &ProgressReport, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let counties = plan.counties();
    let mut out = String::new();
    if report.ranking.is_empty() {
        return out;
    }
    let head: [&str; 9] = if zh {
        [
            "名次",
            "县（市、区）",
            "任务",
            "超前",
            "按期",
            "滞后",
            "未报送",
            "按期率",
            "完成率",
        ]
    } else {
        [
            "rank", "county", "tasks", "ahead", "on", "behind", "none", "share", "compl.",
        ]
    };
    out.push_str(if zh {
        "\n县（市、区）排名\n"
    } else {
        "\nRanking\n"
    });
    out.push_str(&row(&head.map(String::from)));
    out.push('\n');
    for r in &report.ranking {
        let flag = crate::core::progress::outcome(r, lang)
            .map(|f| format!("  {f}"))
            .unwrap_or_default();
        let ranked = r.rank.is_some();
        let pct = |x: f64| match ranked {
            true => format!("{}%", trim(x * 100.0, 1)),
            false => "-".into(),
        };
        out.push_str(&row(&[
            r.rank.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            Scope::County(r.division).name(counties, lang),
            r.tasks.to_string(),
            r.ahead.to_string(),
            r.on_track.to_string(),
            r.behind.to_string(),
            r.no_report.to_string(),
            pct(r.share),
            pct(r.completion),
        ]));
        out.push_str(&flag);
        out.push('\n');
    }
    if let Some(c) = counties {
        out.push_str(&format!(
            "  {}\n",
            crate::core::progress::unreported_rule(c.ranking(), lang)
        ));
        if let Some(note) = crate::core::progress::provisional_note(c, plan.targets().len(), lang) {
            out.push_str(&format!("  {note}\n"));
        }
    }
    out
}

/// One ranking line: the rank and the name left-aligned, the figures right-aligned.
fn row(cells: &[String; 9]) -> String {
    let widths = [4, 20, 6, 6, 6, 6, 7, 8, 8];
    let mut out = String::from(" ");
    for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
        out.push(' ');
        out.push_str(&if i < 2 {
            pad_right(c, w)
        } else {
            pad_left(c, w)
        });
    }
    out
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(display_width(s))))
}

/// Terminal width of `s`: CJK characters take two columns.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}
