//! `f64` as text without `core::fmt`'s float code (flt2dec: Grisu, Dragon and their bignum,
//! ~15 KB of the wasm): [`fixed`] is `format!("{:.*}", d, v)` and [`shortest`] is
//! `v.to_string()`, character for character (tests below compare them over many values). Both
//! work exactly: in `u128` arithmetic for the usual magnitudes ([`scaled`]), else on the exact
//! decimal expansion of the `f64` (a small bignum), rounding the digits.
//! Every displayed number goes through here or [`crate::core::i18n::format_number`]; a single
//! `{}` or `{:.1}` of an `f64` elsewhere on a wasm path brings the whole formatter back
//! (docs/widget-shell.md, "Size").

use std::cmp::Ordering;

/// `v` with exactly `decimals` decimals, rounded half to even on its exact binary value, as
/// `format!("{:.*}", decimals, v)` writes it (`-0.0`, `NaN`, `inf` included).
pub fn fixed(v: f64, decimals: usize) -> String {
    let mut out = sign(v);
    if !v.is_finite() {
        out.push_str(if v.is_nan() { "NaN" } else { "inf" });
        return out;
    }
    if let Some(s) = scaled(v, decimals) {
        let odd = s.q % 2 == 1;
        let n = s.q + u128::from(s.half == Ordering::Greater || (s.half == Ordering::Equal && odd));
        if let Ok(n) = u64::try_from(n) {
            push_point(&mut out, &n.to_string(), decimals);
            return out;
        }
    }
    let e = Exact::of(v);
    let point = e.int_digits() + i64::try_from(decimals).unwrap_or(i64::MAX);
    let (digits, _) = round(&e.digits, point, false);
    let digits = String::from_utf8_lossy(&digits).into_owned();
    push_point(&mut out, digits.trim_start_matches('0'), decimals);
    out
}

/// The shortest text that reads back as `v`, written without an exponent, as `v.to_string()`
/// writes it (`1`, `0.1`, `100000000000000000000000`, `0.0000001`, `-0`, `NaN`, `inf`): of the
/// shortest digit strings that read back as `v`, the one nearest to it.
pub fn shortest(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    let mut out = sign(v);
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    if let Some(text) = fewest_decimals(v) {
        out.push_str(&text);
        return out;
    }
    let e = Exact::of(v);
    let Some(first) = e.digits.iter().position(|&c| c != b'0') else {
        out.push('0');
        return out;
    };
    let lead = i64::try_from(first).unwrap_or(0);
    // The value is 0.d1d2… × 10^point, d1 ≠ 0.
    let point = e.int_digits() - lead;
    let sig = e.digits.get(first..).unwrap_or_default();
    for n in 1..=17 {
        // The nearest n digits (a tie goes up, as in std), then the other neighbour (a power
        // of two's interval is lopsided).
        let (nearest, carried) = round(sig, n, true);
        let mut other = truncate(sig, n);
        let other_carried = other == nearest && up(&mut other);
        for (cand, carried) in [(nearest, carried), (other, other_carried)] {
            let text = plain(&cand, point + i64::from(carried));
            if text.parse::<f64>().ok() == Some(v.abs()) {
                out.push_str(&text);
                return out;
            }
        }
    }
    out.push_str(&plain(sig, point));
    out
}

/// [`shortest`] for `|v|` below 2^53, where every digit before the point is needed: the fewest
/// decimals whose nearest value (a tie up, as std's shortest) reads back as `v`, else its other
/// neighbour (a power of two's interval is lopsided). `None` out of [`scaled`]'s range.
fn fewest_decimals(v: f64) -> Option<String> {
    if v.abs() >= 9_007_199_254_740_992.0 {
        return None;
    }
    for d in 0..=17 {
        let s = scaled(v, d)?;
        let up = s.half != Ordering::Less;
        for n in [s.q + u128::from(up), s.q + u128::from(!up)] {
            let mut text = String::new();
            push_point(&mut text, &u64::try_from(n).ok()?.to_string(), d);
            if text.parse::<f64>().ok() == Some(v.abs()) {
                return Some(text);
            }
        }
    }
    None
}

/// `|v| × 10^d` as an integer part `q` and where the rest stands against one half, exactly;
/// `None` when it does not fit `u128` arithmetic (then the bignum path of [`Exact`] is used,
/// as it is for a result past `u64`: no `u128` division in the wasm).
struct Scaled {
    q: u128,
    half: Ordering,
}

fn scaled(v: f64, d: usize) -> Option<Scaled> {
    let (m, e) = parts(v);
    let num = u128::from(m).checked_mul(10u128.checked_pow(u32::try_from(d).ok()?)?)?;
    if e >= 0 {
        let q = num.checked_shl(e.unsigned_abs())?;
        return (q >> e.unsigned_abs() == num).then_some(Scaled {
            q,
            half: Ordering::Less,
        });
    }
    let k = e.unsigned_abs();
    if k >= 127 {
        return None;
    }
    let rest = num & ((1u128 << k) - 1);
    Some(Scaled {
        q: num >> k,
        half: rest.cmp(&(1u128 << (k - 1))),
    })
}

/// A finite `|v|` as `m × 2^e`.
fn parts(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    match exp {
        0 => (frac, -1074),
        _ => (frac | (1u64 << 52), exp - 1075),
    }
}

fn sign(v: f64) -> String {
    if v.is_sign_negative() && !v.is_nan() {
        "-"
    } else {
        ""
    }
    .to_string()
}

/// The exact decimal expansion of a finite `|v|`: `digits / 10^frac`.
struct Exact {
    digits: Vec<u8>,
    frac: usize,
}

impl Exact {
    fn of(v: f64) -> Exact {
        let (m, e) = parts(v);
        let mut n = Big::from_u64(m);
        let k = e.unsigned_abs() as usize;
        if e >= 0 {
            // m × 2^e
            (0..k).for_each(|_| n.mul_small(2));
            return Exact {
                digits: n.decimal(),
                frac: 0,
            };
        }
        // m / 2^k = m × 5^k / 10^k
        (0..k / 13).for_each(|_| n.mul_small(1_220_703_125));
        (0..k % 13).for_each(|_| n.mul_small(5));
        let mut digits = n.decimal();
        if digits.len() <= k {
            let mut padded = vec![b'0'; k + 1 - digits.len()];
            padded.append(&mut digits);
            digits = padded;
        }
        Exact { digits, frac: k }
    }

    /// How many of the digits are before the point.
    fn int_digits(&self) -> i64 {
        i64::try_from(self.digits.len() - self.frac).unwrap_or(i64::MAX)
    }
}

/// The first `keep` of `digits`, rounded on the rest, a tie to even or, with `tie_up`, up
/// (`keep` ≤ 0: nothing, or a carried `1`); whether a carry added a digit in front.
fn round(digits: &[u8], keep: i64, tie_up: bool) -> (Vec<u8>, bool) {
    let mut kept = truncate(digits, keep);
    let Ok(at) = usize::try_from(keep) else {
        return (kept, false);
    };
    let next = digits.get(at).copied().unwrap_or(b'0');
    let rest = digits.iter().skip(at + 1).any(|&c| c != b'0');
    let odd = kept.last().is_some_and(|c| (c - b'0') % 2 == 1);
    let carried = (next > b'5' || (next == b'5' && (rest || odd || tie_up))) && up(&mut kept);
    (kept, carried)
}

/// The first `keep` of `digits` (zeros past the end).
fn truncate(digits: &[u8], keep: i64) -> Vec<u8> {
    let at = usize::try_from(keep).unwrap_or(0);
    let mut kept: Vec<u8> = digits.iter().take(at).copied().collect();
    kept.resize(at, b'0');
    kept
}

/// Adds one unit in the last place (`1` to nothing); whether a carry added a digit in front.
fn up(digits: &mut Vec<u8>) -> bool {
    for c in digits.iter_mut().rev() {
        if *c == b'9' {
            *c = b'0';
        } else {
            *c += 1;
            return false;
        }
    }
    digits.insert(0, b'1');
    true
}

/// `0.digits × 10^point` written out, without an exponent, leading and trailing zeros dropped.
fn plain(digits: &[u8], point: i64) -> String {
    let mut out = String::new();
    let Some(first) = digits.iter().position(|&c| c != b'0') else {
        out.push('0');
        return out;
    };
    let last = digits.iter().rposition(|&c| c != b'0').unwrap_or(first);
    let sig = String::from_utf8_lossy(digits.get(first..=last).unwrap_or_default()).into_owned();
    let point = point - i64::try_from(first).unwrap_or(0);
    let len = i64::try_from(sig.len()).unwrap_or(i64::MAX);
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        out = format!("0.{}{sig}", zeros(-point));
    } else if point >= len {
        out = format!("{sig}{}", zeros(point - len));
    } else {
        let (a, b) = sig.split_at(usize::try_from(point).unwrap_or(0));
        out = format!("{a}.{b}");
    }
    out
}

/// The digits of an integer with its last `decimals` digits after a point.
fn push_point(out: &mut String, digits: &str, decimals: usize) {
    match digits.len().checked_sub(decimals).filter(|&i| i > 0) {
        Some(i) => {
            let (int, frac) = digits.split_at(i);
            out.push_str(int);
            if decimals > 0 {
                out.push('.');
                out.push_str(frac);
            }
        }
        None => {
            out.push('0');
            if decimals > 0 {
                out.push('.');
                out.extend(std::iter::repeat_n('0', decimals - digits.len()));
                out.push_str(digits);
            }
        }
    }
}

/// A non-negative integer in 32-bit limbs, least significant first: just enough arithmetic
/// for [`Exact`].
struct Big(Vec<u32>);

impl Big {
    fn from_u64(x: u64) -> Big {
        Big(vec![x as u32, (x >> 32) as u32])
    }

    fn mul_small(&mut self, k: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let t = u64::from(*limb) * u64::from(k) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// Decimal digits (`0` for zero).
    fn decimal(mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while self.0.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for limb in self.0.iter_mut().rev() {
                let t = (rem << 32) | u64::from(*limb);
                *limb = (t / 1_000_000_000) as u32;
                rem = t % 1_000_000_000;
            }
            for _ in 0..9 {
                out.push(b'0' + (rem % 10) as u8);
                rem /= 10;
            }
        }
        while out.len() > 1 && out.last() == Some(&b'0') {
            out.pop();
        }
        if out.is_empty() {
            out.push(b'0');
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finite and special values across the whole range, and values near rounding ties.
    fn samples() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            2.675,
            1.005,
            93.5,
            0.1,
            0.2,
            0.3,
            1e-7,
            1.5e-7,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            1e23,
            9007199254740993.0,
            123456.789,
            -1234567.891,
            330000.0,
            12345.0,
            2.16e10,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0001,
            0.05,
            0.15,
            0.25,
            0.35,
            99.995,
            99.9949999,
            1e-5,
            1e-4,
            123e-20,
        ];
        // Powers of two (a lopsided rounding interval) and their neighbours.
        for k in -80..80 {
            let p = 2f64.powi(k);
            v.extend([
                p,
                f64::from_bits(p.to_bits() + 1),
                f64::from_bits(p.to_bits() - 1),
            ]);
        }
        // A fixed pseudo-random walk over bit patterns and over "nice" decimals.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..5_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v.push(f64::from_bits(x));
            v.push((x % 2_000_000) as f64 / 1000.0 - 1000.0);
            v.push((i as f64) * 0.005);
        }
        v
    }

    #[test]
    fn fixed_is_std_formatting() {
        for v in samples() {
            for d in [0usize, 1, 2, 3, 4, 6, 9, 17, 20] {
                assert_eq!(
                    fixed(v, d),
                    format!("{:.*}", d, v),
                    "{v:e} with {d} decimals"
                );
            }
        }
    }

    #[test]
    fn shortest_is_std_display() {
        for v in samples() {
            assert_eq!(shortest(v), v.to_string(), "{v:e}");
        }
    }
}
