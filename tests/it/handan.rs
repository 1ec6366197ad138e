//! The built-in Handan plan: complete, faithful to its text, and sound over every lever's range.

use crate::golden;
use crate::support::{handan_document, root};
use plan_widget::core::builtin;
use plan_widget::core::plan::{Origin, Role};
use plan_widget::core::report::report;
use plan_widget::core::validate::check_sources;
use plan_widget::core::{InputKind, Lang, Plan, Status};

fn handan() -> Plan {
    builtin::load("handan-edu-2022").unwrap().unwrap()
}

#[test]
fn every_source_is_an_exact_quote_from_the_body_of_the_plan() {
    let plan = handan();
    let doc = handan_document();
    assert_eq!(check_sources(&plan, &doc), vec![]);
}

/// The kept text is the plan itself: it opens with the plan's first sentence, and nothing of the
/// page metadata the copy began with (its spam author, view counter) is in it.
#[test]
fn the_kept_document_is_the_plan_without_its_page_metadata() {
    let doc = handan_document();
    assert!(doc.starts_with("为认真落实市委、市政府《邯郸市区域教育中心建设实施方案》"));
    for spam in [
        "365bet",
        "best365",
        "娱乐场",
        "足球",
        "阅读次数",
        "发表时间",
    ] {
        assert!(!doc.contains(spam), "document contains {spam:?}");
    }
}

#[test]
fn no_text_of_the_plan_file_repeats_the_metadata_line() {
    let file = std::fs::read_to_string(root().join("plans/handan-edu-2022.json")).unwrap();
    for spam in ["365bet", "best365", "娱乐场", "足球", "阅读次数"] {
        assert!(!file.contains(spam), "plan file contains {spam:?}");
    }
}

/// Each quantified target the issue lists, by a fragment of the plan's sentence.
const REQUIRED_QUOTES: &[&str] = &[
    "学前三年毛入学率达到93.5%",
    "87%",
    "56%",
    "入学率达到100%",
    "巩固率达到98%",
    "97%",
    "高中阶段教育毛入学率达到93%",
    "省级示范性高中达到30所",
    "中等职业教育特色学校达到5所",
    "3个骨干特色专业",
    "重点建设专业达到4个",
    "特殊教育职后培训中心",
    "新建智慧学校113所",
    "15所",
    "175所",
    "10所",
    "305所",
    "标准化学校覆盖率达到20%",
    "150所",
    "80所",
    "2-3所",
    "4个以上特殊教育资源教室",
    "普通高中特色学校达到20所",
    "60所",
    "标准化达到60%",
    "1所高水平中等职业学校",
    "6个职业教育集团",
    "3个校企合作共同体",
    "30个以上",
    "C档",
    "市级重点学科2个",
    "三个专业",
    "25%",
    "20000",
    "3个高水平专业群",
    "名校长工作室达到30个",
    "名师工作室达到220个",
    "100兆",
    "163所",
    "216亿元",
    "193所",
    "幼儿园70所",
    "小学72所",
    "初中26所",
    "高中11所",
    "中职14所",
    "7个项目",
    "转设",
];

#[test]
fn every_quantified_target_of_the_plan_is_a_target() {
    let plan = handan();
    let missing: Vec<_> = REQUIRED_QUOTES
        .iter()
        .filter(|q| !plan.targets().iter().any(|t| t.source.contains(*q)))
        .collect();
    assert!(missing.is_empty(), "no target quotes {missing:?}");
    assert!(
        plan.targets().len() >= 55,
        "{} targets",
        plan.targets().len()
    );
}

#[test]
fn the_plan_as_written_is_shown_as_it_is_and_its_roles_are_apart() {
    // Nothing is tuned so the plan comes out met: whatever the honest defaults give is the
    // finding (statuses are in tests/expect/handan-defaults.txt). What must hold: the three
    // roles are all there, checks quote nothing, and every input says where it comes from.
    let plan = handan();
    let out = plan.evaluate(&plan.defaults());
    let counts = out.counts_by_role(&plan);
    assert!(counts.iter().all(|(_, _, total)| *total > 0), "{counts:?}");
    for t in plan.targets() {
        assert_eq!(t.role == Role::Check, t.source.is_empty(), "{}", t.id);
    }
    for i in plan.inputs() {
        let origin = i.origin.unwrap_or_else(|| panic!("{} has no origin", i.id));
        let allowed: &[Origin] = match i.kind {
            InputKind::Policy => &Origin::LEVER,
            InputKind::Assumption => &Origin::ASSUMPTION,
        };
        assert!(allowed.contains(&origin), "{}", i.id);
    }
}

/// Estimates and fitted values carry ranges of at least ±10% unless their note names what
/// narrows them (a census or a national rate, "±5%").
#[test]
fn estimates_and_fitted_values_have_honest_ranges() {
    let plan = handan();
    for a in plan
        .inputs()
        .iter()
        .filter(|i| i.kind == InputKind::Assumption)
    {
        if a.origin == Some(Origin::Official) {
            continue;
        }
        let rel = (a.high - a.low) / 2.0 / a.default.abs();
        // A note that says what narrows the range: a census, a national rate.
        let narrowed = a.note.en.contains("±5%") || a.note.en.contains("the national level");
        assert!(
            rel >= 0.099 || (narrowed && rel > 0.0),
            "{}: ±{:.1}% ({})",
            a.id,
            rel * 100.0,
            a.note.en
        );
    }
}

#[test]
fn golden_values_of_the_plan_as_written() {
    // Any change that moves a number of the plan as written shows up here.
    let plan = handan();
    let out = plan.evaluate(&plan.defaults());
    let rep = report(&plan, &out, "", Lang::En);
    let mut text = String::new();
    for d in &rep.derived {
        text.push_str(&format!(
            "derived {} = {:?}\n",
            d.id,
            d.value.map(|v| (v * 1e6).round() / 1e6)
        ));
    }
    for t in &rep.targets {
        text.push_str(&format!(
            "target {} = {:?} {}\n",
            t.id,
            t.value.map(|v| (v * 1e6).round() / 1e6),
            t.status.as_str()
        ));
    }
    golden::check(&root().join("tests/expect/handan-defaults"), "txt", &text);
}

/// Every lever and assumption, moved from its minimum to its maximum, changes the value of at
/// least one target or feasibility check (not only a derived quantity: money that moves
/// nothing the plan promises is not a model of money), and nothing is ever NaN.
#[test]
fn every_input_moves_a_target_or_check_and_nothing_is_ever_nan() {
    let plan = handan();
    let mut ev = plan.evaluator();
    let defaults = plan.defaults();
    let first_target = plan.target_slot(0);
    let mut idle = Vec::new();
    for (i, input) in plan.inputs().iter().enumerate() {
        let mut values = defaults.clone();
        let steps = ((input.max - input.min) / input.step).round() as usize;
        let points = 40.min(steps);
        let mut at_min = Vec::new();
        let mut moved = false;
        for k in 0..=points {
            let v = input.snap(input.min + (input.max - input.min) * k as f64 / points as f64);
            values[i] = v;
            let slots = ev.run(&values).to_vec();
            for (s, x) in slots.iter().enumerate() {
                assert!(x.is_finite(), "{} = {v}: slot {s} is {x}", input.id);
            }
            if k == 0 {
                at_min = slots[first_target..].to_vec();
            }
            moved |= at_min != slots[first_target..];
        }
        if !moved {
            idle.push(input.id.as_str());
        }
    }
    assert!(
        idle.is_empty(),
        "moving these over their range changes no target: {idle:?}"
    );
}

#[test]
fn levers_and_assumptions_are_kept_apart_and_assumptions_say_what_replaces_them() {
    let plan = handan();
    let kinds: Vec<_> = plan.inputs().iter().map(|i| i.kind).collect();
    let first_assumption = kinds
        .iter()
        .position(|k| *k == InputKind::Assumption)
        .unwrap();
    assert!(kinds[..first_assumption]
        .iter()
        .all(|k| *k == InputKind::Policy));
    assert!(kinds[first_assumption..]
        .iter()
        .all(|k| *k == InputKind::Assumption));
    for a in &plan.inputs()[first_assumption..] {
        assert!(
            !a.note.zh.is_empty() && !a.note.en.is_empty(),
            "{} has no note",
            a.id
        );
        assert!(a.low <= a.default && a.default <= a.high, "{}", a.id);
    }
    for i in plan.inputs() {
        assert!(!i.label.en.is_empty(), "{} has no English label", i.id);
    }
}

#[test]
fn cutting_kindergartens_flips_the_preschool_rate() {
    let plan = handan();
    let mut values = plan.defaults();
    let kg = plan.input_index("new_kindergartens").unwrap();
    values[kg] = 20.0;
    let out = plan.evaluate(&values);
    let t = plan.target_index("preschool_ger").unwrap();
    assert_eq!(out.statuses[t], Status::NotMet);
    let total = plan.target_index("schools_built_total").unwrap();
    assert_eq!(out.target(&plan, total), 143.0);
    assert_eq!(out.statuses[total], Status::NotMet);
}

/// Every quantity with an English display unit, as English readers see it at the plan's
/// defaults (tests/expect/handan-units.expected.en.txt), and every money unit has one.
#[test]
fn english_money_units_read_naturally() {
    use plan_widget::core::display::{goal_text, input_quantity, quantity};
    let plan = handan();
    let defaults = plan.defaults();
    let outcome = plan.evaluate(&defaults);
    let en = Lang::En;
    let mut text = String::new();
    for input in plan.inputs() {
        if input.unit.scale(en) != 1.0 {
            text.push_str(&format!(
                "input {}: {} {} → {} (range {} to {})\n",
                input.id,
                input.default,
                input.unit.canonical(en),
                input_quantity(input, input.default, en),
                input_quantity(input, input.min, en),
                input_quantity(input, input.max, en),
            ));
        }
    }
    for (i, d) in plan.derived().iter().enumerate() {
        if d.unit.scale(en) != 1.0 {
            let v = outcome.derived(&plan, i);
            text.push_str(&format!(
                "derived {}: {} {} → {}\n",
                d.id,
                (v * 1e6).round() / 1e6,
                d.unit.canonical(en),
                quantity(v, &d.unit, en)
            ));
        }
    }
    for (i, t) in plan.targets().iter().enumerate() {
        if t.unit.scale(en) != 1.0 {
            text.push_str(&format!(
                "target {}: {} → {}, goal {}\n",
                t.id,
                outcome.target(&plan, i),
                quantity(outcome.target(&plan, i), &t.unit, en),
                goal_text(t.goal, &t.unit, en)
            ));
        }
    }
    golden::check(&root().join("tests/expect/handan-units"), "en.txt", &text);
    let money = |u: &plan_widget::core::plan::Unit| u.canonical(Lang::ZhCn).contains("元");
    let canonical_money = |u: &plan_widget::core::plan::Unit| {
        ["万元", "亿元"]
            .iter()
            .any(|m| u.canonical(Lang::ZhCn).starts_with(m))
    };
    let units = plan
        .inputs()
        .iter()
        .map(|i| (&i.id, &i.unit))
        .chain(plan.derived().iter().map(|d| (&d.id, &d.unit)))
        .chain(plan.targets().iter().map(|t| (&t.id, &t.unit)));
    for (id, u) in units {
        if money(u) && canonical_money(u) {
            assert_ne!(
                u.scale(en),
                1.0,
                "{id}: {} has no English display",
                u.canonical(en)
            );
        }
        // Chinese is shown as the plan writes it.
        assert_eq!(u.scale(Lang::ZhCn), 1.0, "{id}");
        assert_eq!(u.shown(Lang::ZhCn), u.canonical(Lang::ZhCn), "{id}");
    }
}

/// Every slider position of every input, shown in its number field and typed back, is the same
/// value, in both languages (no float drift from the display scale).
#[test]
fn every_input_value_survives_its_number_field() {
    use plan_widget::core::display::{input_plain, read_typed};
    let plan = handan();
    for input in plan.inputs() {
        let n = ((input.max - input.min) / input.step).round() as i64;
        for k in 0..=n {
            let v = input.snap(input.min + k as f64 * input.step);
            for lang in [Lang::En, Lang::ZhCn] {
                let text = input_plain(input, v, lang);
                // Typed while another value is current: converted and snapped.
                let back = read_typed(input, &text, input.default, lang).map(|x| input.snap(x));
                assert_eq!(back, Ok(v), "{} = {v} shown as {text} ({lang})", input.id);
                // Typed while it is current: the value itself.
                assert_eq!(read_typed(input, &text, v, lang), Ok(v), "{}", input.id);
            }
        }
    }
}
