//! No input makes the parser or the validator panic.

use plan_widget::core::expr::parse;
use plan_widget::core::parse_plan;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn formulas_never_panic(s in "[a-z0-9_+*/() ,.<>=!-]{0,60}") {
        let _ = parse(&s);
    }

    #[test]
    fn arbitrary_text_is_an_error_not_a_panic(s in "\\PC{0,200}") {
        prop_assert!(parse_plan(&s).is_err());
    }

    #[test]
    fn mutated_plans_never_panic(pos in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = include_bytes!("../plans/small.json").to_vec();
        if let Some(b) = bytes.get_mut(pos % 4000) {
            *b = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(plan) = parse_plan(&text) {
            let out = plan.evaluate(&plan.defaults());
            prop_assert_eq!(out.statuses.len(), plan.targets().len());
        }
    }
}
