//! `plan-widget render`: the widget's prerendered HTML (src/web/ssr.rs), for a portal to put
//! inline in its page: the plan shows at first paint, without JavaScript or WebAssembly too,
//! and the element makes it interactive in place.

use super::head::HeadFor;
use super::{parse_lang, Failure};
use clap::Args;
use std::path::PathBuf;
// The rendering: the UI, natively only with the cargo feature `render` (default on).
#[cfg(feature = "render")]
use {
    super::head::{build_of, head_hints},
    super::load_plan,
    crate::core::builtin,
    crate::web::ssr::{render_element, render_shadow, PlanAttr, RenderOptions},
    std::path::Path,
    std::rc::Rc,
};

#[derive(Args, Debug, Clone)]
pub struct RenderArgs {
    /// A built-in plan id, or a plan file (JSON or an .xlsx plan workbook); the built-in plan
    /// by default.
    #[arg(long, value_name = "FILE|ID")]
    pub plan: Option<String>,
    /// Language of the widget: zh-CN (default) or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
    /// For a plan file: the URL the page's element loads it from (its `src` attribute); the
    /// file's path as given by default.
    #[arg(long, value_name = "URL")]
    pub src: Option<String>,
    /// The URL of the widget's package folder (where plan-widget.js and plan-widget.css are).
    #[arg(long, value_name = "URL", default_value = "/pkg/")]
    pub pkg: String,
    /// Print, instead of the element, the `<link>` hints for the page's `<head>` that start the
    /// widget's downloads with the page: `inline` (the default) for a page holding the render
    /// output, `fetched` for a page with an empty `<plan-widget>`.
    #[arg(long, value_enum, value_name = "PAGE", num_args = 0..=1, default_missing_value = "inline")]
    pub head: Option<HeadFor>,
    /// Print only the element's shadow root (`<template shadowrootmode="open">…</template>`),
    /// to put inside the page's own `<plan-widget …>` tag (more attributes, or a server-side
    /// include of the file).
    #[arg(long, conflicts_with = "head")]
    pub shadow: bool,
    /// The built package folder on disk: its package.json holds the build hash the element asks
    /// for its files with (`?v=`). For the element, the stylesheet link gets it (without
    /// --pkg-dir, a link without `?v=`); with --head every hint (default `pkg`).
    #[arg(long, value_name = "DIR")]
    pub pkg_dir: Option<PathBuf>,
}

/// This build has no rendering (the cargo feature `render` off): says so, naming the feature.
#[cfg(not(feature = "render"))]
pub fn run(args: &RenderArgs) -> Result<String, Failure> {
    let message = match parse_lang(&args.lang)? {
        crate::core::Lang::ZhCn => "这个 plan-widget 构建时没有包含渲染功能（cargo 特性 render）：请用默认特性重新构建（cargo build）后再使用 render。",
        _ => "this plan-widget was built without rendering (the cargo feature `render`): build it with the default features (cargo build) to use render",
    };
    Err(Failure::input(message))
}

#[cfg(feature = "render")]
pub fn run(args: &RenderArgs) -> Result<String, Failure> {
    let lang = parse_lang(&args.lang)?;
    let given = args
        .plan
        .as_deref()
        .map(str::trim)
        .unwrap_or(builtin::DEFAULT_ID);
    // An id names a built-in plan unless a file of that name exists.
    let builtin_id = builtin::is_builtin(given) && !Path::new(given).exists();
    let (plan, attr) = if builtin_id {
        let plan = match builtin::load(given) {
            Some(Ok(plan)) => plan,
            Some(Err(e)) => {
                return Err(Failure {
                    message: e.message(lang),
                    code: 1,
                })
            }
            None => return Err(Failure::input(format!("no built-in plan {given}"))),
        };
        (plan, PlanAttr::Builtin(given.to_string()))
    } else {
        let plan = load_plan(Some(Path::new(given)), lang)?;
        (
            plan,
            PlanAttr::Src(args.src.clone().unwrap_or_else(|| given.to_string())),
        )
    };
    let mut pkg = args.pkg.clone();
    if !pkg.ends_with('/') {
        pkg.push('/');
    }
    if let Some(kind) = args.head {
        let build = build_of(args.pkg_dir.as_deref().unwrap_or(Path::new("pkg")))?;
        return Ok(head_hints(&attr, lang, &pkg, &build, kind));
    }
    let build = args.pkg_dir.as_deref().map(build_of).transpose()?;
    let options = RenderOptions {
        attr,
        lang,
        pkg,
        build,
    };
    let html = if args.shadow {
        render_shadow(Rc::new(plan), &options).map(|s| s + "\n")
    } else {
        render_element(Rc::new(plan), &options)
    };
    html.map_err(|e| Failure::input(format!("cannot render: {e}")))
}
