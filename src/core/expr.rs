//! Formula parser: text → [`Expr`] tree. Compiled to a flat program by [`crate::core::engine`].
//!
//! Grammar (lowest precedence first):
//! `or` < `and` < comparisons (`< <= > >= == !=`) < `+ -` < `* /` < unary `-` < atoms
//! (numbers, ids, `f(args…)`, parentheses).

use super::i18n::Lang;
use std::fmt;

/// Built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    If,
    Abs,
    Round,
    Floor,
    Ceil,
    Clamp,
    Not,
}

impl Func {
    fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "min" => Func::Min,
            "max" => Func::Max,
            "if" => Func::If,
            "abs" => Func::Abs,
            "round" => Func::Round,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            "clamp" => Func::Clamp,
            "not" => Func::Not,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Func::Min => "min",
            Func::Max => "max",
            Func::If => "if",
            Func::Abs => "abs",
            Func::Round => "round",
            Func::Floor => "floor",
            Func::Ceil => "ceil",
            Func::Clamp => "clamp",
            Func::Not => "not",
        }
    }

    /// Allowed number of arguments: (min, max).
    fn arity(self) -> (usize, usize) {
        match self {
            Func::Min | Func::Max => (1, 64),
            Func::If | Func::Clamp => (3, 3),
            Func::Abs | Func::Round | Func::Floor | Func::Ceil | Func::Not => (1, 1),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

/// A parsed formula. `Var` keeps the byte offset of the name for error messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Var { name: String, offset: usize },
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// Every variable the formula reads, with its byte offset.
    pub fn vars(&self, out: &mut Vec<(String, usize)>) {
        match self {
            Expr::Num(_) => {}
            Expr::Var { name, offset } => out.push((name.clone(), *offset)),
            Expr::Neg(e) => e.vars(out),
            Expr::Bin(_, a, b) => {
                a.vars(out);
                b.vars(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.vars(out)),
        }
    }

    /// Stack depth needed to evaluate this expression as compiled by the engine.
    pub fn depth(&self) -> usize {
        match self {
            Expr::Num(_) | Expr::Var { .. } => 1,
            Expr::Neg(e) => e.depth(),
            Expr::Bin(_, a, b) => a.depth().max(1 + b.depth()),
            Expr::Call(_, args) => args
                .iter()
                .enumerate()
                .map(|(i, a)| i + a.depth())
                .max()
                .unwrap_or(1),
        }
    }
}

/// What went wrong while parsing a formula, and where (byte offset into the formula).
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParseErrorKind {
    Empty,
    UnexpectedChar(char),
    UnexpectedEnd,
    Unexpected(String),
    BadNumber(String),
    UnknownFunction(String),
    Arity {
        func: &'static str,
        min: usize,
        max: usize,
        got: usize,
    },
    TooDeep,
}

impl ParseErrorKind {
    /// The problem in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ParseErrorKind as K;
        let zh = lang == Lang::ZhCn;
        match self {
            K::Empty if zh => "公式为空".into(),
            K::Empty => "the formula is empty".into(),
            K::UnexpectedChar(c) if zh => format!("无法识别的字符 '{c}'"),
            K::UnexpectedChar(c) => format!("unexpected character '{c}'"),
            K::UnexpectedEnd if zh => "公式不完整".into(),
            K::UnexpectedEnd => "the formula ends too early".into(),
            K::Unexpected(t) if zh => format!("此处不应出现 '{t}'"),
            K::Unexpected(t) => format!("unexpected '{t}'"),
            K::BadNumber(t) if zh => format!("'{t}' 不是数字"),
            K::BadNumber(t) => format!("'{t}' is not a number"),
            K::UnknownFunction(n) if zh => {
                format!("未知函数 '{n}'（可用 min、max、if、abs、round、floor、ceil、clamp、not）")
            }
            K::UnknownFunction(n) => format!(
                "unknown function '{n}' (known: min, max, if, abs, round, floor, ceil, clamp, not)"
            ),
            K::Arity {
                func,
                min,
                max,
                got,
            } => match (zh, min == max) {
                (true, true) => format!("{func}() 需要 {min} 个参数，而不是 {got} 个"),
                (true, false) => format!("{func}() 需要 {min} 到 {max} 个参数，而不是 {got} 个"),
                (false, true) => format!("{func}() takes {min} argument(s), not {got}"),
                (false, false) => format!("{func}() takes {min} to {max} arguments, not {got}"),
            },
            K::TooDeep if zh => "公式嵌套过深".into(),
            K::TooDeep => "the formula is nested too deeply".into(),
        }
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

fn tokenize(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let tok = if c.is_whitespace() {
            chars.next();
            continue;
        } else if c.is_ascii_digit() || c == '.' {
            number(src, i, &mut chars)?
        } else if c.is_ascii_alphabetic() || c == '_' {
            ident(src, i, &mut chars)
        } else {
            symbol(i, c, &mut chars)?
        };
        out.push((tok, i));
    }
    Ok(out)
}

/// A number from `start`: digits, '.', and an exponent with its sign.
fn number(src: &str, start: usize, chars: &mut Chars<'_>) -> Result<Tok, ParseError> {
    let mut end = start;
    let mut prev = ' ';
    while let Some(&(j, d)) = chars.peek() {
        let exp_sign = (d == '+' || d == '-') && (prev == 'e' || prev == 'E');
        if d.is_ascii_digit() || d == '.' || d == 'e' || d == 'E' || exp_sign {
            end = j + d.len_utf8();
            prev = d;
            chars.next();
        } else {
            break;
        }
    }
    let text = src.get(start..end).unwrap_or("");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Tok::Num(v)),
        _ => Err(ParseError {
            offset: start,
            kind: ParseErrorKind::BadNumber(text.to_string()),
        }),
    }
}

/// A name from `start`: ASCII letters, digits and '_'.
fn ident(src: &str, start: usize, chars: &mut Chars<'_>) -> Tok {
    let mut end = start;
    while let Some(&(j, d)) = chars.peek() {
        if d.is_ascii_alphanumeric() || d == '_' {
            end = j + 1;
            chars.next();
        } else {
            break;
        }
    }
    Tok::Ident(src.get(start..end).unwrap_or("").to_string())
}

/// An operator (one or two characters), a parenthesis or a comma at `i`.
fn symbol(i: usize, c: char, chars: &mut Chars<'_>) -> Result<Tok, ParseError> {
    chars.next();
    let next = chars.peek().map(|&(_, d)| d);
    let two = match (c, next) {
        ('<', Some('=')) => Some("<="),
        ('>', Some('=')) => Some(">="),
        ('=', Some('=')) => Some("=="),
        ('!', Some('=')) => Some("!="),
        _ => None,
    };
    if let Some(op) = two {
        chars.next();
        return Ok(Tok::Op(op));
    }
    Ok(match c {
        '<' => Tok::Op("<"),
        '>' => Tok::Op(">"),
        '+' => Tok::Op("+"),
        '-' => Tok::Op("-"),
        '*' => Tok::Op("*"),
        '/' => Tok::Op("/"),
        '(' => Tok::LParen,
        ')' => Tok::RParen,
        ',' => Tok::Comma,
        _ => {
            return Err(ParseError {
                offset: i,
                kind: ParseErrorKind::UnexpectedChar(c),
            })
        }
    })
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.toks.get(self.pos).map(|(_, o)| *o).unwrap_or(self.end)
    }

    fn err<T>(&self, kind: ParseErrorKind) -> Result<T, ParseError> {
        Err(ParseError {
            offset: self.offset(),
            kind,
        })
    }

    fn unexpected<T>(&self) -> Result<T, ParseError> {
        match self.peek() {
            None => self.err(ParseErrorKind::UnexpectedEnd),
            Some(t) => {
                let text = match t {
                    Tok::Num(v) => super::numtext::shortest(*v),
                    Tok::Ident(s) => s.clone(),
                    Tok::Op(o) => (*o).to_string(),
                    Tok::LParen => "(".into(),
                    Tok::RParen => ")".into(),
                    Tok::Comma => ",".into(),
                };
                self.err(ParseErrorKind::Unexpected(text))
            }
        }
    }

    fn binary(&mut self, level: usize) -> Result<Expr, ParseError> {
        // Levels: 0 or, 1 and, 2 comparison, 3 additive, 4 multiplicative.
        if level > 4 {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        loop {
            let op = match (level, self.peek()) {
                (0, Some(Tok::Ident(s))) if s == "or" => BinOp::Or,
                (1, Some(Tok::Ident(s))) if s == "and" => BinOp::And,
                (2, Some(Tok::Op("<"))) => BinOp::Lt,
                (2, Some(Tok::Op("<="))) => BinOp::Le,
                (2, Some(Tok::Op(">"))) => BinOp::Gt,
                (2, Some(Tok::Op(">="))) => BinOp::Ge,
                (2, Some(Tok::Op("=="))) => BinOp::Eq,
                (2, Some(Tok::Op("!="))) => BinOp::Ne,
                (3, Some(Tok::Op("+"))) => BinOp::Add,
                (3, Some(Tok::Op("-"))) => BinOp::Sub,
                (4, Some(Tok::Op("*"))) => BinOp::Mul,
                (4, Some(Tok::Op("/"))) => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.pos += 1;
            let rhs = self.binary(level + 1)?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.peek() == Some(&Tok::Op("-")) {
            self.pos += 1;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.err(ParseErrorKind::TooDeep);
            }
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(match e {
                Expr::Num(v) => Expr::Num(-v),
                e => Expr::Neg(Box::new(e)),
            });
        }
        if self.peek() == Some(&Tok::Op("+")) {
            self.pos += 1;
            return self.unary();
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let offset = self.offset();
        match self.peek().cloned() {
            Some(Tok::Num(v)) => {
                self.pos += 1;
                Ok(Expr::Num(v))
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.nested()?;
                self.expect_rparen()?;
                Ok(e)
            }
            Some(Tok::Ident(name)) => {
                self.pos += 1;
                if self.peek() == Some(&Tok::LParen) {
                    let Some(func) = Func::from_name(&name) else {
                        return Err(ParseError {
                            offset,
                            kind: ParseErrorKind::UnknownFunction(name),
                        });
                    };
                    self.pos += 1;
                    let mut args = Vec::new();
                    if self.peek() != Some(&Tok::RParen) {
                        loop {
                            args.push(self.nested()?);
                            if self.peek() == Some(&Tok::Comma) {
                                self.pos += 1;
                            } else {
                                break;
                            }
                        }
                    }
                    self.expect_rparen()?;
                    let (min, max) = func.arity();
                    if args.len() < min || args.len() > max {
                        return Err(ParseError {
                            offset,
                            kind: ParseErrorKind::Arity {
                                func: func.name(),
                                min,
                                max,
                                got: args.len(),
                            },
                        });
                    }
                    Ok(Expr::Call(func, args))
                } else if matches!(name.as_str(), "and" | "or") {
                    Err(ParseError {
                        offset,
                        kind: ParseErrorKind::Unexpected(name),
                    })
                } else {
                    Ok(Expr::Var { name, offset })
                }
            }
            _ => self.unexpected(),
        }
    }

    fn nested(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(ParseErrorKind::TooDeep);
        }
        let e = self.binary(0)?;
        self.depth -= 1;
        Ok(e)
    }

    fn expect_rparen(&mut self) -> Result<(), ParseError> {
        if self.peek() == Some(&Tok::RParen) {
            self.pos += 1;
            Ok(())
        } else {
            self.unexpected()
        }
    }
}

/// Parses one formula.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let toks = tokenize(src)?;
    if toks.is_empty() {
        return Err(ParseError {
            offset: 0,
            kind: ParseErrorKind::Empty,
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.len(),
        depth: 0,
    };
    let e = p.nested()?;
    if p.pos < p.toks.len() {
        return p.unexpected();
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expected: &str) {
        let got = match parse(src) {
            Ok(e) => format!("{e:?}"),
            Err(e) => format!("error at {}: {}", e.offset, e.kind),
        };
        assert_eq!(got, expected, "formula {src:?}");
    }

    #[test]
    fn precedence() {
        check(
            "1 + 2 * x",
            r#"Bin(Add, Num(1.0), Bin(Mul, Num(2.0), Var { name: "x", offset: 8 }))"#,
        );
        check(
            "-(a) - 3",
            r#"Bin(Sub, Neg(Var { name: "a", offset: 2 }), Num(3.0))"#,
        );
        check(
            "a < 1 and b >= 2 or c",
            r#"Bin(Or, Bin(And, Bin(Lt, Var { name: "a", offset: 0 }, Num(1.0)), Bin(Ge, Var { name: "b", offset: 10 }, Num(2.0))), Var { name: "c", offset: 20 })"#,
        );
        check("1e4 - 2.5e-1", "Bin(Sub, Num(10000.0), Num(0.25))");
    }

    #[test]
    fn errors_name_the_place() {
        check("", "error at 0: the formula is empty");
        check("1 +", "error at 3: the formula ends too early");
        check("a $ b", "error at 2: unexpected character '$'");
        check("foo(1)", "error at 0: unknown function 'foo' (known: min, max, if, abs, round, floor, ceil, clamp, not)");
        check("if(1, 2)", "error at 0: if() takes 3 argument(s), not 2");
        check("(1 + 2", "error at 6: the formula ends too early");
        check("1 2", "error at 2: unexpected '2'");
        check("1..2", "error at 0: '1..2' is not a number");
        check(
            &"(".repeat(200),
            "error at 64: the formula is nested too deeply",
        );
    }
}
