//! The model on the small test plan: dependencies, statuses, the at_risk rule.

use crate::support::root;
use plan_widget::core::{parse_plan, Plan, Status};

fn small() -> Plan {
    parse_plan(&std::fs::read_to_string(root().join("tests/plans/small.json")).unwrap()).unwrap()
}

fn targets_of(plan: &Plan, input: &str) -> Vec<String> {
    let i = plan.input_index(input).unwrap();
    plan.targets_of_input(i)
        .iter()
        .map(|t| plan.targets()[*t].id.clone())
        .collect()
}

#[test]
fn each_input_reaches_exactly_the_targets_its_formulas_feed() {
    let plan = small();
    assert_eq!(
        targets_of(&plan, "kg_new"),
        ["ger", "kg_built", "within_budget"]
    );
    assert_eq!(targets_of(&plan, "funding"), ["within_budget"]);
    assert_eq!(targets_of(&plan, "children"), ["ger"]);
    assert_eq!(targets_of(&plan, "cost_per_kg"), ["within_budget"]);
    assert_eq!(targets_of(&plan, "opened"), ["campus"]);
}

#[test]
fn at_risk_means_met_but_broken_by_one_assumption_at_the_end_of_its_range() {
    let plan = small();
    let out = plan.evaluate(&plan.defaults());
    // ger = (1500 + 6 × 200) / 3000 = 90% exactly: met, but 3200 children (high) gives 84.4%.
    let ger = plan.target_index("ger").unwrap();
    assert_eq!(out.target(&plan, ger), 90.0);
    assert_eq!(out.statuses[ger], Status::AtRisk);
    let children = plan.input_index("children").unwrap();
    let enrolled = plan.input_index("enrolled").unwrap();
    let seats = plan.input_index("seats_per_kg").unwrap();
    assert_eq!(out.risk_drivers[ger], vec![children, enrolled, seats]);
    // Budget: 9000 − 6 × 1500 = 0, and 1700 per kindergarten (high) overspends.
    let budget = plan.target_index("within_budget").unwrap();
    assert_eq!(out.statuses[budget], Status::AtRisk);
    // Commitments fed by levers alone are never at risk.
    assert_eq!(
        out.statuses[plan.target_index("kg_built").unwrap()],
        Status::Met
    );
    assert_eq!(
        out.statuses[plan.target_index("campus").unwrap()],
        Status::Met
    );

    let mut values = plan.defaults();
    values[plan.input_index("kg_new").unwrap()] = 8.0;
    values[plan.input_index("funding").unwrap()] = 20000.0;
    let out = plan.evaluate(&values);
    assert_eq!(out.statuses[ger], Status::Met, "100% with slack");
    assert_eq!(out.statuses[budget], Status::Met);
    values[plan.input_index("opened").unwrap()] = 0.0;
    let out = plan.evaluate(&values);
    assert_eq!(
        out.statuses[plan.target_index("campus").unwrap()],
        Status::NotMet
    );
    assert_eq!(out.counts(), [3, 0, 1, 0]);
}

#[test]
fn a_division_by_zero_is_no_data_with_a_diagnostic_not_a_crash() {
    let text = std::fs::read_to_string(root().join("tests/plans/small.json"))
        .unwrap()
        .replace(r#""min": 1000, "max": 6000"#, r#""min": 0, "max": 6000"#)
        .replace(r#""low": 2800"#, r#""low": 0"#)
        .replace(
            r#""min(100, (enrolled + seats_new) / children * 100)""#,
            r#""(enrolled + seats_new) / children * 100""#,
        );
    let plan = parse_plan(&text).unwrap();
    let mut values = plan.defaults();
    values[plan.input_index("children").unwrap()] = 0.0;
    let out = plan.evaluate(&values);
    let ger = plan.target_index("ger").unwrap();
    assert_eq!(out.statuses[ger], Status::NoData);
    let diags: Vec<_> = out
        .diagnostics(&plan)
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(diags, ["ger"]);
    // The rest of the plan is still evaluated.
    assert_eq!(
        out.statuses[plan.target_index("kg_built").unwrap()],
        Status::Met
    );
}

/// The card's one line on why a met target is at risk: which assumption, at which end.
#[test]
fn an_at_risk_card_names_the_assumption_and_the_end_that_breaks_it() {
    use plan_widget::core::why::{breaks, breaks_text, End};
    use plan_widget::core::Lang;
    let plan = small();
    let out = plan.evaluate(&plan.defaults());
    let ger = plan.target_index("ger").unwrap();
    let found = breaks(&plan, &out, ger);
    let children = plan.input_index("children").unwrap();
    // More children than assumed (the high end) lowers the enrolment rate.
    assert_eq!(found[0].input, children);
    assert_eq!(found[0].end, End::High);
    assert_eq!(found.len(), 3, "{found:?}");
    let zh = breaks_text(&plan, &found, Lang::ZhCn).unwrap();
    assert!(zh.starts_with("若“3-5岁儿童”取其范围的高端（"), "{zh}");
    assert!(zh.ends_with("或其他假设不利，就达不到"), "{zh}");
    let en = breaks_text(&plan, &found, Lang::En).unwrap();
    assert!(en.starts_with("missed if “"), "{en}");
    assert!(en.contains("at the high end of its range"), "{en}");
    // A met target that nothing breaks has no line.
    let built = plan.target_index("kg_built").unwrap();
    assert!(breaks(&plan, &out, built).is_empty());
    assert_eq!(breaks_text(&plan, &[], Lang::En), None);
}
