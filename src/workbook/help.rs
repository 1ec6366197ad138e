//! The how-to sheet (说明) of the plan workbook, in both languages.

use super::columns::{LISTS, PLAN_SHEET};

/// The lines of the how-to sheet; `true` marks a heading.
pub fn help_lines() -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = vec![
        ("计划工作簿使用说明 / How to use this plan workbook".into(), true),
        ("本工作簿与计划 JSON 文件一一对应：用 plan-widget convert 在两者之间转换，用 plan-widget check 检查。".into(), false),
        ("This workbook is the plan file as tables: plan-widget convert turns it into JSON and back; plan-widget check checks it directly.".into(), false),
        ("表头 / Headers".into(), true),
        ("每张表第 1 行是中文列名（可改），第 2 行是字段名（英文，程序按它读取，请勿修改）。数据从第 3 行起，每行一项；空行会被跳过。".into(), false),
        ("Row 1 of each sheet is the Chinese header (free text), row 2 the field path the converter reads (keep it). Data starts on row 3, one item per row; empty rows are skipped.".into(), false),
        ("空单元格表示该字段未填写。双语文字分 zh / en 两列；en 为空时显示中文。".into(), false),
        ("An empty cell is an absent field. Texts in both languages have a zh and an en column; an empty en falls back to zh.".into(), false),
        ("要加一列（如 goal.min），在第 2 行写上字段路径即可；以 [] 结尾的列保存 JSON 文本（嵌套的列表）。".into(), false),
        ("To add a column (e.g. goal.min), write its field path in row 2; a column whose path ends in [] holds JSON text (a nested list).".into(), false),
        ("表 / Sheets".into(), true),
        (format!("{PLAN_SHEET}：计划本身的字段，每行一个（字段在 B 列，值在 C 列）。 / plan-level fields, one per row (field in column B, value in column C).") , false),
    ];
    for l in LISTS {
        out.push((format!("{}:{} / {}", l.name, l.path, l.en), false));
    }
    out.extend([
        ("检查与错误 / Checking and errors".into(), true),
        ("plan-widget check plan.xlsx 报告每个问题的位置，如 目标!J12 目标值 (goal.value)：……".into(), false),
        ("plan-widget check plan.xlsx names every problem's place, e.g. 目标!J12 目标值 (goal.value): …".into(), false),
        ("下拉列表列出可选值（目标关系、类型、分解规则等）；数字列只接受数字。".into(), false),
        ("Drop-down lists offer the allowed values (goal operators, kinds, split rules); number columns take numbers only.".into(), false),
    ]);
    out
}
