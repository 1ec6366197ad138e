//! The Progress view's own state: the merged actuals, what each load gave, the as-of month,
//! the area of the timelines and which timelines are open.

use crate::core::progress::actuals::{parse_cells, CellRow};
use crate::core::progress::{parse_actuals, Actuals, ActualsLoad, MonthNo, RowError, Scope};
use crate::core::Plan;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::Reducible;

/// Where a load came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The element's `actuals` attribute: the URL the element fetched.
    Page(Rc<str>),
    /// A file chosen in the picker.
    File(String),
}

/// Why a load gave nothing at all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Failure {
    /// A chosen file could not be read.
    Unreadable,
    /// The page's URL answered with this HTTP status (not 2xx).
    Http(u16),
    /// The page's URL could not be fetched (network error, blocked, another site).
    Network,
    /// A chosen `.xlsx` file is not a county reporting workbook.
    NotWorkbook,
}

/// What one load gave: the values used, one error per bad row, warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadNote {
    pub source: Source,
    /// Values in this load (after duplicates within it are replaced).
    pub used: usize,
    pub errors: Vec<RowError>,
    pub warnings: Vec<RowError>,
    /// The file could not be read or fetched at all.
    pub failure: Option<Failure>,
    /// Nothing usable and the text is a web page (`<…`): a portal's "not found" page served
    /// with status 200, say.
    pub html: bool,
}

impl LoadNote {
    fn failed(source: Source, failure: Failure) -> LoadNote {
        LoadNote {
            source,
            used: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            failure: Some(failure),
            html: false,
        }
    }
}

/// What the element got from its `actuals` URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// The body (CSV or JSON text, parsed by the view).
    Text(Rc<str>),
    /// The HTTP status of an answer that is not 2xx.
    Http(u16),
    /// No answer (network error, blocked by the page's policy).
    Network,
}

impl Fetched {
    /// A fetch that failed: `status` is the HTTP status, 0 when there was no answer.
    pub fn failed(status: u16) -> Fetched {
        match status {
            0 => Fetched::Network,
            s => Fetched::Http(s),
        }
    }
}

/// One fetch of the `actuals` URL (absolute, as named in the messages).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFetch {
    pub url: Rc<str>,
    pub fetched: Fetched,
}

/// Every fetch of the element's `actuals` URL, oldest first. Append-only: the view loads the
/// fetches it has not seen yet, so a failed later fetch only adds its note, and a view first
/// drawn after several fetches (the Progress tab opened late) still gets every one of them.
/// Compared by pointer (a new list is a new value).
#[derive(Debug, Clone, Default)]
pub struct PageActuals(Rc<Vec<PageFetch>>);

impl PartialEq for PageActuals {
    fn eq(&self, other: &PageActuals) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PageActuals {
    /// The list with `fetch` added at the end.
    pub fn with(&self, fetch: PageFetch) -> PageActuals {
        let mut list = (*self.0).clone();
        list.push(fetch);
        PageActuals(Rc::new(list))
    }

    /// A list of one fetch that gave `text`.
    pub fn text(url: &str, text: &str) -> PageActuals {
        PageActuals::default().with(PageFetch {
            url: Rc::from(url),
            fetched: Fetched::Text(Rc::from(text)),
        })
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &PageFetch> {
        self.0.iter()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PState {
    pub actuals: Rc<Actuals>,
    /// Bumped on every change of `actuals`.
    pub rev: u32,
    /// Newest first.
    pub loads: Vec<Rc<LoadNote>>,
    /// `None`: the latest month in the actuals.
    pub as_of: Option<MonthNo>,
    pub scope: Scope,
    /// Targets whose timeline is open.
    pub open: BTreeSet<usize>,
    /// How many of the page's fetches ([`PageActuals`]) are loaded.
    pub page_seen: usize,
    /// The names of the files chosen last in the picker (shown next to it).
    pub picked: Rc<[String]>,
}

impl PState {
    pub fn new() -> PState {
        PState {
            actuals: Rc::new(Actuals::default()),
            rev: 0,
            loads: Vec::new(),
            as_of: None,
            scope: Scope::City,
            open: BTreeSet::from([0]),
            page_seen: 0,
            picked: Rc::from([]),
        }
    }

    /// The month the report is for: the chosen one, else the latest reported.
    pub fn month(&self) -> Option<MonthNo> {
        self.as_of.or_else(|| self.actuals.latest_month())
    }

    /// Parses `text` against `plan` and merges the good rows into what is loaded.
    pub fn load(&mut self, plan: &Plan, source: Source, text: &str) {
        let load = parse_actuals(plan, text);
        let html = matches!(source, Source::Page(_))
            && load.actuals.is_empty()
            && text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('<');
        self.merge(source, load, html);
    }

    /// Resolves the filled cells of a county workbook against `plan` and merges the good ones.
    pub fn load_cells(&mut self, plan: &Plan, source: Source, rows: Vec<CellRow>) {
        self.merge(source, parse_cells(plan, rows), false);
    }

    fn merge(&mut self, source: Source, load: ActualsLoad, html: bool) {
        let used = load.actuals.len();
        if used > 0 {
            let mut merged = (*self.actuals).clone();
            merged.merge(load.actuals);
            self.actuals = Rc::new(merged);
            self.rev = self.rev.wrapping_add(1);
        }
        self.loads.insert(
            0,
            Rc::new(LoadNote {
                source,
                used,
                errors: load.errors,
                warnings: load.warnings,
                failure: None,
                html,
            }),
        );
    }

    /// Loads the page's fetches not loaded yet, oldest first.
    fn load_page(&mut self, plan: &Plan, feed: &PageActuals) {
        for f in feed.iter().skip(self.page_seen) {
            let source = Source::Page(f.url.clone());
            match &f.fetched {
                Fetched::Text(text) => self.load(plan, source, text),
                Fetched::Http(status) => self.fail(source, Failure::Http(*status)),
                Fetched::Network => self.fail(source, Failure::Network),
            }
        }
        self.page_seen = self.page_seen.max(feed.len());
    }

    fn fail(&mut self, source: Source, failure: Failure) {
        self.loads
            .insert(0, Rc::new(LoadNote::failed(source, failure)));
    }
}

impl Default for PState {
    fn default() -> PState {
        PState::new()
    }
}

pub enum PAction {
    Load {
        plan: Rc<Plan>,
        source: Source,
        text: String,
    },
    /// The element's fetches of its `actuals` URL.
    Page {
        plan: Rc<Plan>,
        feed: PageActuals,
    },
    /// The filled cells of a county workbook (read by the workbook module).
    Cells {
        plan: Rc<Plan>,
        source: Source,
        rows: Vec<CellRow>,
    },
    Unreadable(String),
    NotWorkbook(String),
    /// Files chosen in the picker (their names, before they are read).
    Picked(Vec<String>),
    AsOf(Option<MonthNo>),
    Scope(Scope),
    Toggle(usize),
}

impl Reducible for PState {
    type Action = PAction;
    fn reduce(self: Rc<Self>, action: PAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PAction::Load { plan, source, text } => next.load(&plan, source, &text),
            PAction::Page { feed, .. } if feed.len() <= self.page_seen => return self,
            PAction::Page { plan, feed } => next.load_page(&plan, &feed),
            PAction::Cells { plan, source, rows } => next.load_cells(&plan, source, rows),
            PAction::Unreadable(name) => next.fail(Source::File(name), Failure::Unreadable),
            PAction::NotWorkbook(name) => next.fail(Source::File(name), Failure::NotWorkbook),
            PAction::Picked(names) => next.picked = Rc::from(names),
            PAction::AsOf(m) if m == self.as_of => return self,
            PAction::AsOf(m) => next.as_of = m,
            PAction::Scope(s) if s == self.scope => return self,
            PAction::Scope(s) => next.scope = s,
            PAction::Toggle(t) => {
                if !next.open.remove(&t) {
                    next.open.insert(t);
                }
            }
        }
        Rc::new(next)
    }
}
