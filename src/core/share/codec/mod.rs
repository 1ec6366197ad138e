//! The byte layout of a share code (docs/share.md): writing, reading, the checksum seal.

use super::super::builtin;
use super::super::plan::Plan;
use super::{b64, crc32, Change, Decoded, Kept, ShareError, ShareState, ShareWarning, Tab, View};
use super::{FORMAT_VERSION, MAX_CODE_LEN};

/// Bytes of the checksum at the end of every code, of every format version.
const CHECKSUM_LEN: usize = 4;

/// Fewest bytes of a code: format, plan hash (3), plan version, view, change count, checksum.
const MIN_BYTES: usize = 1 + 3 + 1 + 1 + 1 + CHECKSUM_LEN;

/// Key meaning "the input's full id follows" (used when two inputs' hashes collide).
const EXPLICIT_KEY: u16 = 0xFFFF;

/// View flags (the byte after the plan version).
const VIEW_TAB_MASK: u8 = 0x0F;
const VIEW_HAS_TARGET: u8 = 0x10;
const VIEW_HAS_COUNTY: u8 = 0x20;
const VIEW_HAS_KEPT: u8 = 0x40;
const VIEW_RESERVED: u8 = 0x80;

/// The share code of `state` for `plan`. Changes to ids the plan does not have, and values
/// that are not finite, are left out; changes are written in plan order, one per input.
pub fn encode(plan: &Plan, state: &ShareState) -> String {
    b64::encode(&to_bytes(plan, state))
}

/// The bytes of the code of `state` (checksum included), before base64url.
pub fn to_bytes(plan: &Plan, state: &ShareState) -> Vec<u8> {
    let keys = Keys::inputs(plan);
    let mut out = vec![FORMAT_VERSION];
    out.extend_from_slice(&plan_hash(plan.id()));
    put_varint(&mut out, u64::from(plan.version()));

    let view = &state.view;
    let target = view
        .target
        .as_deref()
        .and_then(|t| plan.target_index(t).map(|i| (i, t)));
    let mut flags = view.tab.code() & VIEW_TAB_MASK;
    if target.is_some() {
        flags |= VIEW_HAS_TARGET;
    }
    if view.county.is_some() {
        flags |= VIEW_HAS_COUNTY;
    }
    if !state.kept.is_empty() {
        flags |= VIEW_HAS_KEPT;
    }
    out.push(flags);
    if let Some((i, id)) = target {
        put_key(&mut out, &Keys::targets(plan), i, id);
    }
    if let Some(c) = &view.county {
        put_str(&mut out, c);
    }
    put_changes(&mut out, plan, &keys, &state.changes);
    if !state.kept.is_empty() {
        put_varint(&mut out, state.kept.len() as u64);
        for k in &state.kept {
            put_str(&mut out, &k.name);
            put_changes(&mut out, plan, &keys, &k.changes);
        }
    }
    seal_into(out)
}

/// Appends the checksum to `payload` and encodes it as base64url: a code with any content.
/// Low level, for tests and tools that build unusual codes.
pub fn seal(payload: &[u8]) -> String {
    b64::encode(&seal_into(payload.to_vec()))
}

fn seal_into(mut bytes: Vec<u8>) -> Vec<u8> {
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    bytes
}

/// Reads a share code for `plan`. Values outside today's range are clamped, inputs the plan no
/// longer has are skipped; both are listed in the warnings.
pub fn decode(plan: &Plan, code: &str) -> Result<Decoded, ShareError> {
    Decoder::new(plan).decode(code)
}

/// [`decode`] for many codes of one plan: the plan's id keys are worked out once (the tally of
/// 100,000 codes spends most of its time here otherwise).
pub struct Decoder<'p> {
    plan: &'p Plan,
    inputs: Keys,
    targets: Keys,
}

impl<'p> Decoder<'p> {
    pub fn new(plan: &'p Plan) -> Decoder<'p> {
        Decoder {
            plan,
            inputs: Keys::inputs(plan),
            targets: Keys::targets(plan),
        }
    }

    /// As [`decode`].
    pub fn decode(&self, code: &str) -> Result<Decoded, ShareError> {
        decode_with(self.plan, &self.inputs, &self.targets, code)
    }
}

fn decode_with(
    plan: &Plan,
    keys: &Keys,
    target_keys: &Keys,
    code: &str,
) -> Result<Decoded, ShareError> {
    let body = unseal(code)?;
    let mut r = Reader { rest: &body };
    let mut warnings = Vec::new();
    read_header(&mut r, plan, &mut warnings)?;
    let (view, has_kept) = read_view(&mut r, plan, target_keys, &mut warnings)?;
    let changes = r.changes(plan, keys, None, &mut warnings)?;
    let mut kept = Vec::new();
    if has_kept {
        let n = r.varint()?;
        for _ in 0..n {
            let name = r.string()?;
            let changes = r.changes(plan, keys, Some(&name), &mut warnings)?;
            kept.push(Kept { name, changes });
        }
    }
    if !r.rest.is_empty() {
        return Err(ShareError::Malformed);
    }
    Ok(Decoded {
        state: ShareState {
            changes,
            view,
            kept,
        },
        warnings,
    })
}

/// The checked bytes of a code (its checksum verified and removed): every way a text can fail
/// to be a share code at all.
fn unseal(code: &str) -> Result<Vec<u8>, ShareError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    let len = code.chars().count();
    if len > MAX_CODE_LEN {
        return Err(ShareError::TooLong { len });
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ShareError::NotShareCode);
    }
    if len < (MIN_BYTES * 4).div_ceil(3) {
        return Err(ShareError::NotShareCode);
    }
    let mut bytes = b64::decode(code).ok_or(ShareError::Damaged)?;
    let split = bytes
        .len()
        .checked_sub(CHECKSUM_LEN)
        .ok_or(ShareError::NotShareCode)?;
    let sum = bytes.split_off(split);
    if sum != crc32(&bytes).to_be_bytes() {
        return Err(ShareError::Damaged);
    }
    Ok(bytes)
}

/// The format version, the plan the code was made for and its version.
fn read_header(
    r: &mut Reader,
    plan: &Plan,
    warnings: &mut Vec<ShareWarning>,
) -> Result<(), ShareError> {
    match r.byte()? {
        0 => return Err(ShareError::Malformed),
        FORMAT_VERSION => {}
        version => return Err(ShareError::FutureFormat { version }),
    }
    let hash = r.take(3)?;
    if hash != plan_hash(plan.id()) {
        let known = builtin::IDS
            .iter()
            .find(|id| plan_hash(id) == hash)
            .map(|id| id.to_string());
        return Err(ShareError::OtherPlan { plan: known });
    }
    let made_for = u32::try_from(r.varint()?).map_err(|_| ShareError::Malformed)?;
    if made_for != plan.version() {
        warnings.push(ShareWarning::OtherVersion {
            made_for,
            now: plan.version(),
        });
    }
    Ok(())
}

/// The view (tab, selected target, county) and whether kept scenarios follow the changes.
fn read_view(
    r: &mut Reader,
    plan: &Plan,
    target_keys: &Keys,
    warnings: &mut Vec<ShareWarning>,
) -> Result<(View, bool), ShareError> {
    let flags = r.byte()?;
    if flags & VIEW_RESERVED != 0 {
        return Err(ShareError::Malformed);
    }
    let tab = Tab::from_code(flags & VIEW_TAB_MASK).unwrap_or_else(|| {
        warnings.push(ShareWarning::UnknownTab);
        Tab::Targets
    });
    let mut view = View {
        tab,
        target: None,
        county: None,
    };
    if flags & VIEW_HAS_TARGET != 0 {
        let k = r.key(target_keys, |id| plan.target_index(id))?;
        view.target = k
            .index
            .and_then(|i| plan.targets().get(i))
            .map(|t| t.id.clone());
        if view.target.is_none() {
            warnings.push(ShareWarning::TargetGone);
        }
    }
    if flags & VIEW_HAS_COUNTY != 0 {
        view.county = Some(r.string()?);
    }
    Ok((view, flags & VIEW_HAS_KEPT != 0))
}

/// Hash keys of a list of ids (a plan's inputs or targets); ids whose key collides with
/// another's are written in full after [`EXPLICIT_KEY`].
struct Keys {
    /// (key, index), for ids with a unique key.
    unique: Vec<(u16, usize)>,
}

impl Keys {
    fn of<'a>(ids: impl Iterator<Item = &'a str>) -> Keys {
        let all: Vec<(u16, usize)> = ids.enumerate().map(|(i, id)| (key(id), i)).collect();
        let unique = all
            .iter()
            .filter(|(k, _)| all.iter().filter(|(k2, _)| k2 == k).count() == 1)
            .copied()
            .collect();
        Keys { unique }
    }

    fn inputs(plan: &Plan) -> Keys {
        Keys::of(plan.inputs().iter().map(|i| i.id.as_str()))
    }

    fn targets(plan: &Plan) -> Keys {
        Keys::of(plan.targets().iter().map(|t| t.id.as_str()))
    }

    fn key_of(&self, index: usize) -> Option<u16> {
        self.unique
            .iter()
            .find(|(_, i)| *i == index)
            .map(|(k, _)| *k)
    }

    fn index_of(&self, key: u16) -> Option<usize> {
        self.unique.iter().find(|(k, _)| *k == key).map(|(_, i)| *i)
    }
}

/// Writes the key of id number `index` (or the explicit key and the id itself).
fn put_key(out: &mut Vec<u8>, keys: &Keys, index: usize, id: &str) {
    match keys.key_of(index) {
        Some(k) => out.extend_from_slice(&k.to_be_bytes()),
        None => {
            out.extend_from_slice(&EXPLICIT_KEY.to_be_bytes());
            put_str(out, id);
        }
    }
}

/// 16-bit key of an input or target id (0xFFFF is reserved for "explicit id").
pub fn key(id: &str) -> u16 {
    (crc32(id.as_bytes()) % u32::from(EXPLICIT_KEY)) as u16
}

fn plan_hash(id: &str) -> [u8; 3] {
    let [a, b, c, _] = crc32(id.as_bytes()).to_be_bytes();
    [a, b, c]
}

fn put_changes(out: &mut Vec<u8>, plan: &Plan, keys: &Keys, changes: &[Change]) {
    // Plan order, last write of an id wins, non-finite values dropped.
    let mut slots: Vec<Option<f64>> = vec![None; plan.inputs().len()];
    for c in changes.iter().filter(|c| c.value.is_finite()) {
        if let Some(s) = plan.input_index(&c.id).and_then(|i| slots.get_mut(i)) {
            *s = Some(c.value);
        }
    }
    let n = slots.iter().filter(|s| s.is_some()).count();
    put_varint(out, n as u64);
    for (i, v) in slots.iter().enumerate() {
        let Some(v) = v else { continue };
        let id = plan.inputs().get(i).map_or("", |input| input.id.as_str());
        put_key(out, keys, i, id);
        put_value(out, *v);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Tag of a raw little-endian `f64` (the decimal form has an even tag).
const RAW_TAG: u64 = 1;

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Largest mantissa of the decimal form: every integer up to it is exact in an `f64`.
const MAX_MANTISSA: u64 = 1 << 53;

/// `m × 10^e` computed as one correctly rounded IEEE operation (`m` and `10^|e|` are both exact,
/// so the result is the same on every platform); `None` outside the exact range.
fn from_decimal(m: u64, e: i64) -> Option<f64> {
    if m > MAX_MANTISSA {
        return None;
    }
    let p = *POW10.get(usize::try_from(e.unsigned_abs()).ok()?)?;
    Some(if e >= 0 { m as f64 * p } else { m as f64 / p })
}

/// `|v| = m × 10^e`, the shortest such form that reads back as exactly `v` through
/// [`from_decimal`]; `None` when there is none (then the raw `f64` is written).
fn decimal(v: f64) -> Option<(u64, i64)> {
    let a = v.abs();
    if !a.is_finite() {
        return None;
    }
    (-22..=22)
        .rev()
        .filter_map(|e: i64| {
            let p = *POW10.get(usize::try_from(e.unsigned_abs()).ok()?)?;
            let m = if e >= 0 { a / p } else { a * p }.round();
            if !(0.0..=MAX_MANTISSA as f64).contains(&m) {
                return None;
            }
            let m = m as u64;
            from_decimal(m, e)
                .filter(|back| back.to_bits() == a.to_bits())
                .map(|_| (m, e))
        })
        .min_by_key(|&(m, e)| varint_len(zigzag(e) << 2) + varint_len(m))
}

fn varint_len(v: u64) -> usize {
    (64 - v.leading_zeros() as usize).div_ceil(7).max(1)
}

/// A finite value, exactly: `tag = zigzag(e) << 2 | negative << 1`, then the mantissa `m`
/// (value `±m × 10^e`, see [`from_decimal`]); or [`RAW_TAG`] and the 8 bytes of the `f64` when
/// that is shorter or there is no exact decimal form.
fn put_value(out: &mut Vec<u8>, v: f64) {
    let mut dec = Vec::with_capacity(12);
    if let Some((mantissa, exp)) = decimal(v) {
        let neg = u64::from(v.is_sign_negative());
        put_varint(&mut dec, (zigzag(exp) << 2) | (neg << 1));
        put_varint(&mut dec, mantissa);
    }
    if !dec.is_empty() && dec.len() <= 9 {
        out.extend_from_slice(&dec);
    } else {
        put_varint(out, RAW_TAG);
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// A key read from a code.
struct KeyRef {
    key: u16,
    /// Index of the id in the plan, when it still has it.
    index: Option<usize>,
    /// The id, when the code spells it out.
    id: Option<String>,
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let (&b, rest) = self.rest.split_first().ok_or(ShareError::Malformed)?;
        self.rest = rest;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ShareError> {
        if n > self.rest.len() {
            return Err(ShareError::Malformed);
        }
        let (a, b) = self.rest.split_at(n);
        self.rest = b;
        Ok(a)
    }

    fn u16(&mut self) -> Result<u16, ShareError> {
        let b = self.take(2)?;
        match b {
            [x, y] => Ok(u16::from_be_bytes([*x, *y])),
            _ => Err(ShareError::Malformed),
        }
    }

    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7F);
            if shift == 63 && part > 1 {
                return Err(ShareError::Malformed);
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShareError::Malformed)
    }

    fn string(&mut self) -> Result<String, ShareError> {
        let n = usize::try_from(self.varint()?).map_err(|_| ShareError::Malformed)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| ShareError::Malformed)
    }

    /// A key, resolved through `keys`, or an explicit id resolved by `find`.
    fn key(
        &mut self,
        keys: &Keys,
        find: impl Fn(&str) -> Option<usize>,
    ) -> Result<KeyRef, ShareError> {
        let key = self.u16()?;
        if key == EXPLICIT_KEY {
            let id = self.string()?;
            Ok(KeyRef {
                key,
                index: find(&id),
                id: Some(id),
            })
        } else {
            Ok(KeyRef {
                key,
                index: keys.index_of(key),
                id: None,
            })
        }
    }

    fn value(&mut self) -> Result<f64, ShareError> {
        let tag = self.varint()?;
        let v = if tag == RAW_TAG {
            let b = self.take(8)?;
            let arr: [u8; 8] = b.try_into().map_err(|_| ShareError::Malformed)?;
            f64::from_le_bytes(arr)
        } else if tag & 1 == 0 {
            let exp = unzigzag(tag >> 2);
            let neg = tag & 2 != 0;
            let m = self.varint()?;
            let v = from_decimal(m, exp).ok_or(ShareError::Malformed)?;
            if neg {
                -v
            } else {
                v
            }
        } else {
            return Err(ShareError::Malformed);
        };
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ShareError::Malformed)
        }
    }

    /// A list of changes; values clamped into today's range, unknown inputs skipped.
    fn changes(
        &mut self,
        plan: &Plan,
        keys: &Keys,
        scenario: Option<&str>,
        warnings: &mut Vec<ShareWarning>,
    ) -> Result<Vec<Change>, ShareError> {
        let n = self.varint()?;
        let mut slots: Vec<Option<f64>> = vec![None; plan.inputs().len()];
        for _ in 0..n {
            let k = self.key(keys, |id| plan.input_index(id))?;
            let value = self.value()?;
            let Some((i, input)) = k.index.and_then(|i| plan.inputs().get(i).map(|x| (i, x)))
            else {
                warnings.push(ShareWarning::NotApplied {
                    scenario: scenario.map(str::to_string),
                    input: k.id,
                    key: k.key,
                    value,
                });
                continue;
            };
            let clamped = crate::core::plan::clamp(value, input.min, input.max);
            if clamped.to_bits() != value.to_bits() {
                warnings.push(ShareWarning::Clamped {
                    scenario: scenario.map(str::to_string),
                    input: input.id.clone(),
                    label: input.label.clone(),
                    from: value,
                    to: clamped,
                });
            }
            if let Some(s) = slots.get_mut(i) {
                *s = Some(clamped);
            }
        }
        Ok(plan
            .inputs()
            .iter()
            .zip(slots)
            .filter_map(|(input, s)| {
                s.filter(|v| v.to_bits() != input.default.to_bits())
                    .map(|value| Change {
                        id: input.id.clone(),
                        value,
                    })
            })
            .collect())
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))] // proptest and the dev-only crates are native only
mod tests;
