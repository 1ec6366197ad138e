//! Display rules shared by every front end: how computed values, units and goals are written,
//! and how a target's gauge is scaled. Pure; formatting of numbers is [`super::i18n`].

use super::i18n::{format_number, trim};
use super::plan::Goal;
use super::Lang;

/// Decimals for a computed value: more for small numbers, none for large ones.
pub fn auto_decimals(v: f64) -> usize {
    match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        _ => 2,
    }
}

/// A computed value for display (万/亿 in Chinese, thousands separators in English).
pub fn number(v: f64, lang: Lang) -> String {
    format_number(v, auto_decimals(v), lang)
}

/// `value unit`, or the value alone when the unit is empty. `%` hugs the number.
pub fn with_unit(value: &str, unit: &str) -> String {
    match unit {
        "" => value.to_string(),
        "%" => format!("{value}%"),
        u => format!("{value} {u}"),
    }
}

/// A goal for display: `≥ 93.5%`, `1–2 所`.
pub fn goal_text(goal: Goal, unit: &str, lang: Lang) -> String {
    let n = |v: f64| with_unit(&number(v, lang), unit);
    match goal {
        Goal::AtLeast(x) => format!("≥ {}", n(x)),
        Goal::AtMost(x) => format!("≤ {}", n(x)),
        Goal::Equal(x) => format!("= {}", n(x)),
        Goal::Between(a, b) => format!("{}–{}", number(a, lang), n(b)),
    }
}

/// An input's value as typed in its number field (no grouping, the step's decimals).
pub fn plain(v: f64, decimals: usize) -> String {
    trim(v, decimals)
}

/// A gauge: the filled share of the bar and where the goal sits, both 0–100, or `None` when a
/// bar says nothing (goal at or below zero, negative value).
pub fn gauge(goal: Goal, v: f64) -> Option<(f64, f64)> {
    let (reference, top) = match goal {
        Goal::Between(_, b) => (b, b),
        g => (g.reference(), g.reference()),
    };
    if !reference.is_finite() || reference <= 0.0 || !v.is_finite() || v < 0.0 {
        return None;
    }
    let scale = (top * 1.25).max(v);
    Some((v / scale * 100.0, reference / scale * 100.0))
}

/// Parses what was typed: digits with an optional sign and decimal point; spaces and thousands
/// separators are ignored.
pub fn parse_typed(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '\u{FF0C}')
        .map(|c| match c {
            // Full-width digits and point, as typed with a Chinese input method.
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            '\u{FF0E}' => '.',
            other => other,
        })
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_and_gauges() {
        assert_eq!(goal_text(Goal::AtLeast(93.5), "%", Lang::ZhCn), "≥ 93.5%");
        assert_eq!(goal_text(Goal::Between(1.0, 2.0), "所", Lang::En), "1–2 所");
        assert_eq!(gauge(Goal::AtLeast(80.0), 50.0), Some((50.0, 80.0)));
        assert_eq!(gauge(Goal::AtLeast(0.0), 5.0), None);
        assert_eq!(gauge(Goal::AtLeast(10.0), -1.0), None);
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_typed(" 1,250.5 "), Some(1250.5));
        assert_eq!(parse_typed("65"), Some(65.0));
        assert_eq!(parse_typed("\u{FF16}\u{FF15}\u{FF0E}\u{FF15}"), Some(65.5));
        assert_eq!(parse_typed("-3"), Some(-3.0));
        assert_eq!(parse_typed(""), None);
        assert_eq!(parse_typed("abc"), None);
        assert_eq!(parse_typed("1e999"), None);
    }
}
