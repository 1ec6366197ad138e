//! The workbook module of the widget (feature `xlsx-reader`, built by scripts/build.sh as
//! `pkg/plan-widget-xlsx*`, a wasm of its own): loaded only when a workbook is picked, so
//! calamine stays off the widget's first download. For the Progress view it reads a county
//! workbook's filled cells (the widget resolves them against its plan,
//! `core::progress::actuals::parse_cells`); for the studio it reads a plan workbook as JSON.

use super::{located, plan_json, read_plan_file, read_rows};
use crate::core::validate::validate_file;
use crate::core::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Read {
    /// The filled cells (`CellRow`s).
    Rows(Vec<crate::core::progress::actuals::CellRow>),
    /// Why the file cannot be read, in both languages.
    Error { zh: String, en: String },
}

/// The filled cells of a county reporting workbook, as JSON: `{"rows": [{"fields", "cells"}]}`
/// or `{"error": {"zh", "en"}}`.
#[wasm_bindgen(js_name = readWorkbook)]
pub fn read_workbook(bytes: &[u8]) -> String {
    let read = match read_rows(bytes) {
        Ok(rows) => Read::Rows(rows),
        Err(e) => Read::Error {
            zh: e.message(Lang::ZhCn),
            en: e.message(Lang::En),
        },
    };
    serde_json::to_string(&read).unwrap_or_else(|_| "{}".to_string())
}

/// One problem of a plan workbook, placed by sheet and cell.
#[derive(Serialize)]
struct SheetProblem {
    place: String,
    message: String,
}

/// A plan workbook for the studio, as a plain object `{json: TEXT | null, problems: [{place,
/// message}]}` (serde-wasm-bindgen, JSON-compatible: no JSON text for JS to parse): the plan
/// file's JSON text whenever the workbook reads as the format, and every error with its sheet
/// and cell (messages in `lang`).
#[wasm_bindgen(js_name = readPlanWorkbook)]
pub fn read_plan_workbook(bytes: &[u8], lang: &str) -> JsValue {
    #[derive(Serialize)]
    struct Out {
        json: Option<String>,
        problems: Vec<SheetProblem>,
    }
    let lang = Lang::from_attr(lang);
    let problem = |e: &super::WorkbookError| SheetProblem {
        place: e.place.clone(),
        message: e.kind.message(lang),
    };
    let out = match read_plan_file(bytes) {
        Err(errors) => Out {
            json: None,
            problems: errors.iter().map(problem).collect(),
        },
        Ok((file, loc)) => Out {
            json: plan_json(&file).ok(),
            problems: match validate_file(file) {
                Ok(_) => Vec::new(),
                Err(e) => located(&loc, e.0).iter().map(problem).collect(),
            },
        },
    };
    out.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
