//! Server rendering (native only): the widget's own yew components ([`App`]) rendered ahead of
//! time, for `plan-widget render` and the package's `plans/<id>.<lang>.html`.
//!
//! The output is the whole element with a declarative shadow root, so a portal can put it in
//! its page as it is: styled with JavaScript off, shown before the wasm arrives, and adopted in
//! place by `js/plan-widget.js`, which hydrates it (`mount` with `hydrate`):
//!
//! ```html
//! <plan-widget plan="ID" lang="zh-CN"><template shadowrootmode="open">
//!   <link rel="stylesheet" href="PKG/plan-widget.css?v=BUILD">
//!   <div class="pws-shell" part="shell"><div class="pws-status" hidden></div>
//!   <div class="pws-app pws-prerendered" data-render="KEY">…the UI's first render…</div></div>
//! </template></plan-widget>
//! ```
//!
//! `KEY` ([`crate::web::render_key`]) names what was rendered (package version, plan id and version,
//! language): the element hydrates only markup whose key is its own, and mounts afresh over
//! anything else. `BUILD` is the package's build hash (`?v=`, as the element asks for its files:
//! they can be cached for good), when the render knows it. Every text of the plan reaches the
//! HTML through yew's escaping.

use crate::core::tally::html::esc;
use crate::core::{Lang, Plan};
use crate::web::render_key;
use crate::web::ui::{App, AppProps};
use std::rc::Rc;
use yew::{BaseComponent, LocalServerRenderer};

/// Where the element takes its plan from: the `plan` attribute (a built-in id) or `src`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAttr {
    Builtin(String),
    Src(String),
}

/// What `plan-widget render` needs besides the plan.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub attr: PlanAttr,
    pub lang: Lang,
    /// The URL of the package folder (ends in `/`): the stylesheet is `plan-widget.css` in it.
    pub pkg: String,
    /// The package's build hash (scripts/build.sh, `build` in its package.json): the
    /// stylesheet's `?v=`; none, a link without it.
    pub build: Option<String>,
}

/// The UI's first render as hydratable HTML (what the browser's first render will be: the plan
/// as written, chances still to come).
pub fn render_app(plan: Rc<Plan>, lang: Lang) -> std::io::Result<String> {
    let props = AppProps {
        plan,
        lang,
        scenario: None,
        reset: 0,
        on_change: Default::default(),
        on_status: Default::default(),
        actuals: Default::default(),
        feedback: None,
        residents: Default::default(),
    };
    render_component::<App>(props)
}

/// Component `C` with `props` rendered to hydratable HTML.
pub fn render_component<C: BaseComponent>(props: C::Properties) -> std::io::Result<String> {
    // yew renders on the current thread inside a tokio LocalSet (its native runtime).
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let local = tokio::task::LocalSet::new();
    let render = LocalServerRenderer::<C>::with_props(props).render();
    Ok(local.block_on(&runtime, render))
}

/// The whole `<plan-widget>` element with the rendered UI in a declarative shadow root.
pub fn render_element(plan: Rc<Plan>, options: &RenderOptions) -> std::io::Result<String> {
    let (name, value) = match &options.attr {
        PlanAttr::Builtin(id) => ("plan", id.as_str()),
        PlanAttr::Src(url) => ("src", url.as_str()),
    };
    Ok(format!(
        "<plan-widget {name}=\"{}\" lang=\"{}\">{}</plan-widget>\n",
        esc(value),
        options.lang.code(),
        render_shadow(plan, options)?,
    ))
}

/// The element's declarative shadow root alone (`<template shadowrootmode="open">…`), for a
/// page that writes its own `<plan-widget …>` tag around it (more attributes, or a server-side
/// include of the package's `plans/<id>.<lang>.html`).
pub fn render_shadow(plan: Rc<Plan>, options: &RenderOptions) -> std::io::Result<String> {
    let lang = options.lang;
    let key = render_key(&plan, lang);
    let body = render_app(plan, lang)?;
    let version = options
        .build
        .as_ref()
        .map_or_else(String::new, |b| format!("?v={b}"));
    Ok(format!(
        "<template shadowrootmode=\"open\">\
         <link rel=\"stylesheet\" href=\"{}\">\
         <div class=\"pws-shell\" part=\"shell\"><div class=\"pws-status\" hidden></div>\
         <div class=\"pws-app pws-prerendered\" data-render=\"{}\">{body}</div></div>\
         </template>",
        esc(&format!("{}plan-widget.css{version}", options.pkg)),
        esc(&key),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::parse_plan;

    /// No component calls a browser API while rendering: every plan of the repository renders
    /// natively in both languages.
    #[test]
    fn every_plan_renders_in_both_languages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut plans = 0;
        for dir in ["plans", "tests/plans"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().and_then(|e| e.to_str()) != Some("json") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let plan = Rc::new(parse_plan(&text).unwrap());
                for lang in [Lang::ZhCn, Lang::En] {
                    let options = RenderOptions {
                        attr: PlanAttr::Builtin(plan.id().to_string()),
                        lang,
                        pkg: "/pkg/".into(),
                        build: None,
                    };
                    let html = render_element(plan.clone(), &options).unwrap();
                    let title = plan.meta().title.get(lang);
                    assert!(html.contains("class=\"pw-root"), "{}", path.display());
                    assert!(html.contains(&render_key(&plan, lang)));
                    assert!(
                        title.contains('<') || html.contains(title),
                        "{}",
                        path.display()
                    );
                }
                plans += 1;
            }
        }
        assert!(plans >= 5, "{plans} plans");
    }
}
