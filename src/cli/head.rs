//! `plan-widget render --head`: the `<link>` hints for a page's `<head>` that start the
//! widget's downloads with the page instead of after `plan-widget.js` has run (about two round
//! trips later on a phone line). Each hint names exactly the URL the element asks for (with the
//! build's `?v=`, from the package's package.json) in the element's fetch mode, so the browser
//! uses the preloaded response instead of fetching twice.

use clap::ValueEnum;
// The hints name the plan as the rendering does (web::ssr: the cargo feature `render`).
#[cfg(feature = "render")]
use {
    super::Failure, crate::core::tally::html::esc, crate::core::Lang, crate::web::ssr::PlanAttr,
    std::path::Path,
};

/// Where the page takes the widget's first screen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeadFor {
    /// The render output is in the page (inline, or a server-side include): the wasm alone.
    Inline,
    /// An empty `<plan-widget plan=…>`: also the prerendered `plans/<id>.<lang>.html` and the
    /// stylesheet the element fetches for its first screen.
    Fetched,
}

/// The build hash of the package in `dir` (the `build` field scripts/build.sh writes into its
/// package.json): the `?v=` every file but plan-widget.js is asked for with.
#[cfg(feature = "render")]
pub fn build_of(dir: &Path) -> Result<String, Failure> {
    let path = dir.join("package.json");
    let cannot = |why: String| {
        Failure::input(format!(
            "cannot read the package's build from {}: {why} (--pkg-dir names the built pkg/ folder copied to the site)",
            path.display()
        ))
    };
    let text = std::fs::read_to_string(&path).map_err(|e| cannot(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| cannot(e.to_string()))?;
    match json.get("build").and_then(|b| b.as_str()) {
        Some(b) if !b.is_empty() && b.bytes().all(|c| c.is_ascii_hexdigit()) => Ok(b.to_string()),
        _ => Err(cannot("no \"build\" field".into())),
    }
}

/// The hints, one `<link>` a line: what the first screen waits for (for `fetched`, the
/// prerendered plan and the stylesheet), then the wasm, the long download (`fetchpriority`
/// high). Not the glue and the plan file: the element asks for them early enough (they arrive
/// long before the wasm on a phone line), and over HTTP/1.1 a hint more takes one of the six
/// connections that plan-widget.js itself needs (a phone load's waterfall: README, benchmarks).
#[cfg(feature = "render")]
pub fn head_hints(attr: &PlanAttr, lang: Lang, pkg: &str, build: &str, kind: HeadFor) -> String {
    let file = |name: &str| esc(&format!("{pkg}{name}?v={build}"));
    let fetch = |href: String, extra: &str| {
        format!("<link rel=\"preload\" as=\"fetch\" crossorigin{extra} href=\"{href}\">\n")
    };
    let mut out = String::new();
    if kind == HeadFor::Fetched {
        if let PlanAttr::Builtin(id) = attr {
            out += &fetch(file(&format!("plans/{id}.{}.html", lang.code())), "");
        }
        out += &format!(
            "<link rel=\"preload\" as=\"style\" href=\"{}\">\n",
            file("plan-widget.css")
        );
    }
    out + &fetch(file("plan-widget-wasm_bg.wasm"), " fetchpriority=\"high\"")
}
