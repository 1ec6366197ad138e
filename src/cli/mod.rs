//! The `plan-widget` command line: a thin layer over the core. Reads files, prints, exits.
//! Every failure is a message on stderr and a non-zero exit, never a panic.

mod convert;
mod eval;
mod head;
mod link;
mod progress;
mod render;
mod risk;
mod scenario;
mod seek;
mod tally;

use crate::core::builtin;
use crate::core::validate::{check_sources, parse_plan};
use crate::core::{Lang, Plan};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use scenario::ScenarioArgs;

#[derive(Parser, Debug)]
#[command(
    name = "plan-widget",
    version,
    about = "Check a plan file, evaluate scenarios, make share codes"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a plan file: exit 0 and a summary, or exit 1 and every error with its place.
    Check {
        /// The plan file: JSON, or an .xlsx plan workbook.
        plan: PathBuf,
        /// The plan's own text: every target's `source` must be found in it.
        #[arg(long)]
        document: Option<PathBuf>,
        /// Language of the messages.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
    },
    /// Convert a plan between JSON and an .xlsx workbook (direction from the extensions).
    Convert {
        /// The plan to read (.json or .xlsx).
        input: PathBuf,
        /// The file to write (.xlsx or .json).
        output: PathBuf,
        /// Language of the messages.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
    },
    /// Evaluate a scenario: every lever and target with value, goal and status.
    Eval {
        #[command(flatten)]
        scenario: ScenarioArgs,
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
    },
    /// Progress by county: status against the current milestone and the ranking, from actuals.
    Progress(progress::ProgressArgs),
    /// The task breakdown table (任务分解表): milestones by quarter and month, per county.
    Breakdown(progress::BreakdownArgs),
    /// What would it take: the smallest change of a lever that meets a target.
    Seek {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The target to meet.
        #[arg(long)]
        target: String,
        /// Only this lever (or assumption); by default every policy lever that can move it.
        #[arg(long)]
        lever: Option<String>,
        /// Also suggest assumptions, after the policy levers.
        #[arg(long)]
        assumptions: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// How likely: Monte Carlo over the assumptions' ranges.
    Risk {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Number of samples.
        #[arg(long, default_value_t = crate::core::risk::DEFAULT_SAMPLES)]
        samples: usize,
        /// Seed of the random numbers (same seed, same figures).
        #[arg(long, default_value_t = crate::core::risk::DEFAULT_SEED)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the share code of a scenario (`--set`, and `--link` to start from a code).
    Link {
        #[command(flatten)]
        scenario: ScenarioArgs,
    },
    /// Tally many residents' share codes: validity, each lever's quartiles, targets met.
    Tally(tally::TallyArgs),
    /// The widget's prerendered HTML (the `<plan-widget>` element with its first render in a
    /// declarative shadow root), to put inline in a portal's page.
    Render(render::RenderArgs),
}

/// Output of `seek` and `risk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Output of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
    /// UTF-8 with BOM: changed inputs and every target (for Excel).
    Csv,
}

/// A failure to report: message on stderr, exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

/// Parses the arguments and runs the command; returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli.command) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
            {
                // A closed pipe (`| head`) is not a failure of ours.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("{e}");
                    ExitCode::from(1)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Runs one command; the text to print on success.
pub fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Check {
            plan,
            document,
            lang,
        } => check(&plan, document.as_deref(), parse_lang(&lang)?),
        Command::Convert {
            input,
            output,
            lang,
        } => convert::run(&input, &output, parse_lang(&lang)?),
        Command::Eval { scenario, format } => eval::run(&scenario, format),
        Command::Progress(args) => progress::run(&args),
        Command::Breakdown(args) => progress::breakdown(&args),
        Command::Seek {
            scenario,
            target,
            lever,
            assumptions,
            format,
        } => seek::run(&scenario, &target, lever.as_deref(), assumptions, format),
        Command::Risk {
            scenario,
            samples,
            seed,
            format,
        } => risk::run(&scenario, samples, seed, format),
        Command::Link { scenario } => link::run(&scenario),
        Command::Tally(args) => tally::run(&args),
        Command::Render(args) => render::run(&args),
    }
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, Failure> {
    s.parse::<Lang>().map_err(Failure::input)
}

pub(crate) fn read_file(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))
}

/// The plan from `--plan FILE`, or the built-in plan.
pub(crate) fn load_plan(path: Option<&Path>, lang: Lang) -> Result<Plan, Failure> {
    match path {
        Some(p) => read_plan(p).map_err(|lines| Failure {
            message: format!("{}:\n{}", p.display(), lines(lang).join("\n")),
            code: 1,
        }),
        None => match builtin::load(builtin::DEFAULT_ID) {
            Some(Ok(plan)) => Ok(plan),
            Some(Err(e)) => Err(Failure {
                message: format!("built-in plan: {}", e.message(lang)),
                code: 1,
            }),
            None => Err(Failure::input("no built-in plan")),
        },
    }
}

/// A path ending in `.xlsx` (any case).
pub(crate) fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The messages of a plan that does not load, in the language asked for.
type PlanLines = Box<dyn Fn(Lang) -> Vec<String>>;

/// Reads and validates a plan file, JSON or workbook (by extension). A file that cannot be
/// read is one message.
fn read_plan(path: &Path) -> Result<Plan, PlanLines> {
    if is_workbook(path) {
        let bytes = std::fs::read(path).map_err(|e| {
            let m = format!("cannot read {}: {e}", path.display());
            Box::new(move |_| vec![m.clone()]) as PlanLines
        })?;
        return crate::workbook::parse_plan_workbook(&bytes).map_err(|errors| {
            Box::new(move |lang| errors.iter().map(|e| e.message(lang)).collect()) as PlanLines
        });
    }
    let text =
        read_file(path).map_err(|f| Box::new(move |_| vec![f.message.clone()]) as PlanLines)?;
    parse_plan(&text).map_err(|errors| {
        Box::new(move |lang| errors.0.iter().map(|e| e.message(lang)).collect()) as PlanLines
    })
}

fn check(path: &Path, document: Option<&Path>, lang: Lang) -> Result<String, Failure> {
    let lines = match read_plan(path) {
        Ok(plan) => {
            let mut errors = Vec::new();
            if let Some(doc) = document {
                let doc_text = read_file(doc)?;
                errors = check_sources(&plan, &doc_text);
            }
            if errors.is_empty() {
                return Ok(summary(&plan, document.is_some(), lang));
            }
            source_lines(path, &errors, lang)
        }
        Err(lines) => lines(lang),
    };
    Err(Failure {
        message: convert::error_lines(path, lines, lang),
        code: 1,
    })
}

/// Quotes not found in the document; in a workbook, placed at their cells.
fn source_lines(path: &Path, errors: &[crate::core::PlanError], lang: Lang) -> Vec<String> {
    let placed = is_workbook(path)
        .then(|| std::fs::read(path).ok())
        .flatten()
        .and_then(|bytes| crate::workbook::read_plan_file(&bytes).ok())
        .map(|(_, loc)| crate::workbook::located(&loc, errors.to_vec()));
    match placed {
        Some(p) => p.iter().map(|e| e.message(lang)).collect(),
        None => errors.iter().map(|e| e.message(lang)).collect(),
    }
}

fn summary(plan: &Plan, sources_checked: bool, lang: Lang) -> String {
    let levers = plan
        .inputs()
        .iter()
        .filter(|i| i.kind == crate::core::InputKind::Policy)
        .count();
    let assumptions = plan.inputs().len() - levers;
    let m = plan.meta();
    let mut out = match lang {
        Lang::ZhCn => format!(
            "通过：{} 第{}版「{}」：{} 个章节，{} 个政策杠杆，{} 个假设，{} 个派生量，{} 个目标{}\n",
            m.id,
            m.version,
            m.title.get(lang),
            plan.sections().len(),
            levers,
            assumptions,
            plan.derived().len(),
            plan.targets().len(),
            if sources_checked {
                "；全部引文均在原文中找到"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "ok: {} version {} \"{}\": {} sections, {} policy levers, {} assumptions, {} derived quantities, {} targets{}\n",
            m.id,
            m.version,
            m.title.get(lang),
            plan.sections().len(),
            levers,
            assumptions,
            plan.derived().len(),
            plan.targets().len(),
            if sources_checked {
                "; every source quote found in the document"
            } else {
                ""
            }
        ),
    };
    if let Some(c) = plan.counties() {
        let n = c.divisions().len();
        out.pop();
        out.push_str(&match lang {
            Lang::ZhCn => format!("；{n} 个县（市、区）\n"),
            Lang::En => format!("; {n} county-level divisions\n"),
        });
    }
    out
}
