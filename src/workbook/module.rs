//! The workbook module of the widget (feature `xlsx-reader`, built by scripts/build.sh as
//! `pkg/plan-widget-xlsx*`, a wasm of its own): the Progress view loads it only when a county
//! workbook is picked, so calamine stays off the widget's first download. It only reads cells;
//! the widget resolves them against its plan (`core::progress::actuals::parse_cells`).

use super::read_rows;
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
