//! The one table of what the plan workbook knows about the plan format: which sheet holds which
//! list, the Chinese header of each known column, its kind (number format, data validation) and
//! drop-down values. Everything not in this table still converts: an unknown list becomes a sheet
//! named by its path, an unknown field a column headed by its path (the converter follows the
//! serde types, not this table).

/// What a column holds: decides the cell's number format, its data validation and how a typed
/// value is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    /// A whole number (format version, plan version, year, counts).
    Integer,
    Bool,
    /// `YYYY-MM-DD` (a date the spreadsheet may turn into a date cell).
    Date,
    /// `YYYY-MM`.
    Month,
}

/// A known column (or, on the plan sheet, a known row).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// The dotted field path inside the item (`goal.op`); a path ending in `.` is a prefix for
    /// map entries (`shares.` covers `shares.hanshan`).
    pub path: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
    /// Drop-down values (data validation list); empty for none.
    pub list: &'static [&'static str],
}

const fn col(path: &'static str, zh: &'static str, kind: Kind) -> Col {
    Col {
        path,
        zh,
        kind,
        list: &[],
    }
}

const fn pick(path: &'static str, zh: &'static str, list: &'static [&'static str]) -> Col {
    Col {
        path,
        zh,
        kind: Kind::Text,
        list,
    }
}

use Kind::{Bool, Date, Integer, Month, Number, Text};

/// A sheet holding one list of the plan file.
#[derive(Debug, Clone, Copy)]
pub struct ListSheet {
    /// The list's path in the plan file (`targets`, `counties.divisions`).
    pub path: &'static str,
    /// The sheet's name (Chinese; sheet names are what people see on the tabs).
    pub name: &'static str,
    /// English name, for the how-to sheet and messages.
    pub en: &'static str,
    /// Known columns, in order, in groups; columns not listed follow them.
    pub cols: &'static [&'static [Col]],
}

impl ListSheet {
    /// The known columns in order.
    pub fn columns(&self) -> impl Iterator<Item = &'static Col> {
        self.cols.iter().flat_map(|g| g.iter())
    }
}

/// Rows above the data on every table sheet: the Chinese header, the English field path.
pub const HEADER_ROWS: u32 = 2;

/// The sheet of plan-level fields (one row per field).
pub const PLAN_SHEET: &str = "计划";
/// The how-to sheet (not read back).
pub const HELP_SHEET: &str = "说明";

pub const OPS: &[&str] = &[">=", "<=", "=", "between"];

const NAMED: &[Col] = &[
    col("id", "编号", Text),
    col("label.zh", "名称", Text),
    col("label.en", "名称（英文）", Text),
    col("unit.zh", "单位", Text),
    col("unit.en", "单位（英文）", Text),
    col("unit.display.en.text", "英文显示单位", Text),
    col("unit.display.en.scale", "英文显示比例", Number),
];

const SLIDER: &[Col] = &[
    col("group", "分组", Text),
    col("min", "最小值", Number),
    col("max", "最大值", Number),
    col("step", "步长", Number),
];

const NOTE: &[Col] = &[
    col("note.zh", "说明", Text),
    col("note.en", "说明（英文）", Text),
];

const SECTIONS: &[Col] = &[
    col("id", "编号", Text),
    col("title.zh", "章节标题", Text),
    col("title.en", "章节标题（英文）", Text),
];

const LEVERS: &[&[Col]] = &[
    NAMED,
    SLIDER,
    &[
        col("default", "默认值（计划原文）", Number),
        pick("origin", "默认值来源", &["plan", "not_in_plan"]),
    ],
    NOTE,
];

const ASSUMPTIONS: &[&[Col]] = &[
    NAMED,
    SLIDER,
    &[
        col("default", "默认值", Number),
        col("low", "区间下端", Number),
        col("high", "区间上端", Number),
        col("note.zh", "来源与说明", Text),
        col("note.en", "来源与说明（英文）", Text),
        pick("origin", "默认值来源", &["official", "estimate", "fitted"]),
    ],
];

const DERIVED: &[&[Col]] = &[
    NAMED,
    &[
        col("formula", "公式", Text),
        col("summary", "显示在摘要条", Bool),
    ],
];

const TARGETS: &[&[Col]] = &[
    &[col("id", "编号", Text), col("section", "章节", Text)],
    NAMED.split_at(1).1,
    &[
        pick("goal.op", "目标关系", OPS),
        col("goal.value", "目标值", Number),
        col("goal.min", "目标下限", Number),
        col("goal.max", "目标上限", Number),
        col("value", "取值公式", Text),
        col("baseline", "年初基数", Number),
        pick("kind", "类型", &["number", "yes_no"]),
        pick("profile", "进度曲线", &["linear", "back_loaded"]),
        col("source", "原文引文", Text),
        pick("role", "类别", &["outcome", "commitment", "check"]),
    ],
    NOTE,
];

const CONSTRAINTS: &[&[Col]] = &[
    NAMED,
    &[
        col("available", "可用量公式", Text),
        pick("rule", "不足时的规则", &["pro_rata", "in_order"]),
        col("items[]", "分配项（JSON 列表）", Text),
    ],
];

const DIVISIONS: &[Col] = &[
    col("id", "编号", Text),
    col("name.zh", "县（市、区）", Text),
    col("name.en", "名称（英文）", Text),
    pick("kind", "类型", &["district", "county", "city"]),
    col("central", "主城区", Bool),
    col("weight", "权重（%）", Number),
    col("rural", "有乡村", Bool),
];

const SPLITS: &[Col] = &[
    col("target", "目标编号", Text),
    pick(
        "split",
        "分解规则",
        &[
            "by_weight",
            "per_county_min",
            "non_central_each",
            "city_only",
        ],
    ),
    col("per_county", "每县目标", Number),
    pick("aggregate", "全市汇总", &["sum", "mean", "min"]),
    col("responsible.zh", "责任单位", Text),
    col("responsible.en", "责任单位（英文）", Text),
    col("start", "开始月份", Month),
    col("deadline", "完成时限", Month),
    pick(
        "among",
        "分解范围",
        &["all", "rural", "non_central", "central"],
    ),
    col("weights", "权重集", Text),
    col("whole", "按整数分解", Bool),
    col("shares.", "份额（%）", Number),
];

/// The list sheets, in the workbook's order.
pub const LISTS: &[ListSheet] = &[
    ListSheet {
        path: "sections",
        name: "章节",
        en: "sections",
        cols: &[SECTIONS],
    },
    ListSheet {
        path: "levers",
        name: "杠杆",
        en: "policy levers",
        cols: LEVERS,
    },
    ListSheet {
        path: "assumptions",
        name: "假设",
        en: "assumptions",
        cols: ASSUMPTIONS,
    },
    ListSheet {
        path: "derived",
        name: "派生量",
        en: "derived quantities",
        cols: DERIVED,
    },
    ListSheet {
        path: "targets",
        name: "目标",
        en: "targets",
        cols: TARGETS,
    },
    ListSheet {
        path: "constraints",
        name: "资源约束",
        en: "binding resources (constraints)",
        cols: CONSTRAINTS,
    },
    ListSheet {
        path: "counties.divisions",
        name: "县区",
        en: "county-level divisions",
        cols: &[DIVISIONS],
    },
    ListSheet {
        path: "counties.targets",
        name: "分解",
        en: "how targets split over the divisions",
        cols: &[SPLITS],
    },
];

/// Plan-level fields (rows of the plan sheet), in order.
pub const PLAN_ROWS: &[Col] = &[
    col("format", "格式版本", Integer),
    col("id", "计划编号", Text),
    col("version", "计划版本", Integer),
    col("title.zh", "标题", Text),
    col("title.en", "标题（英文）", Text),
    col("publisher.zh", "发布单位", Text),
    col("publisher.en", "发布单位（英文）", Text),
    col("published", "发布日期", Date),
    col("year", "年度", Integer),
    col("summary.zh", "摘要", Text),
    col("summary.en", "摘要（英文）", Text),
    col("counties.responsible.zh", "市级牵头单位", Text),
    col("counties.responsible.en", "市级牵头单位（英文）", Text),
    col(
        "counties.county_unit.zh",
        "县级责任单位（{name} 为县名）",
        Text,
    ),
    col("counties.county_unit.en", "县级责任单位（英文）", Text),
    col("counties.weight_note.zh", "权重说明", Text),
    col("counties.weight_note.en", "权重说明（英文）", Text),
    col("counties.ranking.tolerance", "按期容差（%）", Number),
    col("counties.ranking.praise_top", "通报表扬名额", Integer),
    col(
        "counties.ranking.praise_min_share",
        "表扬所需按期率（%）",
        Number,
    ),
    col("counties.ranking.interview_bottom", "约谈名额", Integer),
    pick(
        "counties.ranking.unreported",
        "未报送的处理",
        &["follow_up", "behind"],
    ),
    col(
        "counties.ranking.min_reported",
        "参加排名的最低报送比例（%）",
        Number,
    ),
    col("counties.default_weights", "默认权重集", Text),
    col(
        "counties.whole_units[]",
        "按整数计的单位（JSON 列表）",
        Text,
    ),
];

/// The known column for `path` among `cols` (a prefix entry covers its map's keys).
pub fn find<'a>(mut cols: impl Iterator<Item = &'a Col>, path: &str) -> Option<&'a Col> {
    cols.find(|c| match c.path.strip_suffix('.') {
        Some(prefix) => path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.')),
        None => c.path == path,
    })
}

/// The list sheet for a list path, if it is a known one.
pub fn list_by_path(path: &str) -> Option<&'static ListSheet> {
    LISTS.iter().find(|l| l.path == path)
}

/// The list sheet with this name, if it is a known one.
pub fn list_by_name(name: &str) -> Option<&'static ListSheet> {
    LISTS.iter().find(|l| l.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_columns_cover_map_keys_only() {
        let zh = find(SPLITS.iter(), "shares.hanshan").map(|c| c.zh);
        assert_eq!(zh, Some("份额（%）"));
        assert!(find(SPLITS.iter(), "shares").is_none());
        assert!(find(SPLITS.iter(), "sharesx.a").is_none());
        let targets = list_by_path("targets").unwrap();
        assert_eq!(
            find(targets.columns(), "goal.op").map(|c| c.list),
            Some(OPS)
        );
        let paths: Vec<&str> = targets.columns().map(|c| c.path).take(4).collect();
        assert_eq!(paths, ["id", "section", "label.zh", "label.en"]);
    }
}
