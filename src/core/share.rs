//! Share codes: a scenario, its view and its kept comparison scenarios as one short,
//! URL-safe token that reopens exactly the same thing.
//!
//! A code is relative to the plan as written: it names the plan (a hash of its id) and its
//! version, and carries only the inputs that differ from the plan's defaults, each identified by
//! a short hash of its id so that a code made for one version of a plan applies what still
//! exists on the next. Values are exact (shortest decimal, or the raw `f64` when shorter).
//! The byte layout and the versioning rule are in docs/share.md.
//!
//! The core API for the widget: [`ShareState::from_values`] → [`encode`]; [`decode`] →
//! [`Decoded::values`] (and [`ShareWarning::message`] for what could not be applied);
//! [`code_from_fragment`] to find a code in a URL fragment.

use super::builtin;
use super::export::exact;
use super::i18n::Lang;
use super::plan::{Plan, Text};

/// The code format this build writes. It reads this version and refuses newer ones.
pub const FORMAT_VERSION: u8 = 1;

/// The URL fragment key of a share code: `#pw=CODE`.
pub const FRAGMENT_KEY: &str = "pw";

/// Longest code the decoder looks at (characters).
pub const MAX_CODE_LEN: usize = 8192;

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

/// Which tab of the widget is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Tab {
    #[default]
    Targets,
    Compare,
    Progress,
    Seek,
    Risk,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Targets,
        Tab::Compare,
        Tab::Progress,
        Tab::Seek,
        Tab::Risk,
    ];

    fn code(self) -> u8 {
        match self {
            Tab::Targets => 0,
            Tab::Compare => 1,
            Tab::Progress => 2,
            Tab::Seek => 3,
            Tab::Risk => 4,
        }
    }

    fn from_code(c: u8) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.code() == c)
    }
}

/// What the widget shows: the tab, and optionally a selected target and county.
/// New fields are added with a new flag bit (see docs/share.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct View {
    pub tab: Tab,
    /// Id of the selected target.
    pub target: Option<String>,
    /// Id of the selected county.
    pub county: Option<String>,
}

/// One input set away from the plan as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The input's id (policy lever or assumption).
    pub id: String,
    pub value: f64,
}

/// A named comparison scenario the user kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub name: String,
    pub changes: Vec<Change>,
}

impl Kept {
    /// One value per input: the plan as written with this scenario's changes applied.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        apply_changes(plan, &self.changes)
    }
}

/// Everything a share code carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShareState {
    /// Inputs that differ from the plan as written, in plan order.
    pub changes: Vec<Change>,
    pub view: View,
    pub kept: Vec<Kept>,
}

impl ShareState {
    /// The state of a scenario given one value per input (as [`Plan::inputs`]).
    pub fn from_values(plan: &Plan, values: &[f64], view: View) -> ShareState {
        ShareState {
            changes: changes_from_values(plan, values),
            view,
            kept: Vec::new(),
        }
    }

    /// One value per input: the plan as written with the changes applied.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        apply_changes(plan, &self.changes)
    }

    /// Adds a kept comparison scenario (given one value per input).
    pub fn keep(&mut self, plan: &Plan, name: impl Into<String>, values: &[f64]) {
        self.kept.push(Kept {
            name: name.into(),
            changes: changes_from_values(plan, values),
        });
    }
}

/// The inputs whose value differs (bit for bit) from the plan's default, in plan order.
pub fn changes_from_values(plan: &Plan, values: &[f64]) -> Vec<Change> {
    plan.inputs()
        .iter()
        .zip(values)
        .filter(|(input, v)| v.to_bits() != input.default.to_bits())
        .map(|(input, v)| Change {
            id: input.id.clone(),
            value: *v,
        })
        .collect()
}

/// The plan's defaults with `changes` applied (unknown ids are ignored).
pub fn apply_changes(plan: &Plan, changes: &[Change]) -> Vec<f64> {
    let mut values = plan.defaults();
    for c in changes {
        if let Some(slot) = plan.input_index(&c.id).and_then(|i| values.get_mut(i)) {
            *slot = c.value;
        }
    }
    values
}

/// Why a code could not be read at all. The widget then shows the plan as written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShareError {
    #[error("empty share code")]
    Empty,
    #[error("share code too long ({len} characters)")]
    TooLong { len: usize },
    #[error("not a share code")]
    NotShareCode,
    #[error("share code damaged (checksum)")]
    Damaged,
    #[error("share code damaged (contents)")]
    Malformed,
    #[error("share code format {version} is newer than this widget reads")]
    FutureFormat { version: u8 },
    #[error("share code made for another plan {plan:?}")]
    OtherPlan {
        /// The other plan's id, when it is one this build knows.
        plan: Option<String>,
    },
}

impl ShareError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::Empty, Lang::ZhCn) => "分享码是空的。".into(),
            (ShareError::Empty, Lang::En) => "The share code is empty.".into(),
            (ShareError::TooLong { len }, Lang::ZhCn) => {
                format!("这不是分享码:长达 {len} 个字符,分享码最多 {MAX_CODE_LEN} 个字符。")
            }
            (ShareError::TooLong { len }, Lang::En) => format!(
                "This is not a share code: it is {len} characters long; share codes have at most {MAX_CODE_LEN}."
            ),
            (ShareError::NotShareCode, Lang::ZhCn) => {
                "这不是本组件的分享码。请复制完整的分享链接后再试。".into()
            }
            (ShareError::NotShareCode, Lang::En) => {
                "This is not a share code of this widget. Copy the whole share link and try again."
                    .into()
            }
            (ShareError::Damaged, Lang::ZhCn) => {
                "分享码已损坏(校验不符),可能复制时缺了或改了字符。请重新复制完整链接。".into()
            }
            (ShareError::Damaged, Lang::En) => {
                "The share code is damaged (its checksum does not match): characters were probably lost or changed when it was copied. Copy the whole link again."
                    .into()
            }
            (ShareError::Malformed, Lang::ZhCn) => {
                "分享码已损坏:校验相符,但内容无法读取。".into()
            }
            (ShareError::Malformed, Lang::En) => {
                "The share code is damaged: its checksum matches but its contents cannot be read."
                    .into()
            }
            (ShareError::FutureFormat { version }, Lang::ZhCn) => format!(
                "这个分享码由更新版本的组件生成(格式 {version}),本页的组件只能读取格式 {FORMAT_VERSION}。请更新本页的组件。"
            ),
            (ShareError::FutureFormat { version }, Lang::En) => format!(
                "This share code was made by a newer widget (format {version}); this page's widget reads format {FORMAT_VERSION}. Update the widget on this page."
            ),
            (ShareError::OtherPlan { plan: Some(p) }, Lang::ZhCn) => {
                format!("这个分享码属于另一份规划({p}),不是本页的规划。")
            }
            (ShareError::OtherPlan { plan: Some(p) }, Lang::En) => {
                format!("This share code belongs to another plan ({p}), not the plan on this page.")
            }
            (ShareError::OtherPlan { plan: None }, Lang::ZhCn) => {
                "这个分享码属于另一份规划,不是本页的规划。".into()
            }
            (ShareError::OtherPlan { plan: None }, Lang::En) => {
                "This share code belongs to another plan, not the plan on this page.".into()
            }
        }
    }
}

/// What could not be applied exactly; the rest of the code was applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareWarning {
    /// The code was made for another version of this plan.
    OtherVersion { made_for: u32, now: u32 },
    /// A value outside today's range was clamped into it.
    Clamped {
        /// The kept scenario it belongs to; `None` for the current scenario.
        scenario: Option<String>,
        input: String,
        label: Text,
        from: f64,
        to: f64,
    },
    /// Values for inputs this version of the plan no longer has.
    NotApplied {
        scenario: Option<String>,
        /// The input's id when the code carries it, else its hash key.
        input: Option<String>,
        key: u16,
        value: f64,
    },
    /// The selected target no longer exists; the view shows no selection.
    TargetGone,
    /// The code names a tab this build does not have; the first tab is shown.
    UnknownTab,
}

impl ShareWarning {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let within = |s: &Option<String>| match (s, zh) {
            (Some(n), true) => format!("(比较方案「{n}」)"),
            (Some(n), false) => format!(" (kept scenario \"{n}\")"),
            (None, _) => String::new(),
        };
        match self {
            ShareWarning::OtherVersion { made_for, now } if zh => format!(
                "这个分享码是按本规划第 {made_for} 版生成的,本页是第 {now} 版:仍然存在的设置已应用。"
            ),
            ShareWarning::OtherVersion { made_for, now } => format!(
                "This share code was made for version {made_for} of this plan; this page has version {now}. The settings that still exist were applied."
            ),
            ShareWarning::Clamped {
                scenario,
                input,
                label,
                from,
                to,
            } => {
                let (label, within, from, to) =
                    (label.get(lang), within(scenario), exact(*from), exact(*to));
                if zh {
                    format!("「{label}」({input}){within} 的值 {from} 超出现在的范围,已改为 {to}。")
                } else {
                    format!("\"{label}\" ({input}){within}: the value {from} is outside today's range and was changed to {to}.")
                }
            }
            ShareWarning::NotApplied {
                scenario,
                input,
                key,
                value,
            } => {
                let name = match input {
                    Some(id) => id.clone(),
                    None => format!("#{key:04x}"),
                };
                if zh {
                    format!(
                        "未能应用:输入项 {name}{} = {} 在本版规划中已不存在。",
                        within(scenario),
                        exact(*value)
                    )
                } else {
                    format!(
                        "Not applied: input {name}{} = {} no longer exists in this version of the plan.",
                        within(scenario),
                        exact(*value)
                    )
                }
            }
            ShareWarning::TargetGone if zh => "分享码选中的目标在本版规划中已不存在。".into(),
            ShareWarning::TargetGone => {
                "The target selected in the share code no longer exists in this version of the plan."
                    .into()
            }
            ShareWarning::UnknownTab if zh => "分享码要打开的页签本组件没有,已显示第一个页签。".into(),
            ShareWarning::UnknownTab => {
                "The share code opens a tab this widget does not have; the first tab is shown."
                    .into()
            }
        }
    }
}

/// A successfully read code: the state to apply and what could not be applied exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub state: ShareState,
    pub warnings: Vec<ShareWarning>,
}

impl Decoded {
    /// One value per input of the plan the code was decoded against.
    pub fn values(&self, plan: &Plan) -> Vec<f64> {
        self.state.values(plan)
    }
}

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
/// 100,000 codes spends its time here otherwise).
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
    let bytes = b64::decode(code).ok_or(ShareError::Damaged)?;
    let split = bytes
        .len()
        .checked_sub(CHECKSUM_LEN)
        .ok_or(ShareError::NotShareCode)?;
    let (body, sum) = bytes.split_at(split);
    if sum != crc32(body).to_be_bytes() {
        return Err(ShareError::Damaged);
    }
    let mut r = Reader { rest: body };
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
    let mut warnings = Vec::new();
    if made_for != plan.version() {
        warnings.push(ShareWarning::OtherVersion {
            made_for,
            now: plan.version(),
        });
    }

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
    let changes = r.changes(plan, keys, None, &mut warnings)?;
    let mut kept = Vec::new();
    if flags & VIEW_HAS_KEPT != 0 {
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

/// The share code in a URL or URL fragment (`…#pw=CODE&…`), or the text itself when it
/// already is a bare code.
pub fn code_from_fragment(s: &str) -> &str {
    let s = s.trim();
    let frag = s.split_once('#').map_or(s, |(_, f)| f);
    let key = FRAGMENT_KEY;
    for part in frag.split('&') {
        if let Some(v) = part.strip_prefix(key).and_then(|p| p.strip_prefix('=')) {
            return v;
        }
    }
    s
}

/// `fragment` with our key set to `code` (added, or replaced), the host's other parts kept.
pub fn fragment_with_code(fragment: &str, code: &str) -> String {
    fragment_with_key(fragment, FRAGMENT_KEY, code)
}

/// `fragment` with `key` set to `code`, the other parts kept as they are. The element uses
/// `pw-<id>` as the key of an element with an id (several widgets on one page).
pub fn fragment_with_key(fragment: &str, key: &str, code: &str) -> String {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut parts: Vec<String> = frag
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| p.split_once('=').map_or(*p, |(k, _)| k) != key)
        .map(str::to_string)
        .collect();
    if !code.is_empty() {
        parts.push(format!("{key}={code}"));
    }
    parts.join("&")
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
            let clamped = value.clamp(input.min, input.max);
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

/// base64url without padding (RFC 4648 §5), strict: the decoder refuses other characters,
/// a length of 4n + 1 and non-zero unused bits, so every code has exactly one spelling.
/// Hand-written because the `base64` crate costs 4.5 KB gzip in the wasm build; the tests
/// check it against that crate.
pub mod b64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                let six = (n >> (18 - 6 * i)) & 0x3F;
                if let Some(&c) = ALPHABET.get(six as usize) {
                    out.push(char::from(c));
                }
            }
        }
        out
    }

    fn value(c: u8) -> Option<u32> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        Some(u32::from(v))
    }

    /// The bytes of `s`, or `None` when it is not canonical base64url without padding.
    pub fn decode(s: &str) -> Option<Vec<u8>> {
        if s.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(s.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in s.bytes() {
            acc = (acc << 6) | value(c)?;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        (acc == 0).then_some(out)
    }
}

/// CRC-32 (IEEE 802.3, as in zip and PNG), bitwise: no table, so no bytes in the wasm build.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))] // proptest and the dev-only crates are native only
mod tests {
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
        let text = include_str!("../../tests/plans/small.json")
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

    #[test]
    fn fragments() {
        assert_eq!(
            code_from_fragment("https://x.cn/a.html#pw=AbC_-1"),
            "AbC_-1"
        );
        assert_eq!(code_from_fragment("#top&pw=AbC&x=1"), "AbC");
        assert_eq!(code_from_fragment("pw=AbC"), "AbC");
        assert_eq!(code_from_fragment(" AbC "), "AbC");
        assert_eq!(fragment_with_code("#top&pw=old", "new"), "top&pw=new");
        assert_eq!(fragment_with_code("", "new"), "pw=new");
        assert_eq!(fragment_with_code("#top&pw=old", ""), "top");
        assert_eq!(fragment_with_code("#pwx=1", "c"), "pwx=1&pw=c");
        // Another element's key is left alone; the host's parts are kept verbatim.
        assert_eq!(
            fragment_with_key("#top&pw=a&pw-b=old", "pw-b", "new"),
            "top&pw=a&pw-b=new"
        );
        assert_eq!(fragment_with_key("#sec-2", "pw-b", "c"), "sec-2&pw-b=c");
    }
}
