//! The parts of a target card drawn as raw-HTML nodes: markup built here, every plan text in
//! it escaped. Yew's hydration sets every attribute and text of every element it adopts again
//! (and renders every hydrated component twice); a raw node it only walks past (issue 15: two
//! thirds of the ~2,900 attributes hydration set were the cards' SVG). Three parts:
//! - the bar (the gauge): eight tags and about thirty attributes per card as yew elements; a
//!   change of the card's value redraws the whole SVG (yew replaces a raw node whose text
//!   changed);
//! - the heading (the target's label and role) and the plan's words (source and note): fixed
//!   for a target and a language, never redrawn by a move, so a `<details>` opened stays open;
//! - while a card draws what it drew first (the plan as written), its whole body from the
//!   heading to the reason ([`FirstLook`]): the status, the values and the lines under the bar
//!   are yew elements only from its first different render on (a move, a share code, the
//!   chances), so hydration adopts one element per card (its `<li>`) and two raw nodes.

use super::msg::{status_icon, Msg};
use super::words::WordsMsg;
use crate::core::display::{quantity, shown_number, Bar};
use crate::core::numtext;
use crate::core::plan::{Goal, Role, Target};
use crate::core::{Lang, Status};
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

/// `s` as an element's text, escaped as yew's render escapes a text node (`&`, `<`, `>`): the
/// card body's raw node reads as its yew elements do, to the byte.
fn esc_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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

/// What a card's body shows, as its `html!` draws it (`TargetCard` in `targets.rs`); `heading`
/// and `bar` are the card's memoised raw nodes.
pub struct Body<'a> {
    pub heading: &'a Html,
    pub status: Status,
    pub value: &'a str,
    pub goal: &'a str,
    pub bar: &'a Html,
    pub risk_why: Option<&'a str>,
    /// The chance line, and whether it is only the unseen room kept for it (`pw-chance-room`).
    pub chance: Option<(&'a str, bool)>,
    pub reason: Option<&'a str>,
    pub lang: Lang,
}

/// A card's body as one raw node (the same elements, classes and texts as the card's yew
/// elements, attributes in the order yew's render writes them) for as long as its markup is what it was at the card's first
/// render (the plan as written: the prerendered HTML); from the first render that draws
/// anything else (a move, a share code, the chances, another language) on, `None`: the card
/// draws it as yew elements, for good. A change of the card's data that draws the same markup
/// (a value that rounds the same) keeps the raw node: no DOM change, as yew's diff made none.
#[derive(Default)]
pub enum FirstLook {
    #[default]
    Unseen,
    Same(String),
    Changed,
}

impl FirstLook {
    pub fn body(&mut self, b: &Body) -> Option<Html> {
        if matches!(self, FirstLook::Changed) {
            return None;
        }
        let markup = body_markup(b);
        match self {
            FirstLook::Same(first) if *first != markup => {
                *self = FirstLook::Changed;
                return None;
            }
            FirstLook::Same(_) => {}
            _ => *self = FirstLook::Same(markup.clone()),
        }
        Some(raw(markup))
    }
}

fn body_markup(b: &Body) -> String {
    let raw_text = |h: &Html| match h {
        Html::VRaw(r) => r.html.to_string(),
        _ => String::new(),
    };
    let lang = b.lang;
    let mut s = raw_text(b.heading);
    let _ = write!(
        s,
        "<p class=\"pw-status\"><span aria-hidden=\"true\" class=\"pw-icon\">{}</span>\
         <span class=\"pw-status-word\">{}</span></p>\
         <p class=\"pw-values\"><span class=\"pw-k\">{}</span><strong class=\"pw-value\">{}</strong>\
         <span class=\"pw-k\">{}</span><span class=\"pw-goal\">{}</span></p>",
        status_icon(b.status),
        b.status.label(lang),
        esc_text(&Msg::Projected.text(lang)),
        esc_text(b.value),
        esc_text(&Msg::Goal.text(lang)),
        esc_text(b.goal),
    );
    s.push_str(&raw_text(b.bar));
    if let Some(line) = b.risk_why {
        let _ = write!(s, "<p class=\"pw-risk-why\">{}</p>", esc_text(line));
    }
    match b.chance {
        Some((text, false)) => {
            let _ = write!(s, "<p class=\"pw-chance\">{}</p>", esc_text(text));
        }
        Some((text, true)) => {
            let _ = write!(
                s,
                "<p aria-hidden=\"true\" class=\"pw-chance-room pw-pending\">{}</p>",
                esc_text(text)
            );
        }
        None => {}
    }
    if let Some(r) = b.reason {
        let _ = write!(
            s,
            "<p class=\"pw-reason\"><span class=\"pw-k\">{}</span>{}</p>",
            esc_text(&Msg::Why.text(lang)),
            esc_text(r)
        );
    }
    s
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

    /// Raw while the markup is the first render's (a change that draws the same keeps it),
    /// elements from the first render that draws anything else on, for good.
    #[test]
    fn the_body_is_raw_until_its_markup_first_changes() {
        let t = target();
        let heading = heading_html(&t, Lang::En);
        let none = Html::default();
        let body = |value| Body {
            heading: &heading,
            status: Status::Met,
            value,
            goal: "6",
            bar: &none,
            risk_why: None,
            chance: None,
            reason: None,
            lang: Lang::En,
        };
        let mut first = FirstLook::default();
        let is_raw = |h: Option<Html>| matches!(h, Some(Html::VRaw(_)));
        assert!(is_raw(first.body(&body("2"))));
        assert!(is_raw(first.body(&body("2"))));
        assert!(first.body(&body("3")).is_none());
        assert!(first.body(&body("2")).is_none());
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
