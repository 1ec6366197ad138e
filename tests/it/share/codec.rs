//! Round trips, worst-case size, QR sizing, versions.

use super::{handan, small, small_v2};
use plan_widget::core::qr::qr_svg;
use plan_widget::core::share::{
    changes_from_values, decode, encode, seal, to_bytes, Change, Decoded, Kept, ShareError,
    ShareState, ShareWarning, Tab, View,
};
use plan_widget::core::{Lang, Plan};
use proptest::prelude::*;

/// A realistic portal article URL, as in the issue.
const PORTAL: &str = "https://jyj.hd.gov.cn/zwgk/tzgg/202203/t20220303_1.html";

fn is_url_safe(code: &str) -> bool {
    code.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// One input's value: on the step grid, or any finite value within the range.
#[derive(Debug, Clone)]
enum Pick {
    Grid(u32),
    Within(f64),
}

fn value_of(plan: &Plan, i: usize, pick: &Pick) -> f64 {
    let input = &plan.inputs()[i];
    match pick {
        Pick::Grid(k) => {
            let n = ((input.max - input.min) / input.step).round() as u32;
            input.snap(input.min + f64::from(k % (n + 1)) * input.step)
        }
        Pick::Within(f) => (input.min + f * (input.max - input.min)).clamp(input.min, input.max),
    }
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        any::<u32>().prop_map(Pick::Grid),
        (0.0f64..=1.0).prop_map(Pick::Within),
    ]
}

/// Values for a random subset of the plan's inputs.
fn values(plan: &'static Plan) -> impl Strategy<Value = Vec<f64>> {
    let n = plan.inputs().len();
    proptest::collection::vec(proptest::option::weighted(0.15, pick()), n).prop_map(move |picks| {
        picks
            .iter()
            .enumerate()
            .map(|(i, p)| match p {
                Some(p) => value_of(plan, i, p),
                None => plan.inputs()[i].default,
            })
            .collect()
    })
}

fn view(plan: &'static Plan) -> impl Strategy<Value = View> {
    let targets = plan.targets().len();
    (
        proptest::sample::select(Tab::ALL.to_vec()),
        proptest::option::of(0..targets),
        proptest::option::of("\\PC{0,12}"),
    )
        .prop_map(move |(tab, t, county)| View {
            tab,
            target: t.map(|t| plan.targets()[t].id.clone()),
            county,
        })
}

fn state(plan: &'static Plan) -> impl Strategy<Value = ShareState> {
    (
        values(plan),
        view(plan),
        proptest::collection::vec((any::<String>(), values(plan)), 0..3),
    )
        .prop_map(move |(values, view, kept)| {
            let mut s = ShareState::from_values(plan, &values, view);
            for (name, v) in kept {
                s.keep(plan, name, &v);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn round_trip_is_exact(s in state(handan())) {
        let plan = handan();
        let code = encode(plan, &s);
        prop_assert!(is_url_safe(&code), "{code}");
        let back = decode(plan, &code).unwrap();
        prop_assert_eq!(back.values(plan).iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            s.values(plan).iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        prop_assert_eq!(back, Decoded { state: s, warnings: vec![] });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let _ = decode(handan(), &s);
    }

    #[test]
    fn arbitrary_url_safe_text_never_panics(s in "[A-Za-z0-9_-]{0,200}") {
        let r = decode(handan(), &s);
        prop_assert!(r.is_err() || s.len() >= 15);
    }

    /// Random payloads with a valid checksum, format 1 and the plan's hash: the parser itself.
    #[test]
    fn sealed_garbage_never_panics(body in proptest::collection::vec(any::<u8>(), 0..120)) {
        let plan = handan();
        let mut payload = to_bytes(plan, &ShareState::default());
        payload.truncate(4); // format + plan hash
        payload.extend_from_slice(&body);
        let _ = decode(plan, &seal(&payload));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(handan(), &String::from_utf8_lossy(&bytes));
        let _ = decode(handan(), &seal(&bytes));
    }
}

/// The largest code of a Handan scenario that changes up to 10 inputs (values on the grid,
/// within today's range, as the widget makes them), with a target selected.
///
/// Why this is the worst case and not a sample: every change is written as its own entry
/// (key + value) whose size depends only on that input and its value, so the code's byte
/// length is a fixed header + the sum of the entries; base64 length grows with the byte
/// length. The maximum over all choices of ≤ 10 inputs is therefore the sum of the 10 largest
/// per-input maxima, and each per-input maximum is found by trying every value of its grid.
fn worst_case() -> (ShareState, String) {
    let plan = handan();
    let base = ShareState {
        view: View {
            tab: Tab::Progress,
            target: Some(plan.targets()[0].id.clone()),
            county: None,
        },
        ..ShareState::default()
    };
    let base_len = to_bytes(plan, &base).len();
    let mut per_input: Vec<(usize, f64, usize)> = plan
        .inputs()
        .iter()
        .enumerate()
        .filter_map(|(i, input)| {
            let n = ((input.max - input.min) / input.step).round() as u32;
            (0..=n)
                .map(|k| input.snap(input.min + f64::from(k) * input.step))
                .filter(|v| v.to_bits() != input.default.to_bits())
                .map(|v| {
                    let mut s = base.clone();
                    s.changes = vec![Change {
                        id: input.id.clone(),
                        value: v,
                    }];
                    (i, v, to_bytes(plan, &s).len() - base_len)
                })
                .max_by_key(|(_, _, len)| *len)
        })
        .collect();
    per_input.sort_by_key(|(i, _, len)| (std::cmp::Reverse(*len), *i));
    let mut worst = base.clone();
    worst.changes = per_input
        .iter()
        .take(10)
        .map(|(i, v, _)| Change {
            id: plan.inputs()[*i].id.clone(),
            value: *v,
        })
        .collect();
    worst.changes.sort_by_key(|c| plan.input_index(&c.id));
    let code = encode(plan, &worst);
    (worst, code)
}

#[test]
fn worst_case_code_fits_100_characters() {
    let plan = handan();
    let (worst, code) = worst_case();
    println!("worst-case share code ({} characters): {code}", code.len());
    for c in &worst.changes {
        println!("  {} = {}", c.id, c.value);
    }
    assert_eq!(worst.changes.len(), 10);
    assert!(code.len() <= 100, "{} characters", code.len());
    assert_eq!(decode(plan, &code).unwrap().state, worst);

    // For information: 10 inputs at arbitrary finite values (full 17-digit doubles).
    let mut any = worst.clone();
    for c in &mut any.changes {
        let input = &plan.inputs()[plan.input_index(&c.id).unwrap()];
        c.value = input.min + (input.max - input.min) / 3.0;
    }
    let any_code = encode(plan, &any);
    println!(
        "10 inputs at arbitrary in-range doubles: {} characters",
        any_code.len()
    );
    assert_eq!(decode(plan, &any_code).unwrap().state, any);
}

#[test]
fn worst_case_link_fits_qr_version_8_at_level_m() {
    let (_, code) = worst_case();
    let link = format!("{PORTAL}#pw={code}");
    let qr = qr_svg(&link).unwrap();
    println!(
        "worst-case link ({} characters) → QR version {}, {} modules with quiet zone",
        link.len(),
        qr.version,
        qr.size
    );
    assert!(qr.version <= 8, "version {}", qr.version);
    assert!(!qr.svg.contains("style"));
}

#[test]
fn plan_as_written_is_short_and_round_trips() {
    let plan = handan();
    let s = ShareState::default();
    let code = encode(plan, &s);
    assert!(code.len() <= 16, "{code}");
    assert_eq!(
        decode(plan, &code).unwrap(),
        Decoded {
            state: s,
            warnings: vec![]
        }
    );
}

#[test]
fn encoder_normalises_order_duplicates_defaults_and_unknown_ids() {
    let plan = small();
    let messy = ShareState {
        changes: vec![
            Change {
                id: "funding".into(),
                value: 100.0,
            },
            Change {
                id: "nope".into(),
                value: 1.0,
            },
            Change {
                id: "kg_new".into(),
                value: 9.0,
            },
            Change {
                id: "funding".into(),
                value: 12000.0,
            },
            Change {
                id: "children".into(),
                value: f64::NAN,
            },
        ],
        ..ShareState::default()
    };
    let back = decode(plan, &encode(plan, &messy)).unwrap();
    assert_eq!(
        back.state.changes,
        vec![
            Change {
                id: "kg_new".into(),
                value: 9.0
            },
            Change {
                id: "funding".into(),
                value: 12000.0
            },
        ]
    );
}

#[test]
fn kept_scenarios_keep_utf8_names() {
    let plan = small();
    let mut s = ShareState::from_values(plan, &plan.defaults(), View::default());
    let mut v = plan.defaults();
    v[0] = 12.0;
    s.keep(plan, "多建幼儿园 🏫, \"A\"#&=", &v);
    s.keep(plan, "", &plan.defaults());
    let code = encode(plan, &s);
    assert!(is_url_safe(&code));
    let back = decode(plan, &code).unwrap().state;
    assert_eq!(back, s);
    assert_eq!(back.kept[0].values(plan), v);
    assert_eq!(back.kept[1].values(plan), plan.defaults());
}

#[test]
fn old_version_applies_what_exists_and_lists_the_rest() {
    let mut values = small().defaults();
    values[0] = 8.0; // kg_new: renamed in version 2
    values[1] = 18000.0; // funding: version 2 allows at most 15000
    values[3] = 4000.0; // children
    let mut state = ShareState::from_values(small(), &values, View::default());
    state.keep(small(), "旧方案", &values);
    let code = encode(small(), &state);

    let d = decode(small_v2(), &code).unwrap();
    let v2 = small_v2();
    let got = d.values(v2);
    assert_eq!(got[0], 6.0, "renamed input stays at the plan as written");
    assert_eq!(got[1], 15000.0);
    assert_eq!(got[3], 4000.0);
    let key = plan_widget::core::share::key("kg_new");
    let msgs: Vec<String> = d.warnings.iter().map(|w| w.message(Lang::En)).collect();
    assert_eq!(
        d.warnings[..3],
        [
            ShareWarning::OtherVersion {
                made_for: 1,
                now: 2
            },
            ShareWarning::NotApplied {
                scenario: None,
                input: None,
                key,
                value: 8.0
            },
            ShareWarning::Clamped {
                scenario: None,
                input: "funding".into(),
                label: v2.inputs()[1].label.clone(),
                from: 18000.0,
                to: 15000.0
            },
        ]
    );
    assert_eq!(d.warnings.len(), 5, "{msgs:#?}");
    assert_eq!(
        msgs[0],
        "This share code was made for version 1 of this plan; this page has version 2. The settings that still exist were applied."
    );
    assert_eq!(
        msgs[2],
        "\"Building funds\" (funding): the value 18000 is outside today's range and was changed to 15000."
    );
    assert_eq!(
        msgs[4],
        "\"Building funds\" (funding) (kept scenario \"旧方案\"): the value 18000 is outside today's range and was changed to 15000."
    );
    assert_eq!(
        d.warnings[2].message(Lang::ZhCn),
        "「建设资金」（funding） 的值 18000 超出现在的范围，已改为 15000。"
    );
    assert_eq!(
        d.warnings[1].message(Lang::ZhCn),
        format!("未能应用：输入项 #{key:04x} = 8 在本版规划中已不存在。")
    );
    // The kept scenario went through the same rules.
    assert_eq!(
        d.state.kept,
        vec![Kept {
            name: "旧方案".into(),
            changes: vec![
                Change {
                    id: "funding".into(),
                    value: 15000.0
                },
                Change {
                    id: "children".into(),
                    value: 4000.0
                },
            ]
        }]
    );
}

#[test]
fn other_plan_is_named_when_known() {
    let code = encode(handan(), &ShareState::default());
    let e = decode(small(), &code).unwrap_err();
    assert_eq!(
        e,
        ShareError::OtherPlan {
            plan: Some("handan-edu-2022".into())
        }
    );
    assert_eq!(
        e.message(Lang::En),
        "This share code belongs to another plan (handan-edu-2022), not the plan on this page."
    );
    assert_eq!(
        e.message(Lang::ZhCn),
        "这个分享码属于另一份规划（handan-edu-2022），不是本页的规划。"
    );
    let e = decode(handan(), &encode(small(), &ShareState::default())).unwrap_err();
    assert_eq!(e, ShareError::OtherPlan { plan: None });
}

#[test]
fn values_changed_from_the_plan_are_the_only_ones_written() {
    let plan = handan();
    let mut v = plan.defaults();
    v[0] += plan.inputs()[0].step;
    let s = ShareState::from_values(plan, &v, View::default());
    assert_eq!(s.changes.len(), 1);
    assert_eq!(changes_from_values(plan, &plan.defaults()), vec![]);
}
