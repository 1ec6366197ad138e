//! The parts of a target card drawn as raw-HTML nodes: markup built here, every plan text in
//! it escaped. Yew's hydration sets every attribute and text of every element it adopts again
//! (and renders every hydrated component twice); a raw node it only walks past (issue 15: two
//! thirds of the ~2,900 attributes hydration set were the cards' SVG). Three parts:
//! - the bar (the gauge): eight tags and about thirty attributes per card as yew elements; a
//!   change of the card's value redraws the whole SVG (yew replaces a raw node whose text
//!   changed);
//! - the heading (the target's label and role) and the plan's words (source and note): fixed
//!   for a target and a language, never redrawn by a move, so a `<details>` opened stays open.

use super::msg::Msg;
use super::words::WordsMsg;
use crate::core::display::{quantity, shown_number, Bar};
use crate::core::numtext;
use crate::core::plan::{Goal, Role, Target};
use crate::core::Lang;
use std::fmt::Write;
use yew::{AttrValue, Html};

/// `s` as text inside an element or a double-quoted attribute value, escaped as yew escapes
/// the texts it renders (`&`, `<`, `>`, `"`), so the prerendered HTML reads the same.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Markup built here (plan texts escaped) as one raw node.
fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// The gauge of `b` for target `t` as yew HTML (see [`gauge_markup`]).
pub fn gauge_html(b: Bar, t: &Target, lang: Lang) -> Html {
    raw(gauge_markup(b, t, lang))
}

/// The card's heading: the target's label, and its role unless it is an outcome.
pub fn heading_html(t: &Target, lang: Lang) -> Html {
    raw(heading_markup(t, lang))
}

/// The plan's words under the card: its source (with the note) folded, or the note alone;
/// nothing when it has neither.
pub fn words_html(t: &Target, lang: Lang) -> Html {
    words_markup(t, lang).map_or_else(Html::default, raw)
}

fn heading_markup(t: &Target, lang: Lang) -> String {
    let role = match t.role {
        Role::Outcome => String::new(),
        r => format!(
            "<span class=\"pw-tag pw-role\" data-role=\"{}\">{}</span>",
            r.as_str(),
            esc(&Msg::RoleMark(r).text(lang))
        ),
    };
    format!(
        "<h5 class=\"pw-card-label\">{}{role}</h5>",
        esc(t.label.get(lang))
    )
}

fn words_markup(t: &Target, lang: Lang) -> Option<String> {
    let note = t.note.get(lang);
    if t.source.is_empty() {
        return (!note.is_empty()).then(|| format!("<p class=\"pw-note\">{}</p>", esc(note)));
    }
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"pw-note\"><span class=\"pw-k\">{} </span>{}</p>",
            esc(&Msg::Note.text(lang)),
            esc(note)
        )
    };
    Some(format!(
        "<details class=\"pw-source\"><summary>{}</summary><blockquote lang=\"zh-CN\">{}</blockquote>{note}</details>",
        esc(&Msg::PlanText.text(lang)),
        esc(&t.source)
    ))
}

/// A card's bar ([`crate::core::display::bar`]): the fill, the goal's mark (a band for a range
/// goal) labelled above it, the start labelled under the left end. Lengths are percentages of
/// the SVG's own width (no viewBox, so text keeps its size; no inline style, for CSP). The
/// plan's texts (the unit) are escaped; everything else is numbers and fixed words.
pub fn gauge_markup(b: Bar, t: &Target, lang: Lang) -> String {
    let pct = |x: f64| format!("{}%", numtext::fixed(x, 2));
    let band = (b.goal_end - b.goal).max(0.0);
    // The goal's label ends at its mark past the middle of the bar, starts there before it.
    let anchor = if b.goal > 50.0 { "end" } else { "start" };
    let goal_value = match t.goal {
        Goal::Between(a, z) => format!(
            "{}–{}",
            shown_number(a, &t.unit, lang),
            quantity(z, &t.unit, lang)
        ),
        g => quantity(g.reference(), &t.unit, lang),
    };
    let (goal, fill) = (pct(b.goal), pct(b.fill));
    let mut s = String::with_capacity(640);
    let _ = write!(
        s,
        "<svg class=\"pw-gauge\" aria-hidden=\"true\" focusable=\"false\" data-fill=\"{}\" data-goal=\"{}\">\
         <text class=\"pw-gauge-label pw-bar-goal\" x=\"{goal}\" y=\"1em\" text-anchor=\"{anchor}\">{}</text>\
         <rect class=\"pw-gauge-track\" x=\"0\" y=\"1.4em\" width=\"100%\" height=\"0.6em\"/>\
         <rect class=\"pw-gauge-fill\" x=\"0\" y=\"1.4em\" width=\"{fill}\" height=\"0.6em\"/>",
        numtext::fixed(b.fill, 2),
        numtext::fixed(b.goal, 2),
        esc(&WordsMsg::BarGoal(&goal_value).text(lang)),
    );
    if band > 0.0 {
        let _ = write!(
            s,
            "<rect class=\"pw-gauge-band\" x=\"{goal}\" y=\"1.25em\" width=\"{}\" height=\"0.9em\"/>",
            pct(band)
        );
    }
    let start = WordsMsg::BarStart(&quantity(b.start, &t.unit, lang)).text(lang);
    let _ = write!(
        s,
        "<rect class=\"pw-gauge-goal\" x=\"{goal}\" y=\"1.2em\" width=\"2\" height=\"1em\"/>\
         <text class=\"pw-gauge-label pw-bar-start\" x=\"0\" y=\"2.95em\">{}</text></svg>",
        esc(&start)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::display::bar;
    use crate::core::validate::parse_plan;

    /// The target of tests/plans/markup.json whose unit holds an `<img onerror>`.
    fn target() -> Target {
        let plan = parse_plan(include_str!("../../../tests/plans/markup.json"))
            .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
        let t = plan.targets().iter().find(|t| t.id == "kg_built");
        t.cloned().unwrap_or_else(|| panic!("no kg_built"))
    }

    #[test]
    fn the_plan_texts_in_the_gauge_are_escaped() {
        let t = target();
        let b = bar(t.goal, t.baseline, 2.0).unwrap_or_else(|| panic!("no bar"));
        for lang in [Lang::ZhCn, Lang::En] {
            let s = gauge_markup(b, &t, lang);
            assert!(!s.contains("<img"), "{s}");
            assert_eq!(
                s.matches("&lt;img src=x onerror=alert(2)&gt;").count(),
                2,
                "{s}"
            );
        }
        let s = gauge_markup(b, &t, Lang::En);
        // One svg: the two labels and the three rects (no band: not a range goal).
        assert_eq!(s.matches("<text ").count(), 2, "{s}");
        assert_eq!(s.matches("<rect ").count(), 3, "{s}");
        assert!(
            s.starts_with("<svg class=\"pw-gauge\"") && s.ends_with("</svg>"),
            "{s}"
        );
    }

    #[test]
    fn the_heading_and_the_plan_words_are_escaped() {
        let t = target();
        for lang in [Lang::ZhCn, Lang::En] {
            let h = heading_markup(&t, lang);
            assert!(!h.contains("<img"), "{h}");
            assert!(
                h.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
                "{h}"
            );
            let w = words_markup(&t, lang).unwrap_or_default();
            assert!(!w.contains("<script"), "{w}");
            assert!(
                w.contains("&lt;script&gt;alert(1)&lt;/script&gt;</blockquote>"),
                "{w}"
            );
            assert!(
                w.starts_with("<details class=\"pw-source\"><summary>"),
                "{w}"
            );
        }
    }
}
