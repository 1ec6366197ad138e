//! The README's command-line examples run as written: every line of the shell block under
//! "## The command line" is run (with the built binary in place of `cargo run --release --`)
//! and must exit 0 with some output.

use crate::support::root;

/// The lines of the first ```sh block after the "## The command line" heading.
fn command_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split_once("## The command line")
        .expect("README has a command-line section")
        .1;
    let block = section
        .split_once("```sh\n")
        .expect("the section has a sh block")
        .1
        .split_once("```")
        .unwrap()
        .0;
    block
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_line_example_of_the_readme_runs() {
    let lines = command_lines();
    assert!(lines.len() >= 8, "{lines:?}");
    let bin = env!("CARGO_BIN_EXE_plan-widget");
    // A scratch folder that sees the repository's files, so examples that write files leave
    // nothing in the checkout.
    let dir = std::env::temp_dir().join(format!("plan-widget-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["plans", "tests", "www"] {
        let link = dir.join(name);
        if !link.exists() {
            std::os::unix::fs::symlink(root().join(name), &link).unwrap();
        }
    }
    for line in &lines {
        assert!(
            line.starts_with("cargo run --release -- "),
            "README example is not a plan-widget command: {line}"
        );
        let cmd = line
            .replace("cargo run -q --release -- ", &format!("{bin} "))
            .replace("cargo run --release -- ", &format!("{bin} "));
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("set -e; {cmd}"))
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README example failed: {line}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let wrote_file = line.contains(" > ") || line.contains("--output");
        assert!(
            wrote_file || !out.stdout.is_empty(),
            "README example printed nothing: {line}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
