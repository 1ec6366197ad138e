//! The county ranking: a ranking of work, not of reporting. A task not reported is its own
//! state, handled by the plan's rule (`counties.ranking.unreported`); a task whose division goal
//! rests on a provisional split is shown but not ranked. See docs/progress.md, "Ranking".

use super::{Cell, ProgressStatus, Scope};
use crate::core::county::{Counties, RankingRules, Unreported};
use crate::core::i18n::Lang;

/// One county's line of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub division: usize,
    /// 1 = best; counties with equal share and completion share a rank. `None`: not ranked
    /// (listed for follow-up, or nothing to rank yet).
    pub rank: Option<usize>,
    /// Ranked tasks: targets with a real split in which the division has a part, with
    /// something due by now or a report.
    pub tasks: usize,
    pub ahead: usize,
    pub on_track: usize,
    pub behind: usize,
    /// Tasks with something due and no report.
    pub no_report: usize,
    /// Tasks whose division goal rests on a provisional split: shown, not ranked.
    pub provisional: usize,
    /// Share of the tasks it is ranked on (the reported ones, or all under `behind`) that are
    /// on track or ahead, 0–1.
    pub share: f64,
    /// Average completion ratio over the same tasks.
    pub completion: f64,
    /// 通报表扬: a top place, with at least `praise_min_share` of all its tasks met.
    pub praise: bool,
    /// 约谈: one of the last ranked places, with at least one task behind.
    pub interview: bool,
    /// 催报: reported on fewer than `min_reported` of its tasks, so not ranked.
    pub follow_up: bool,
}

impl Ranked {
    /// Tasks reported on.
    pub fn reported(&self) -> usize {
        self.tasks - self.no_report
    }
    fn met(&self) -> usize {
        self.ahead + self.on_track
    }
}

/// One division's counts over its cells (before ranking).
fn tally(counties: &Counties, cells: &[Cell], d: usize) -> (Ranked, f64) {
    let mut r = Ranked {
        division: d,
        rank: None,
        tasks: 0,
        ahead: 0,
        on_track: 0,
        behind: 0,
        no_report: 0,
        provisional: 0,
        share: 0.0,
        completion: 0.0,
        praise: false,
        interview: false,
        follow_up: false,
    };
    let mut completion = 0.0;
    // A task with nothing due yet counts only once reported.
    let mine = cells.iter().filter(|c| {
        c.scope == Scope::County(d) && (c.status != ProgressStatus::NoReport || c.due_something)
    });
    for c in mine {
        if counties.provisional(c.target) {
            r.provisional += 1;
            continue;
        }
        r.tasks += 1;
        completion += c.completion;
        match c.status {
            ProgressStatus::Ahead => r.ahead += 1,
            ProgressStatus::OnTrack => r.on_track += 1,
            ProgressStatus::Behind => r.behind += 1,
            ProgressStatus::NoReport => r.no_report += 1,
        }
    }
    (r, completion)
}

/// Whether the division is ranked under the plan's rule, and over how many tasks.
fn ranked_over(r: &Ranked, rules: &RankingRules) -> Option<usize> {
    match rules.unreported {
        _ if r.tasks == 0 => None,
        Unreported::Behind => Some(r.tasks),
        Unreported::FollowUp => {
            let enough = r.reported() as f64 >= rules.min_reported * r.tasks as f64 - 1e-9;
            (r.reported() > 0 && enough).then(|| r.reported())
        }
    }
}

/// Ranks the divisions. Ranked ones by the share of their ranked tasks on track or ahead, then
/// by the average completion ratio (equal on both: equal rank), best first, ties by division
/// id; then the divisions not ranked, by id. The top `praise_top` places with at least
/// `praise_min_share` of all their tasks met are praised; the last `interview_bottom` ranked
/// places (all of a tie at the cut) with a task behind are called in. Under `follow_up`, a
/// division that reported on fewer than `min_reported` of its tasks is listed for follow-up.
pub(super) fn rank(counties: &Counties, cells: &[Cell]) -> Vec<Ranked> {
    let rules = counties.ranking();
    let mut rows: Vec<(Ranked, bool)> = (0..counties.divisions().len())
        .map(|d| {
            let (mut r, completion) = tally(counties, cells, d);
            let over = ranked_over(&r, rules);
            if let Some(n) = over {
                r.share = r.met() as f64 / n as f64;
                r.completion = completion / n as f64;
            }
            r.follow_up = over.is_none() && r.tasks > 0;
            (r, over.is_some())
        })
        .collect();
    let key = |r: &Ranked| (round6(r.share), round6(r.completion));
    let id = |d: usize| counties.division(d).map(|x| x.id.as_str()).unwrap_or("");
    rows.sort_by(|(a, ra), (b, rb)| {
        let (ka, kb) = (key(a), key(b));
        rb.cmp(ra)
            .then(kb.0.total_cmp(&ka.0))
            .then(kb.1.total_cmp(&ka.1))
            .then(id(a.division).cmp(id(b.division)))
    });
    let keys: Vec<(f64, f64)> = rows
        .iter()
        .filter(|(_, on)| *on)
        .map(|(r, _)| key(r))
        .collect();
    for (r, on) in rows.iter_mut() {
        if !*on {
            continue;
        }
        let k = key(r);
        let better = keys
            .iter()
            .filter(|o| o.0 > k.0 || (o.0 == k.0 && o.1 > k.1))
            .count();
        let worse = keys
            .iter()
            .filter(|o| o.0 < k.0 || (o.0 == k.0 && o.1 < k.1))
            .count();
        let rank = better + 1;
        r.rank = Some(rank);
        let met_all = r.met() as f64 / r.tasks.max(1) as f64;
        r.praise = rank <= rules.praise_top && met_all >= rules.praise_min_share - 1e-9;
        let counted_behind = match rules.unreported {
            Unreported::Behind => r.behind + r.no_report,
            Unreported::FollowUp => r.behind,
        };
        r.interview = !r.praise && worse < rules.interview_bottom && counted_behind > 0;
    }
    rows.into_iter().map(|(r, _)| r).collect()
}

/// The outcome of a ranking line in words: praise, 约谈 or follow-up (none for the rest).
pub fn outcome(r: &Ranked, lang: Lang) -> Option<&'static str> {
    let zh = lang == Lang::ZhCn;
    match (r.praise, r.interview, r.follow_up) {
        (true, _, _) => Some(if zh { "通报表扬" } else { "Praised" }),
        (_, true, _) => Some(if zh { "约谈" } else { "Called in (约谈)" }),
        (_, _, true) => Some(if zh {
            "报送不足，列入催报（不排名）"
        } else {
            "Too few reports: follow up (not ranked)"
        }),
        _ => None,
    }
}

/// The plan's rule for divisions that did not report, in a sentence.
pub fn unreported_rule(rules: &RankingRules, lang: Lang) -> String {
    let min = crate::core::i18n::trim(rules.min_reported * 100.0, 1);
    match (rules.unreported, lang) {
        (Unreported::FollowUp, Lang::ZhCn) => format!("未报送单独统计，不按滞后计：报送不足应报任务 {min}% 的县（市、区）不参加排名，列入催报；其余按已报送的任务排名。通报表扬还须全部任务中按期或超前的比例达到上述标准。"),
        (Unreported::FollowUp, Lang::En) => format!("A missing report is counted apart, not as behind: a county that reported on fewer than {min}% of its tasks due is not ranked but listed for follow-up (催报); the others are ranked on the tasks they reported. Praise also needs that share of all their tasks on track or ahead."),
        (Unreported::Behind, Lang::ZhCn) => "本规划规定：未报送的任务按未完成计入排名。".into(),
        (Unreported::Behind, Lang::En) => "This plan counts a task not reported as not met.".into(),
    }
}

/// How many of the plan's `n_targets` targets rest on a provisional split, in a sentence (none:
/// `None`).
pub fn provisional_note(counties: &Counties, n_targets: usize, lang: Lang) -> Option<String> {
    let n = (0..n_targets).filter(|t| counties.provisional(*t)).count();
    (n > 0).then(|| match lang {
        Lang::ZhCn => format!("{n} 项目标的县级分解暂按等份（或暂定权重），标为“暂定”，不参加排名。"),
        Lang::En => format!("{n} target(s) are split over the counties on a placeholder (equal shares or provisional weights): marked provisional and not ranked."),
    })
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
