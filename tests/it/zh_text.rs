//! Chinese is written with full-width punctuation: `，：；（）？！` beside Chinese characters,
//! never the ASCII `,:;()?!`. Every user-visible Chinese string sits in a string literal of
//! `src/` (the message tables) or of the demo pages' scripts (`www/*.js`), so this scans those
//! literals (outside `#[cfg(test)]` modules, whose strings may be CSV or JSON data).

use std::path::{Path, PathBuf};

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
}

/// The string literals of one source text (`"…"`, and in JavaScript `'…'` and `` `…` ``; escapes
/// kept), with their line numbers.
fn literals(src: &str, js: bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            // A char literal or a lifetime: skip `'"'` so it does not open a string.
            '\'' if !js && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '"' | '`' | '\'' if c == '"' || js => {
                let close = c;
                let start = line;
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            s.push(c);
                            if let Some(n) = chars.next() {
                                s.push(n);
                            }
                        }
                        c if c == close => break,
                        '\n' => {
                            line += 1;
                            s.push(c);
                        }
                        c => s.push(c),
                    }
                }
                out.push((start, s));
            }
            _ => {}
        }
    }
    out
}

/// Whether `s` is Chinese text: its first letter (outside `{…}` placeholders) is Chinese, or it
/// has at least as many Chinese characters as Latin letters. English text may gloss a Chinese
/// term in ASCII brackets: "Called in (约谈)".
fn is_chinese(s: &str) -> bool {
    let mut depth = 0;
    let mut letters = s.chars().filter(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && (c.is_ascii_alphabetic() || is_han(*c))
    });
    let first_han = letters.next().is_some_and(is_han);
    let han = s.chars().filter(|c| is_han(*c)).count();
    let latin = s.chars().filter(char::is_ascii_alphabetic).count();
    first_han || han >= latin
}

/// The ASCII punctuation marks beside a Chinese character in Chinese text `s`.
fn half_width_beside_han(s: &str) -> Vec<String> {
    if !is_chinese(s) {
        return Vec::new();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !",:;()?!".contains(c) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let beside = |o: Option<char>| o.is_some_and(is_han);
        // `目标!J12` is a sheet and cell, not an exclamation.
        let cell = c == '!' && next.is_some_and(|n| n.is_ascii_uppercase());
        if !cell && (beside(prev) || beside(next)) {
            let from = i.saturating_sub(8);
            let to = (i + 9).min(chars.len());
            found.push(chars.get(from..to).unwrap().iter().collect());
        }
    }
    found
}

fn sources(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn chinese_strings_use_full_width_punctuation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), "rs", &mut files);
    sources(&root.join("www"), "js", &mut files);
    sources(&root.join("js"), "js", &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let js = file.extension().is_some_and(|e| e == "js");
        for (line, lit) in literals(code, js) {
            for bad in half_width_beside_han(&lit) {
                let rel = file.strip_prefix(root).unwrap().display();
                problems.push(format!("{rel}:{line}: …{bad}…"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "ASCII punctuation beside Chinese text (use ，：；（）？！):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    assert_eq!(
        half_width_beside_han("第 5 行,county 列"),
        ["第 5 行,county 列"]
    );
    assert!(half_width_beside_han("第 5 行，county 列：未知").is_empty());
    assert!(half_width_beside_han("目标!J12 (goal.value)").is_empty());
    assert!(half_width_beside_han("between [0, 5] (min)").is_empty());
    assert!(half_width_beside_han("Called in (约谈)").is_empty());
    assert_eq!(
        half_width_beside_han("{x}(用 plan-widget eval 查看)").len(),
        2
    );
    assert_eq!(half_width_beside_han("县(市、区)").len(), 2);
    let rust = literals(
        "let a = \"一\"; // \"二\"\nlet b = '\"'; let c = \"三,四\";",
        false,
    );
    assert_eq!(rust, [(1, "一".to_string()), (2, "三,四".to_string())]);
    let js = literals("const a = '一'; // '二'\nconst c = `三,${x}四`;", true);
    assert_eq!(js, [(1, "一".to_string()), (2, "三,${x}四".to_string())]);
}
