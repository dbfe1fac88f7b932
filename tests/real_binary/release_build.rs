//! What the release builds rely on (issue 17): `--version` names the
//! commit and platform (build.rs), and answers piped with Windows line
//! endings (CR LF) walk the course exactly like LF ones. The artefacts
//! themselves are tested by `.ci/release-test` (dpkg, static binary, Wine).

use std::path::Path;
use std::process::Command;

use super::runner::{self, BIN, e2e_course, saved};

#[test]
fn version_names_the_version_commit_and_platform() {
    let out = Command::new(BIN).arg("--version").output().expect("runs");
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).expect("utf-8");
    let line = line.trim_end();
    let prefix = concat!("notalone ", env!("CARGO_PKG_VERSION"), " (commit ");
    let rest = line
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    let (commit, target) = rest
        .strip_suffix(')')
        .and_then(|r| r.split_once(", "))
        .unwrap_or_else(|| panic!("{line:?} is not `... (commit HASH, TARGET)`"));
    assert!(
        commit == "unknown"
            || (commit.len() >= 7
                && commit
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == '-' || c.is_ascii_lowercase())),
        "{commit:?}"
    );
    assert!(target.contains('-'), "a target triple: {target:?}");
    // Built from a git checkout: the commit is HEAD's.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(head) = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(root)
        .output()
        && head.status.success()
        && std::env::var_os("NOTALONE_COMMIT").is_none()
    {
        let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
        assert_eq!(commit, head, "--version names the commit built from");
    }
    // -V stays short (the man page and scripts use it).
    let short = Command::new(BIN).arg("-V").output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&short.stdout).trim_end(),
        concat!("notalone ", env!("CARGO_PKG_VERSION"))
    );
}

fn plain(data: &Path, input: &str) -> (String, i32) {
    let out = runner::plain(&e2e_course(), data, &["--profile", "win"], input);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The saved record with its dates removed (they differ between runs).
fn record(data: &Path) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !k.ends_with("_at") && k != "updated");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = saved(&data.join("profiles/p-win"));
    strip(&mut v);
    v
}

#[test]
fn crlf_answers_walk_like_lf_answers() {
    // Home, read, chat, flag, answers with numbers, a bad one, then quit.
    let answers = [
        "", "", "", "2", "", "1", "", "3", "", "x", "", "", "1 3", "", "q",
    ];
    let lf = answers.join("\n") + "\n";
    let crlf = answers.join("\r\n") + "\r\n";
    let a = tempfile::tempdir().expect("tmp");
    let b = tempfile::tempdir().expect("tmp");
    let (out_lf, code_lf) = plain(a.path(), &lf);
    let (out_crlf, code_crlf) = plain(b.path(), &crlf);
    assert_eq!((code_lf, code_crlf), (0, 0));
    assert!(
        out_lf.matches("> ").count() >= 10,
        "the answers got past the first screens:\n{out_lf}"
    );
    assert_eq!(out_crlf, out_lf, "CR LF answers are read like LF ones");
    assert!(!out_crlf.contains('\r'));
    assert_eq!(record(b.path()), record(a.path()));
}
