//! Languages and number formatting. Every user-visible string of the core is a variant of a
//! message enum with a `text(Lang)` method that matches on the language, so a missing
//! translation is a compile error.

use std::fmt;
use std::str::FromStr;

/// The product's languages. zh-CN is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a language attribute leniently (`zh`, `zh-CN`, `zh-Hans`, `en`, `en-US`, …);
    /// anything unknown is zh-CN, the default.
    pub fn from_attr(s: &str) -> Lang {
        let s = s.trim().to_ascii_lowercase();
        if s == "en" || s.starts_with("en-") {
            Lang::En
        } else {
            Lang::ZhCn
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh-hans" => Ok(Lang::ZhCn),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use zh-CN or en)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Formats a number for display: up to `decimals` decimals (trailing zeros dropped),
/// thousands separators in English, 万 / 亿 for large values in Chinese.
pub fn format_number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    match lang {
        Lang::ZhCn if v.abs() >= 1e8 => format!("{}亿", trim(v / 1e8, decimals.max(2))),
        Lang::ZhCn if v.abs() >= 1e4 => format!("{}万", trim(v / 1e4, decimals.max(2))),
        Lang::ZhCn => trim(v, decimals),
        Lang::En => group_thousands(&trim(v, decimals)),
    }
}

/// Rounds to `decimals` and drops trailing zeros (`93.50` → `93.5`, `-0` → `0`).
pub fn trim(v: f64, decimals: usize) -> String {
    let s = super::numtext::fixed(v, decimals);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// " (did you mean 'x'?)" after an unknown name, or nothing.
pub fn did_you_mean(suggestion: Option<&str>, lang: Lang) -> String {
    match (suggestion, lang) {
        (Some(s), Lang::ZhCn) => format!("（是否应为 '{s}'？）"),
        (Some(s), Lang::En) => format!(" (did you mean '{s}'?)"),
        (None, _) => String::new(),
    }
}

/// A month that is not `YYYY-MM`.
pub fn bad_month(m: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("月份 '{m}' 应为 YYYY-MM"),
        Lang::En => format!("month '{m}' must be YYYY-MM"),
    }
}

/// A month outside the plan's year.
pub fn month_outside_year(month: &str, year: i32, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("月份 {month} 不在计划年度 {year} 年内"),
        Lang::En => format!("month {month} is outside the plan's year {year}"),
    }
}

fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(format_number(93.5, 1, Lang::ZhCn), "93.5");
        assert_eq!(format_number(93.5, 1, Lang::En), "93.5");
        assert_eq!(format_number(330000.0, 0, Lang::ZhCn), "33万");
        assert_eq!(format_number(330000.0, 0, Lang::En), "330,000");
        assert_eq!(format_number(12345.0, 0, Lang::ZhCn), "1.23万");
        assert_eq!(format_number(2.16e10, 0, Lang::ZhCn), "216亿");
        assert_eq!(format_number(-1234567.891, 2, Lang::En), "-1,234,567.89");
        assert_eq!(format_number(-0.0001, 1, Lang::En), "0");
        assert_eq!(format_number(f64::NAN, 1, Lang::En), "—");
    }

    #[test]
    fn lang_attribute() {
        assert_eq!(Lang::from_attr("en"), Lang::En);
        assert_eq!(Lang::from_attr("EN-us"), Lang::En);
        assert_eq!(Lang::from_attr("zh-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_attr("fr"), Lang::ZhCn);
        assert!("fr".parse::<Lang>().is_err());
    }
}
