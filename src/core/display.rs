//! Display rules shared by every front end: how computed values, units and goals are written,
//! and how a target's gauge is scaled. Pure; formatting of numbers is [`super::i18n`].
//!
//! Values are in their quantity's canonical unit everywhere they are data. A plan may give a
//! language a display unit (`亿元` shown in English as "billion yuan", × 0.1): every human
//! display goes through the functions here that take a [`Unit`], which convert, and through
//! [`read_typed`] for numbers people type, which converts back.

use super::i18n::{format_number, trim};
use super::plan::{decimals_of, Goal, Input, Unit};
use super::Lang;

/// Decimals for a computed value: more for small numbers, none for large ones.
pub fn auto_decimals(v: f64) -> usize {
    match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        // Below one (0.296 billion yuan), two decimals would leave one or two digits.
        _ => 3,
    }
}

/// A computed value for display (万/亿 in Chinese, thousands separators in English).
pub fn number(v: f64, lang: Lang) -> String {
    format_number(v, auto_decimals(v), lang)
}

/// A number for display before `unit_text`: like [`format_number`], except that in Chinese a
/// unit that already says 万 or 亿 (万元, 亿元) gets no second 万/亿 (`20000 万元`, not
/// `2万 万元`).
pub fn number_before(v: f64, decimals: usize, unit_text: &str, lang: Lang) -> String {
    if lang == Lang::ZhCn && unit_text.starts_with(['万', '亿']) && v.is_finite() {
        trim(v, decimals)
    } else {
        format_number(v, decimals, lang)
    }
}

/// A canonical value of a quantity in `unit`, converted to the unit shown in `lang`, as a
/// number alone (decimals by size, as [`number`]).
pub fn shown_number(v: f64, unit: &Unit, lang: Lang) -> String {
    let s = unit.to_shown(v, lang);
    number_before(s, auto_decimals(s), unit.shown(lang), lang)
}

/// A canonical value of a quantity in `unit` as people read it in `lang`: converted, formatted
/// and followed by the shown unit (`21.6 billion yuan`, `216 亿元`).
pub fn quantity(v: f64, unit: &Unit, lang: Lang) -> String {
    with_unit(&shown_number(v, unit, lang), unit.shown(lang))
}

/// Decimals of an input's values in `lang`: those of its step in the shown unit.
pub fn input_decimals(input: &Input, lang: Lang) -> usize {
    decimals_of(input.unit.to_shown(input.step, lang))
}

/// An input's value as people read it in `lang` (slider text, plan mark): converted, the
/// step's decimals, with the shown unit.
pub fn input_quantity(input: &Input, v: f64, lang: Lang) -> String {
    let unit = input.unit.shown(lang);
    let s = input.unit.to_shown(v, lang);
    with_unit(
        &number_before(s, input_decimals(input, lang), unit, lang),
        unit,
    )
}

/// A canonical value for tables in the unit shown in `lang`, without the unit: up to 2
/// decimals, no grouping (`21.6`).
pub fn table_number(v: f64, unit: &Unit, lang: Lang) -> String {
    trim(unit.to_shown(v, lang), 2)
}

/// A label for tables followed by the unit shown in `lang`, if any: `Funding (billion yuan)`.
pub fn label_with_unit(label: &str, unit: &Unit, lang: Lang) -> String {
    match unit.shown(lang) {
        "" => label.to_string(),
        u => format!("{label} ({u})"),
    }
}

/// A goal for tables in the unit shown in `lang`, without the unit: `>= 21.6`, `1–2`.
pub fn goal_plain(goal: Goal, unit: &Unit, lang: Lang) -> String {
    let n = |v: f64| table_number(v, unit, lang);
    match goal {
        Goal::Between(a, b) => format!("{}–{}", n(a), n(b)),
        g => format!("{} {}", g.op(), n(g.reference())),
    }
}

/// An input's value as written in its number field in `lang`: converted, the step's decimals,
/// no grouping.
pub fn input_plain(input: &Input, v: f64, lang: Lang) -> String {
    plain(input.unit.to_shown(v, lang), input_decimals(input, lang))
}

/// Why a typed number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedProblem {
    NotANumber,
    OutOfRange,
}

/// What a number typed in an input's field means, in the canonical unit: `text` is in the unit
/// shown in `lang`. A number that reads as the field's text for `current` gives `current`
/// itself, so a value survives being shown and typed back (no float round trip: 216 shown as
/// 21.6 is not read back as 216.00000000000003). The range check allows for float noise of the
/// conversion; the caller snaps to the step grid.
pub fn read_typed(
    input: &Input,
    text: &str,
    current: f64,
    lang: Lang,
) -> Result<f64, TypedProblem> {
    let typed = parse_typed(text).ok_or(TypedProblem::NotANumber)?;
    if parse_typed(&input_plain(input, current, lang)) == Some(typed) {
        return Ok(current);
    }
    let v = input.unit.from_shown(typed, lang);
    let tol = 1e-9 * input.min.abs().max(input.max.abs()).max(1.0);
    if !v.is_finite() || v < input.min - tol || v > input.max + tol {
        return Err(TypedProblem::OutOfRange);
    }
    Ok(crate::core::plan::clamp(v, input.min, input.max))
}

/// `value unit`, or the value alone when the unit is empty. `%` hugs the number.
pub fn with_unit(value: &str, unit: &str) -> String {
    match unit {
        "" => value.to_string(),
        "%" => format!("{value}%"),
        u => format!("{value} {u}"),
    }
}

/// A goal for display in the unit shown in `lang`: `≥ 93.5%`, `1–2 所`, `≥ 21.6 billion yuan`.
pub fn goal_text(goal: Goal, unit: &Unit, lang: Lang) -> String {
    let n = |v: f64| quantity(v, unit, lang);
    match goal {
        Goal::AtLeast(x) => format!("≥ {}", n(x)),
        Goal::AtMost(x) => format!("≤ {}", n(x)),
        Goal::Equal(x) => format!("= {}", n(x)),
        Goal::Between(a, b) => format!("{}–{}", shown_number(a, unit, lang), n(b)),
    }
}

/// An input's value as typed in its number field (no grouping, the step's decimals).
pub fn plain(v: f64, decimals: usize) -> String {
    trim(v, decimals)
}

/// A card's bar: where its fill ends and where the goal sits, as shares 0–100 of a scale that
/// runs from `start` to beyond the goal (or to the value, when the value is beyond that).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// The value at the bar's left end: the baseline, or zero.
    pub start: f64,
    /// The value at the bar's right end.
    pub end: f64,
    /// Where the fill ends, 0–100 (0 when the value is below `start`).
    pub fill: f64,
    /// Where the goal sits (its low end for a range), 0–100.
    pub goal: f64,
    /// Where a range goal ends (= `goal` for other goals), 0–100.
    pub goal_end: f64,
}

/// Room beyond the goal, as a share of the span from the start to the goal, so that slack
/// shows as fill past the mark.
pub const BAR_ROOM: f64 = 0.25;

/// The bar of a target with `goal`, `baseline` and value `v`, or `None` when a bar says nothing
/// (goal at or below zero, a value that is not a number or negative). The scale starts at the
/// baseline when the baseline lies below the goal (so 94% against a goal of 93.5% from a
/// baseline of 90.5% shows fill clearly past the mark, and a missed 91.9% clearly short of it;
/// a value at or below the baseline has no fill), at zero otherwise; it ends [`BAR_ROOM`] of
/// that span past the goal.
pub fn bar(goal: Goal, baseline: f64, v: f64) -> Option<Bar> {
    let (low, high) = match goal {
        Goal::Between(a, b) => (a, b),
        g => (g.reference(), g.reference()),
    };
    if !low.is_finite() || !high.is_finite() || low <= 0.0 || !v.is_finite() || v < 0.0 {
        return None;
    }
    let start = if baseline.is_finite() && baseline >= 0.0 && baseline < low {
        baseline
    } else {
        0.0
    };
    let end = (high + (high - start) * BAR_ROOM).max(v);
    let at = |x: f64| ((x - start) / (end - start) * 100.0).clamp(0.0, 100.0);
    Some(Bar {
        start,
        end,
        fill: at(v),
        goal: at(low),
        goal_end: at(high),
    })
}

/// A goal in words, with the unit shown in `lang`: `不低于 93.5%` / `at least 93.5%`,
/// `2–3 所之间` / `between 2 and 3 所`; for tables people open (the CSV export) and cards.
pub fn goal_words(goal: Goal, unit: &Unit, lang: Lang) -> String {
    let n = |v: f64| quantity(v, unit, lang);
    let zh = lang == Lang::ZhCn;
    match goal {
        Goal::AtLeast(x) if zh => format!("不低于 {}", n(x)),
        Goal::AtMost(x) if zh => format!("不高于 {}", n(x)),
        Goal::Equal(x) if zh => format!("等于 {}", n(x)),
        Goal::Between(a, b) if zh => format!("{}–{}之间", shown_number(a, unit, lang), n(b)),
        Goal::AtLeast(x) => format!("at least {}", n(x)),
        Goal::AtMost(x) => format!("at most {}", n(x)),
        Goal::Equal(x) => format!("exactly {}", n(x)),
        Goal::Between(a, b) => format!("between {} and {}", shown_number(a, unit, lang), n(b)),
    }
}

/// A value for a table people open in a spreadsheet: rounded as the cards show it (decimals
/// by size, [`auto_decimals`]), in the canonical unit, no grouping, so it stays a number
/// (`93.98139534883721` → `94`); empty when not a number.
pub fn rounded(v: f64) -> String {
    if v.is_finite() {
        trim(v, auto_decimals(v))
    } else {
        String::new()
    }
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

    use crate::core::plan::{InputKind, Text, UnitDisplay};

    fn unit(zh: &str, en: &str) -> Unit {
        Unit::plain(Text::new(zh, en))
    }

    /// 亿元, shown in English as billion yuan (× 0.1).
    fn yi_yuan() -> Unit {
        Unit {
            display_en: Some(UnitDisplay {
                text: "billion yuan".into(),
                scale: 0.1,
            }),
            ..unit("亿元", "100M yuan")
        }
    }

    fn funding() -> Input {
        Input {
            id: "funding".into(),
            kind: InputKind::Policy,
            label: Text::new("经费", "Funding"),
            unit: yi_yuan(),
            group: String::new(),
            min: 150.0,
            max: 300.0,
            step: 1.0,
            default: 216.0,
            low: 216.0,
            high: 216.0,
            note: Text::default(),
            origin: None,
        }
    }

    #[test]
    fn goals_and_gauges() {
        assert_eq!(
            goal_text(Goal::AtLeast(93.5), &unit("%", "%"), Lang::ZhCn),
            "≥ 93.5%"
        );
        assert_eq!(
            goal_text(Goal::Between(1.0, 2.0), &unit("所", ""), Lang::En),
            "1–2 所"
        );
        assert_eq!(
            goal_words(Goal::AtLeast(93.5), &unit("%", "%"), Lang::ZhCn),
            "不低于 93.5%"
        );
        assert_eq!(
            goal_words(Goal::AtLeast(93.5), &unit("%", "%"), Lang::En),
            "at least 93.5%"
        );
        assert_eq!(
            goal_words(Goal::Between(2.0, 3.0), &unit("所", "schools"), Lang::ZhCn),
            "2–3 所之间"
        );
        assert_eq!(
            goal_words(Goal::Equal(1.0), &unit("", ""), Lang::En),
            "exactly 1"
        );
        assert_eq!(rounded(93.98139534883721), "94");
        assert_eq!(rounded(4.771), "4.77");
        assert_eq!(rounded(0.3), "0.3");
        assert_eq!(rounded(f64::NAN), "");
    }

    #[test]
    fn bars_show_slack_and_shortfall() {
        // From the baseline 90.5 to 0.25 of the span past the goal 93.5 (94.25).
        let met = bar(Goal::AtLeast(93.5), 90.5, 94.0).unwrap();
        assert_eq!((met.start, met.end), (90.5, 94.25));
        assert!((met.goal - 80.0).abs() < 1e-9, "{met:?}");
        assert!((met.fill - 3.5 / 3.75 * 100.0).abs() < 1e-9, "{met:?}");
        // Just past the goal: the fill ends just past the mark, not at the end of the bar.
        assert!(met.fill > met.goal && met.fill - met.goal < 15.0, "{met:?}");
        // A missed 91.9 ends well before the mark (a third of the way, not a pixel short).
        let missed = bar(Goal::AtLeast(93.5), 90.5, 91.9).unwrap();
        assert!(missed.goal - missed.fill > 40.0, "{missed:?}");
        // At or below the baseline: no fill (not a bar from zero that looks almost there).
        let fell = bar(Goal::AtLeast(93.5), 90.5, 90.47).unwrap();
        assert_eq!((fell.start, fell.fill, fell.goal), (90.5, 0.0, 80.0));
        // A baseline at or above the goal, or a new count: from zero.
        let same = bar(Goal::AtLeast(100.0), 100.0, 100.0).unwrap();
        assert_eq!((same.start, same.fill, same.goal), (0.0, 80.0, 80.0));
        // Beyond the room past the goal the scale stretches to the value.
        let over = bar(Goal::AtLeast(10.0), 0.0, 20.0).unwrap();
        assert_eq!((over.end, over.fill, over.goal), (20.0, 100.0, 50.0));
        // A range goal: marked from its low to its high end.
        let range = bar(Goal::Between(2.0, 3.0), 0.0, 2.0).unwrap();
        assert_eq!(
            (range.goal, range.goal_end, range.end),
            (2.0 / 3.75 * 100.0, 80.0, 3.75)
        );
        // Nothing to draw.
        assert_eq!(bar(Goal::AtLeast(0.0), 0.0, 5.0), None);
        assert_eq!(bar(Goal::AtLeast(10.0), 0.0, -1.0), None);
        assert_eq!(bar(Goal::AtLeast(10.0), 0.0, f64::NAN), None);
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

    #[test]
    fn display_units_convert_only_where_given() {
        let u = yi_yuan();
        assert_eq!(quantity(216.0, &u, Lang::En), "21.6 billion yuan");
        assert_eq!(quantity(47.7, &u, Lang::En), "4.77 billion yuan");
        // Below one the shown value keeps three digits (a 2.96–9.98 亿元 band in English).
        assert_eq!(quantity(2.96, &u, Lang::En), "0.296 billion yuan");
        assert_eq!(quantity(9.98, &u, Lang::En), "0.998 billion yuan");
        assert_eq!(quantity(2.96, &u, Lang::ZhCn), "2.96 亿元");
        assert_eq!(quantity(216.0, &u, Lang::ZhCn), "216 亿元");
        assert_eq!(
            goal_text(Goal::AtLeast(216.0), &u, Lang::En),
            "≥ 21.6 billion yuan"
        );
        assert_eq!(
            goal_text(Goal::Between(150.0, 300.0), &u, Lang::En),
            "15–30 billion yuan"
        );
        assert_eq!(goal_plain(Goal::AtLeast(216.0), &u, Lang::En), ">= 21.6");
        assert_eq!(goal_plain(Goal::AtLeast(216.0), &u, Lang::ZhCn), ">= 216");
        // The canonical text stays for data outputs.
        assert_eq!(u.canonical(Lang::En), "100M yuan");
        assert_eq!(u.shown(Lang::En), "billion yuan");
        assert_eq!(u.shown(Lang::ZhCn), "亿元");
        // Without a display unit nothing changes.
        assert_eq!(
            quantity(216.0, &unit("亿元", "100M yuan"), Lang::En),
            "216 100M yuan"
        );
    }

    #[test]
    fn no_double_magnitude_in_chinese() {
        // 万元 and 亿元 already carry the magnitude: no "2万 万元" or "2.16亿亿元".
        assert_eq!(
            quantity(20000.0, &unit("万元", ""), Lang::ZhCn),
            "20000 万元"
        );
        assert_eq!(
            quantity(2.16e4, &unit("亿元", ""), Lang::ZhCn),
            "21600 亿元"
        );
        assert_eq!(quantity(1200.0, &unit("万元", ""), Lang::ZhCn), "1200 万元");
        // Other units still get 万/亿.
        assert_eq!(quantity(330000.0, &unit("人", ""), Lang::ZhCn), "33万 人");
    }

    #[test]
    fn input_values_shown_and_typed_back() {
        let f = funding();
        assert_eq!(input_decimals(&f, Lang::En), 1);
        assert_eq!(input_decimals(&f, Lang::ZhCn), 0);
        assert_eq!(input_plain(&f, 216.0, Lang::En), "21.6");
        assert_eq!(input_plain(&f, 216.0, Lang::ZhCn), "216");
        assert_eq!(input_quantity(&f, 216.0, Lang::En), "21.6 billion yuan");
        assert_eq!(input_quantity(&f, 300.0, Lang::En), "30 billion yuan");
        // 15.2 / 0.1 is 152.00000000000003 in floats: the shown text of the current value
        // reads back as the current value itself.
        assert_ne!(15.2 / 0.1, 152.0);
        assert_eq!(read_typed(&f, "15.2", 152.0, Lang::En), Ok(152.0));
        assert_eq!(read_typed(&f, " 15.20 ", 152.0, Lang::En), Ok(152.0));
        assert_eq!(read_typed(&f, "21.6", 216.0, Lang::En), Ok(216.0));
        // Another value converts; snapping to the step grid makes it exact.
        let v = read_typed(&f, "25.3", 216.0, Lang::En);
        assert_eq!(v.map(|v| f.snap(v)), Ok(253.0));
        let v = read_typed(&f, "15.2", 250.0, Lang::En);
        assert_eq!(v.map(|v| f.snap(v)), Ok(152.0));
        // The range ends, typed in the shown unit, are inside despite float noise.
        assert_eq!(
            read_typed(&f, "30", 216.0, Lang::En).map(|v| f.snap(v)),
            Ok(300.0)
        );
        assert_eq!(
            read_typed(&f, "15", 216.0, Lang::En).map(|v| f.snap(v)),
            Ok(150.0)
        );
        assert_eq!(
            read_typed(&f, "30.1", 216.0, Lang::En),
            Err(TypedProblem::OutOfRange)
        );
        // A canonical number typed in English is read in billions, so it is out of range.
        assert_eq!(
            read_typed(&f, "216", 216.0, Lang::En),
            Err(TypedProblem::OutOfRange)
        );
        assert_eq!(read_typed(&f, "216", 250.0, Lang::ZhCn), Ok(216.0));
        assert_eq!(
            read_typed(&f, "abc", 216.0, Lang::En),
            Err(TypedProblem::NotANumber)
        );
    }

    #[test]
    fn every_grid_value_survives_show_and_type_back() {
        // For each slider position: shown text typed back and snapped is the same value.
        let f = funding();
        for k in 0..=150 {
            let v = 150.0 + f64::from(k);
            for lang in [Lang::En, Lang::ZhCn] {
                let text = input_plain(&f, v, lang);
                let back = read_typed(&f, &text, 0.0, lang).map(|x| f.snap(x));
                assert_eq!(back, Ok(v), "{v} shown as {text} in {lang}");
            }
        }
    }
}
