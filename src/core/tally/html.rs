//! The tally as one self-contained HTML file: inline CSS and SVG charts (a distribution strip per
//! changed input with the plan's value marked), no script and no external request; printable
//! on A4, for a bureau to attach to a notice.

use super::text::{changed_inputs, combination_text, headline, median_band, percent, shown, Word};
use super::{InputTally, Tally};
use crate::core::i18n::Lang;
use crate::core::plan::Plan;
use std::fmt::Write;

const CSS: &str = r#"
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1b1b1b; margin: 24px auto; max-width: 960px; padding: 0 16px; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 2px solid #1d4f91; padding-bottom: 4px; }
.sub { color: #4a5560; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #d5dbe1; padding: 4px 8px; text-align: start; vertical-align: top; }
td.n { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.counts { width: auto; } .counts td.n { font-weight: 600; }
.strip { display: grid; grid-template-columns: minmax(180px, 1fr) 420px; gap: 4px 16px; align-items: center; padding: 8px 0; border-bottom: 1px solid #e3e7eb; break-inside: avoid; }
.strip p { margin: 0; } .strip .facts { color: #4a5560; font-size: 0.85rem; }
svg { display: block; } .bar { fill: #8fb3de; } .plan { stroke: #b3261e; stroke-width: 2; } .band { stroke: #1d4f91; stroke-width: 5; } .median { fill: #1d4f91; } .axis { stroke: #6b7680; stroke-width: 1; } .lbl { font-size: 11px; fill: #4a5560; }
.met { fill: #2e7d32; } .track { fill: #e3e7eb; }
.hint, .key { color: #4a5560; font-size: 0.85rem; }
.key span { margin-inline-end: 16px; white-space: nowrap; }
.key .k-plan { color: #b3261e; } .key .k-med { color: #1d4f91; }
code { font-size: 0.8rem; word-break: break-all; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
@page { size: A4; margin: 14mm; }
"#;

/// Text safe inside HTML elements and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole report.
pub fn report(plan: &Plan, t: &Tally, lang: Lang) -> String {
    let mut h = String::new();
    let title = format!(
        "{}: {}",
        Word::Title.text(lang),
        plan.meta().title.get(lang)
    );
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{} v{}</p>\n",
        lang.code(),
        esc(&title),
        esc(&title),
        esc(&t.plan),
        t.version
    );
    counts(&mut h, t, lang);
    strips(&mut h, plan, t, lang);
    targets(&mut h, t, lang);
    combinations(&mut h, plan, t, lang);
    problems(&mut h, t, lang);
    h.push_str("</body>\n</html>\n");
    h
}

fn counts(h: &mut String, t: &Tally, lang: Lang) {
    h.push_str("<table class=\"counts\"><tbody>\n");
    for (label, n) in headline(t, lang) {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{n}</td></tr>",
            esc(label)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn strips(h: &mut String, plan: &Plan, t: &Tally, lang: Lang) {
    let _ = writeln!(h, "<h2>{}</h2>", Word::Inputs.text(lang));
    let _ = writeln!(
        h,
        "<p class=\"hint\">{}</p>\n<p class=\"key\" aria-hidden=\"true\"><span class=\"k-plan\">┃ {}</span><span class=\"k-med\">◆ {}</span><span class=\"k-med\">━ {}</span></p>",
        Word::StripHint.text(lang),
        Word::Plan.text(lang),
        Word::MedianAll.text(lang),
        Word::MiddleHalf.text(lang)
    );
    let mut any = false;
    for (i, l) in changed_inputs(t) {
        any = true;
        let (median, band) = median_band(plan, i, l.all, lang);
        let plan_v = shown(plan, i, l.plan, lang);
        let facts = if lang == Lang::ZhCn {
            format!(
                "规划值 {plan_v}；{} 人调整（调高 {}，调低 {}）；全部方案中位数 {median}，中间一半 {band}",
                l.changed,
                percent(l.raised_share),
                percent(l.lowered_share)
            )
        } else {
            format!(
                "plan {plan_v}; changed by {} (raised {}, lowered {}); median of all scenarios {median}, middle half {band}",
                l.changed,
                percent(l.raised_share),
                percent(l.lowered_share)
            )
        };
        let _ = writeln!(
            h,
            "<div class=\"strip\"><div><p><strong>{}</strong></p><p class=\"facts\">{}</p></div>{}</div>",
            esc(&l.label),
            esc(&facts),
            strip_svg(l, &facts, plan, i, lang)
        );
    }
    if !any {
        let _ = writeln!(h, "<p>{}</p>", Word::NoCombination.text(lang));
    }
}

/// x position (0–400 wide, 10 px margins) of `v` on the input's range.
fn x_of(l: &InputTally, v: f64) -> f64 {
    let span = l.max - l.min;
    let f = if span > 0.0 {
        ((v - l.min) / span).clamp(0.0, 1.0)
    } else {
        0.5
    };
    10.0 + f * 380.0
}

fn strip_svg(l: &InputTally, facts: &str, plan: &Plan, i: usize, lang: Lang) -> String {
    let top = l.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let w = 380.0 / l.bins.len().max(1) as f64;
    let mut s = format!(
        "<svg viewBox=\"0 0 400 64\" width=\"420\" height=\"67\" role=\"img\" aria-label=\"{}\">",
        esc(facts)
    );
    for (k, n) in l.bins.iter().enumerate() {
        if *n > 0 {
            let bh = (*n as f64 / top * 34.0).max(1.5);
            let _ = write!(
                s,
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"/>",
                10.0 + k as f64 * w + 0.5,
                38.0 - bh,
                (w - 1.0).max(0.5)
            );
        }
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"10\" y1=\"38.5\" x2=\"390\" y2=\"38.5\"/>"
    );
    if let Some(q) = l.all {
        let _ = write!(
            s,
            "<line class=\"band\" x1=\"{:.1}\" y1=\"46\" x2=\"{:.1}\" y2=\"46\"/>",
            x_of(l, q.q1) - 1.0,
            x_of(l, q.q3) + 1.0
        );
        let m = x_of(l, q.median);
        let _ = write!(
            s,
            "<path class=\"median\" d=\"M{m:.1} 40 L{:.1} 46 L{m:.1} 52 L{:.1} 46 Z\"/>",
            m + 6.0,
            m - 6.0
        );
    }
    let p = x_of(l, l.plan);
    let _ = write!(
        s,
        "<line class=\"plan\" x1=\"{p:.1}\" y1=\"2\" x2=\"{p:.1}\" y2=\"54\"/>"
    );
    let min = shown(plan, i, l.min, lang);
    let max = shown(plan, i, l.max, lang);
    let _ = write!(
        s,
        "<text class=\"lbl\" x=\"10\" y=\"63\">{}</text><text class=\"lbl\" x=\"390\" y=\"63\" text-anchor=\"end\">{}</text></svg>",
        esc(&min),
        esc(&max)
    );
    s
}

fn targets(h: &mut String, t: &Tally, lang: Lang) {
    let _ = writeln!(h, "<h2>{}</h2>", Word::Targets.text(lang));
    table_head(
        h,
        &[Word::Target, Word::PlanStatus, Word::MetShare, Word::Chart],
        lang,
    );
    for g in &t.targets {
        let plan_word = if g.plan_met { Word::Met } else { Word::NotMet };
        let wbar = (g.met_share * 160.0).clamp(0.0, 160.0);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td><svg viewBox=\"0 0 160 10\" width=\"160\" height=\"10\" aria-hidden=\"true\"><rect class=\"track\" width=\"160\" height=\"10\"/><rect class=\"met\" width=\"{wbar:.1}\" height=\"10\"/></svg></td></tr>",
            esc(&g.label),
            plan_word.text(lang),
            percent(g.met_share)
        );
    }
    h.push_str("</tbody></table>\n");
}

/// Opens a table with a header row of `words`.
fn table_head(h: &mut String, words: &[Word], lang: Lang) {
    h.push_str("<table><thead><tr>");
    for w in words {
        let _ = write!(h, "<th scope=\"col\">{}</th>", w.text(lang));
    }
    h.push_str("</tr></thead><tbody>\n");
}

fn combinations(h: &mut String, plan: &Plan, t: &Tally, lang: Lang) {
    let _ = writeln!(h, "<h2>{}</h2>", Word::Combinations.text(lang));
    if t.combinations.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", Word::NoCombination.text(lang));
        return;
    }
    table_head(h, &[Word::Count, Word::Share, Word::Changes], lang);
    for c in &t.combinations {
        let _ = writeln!(
            h,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            c.count,
            percent(c.share),
            esc(&combination_text(plan, c, lang))
        );
    }
    h.push_str("</tbody></table>\n");
}

fn problems(h: &mut String, t: &Tally, lang: Lang) {
    if t.problems.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h2>{}</h2>", Word::Problems.text(lang));
    table_head(
        h,
        &[Word::File, Word::Kind, Word::Message, Word::Code],
        lang,
    );
    for p in &t.problems {
        let _ = writeln!(
            h,
            "<tr><td>{}:{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&p.source),
            p.line,
            p.kind.label(lang),
            esc(&p.messages.join(" ")),
            esc(&p.code.chars().take(120).collect::<String>())
        );
    }
    h.push_str("</tbody></table>\n");
}
