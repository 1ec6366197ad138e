//! Share codes in URL fragments (`#pw=CODE`), beside the host page's own parts. The one home
//! of the fragment key: the element's `sync-url` hook and its Share dialog
//! (`crate::web::fragment`) and the command line's `--link` all come here.

use super::FRAGMENT_KEY;

/// The fragment key of a `<plan-widget>` element: `pw`, or `pw-<id>` for an element with an
/// `id` (so several widgets on one page do not collide).
pub fn fragment_key(element_id: &str) -> String {
    if element_id.is_empty() {
        FRAGMENT_KEY.to_string()
    } else {
        format!("{FRAGMENT_KEY}-{element_id}")
    }
}

/// The share code under `key` in a URL fragment (`top&pw=CODE`, with or without its `#`):
/// `None` when the key is not there. `pw` does not match `pw-b=…` or `pwx=…`.
pub fn code_at_key<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    frag.split('&')
        .find_map(|part| part.strip_prefix(key).and_then(|p| p.strip_prefix('=')))
}

/// The share code in a URL or URL fragment (`…#pw=CODE&…`), or the text itself when it
/// already is a bare code.
pub fn code_from_fragment(s: &str) -> &str {
    let s = s.trim();
    let frag = s.split_once('#').map_or(s, |(_, f)| f);
    code_at_key(frag, FRAGMENT_KEY).unwrap_or(s)
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn keys_by_element_id() {
        assert_eq!(fragment_key(""), "pw");
        assert_eq!(fragment_key("b"), "pw-b");
        let frag = "#top&pw=A&pw-b=B&pwx=X";
        assert_eq!(code_at_key(frag, &fragment_key("")), Some("A"));
        assert_eq!(code_at_key(frag, &fragment_key("b")), Some("B"));
        assert_eq!(code_at_key(frag, &fragment_key("c")), None);
        assert_eq!(code_at_key("pw-b=B", "pw"), None);
        assert_eq!(code_at_key("top&pw=", "pw"), Some(""));
        // What is written under a key is what is read back under it, the others untouched.
        let written = fragment_with_key(frag, &fragment_key("c"), "C");
        assert_eq!(code_at_key(&written, "pw-c"), Some("C"));
        assert_eq!(code_at_key(&written, "pw"), Some("A"));
    }
}
