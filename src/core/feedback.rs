//! Sending a scenario to the bureau through the portal's own form (the widget's `feedback`
//! attribute): the short plain-text summary of a scenario and the form's URL with the share code
//! and the summary put in, URL-encoded, within a length that every browser and server accepts.

use super::display::input_quantity;
use super::i18n::Lang;
use super::plan::{Outcome, Plan};
use super::session::{differing_inputs, flips};

/// Longest URL made (characters). Old browsers and many servers stop near 2,048; the code is
/// never cut, the summary is shortened to fit.
pub const MAX_URL: usize = 2000;

/// The placeholders of the template.
pub const CODE: &str = "{code}";
pub const SUMMARY: &str = "{summary}";

/// The scenario in a few plain words: the inputs changed (plan's value → this one) and the
/// targets whose status flipped from the plan as written (`base`) to `outcome`.
pub fn summary(
    plan: &Plan,
    values: &[f64],
    base: &Outcome,
    outcome: &Outcome,
    lang: Lang,
) -> String {
    let zh = lang == Lang::ZhCn;
    let defaults = plan.defaults();
    let changes: Vec<String> = differing_inputs(&defaults, values)
        .into_iter()
        .filter_map(|i| {
            let input = plan.inputs().get(i)?;
            let to = *values.get(i)?;
            Some(format!(
                "{} {} → {}",
                input.label.get(lang),
                input_quantity(input, input.default, lang),
                input_quantity(input, to, lang)
            ))
        })
        .collect();
    if changes.is_empty() {
        return if zh {
            "按规划原样，未作改动。"
        } else {
            "The plan as written, nothing changed."
        }
        .into();
    }
    let flipped: Vec<String> = flips(base, outcome)
        .into_iter()
        .filter_map(|f| {
            let t = plan.targets().get(f.target)?;
            Some(format!(
                "{} {} → {}",
                t.label.get(lang),
                f.before.label(lang),
                f.after.label(lang)
            ))
        })
        .collect();
    let (sep, changed, statuses, none) = if zh {
        ("；", "改动：", "状态变化：", "各目标状态不变。")
    } else {
        (
            "; ",
            "Changes: ",
            "Status changes: ",
            "No target changes status.",
        )
    };
    let mut s = format!(
        "{changed}{}{}",
        changes.join(sep),
        if zh { "。" } else { ". " }
    );
    if flipped.is_empty() {
        s.push_str(none);
    } else {
        s.push_str(&format!(
            "{statuses}{}{}",
            flipped.join(sep),
            if zh { "。" } else { "." }
        ));
    }
    s
}

/// `s` encoded as JavaScript's `encodeURIComponent` does (UTF-8, unreserved kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn encoded_len(c: char) -> usize {
    let mut buf = [0u8; 4];
    match c.encode_utf8(&mut buf).as_bytes() {
        [b] if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(b) => 1,
        bytes => 3 * bytes.len(),
    }
}

/// Whether a template may be used as a link: relative, or http(s). Anything else
/// (`javascript:`, `data:`) is refused.
pub fn usable(template: &str) -> bool {
    let t = template.trim();
    if t.is_empty() {
        return false;
    }
    match t.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
        _ => true,
    }
}

/// The form's URL: `{code}` replaced by the code and `{summary}` by the summary, both encoded;
/// without `{code}` in the template, `code=CODE` is added to its query. The summary is cut (with
/// "…") so that the URL stays within [`MAX_URL`]; the code never is.
pub fn form_url(template: &str, code: &str, summary: &str) -> String {
    let template = template.trim();
    let code = encode_component(code);
    let with_code = if template.contains(CODE) {
        template.replace(CODE, &code)
    } else {
        let (base, frag) = template
            .split_once('#')
            .map_or((template, None), |(b, f)| (b, Some(f)));
        let sep = if !base.contains('?') {
            "?"
        } else if base.ends_with(['?', '&']) {
            ""
        } else {
            "&"
        };
        let frag = frag.map(|f| format!("#{f}")).unwrap_or_default();
        format!("{base}{sep}code={code}{frag}")
    };
    let n = with_code.matches(SUMMARY).count();
    if n == 0 {
        return with_code;
    }
    let fixed = with_code.chars().count() - n * SUMMARY.chars().count();
    let budget = MAX_URL.saturating_sub(fixed) / n;
    with_code.replace(SUMMARY, &encode_component(&cut(summary, budget)))
}

/// `s` cut so that its encoded form has at most `budget` characters ("…" marks a cut).
fn cut(s: &str, budget: usize) -> String {
    let total: usize = s.chars().map(encoded_len).sum();
    if total <= budget {
        return s.to_string();
    }
    let ellipsis = encoded_len('…');
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let l = encoded_len(c);
        if used + l + ellipsis > budget {
            break;
        }
        used += l;
        out.push(c);
    }
    if used + ellipsis <= budget {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            encode_component("a b&c=d/é…"),
            "a%20b%26c%3Dd%2F%C3%A9%E2%80%A6"
        );
        assert_eq!(encode_component("AZaz09-_.!~*'()"), "AZaz09-_.!~*'()");
    }

    #[test]
    fn code_and_summary_go_where_the_template_says() {
        assert_eq!(
            form_url("/liuyan?code={code}&text={summary}", "AbC-_", "多建 5 所"),
            "/liuyan?code=AbC-_&text=%E5%A4%9A%E5%BB%BA%205%20%E6%89%80"
        );
        assert_eq!(form_url("/form", "X", "s"), "/form?code=X");
        assert_eq!(form_url("/form?a=1#top", "X", "s"), "/form?a=1&code=X#top");
        assert_eq!(form_url("/form?", "X", "s"), "/form?code=X");
    }

    #[test]
    fn a_long_summary_is_cut_and_the_code_never() {
        let code = "C".repeat(300);
        let long = "幼儿园".repeat(400);
        let url = form_url(
            "https://portal.example/f?c={code}&s={summary}",
            &code,
            &long,
        );
        assert!(url.chars().count() <= MAX_URL, "{}", url.len());
        assert!(url.contains(&code));
        assert!(url.ends_with("%E2%80%A6"), "the cut is marked");
        // A code longer than the limit is still whole.
        let huge = "D".repeat(2500);
        let url = form_url("/f?c={code}&s={summary}", &huge, "abc");
        assert!(url.contains(&huge) && url.ends_with("&s="));
    }

    #[test]
    fn only_web_links_are_usable() {
        assert!(usable("/f?c={code}") && usable("https://a.b/{code}") && usable("f.html"));
        assert!(
            !usable("javascript:alert(1)")
                && !usable(" JAVASCRIPT:x")
                && !usable("data:text/html,x")
        );
        assert!(!usable("  "));
        assert!(usable("/path?x=a:b"));
    }
}
