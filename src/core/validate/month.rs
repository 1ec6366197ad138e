//! Months of the plan's calendar.

/// Parses a month `YYYY-MM` into (year, month 1–12).
pub fn parse_month(s: &str) -> Option<(i32, u8)> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = y.parse::<i32>().ok()?;
    let month = m.parse::<u8>().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}
