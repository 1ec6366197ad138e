//! Where a validator place (`targets[12].goal.value`, `line 5, column 3`) is in the plan's JSON
//! text, as a line and column: the live editor (www/studio.html) marks errors at their line.
//! A small scanner over the text; it never fails: a place it cannot follow to the end is put
//! at the deepest part of the path that exists (a missing field at its item).

use super::validate::{check_sources, parse_plan, PlanError};
use super::Lang;
use serde::Serialize;

/// A line and column, both 1-based (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One problem of a plan text, placed for an editor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextProblem {
    pub line: usize,
    pub column: usize,
    /// The validator's place (`targets[12].goal.value` or `line 5, column 3`).
    pub place: String,
    /// What is wrong, in the language asked for (without the place).
    pub message: String,
    /// A `source` quote not found in the document (the plan itself is valid).
    pub quote: bool,
}

/// The validator's errors of a plan text, each at its line (the same rules as `plan-widget
/// check`); empty when the plan is valid. With `document`, also every `source` quote not found
/// in it.
pub fn text_problems(text: &str, document: Option<&str>, lang: Lang) -> Vec<TextProblem> {
    let (errors, quote) = match (parse_plan(text), document) {
        (Err(e), _) => (e.0, false),
        (Ok(plan), Some(doc)) => (check_sources(&plan, doc), true),
        (Ok(_), None) => (Vec::new(), false),
    };
    errors
        .iter()
        .map(|e| placed(text, e, quote, lang))
        .collect()
}

fn placed(text: &str, e: &PlanError, quote: bool, lang: Lang) -> TextProblem {
    let at = locate(text, &e.place).unwrap_or(LineCol { line: 1, column: 1 });
    TextProblem {
        line: at.line,
        column: at.column,
        place: e.place.clone(),
        message: e.kind.message(lang),
        quote,
    }
}

/// The line and column of `place` in `text` (a path's deepest part that exists); `None` for a
/// place that is neither a path nor `line L, column C`.
pub fn locate(text: &str, place: &str) -> Option<LineCol> {
    if let Some(lc) = parse_line_column(place) {
        return Some(lc);
    }
    let segments = segments(place)?;
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    s.ws();
    let offset = s.find(&segments)?;
    Some(line_col(text, offset))
}

/// `line 5, column 3` (serde's syntax errors) as it is.
fn parse_line_column(place: &str) -> Option<LineCol> {
    let rest = place.strip_prefix("line ")?;
    let (line, column) = rest.split_once(", column ")?;
    Some(LineCol {
        line: line.trim().parse().ok()?,
        column: column.trim().parse().ok()?,
    })
}

#[derive(Debug, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[3].c` → keys and indexes.
fn segments(place: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    for part in place.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (part.get(..i)?, part.get(i..)?),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            out.push(Seg::Index(r.get(..close)?.parse().ok()?));
            rest = r.get(close + 1..)?;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn line_col(text: &str, offset: usize) -> LineCol {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before.get(start..).map(|s| s.chars().count()).unwrap_or(0) + 1;
    LineCol { line, column }
}

/// `{` and `}` (named: brace literals confuse line-based tools such as scripts/fn-lengths.sh).
const OPEN_BRACE: u8 = 0x7B;
const CLOSE_BRACE: u8 = 0x7D;

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The offset of the value at `path` below the value at `pos`, or of the deepest part
    /// found.
    fn find(&mut self, path: &[Seg<'_>]) -> Option<usize> {
        let here = self.pos;
        let Some((first, rest)) = path.split_first() else {
            return Some(here);
        };
        let found = match (first, self.peek()) {
            (Seg::Key(k), Some(OPEN_BRACE)) => self.member(k),
            (Seg::Index(i), Some(b'[')) => self.element(*i),
            _ => None,
        };
        match found {
            Some(()) => self.find(rest).or(Some(self.pos)),
            None => Some(here),
        }
    }

    /// Moves to the value of member `key` of the object at `pos`.
    fn member(&mut self, key: &str) -> Option<()> {
        self.pos += 1;
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return None;
            }
            let start = self.pos + 1;
            self.string()?;
            let name = self.bytes.get(start..self.pos.saturating_sub(1))?;
            self.ws();
            if self.peek() != Some(b':') {
                return None;
            }
            self.pos += 1;
            self.ws();
            if name == key.as_bytes() {
                return Some(());
            }
            self.value()?;
            self.ws();
            if self.peek() != Some(b',') {
                return None;
            }
            self.pos += 1;
        }
    }

    /// Moves to element `index` of the array at `pos`.
    fn element(&mut self, index: usize) -> Option<()> {
        self.pos += 1;
        for _ in 0..index {
            self.ws();
            self.value()?;
            self.ws();
            if self.peek() != Some(b',') {
                return None;
            }
            self.pos += 1;
        }
        self.ws();
        (self.peek() != Some(b']')).then_some(())
    }

    /// Skips a string (at its opening quote).
    fn string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips any value.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string(),
            open @ (OPEN_BRACE | b'[') => {
                let close = if open == OPEN_BRACE {
                    CLOSE_BRACE
                } else {
                    b']'
                };
                self.pos += 1;
                let mut depth = 1usize;
                while depth > 0 {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b if b == open => depth += 1,
                        b if b == close => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                Some(())
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | CLOSE_BRACE | b']' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"id\": \"x\",\n  \"targets\": [\n    {\"id\": \"a\", \"note\": \"[}\\\"\"},\n    {\n      \"id\": \"b\",\n      \"goal\": {\"op\": \">=\", \"value\": 3}\n    }\n  ]\n}";

    fn at(place: &str) -> Option<(usize, usize)> {
        locate(TEXT, place).map(|l| (l.line, l.column))
    }

    #[test]
    fn paths_find_their_values() {
        assert_eq!(at("id"), Some((2, 9)));
        assert_eq!(at("targets[0]"), Some((4, 5)));
        assert_eq!(at("targets[1].goal.value"), Some((7, 37)));
        assert_eq!(at("targets[1].goal"), Some((7, 15)));
    }

    #[test]
    fn a_missing_part_is_placed_at_the_deepest_found() {
        assert_eq!(at("targets[1].goal.min"), Some((7, 15)));
        assert_eq!(at("targets[1].label"), Some((5, 5)));
        assert_eq!(at("targets[7].id"), Some((3, 14)));
        assert_eq!(at("counties.divisions"), Some((1, 1)));
    }

    #[test]
    fn line_and_column_places_pass_through() {
        assert_eq!(at("line 5, column 3"), Some((5, 3)));
        assert_eq!(locate("{", "line 1, column 2").map(|l| l.column), Some(2));
        assert_eq!(locate("", "x"), Some(LineCol { line: 1, column: 1 }));
    }

    #[test]
    fn problems_of_a_plan_text_are_placed_at_their_lines() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/plans/small.json"
        ))
        .unwrap();
        assert_eq!(text_problems(&text, None, Lang::En), []);
        let broken = text.replacen("\"op\": \">=\"", "\"op\": \"=>\"", 1);
        let problems = text_problems(&broken, None, Lang::En);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(p.place.ends_with(".goal.op"), "{p:?}");
        let line = broken.lines().nth(p.line - 1).unwrap();
        assert!(line.contains("\"=>\""), "{line}");
        let quotes = text_problems(&text, Some("nothing here"), Lang::En);
        assert!(!quotes.is_empty());
        assert!(quotes
            .iter()
            .all(|p| p.quote && p.place.ends_with(".source")));
        assert!(!p.quote);
    }

    #[test]
    fn segments_split_keys_and_indexes() {
        assert_eq!(
            segments("counties.targets[2].shares.a"),
            Some(vec![
                Seg::Key("counties"),
                Seg::Key("targets"),
                Seg::Index(2),
                Seg::Key("shares"),
                Seg::Key("a")
            ])
        );
        assert_eq!(
            segments("a[1][2]"),
            Some(vec![Seg::Key("a"), Seg::Index(1), Seg::Index(2)])
        );
    }
}
