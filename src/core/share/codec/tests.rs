//! Unit tests of the codec's internals (the public behaviour is tested in tests/it/share/).

use super::*;

#[test]
fn crc32_check_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
fn base64url_rfc4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, coded) in vectors {
        assert_eq!(b64::encode(plain.as_bytes()), coded);
        assert_eq!(b64::decode(coded).unwrap(), plain.as_bytes());
    }
    assert_eq!(b64::encode(&[0xFB, 0xFF]), "-_8");
    assert_eq!(b64::decode("Zh"), None, "non-zero unused bits");
    assert_eq!(b64::decode("Zm9vY"), None, "length 4n + 1");
    assert_eq!(b64::decode("Zm9v+g"), None, "standard alphabet");
    assert_eq!(b64::decode("Zg=="), None, "padding");
}

proptest::proptest! {
    #[test]
    fn base64url_agrees_with_the_base64_crate(bytes in proptest::collection::vec(0u8.., 0..64), text in "[A-Za-z0-9_=+/-]{0,24}") {
        use base64::Engine;
        let crate_engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let ours = b64::encode(&bytes);
        proptest::prop_assert_eq!(&ours, &crate_engine.encode(&bytes));
        proptest::prop_assert_eq!(b64::decode(&ours), Some(bytes));
        proptest::prop_assert_eq!(b64::decode(&text), crate_engine.decode(&text).ok());
    }
}

#[test]
fn varints_and_zigzag() {
    for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
        let mut out = Vec::new();
        put_varint(&mut out, v);
        let mut r = Reader { rest: &out };
        assert_eq!(r.varint().unwrap(), v);
        assert!(r.rest.is_empty());
    }
    for v in [0i64, -1, 1, -400, 400, i64::MIN, i64::MAX] {
        assert_eq!(unzigzag(zigzag(v)), v);
    }
    // 11 continuation bytes overflow.
    let mut r = Reader { rest: &[0xFF; 11] };
    assert_eq!(r.varint(), Err(ShareError::Malformed));
}

#[test]
fn values_are_exact_and_short() {
    let cases = [
        (0.0, 2),
        (9.3, 2),
        (1_795_000.0, 3),
        (98.7, 3),
        (0.1 + 0.2, 9),
        (-0.0, 2),
        (-12.5, 2),
        (1e22, 3),
        (1e23, 3),
        (f64::MAX, 9),
        (f64::MIN_POSITIVE, 9),
        (5e-324, 9),
        (std::f64::consts::PI, 9),
        (2f64.powi(53), 9),
    ];
    for (v, len) in cases {
        let mut out = Vec::new();
        put_value(&mut out, v);
        assert_eq!(out.len(), len, "{v}");
        let mut r = Reader { rest: &out };
        let back = r.value().unwrap();
        assert_eq!(back.to_bits(), v.to_bits(), "{v}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
    #[test]
    fn any_finite_value_is_exact(bits in proptest::prelude::any::<u64>()) {
        let v = f64::from_bits(bits);
        let mut out = Vec::new();
        put_value(&mut out, v);
        let mut r = Reader { rest: &out };
        match r.value() {
            Ok(back) => proptest::prop_assert_eq!(back.to_bits(), bits),
            Err(_) => proptest::prop_assert!(!v.is_finite()),
        }
        proptest::prop_assert!(out.len() <= 9);
    }
}

#[test]
fn colliding_ids_are_spelled_out() {
    assert_eq!(key("x15"), key("x268"));
    let text = include_str!("../../../../tests/plans/small.json")
        .replace("children", "x15")
        .replace("enrolled", "x268");
    let plan = crate::core::parse_plan(&text).unwrap();
    let mut values = plan.defaults();
    values[3] = 4000.0; // x15
    values[4] = 2000.0; // x268
    values[0] = 7.0; // kg_new
    let s = ShareState::from_values(&plan, &values, View::default());
    let bytes = to_bytes(&plan, &s);
    let spelled = |id: &str| bytes.windows(id.len()).any(|w| w == id.as_bytes());
    assert!(spelled("x15") && spelled("x268") && !spelled("kg_new"));
    let back = decode(&plan, &encode(&plan, &s)).unwrap();
    assert_eq!(back.state, s);
    assert!(back.warnings.is_empty());
}
