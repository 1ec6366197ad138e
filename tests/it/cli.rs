//! The command line as DESIGN.md documents it.

use crate::support::run_cli;
use serde_json::Value;

const DOC: &str = "plans/handan-edu-2022.txt";

#[test]
fn check_passes_on_the_built_in_plan_with_its_document() {
    let (code, out, err) = run_cli(&[
        "check",
        "plans/handan-edu-2022.json",
        "--document",
        DOC,
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: handan-edu-2022 version 2"), "{out}");
    assert!(out.contains("63 targets"), "{out}");
    assert!(out.contains("every source quote found"), "{out}");
}

#[test]
fn check_names_each_quote_missing_from_the_document() {
    let (code, _, err) = run_cli(&[
        "check",
        "tests/plans/small.json",
        "--document",
        "Cargo.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("targets[0].source: the quote “毛入园率达到90%” is not in the plan's text"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("4 error(s)"), "{err}");
    let (code, _, err) = run_cli(&[
        "check",
        "tests/plans/small.json",
        "--document",
        "tests/plans/small.txt",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn eval_json_has_the_documented_shape() {
    let (code, out, err) = run_cli(&["eval", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["plan"], "handan-edu-2022");
    assert!(v["scenario"].is_string());
    let levers = v["levers"].as_array().unwrap();
    assert_eq!(levers.len(), 99);
    for l in levers {
        for key in ["id", "kind", "label", "value", "min", "max", "step", "unit"] {
            assert!(l.get(key).is_some(), "lever lacks {key}: {l}");
        }
        assert!(l["kind"] == "policy" || l["kind"] == "assumption");
    }
    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 63);
    let doc = std::fs::read_to_string(crate::support::root().join(DOC)).unwrap();
    for t in targets {
        for key in [
            "id", "label", "section", "unit", "value", "goal", "status", "source",
        ] {
            assert!(t.get(key).is_some(), "target lacks {key}: {t}");
        }
        let op = t["goal"]["op"].as_str().unwrap();
        match op {
            ">=" | "<=" | "=" => assert!(t["goal"]["value"].is_number()),
            "between" => assert!(t["goal"]["min"].is_number() && t["goal"]["max"].is_number()),
            other => panic!("op {other}"),
        }
        let status = t["status"].as_str().unwrap();
        assert!(["met", "not_met", "at_risk", "no_data"].contains(&status));
        assert!(doc.contains(t["source"].as_str().unwrap()));
    }
    // Labels follow --lang.
    assert_eq!(targets[0]["label"], "学前三年毛入学率");
    let (_, out_en, _) = run_cli(&["eval", "--format", "json", "--lang", "en"]);
    let v_en: Value = serde_json::from_str(&out_en).unwrap();
    assert_eq!(
        v_en["targets"][0]["label"],
        "Preschool three-year gross enrolment rate"
    );
}

#[test]
fn set_moves_a_lever_and_flips_statuses() {
    let (code, out, err) = run_cli(&[
        "eval",
        "--format",
        "json",
        "--set",
        "new_kindergartens=20",
        "--set",
        "funding=200",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let status = |id: &str| {
        v["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("preschool_ger"), "not_met");
    assert_eq!(status("schools_built_total"), "not_met");
    assert_eq!(status("funding"), "not_met");
    // Funding of 200 leaves a gap: construction slips by the plan's rule, primaries too.
    assert_eq!(status("new_primary"), "not_met");
}

#[test]
fn bad_set_values_get_a_message_and_a_nonzero_exit() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--set", "new_kindergarten=60"],
            "no lever or assumption 'new_kindergarten' (did you mean 'new_kindergartens'?)",
        ),
        (
            &["--set", "new_kindergartens=1000"],
            "value 1000 for 'new_kindergartens' is out of range: it must be between 0 and",
        ),
        (
            &["--set", "new_kindergartens=many"],
            "value 'many' for 'new_kindergartens' is not a number",
        ),
        (
            &["--set", "new_kindergartens"],
            "--set 'new_kindergartens' must be ID=VALUE",
        ),
        (
            &["--set", "funding=NaN"],
            "value 'NaN' for 'funding' is not a number",
        ),
        (&["--lang", "fr"], "unknown language 'fr'"),
        (
            &["--plan", "tests/does-not-exist.json"],
            "cannot read tests/does-not-exist.json",
        ),
        (
            &["--plan", "tests/broken/cycle.json"],
            "formulas form a cycle",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["eval"];
        all.extend_from_slice(args);
        if !args.contains(&"--lang") {
            all.extend_from_slice(&["--lang", "en"]);
        }
        let (code, out, err) = run_cli(&all);
        assert_ne!(code, 0, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let (code, _, err) = run_cli(&["eval", "--set", "new_kindergarten=60"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "没有编号为 'new_kindergarten' 的杠杆或假设（是否应为 'new_kindergartens'？）"
        ),
        "{err}"
    );
}

#[test]
fn eval_table_lists_every_target_and_marks_changed_levers() {
    // `--set` takes the canonical unit (亿元, as in the JSON); the English table shows the
    // plan's display unit for English readers (billion yuan, × 0.1).
    let (code, out, _) = run_cli(&["eval", "--set", "funding=200", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("funding                      policy               20 billion yuan *"),
        "{out}"
    );
    assert!(
        out.contains("  funding                                      20 >= 21.6      not_met  Education funding for the year (billion yuan)\n"),
        "{out}"
    );
    assert!(
        out.contains("cost_kg                      assumption           12 million yuan\n"),
        "{out}"
    );
    assert!(
        out.contains("teacher_avg_pay              policy               90 thousand yuan/yr\n"),
        "{out}"
    );
    assert!(
        out.contains("met 39 · at risk 6 · not met 18 · no data 0"),
        "{out}"
    );
    // The Chinese table is in the canonical unit, as the plan writes it.
    let (_, out, _) = run_cli(&["eval", "--set", "funding=200"]);
    assert!(
        out.contains("funding                      policy              200 亿元 *"),
        "{out}"
    );
}

#[test]
fn eval_json_and_csv_keep_the_canonical_unit_in_english() {
    // Data outputs carry the canonical value, so their unit is the canonical unit's text,
    // not the English display unit.
    let (code, out, _) = run_cli(&["eval", "--format", "json", "--lang", "en"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let find = |list: &str| {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["id"] == "funding")
            .unwrap()
            .clone()
    };
    let funding = find("levers");
    assert_eq!(funding["value"], 216.0);
    assert_eq!(funding["step"], 1.0);
    assert_eq!(funding["unit"], "100M yuan");
    let target = find("targets");
    assert_eq!(target["goal"]["value"], 216.0);
    assert_eq!(target["unit"], "100M yuan");
    // The display unit rides along as a hint for human displays (the no-WebAssembly table).
    assert_eq!(target["display"]["unit"], "billion yuan");
    assert_eq!(target["display"]["scale"], 0.1);
    assert_eq!(funding["display"]["unit"], "billion yuan");
    let (code, csv, _) = run_cli(&[
        "eval",
        "--format",
        "csv",
        "--lang",
        "en",
        "--set",
        "funding=200",
    ]);
    assert_eq!(code, 0);
    assert!(
        csv.contains("\npolicy lever,funding,Education funding 2022,200,100M yuan,216,,\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "\ntarget,funding,Education funding for the year,200,100M yuan,216,at least 216 100M yuan,Not met\r\n"
        ),
        "{csv}"
    );
    assert!(!csv.contains("billion"), "{csv}");
}

/// Text as it appears between tags in the rendered HTML (yew escapes `&`, `<`, `>`, quotes).
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn render_prints_the_element_with_every_target_as_written() {
    for lang in ["zh-CN", "en"] {
        let (code, out, err) = run_cli(&["render", "--lang", lang]);
        assert_eq!(code, 0, "{err}");
        let head = format!(
            "<plan-widget plan=\"handan-edu-2022\" lang=\"{lang}\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/pkg/plan-widget.css\">"
        );
        assert!(out.starts_with(&head), "{}", &out[..300.min(out.len())]);
        assert!(out.trim_end().ends_with("</template></plan-widget>"));
        assert!(out.contains(&format!(
            "data-render=\"{} handan-edu-2022 2 {lang}\"",
            env!("CARGO_PKG_VERSION")
        )));
        // Every target's label and its status, as `eval` gives them.
        let (_, json, _) = run_cli(&["eval", "--format", "json", "--lang", lang]);
        let v: Value = serde_json::from_str(&json).unwrap();
        for t in v["targets"].as_array().unwrap() {
            let label = html_text(t["label"].as_str().unwrap());
            assert!(out.contains(&label), "{lang}: no card for {label}");
        }
        assert!(
            !out.contains("<script"),
            "{lang}: a script in the rendered HTML"
        );
    }
}

#[test]
fn render_shows_markup_in_plan_texts_as_text() {
    for lang in ["zh-CN", "en"] {
        let (code, out, err) = run_cli(&[
            "render",
            "--plan",
            "tests/plans/markup.json",
            "--src",
            "/plans/a\"b.json",
            "--pkg",
            "/w",
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.starts_with("<plan-widget src=\"/plans/a&quot;b.json\""),
            "{}",
            &out[..80]
        );
        assert!(out.contains("href=\"/w/plan-widget.css\""));
        // Title, target labels, a lever label, sources and a note hold `<script>` and
        // `"><img onerror>`: all of it is text, no tag of it is in the HTML.
        assert!(!out.contains("<script"), "{lang}: raw <script>");
        assert!(!out.contains("<img"), "{lang}: raw <img>");
        let script = out.matches("&lt;script&gt;alert(1)&lt;/script&gt;").count();
        let img = out
            .matches("&gt;&lt;img src=x onerror=alert(1)&gt;")
            .count();
        assert!(script >= 3, "{lang}: {script} escaped scripts");
        assert!(img >= 3, "{lang}: {img} escaped images");
    }
}

#[test]
fn render_names_what_it_cannot_read() {
    // As `eval --plan`: a plan that does not load is exit 1.
    let (code, _, err) = run_cli(&["render", "--plan", "tests/plans/none.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tests/plans/none.json"), "{err}");
    let (code, _, err) = run_cli(&["render", "--lang", "fr"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn render_shadow_prints_the_element_s_shadow_root_alone() {
    let (code, whole, err) = run_cli(&["render", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let (code, shadow, err) = run_cli(&["render", "--lang", "en", "--shadow"]);
    assert_eq!(code, 0, "{err}");
    assert!(shadow.starts_with("<template shadowrootmode=\"open\">"));
    assert!(shadow.trim_end().ends_with("</template>"));
    let inner = whole
        .trim_end()
        .strip_prefix("<plan-widget plan=\"handan-edu-2022\" lang=\"en\">")
        .and_then(|s| s.strip_suffix("</plan-widget>"));
    assert_eq!(inner, Some(shadow.trim_end()));
}

/// A package folder holding only a package.json with `build` (what scripts/build.sh writes).
fn package_with_build(build: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pw-head-{}-{build}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("package.json"),
        format!("{{\"name\": \"plan-widget\", \"build\": \"{build}\"}}"),
    )
    .unwrap();
    dir
}

#[test]
fn render_head_prints_the_hints_the_element_asks_for() {
    let dir = package_with_build("0123abcdef99");
    let d = dir.to_str().unwrap();
    let wasm = "<link rel=\"preload\" as=\"fetch\" crossorigin fetchpriority=\"high\" href=\"/w/plan-widget-wasm_bg.wasm?v=0123abcdef99\">\n";
    let (code, out, err) = run_cli(&["render", "--head", "--pkg-dir", d, "--pkg", "/w"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, wasm);
    // An empty element fetches its first screen and stylesheet: those first.
    let (code, out, err) = run_cli(&[
        "render",
        "--lang",
        "en",
        "--head",
        "fetched",
        "--pkg-dir",
        d,
        "--pkg",
        "/w/",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/w/plans/handan-edu-2022.en.html?v=0123abcdef99\">\n\
             <link rel=\"preload\" as=\"style\" href=\"/w/plan-widget.css?v=0123abcdef99\">\n{wasm}"
        )
    );
    // A plan file has no prerendered file in the package: the stylesheet and the wasm.
    let (code, out, err) = run_cli(&[
        "render",
        "--plan",
        "tests/plans/markup.json",
        "--head",
        "fetched",
        "--pkg-dir",
        d,
        "--pkg",
        "/w",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!("<link rel=\"preload\" as=\"style\" href=\"/w/plan-widget.css?v=0123abcdef99\">\n{wasm}")
    );
}

/// The render output's stylesheet link carries the package's build hash, as the element asks for
/// its files (`?v=`: cached for good), when --pkg-dir names the built package.
#[test]
fn render_links_the_stylesheet_with_the_package_s_build() {
    let dir = package_with_build("4567abcdef01");
    let d = dir.to_str().unwrap();
    for shadow in [false, true] {
        let mut args = vec!["render", "--lang", "en", "--pkg", "/w", "--pkg-dir", d];
        if shadow {
            args.push("--shadow");
        }
        let (code, out, err) = run_cli(&args);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("<link rel=\"stylesheet\" href=\"/w/plan-widget.css?v=4567abcdef01\">"),
            "{out}"
        );
    }
    // Without the package folder: the link as before, without a hash.
    let (code, out, err) = run_cli(&["render", "--pkg", "/w/"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<link rel=\"stylesheet\" href=\"/w/plan-widget.css\">"));
    // A folder given that holds no package: said, not a link without the hash.
    let (code, _, err) = run_cli(&["render", "--pkg-dir", "tests/none"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("tests/none/package.json"), "{err}");
}

#[test]
fn render_head_names_the_package_it_cannot_read() {
    let (code, _, err) = run_cli(&["render", "--head", "--pkg-dir", "tests/none"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("tests/none/package.json"), "{err}");
    let dir = package_with_build("");
    let (code, _, err) = run_cli(&["render", "--head", "--pkg-dir", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("\"build\""), "{err}");
}
