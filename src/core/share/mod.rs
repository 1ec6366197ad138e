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
//!
//! Layout: [`state`] (what a code carries), [`error`] (why a code fails, what it could not
//! apply), [`codec`] (the byte layout), [`fragment`] (codes in URL fragments), [`b64`] and
//! [`crc32`] (the two encodings the layout uses).

mod codec;
mod crc32;
mod error;
mod fragment;
mod state;

pub mod b64;

pub use codec::{decode, encode, key, seal, to_bytes, Decoder};
pub use crc32::crc32;
pub use error::{Decoded, ShareError, ShareWarning};
pub use fragment::{
    code_at_key, code_from_fragment, fragment_key, fragment_with_code, fragment_with_key,
};
pub use state::{apply_changes, changes_from_values, Change, Kept, ShareState, Tab, View};

/// The code format this build writes. It reads this version and refuses newer ones.
pub const FORMAT_VERSION: u8 = 1;

/// The URL fragment key of a share code: `#pw=CODE`.
pub const FRAGMENT_KEY: &str = "pw";

/// Longest code the decoder looks at (characters).
pub const MAX_CODE_LEN: usize = 8192;
