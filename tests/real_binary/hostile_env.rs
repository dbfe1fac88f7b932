//! A hostile environment: no terminal, TERM=dumb, a data dir that cannot be
//! written, HOME unset, odd paths, standard input closed. The course runs
//! (or explains itself) and never panics.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_notalone");

fn run(
    args: &[&str],
    env: &[(&str, &str)],
    remove: &[&str],
    input: Option<&str>,
) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("NOTALONE_LESSONS")
        .env_remove("NOTALONE_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    for k in remove {
        cmd.env_remove(k);
    }
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("runs");
    if let Some(i) = input {
        let _ = child.stdin.take().expect("stdin").write_all(i.as_bytes());
    }
    let out = child.wait_with_output().expect("exits");
    let so = String::from_utf8_lossy(&out.stdout).into_owned();
    let se = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!se.contains("panicked"), "{se}");
    assert!(
        !so.contains('\x1b') && !se.contains('\x1b'),
        "no escape sequences"
    );
    (out.status.code(), so, se)
}

#[test]
fn no_terminal_or_dumb_terminal_suggests_plain_mode() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8");
    for term in ["dumb", "xterm-256color"] {
        let (code, out, err) = run(
            &["--profile", "sam", "--data-dir", d],
            &[("TERM", term)],
            &[],
            None,
        );
        assert_eq!(code, Some(2), "{out}{err}");
        assert!(err.contains("--plain"), "{err}");
        assert!(out.is_empty());
    }
}

#[test]
fn a_data_dir_that_cannot_be_written_still_runs_the_course() {
    // /proc refuses new folders, even for root.
    let (code, out, err) = run(
        &[
            "--plain",
            "--profile",
            "sam",
            "--data-dir",
            "/proc/notalone-cannot-write",
        ],
        &[],
        &[],
        // The course opens on the warm-up: answer its first question.
        Some("\n\n1\n\n\nq\n"),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Your progress cannot be saved on this computer right now."),
        "{out}"
    );
    assert!(out.contains("Step 2 of"), "the course went on:\n{out}");
}

#[test]
fn home_unset_still_runs() {
    let (code, out, err) = run(
        &["--plain", "--profile", "sam"],
        &[],
        &["HOME", "XDG_DATA_HOME"],
        Some("\nq\n"),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("== Not Alone =="), "{out}");
}

#[test]
fn a_data_dir_with_spaces_and_accents() {
    let dir = tempfile::tempdir().expect("tmp");
    let odd = dir.path().join("Classe de Mme Lévesque 🙂");
    let d = odd.to_str().expect("utf-8");
    let (code, _, err) = run(
        &["--plain", "--profile", "Zoé", "--data-dir", d],
        &[],
        &[],
        Some("\n\n\nq\n"),
    );
    assert_eq!(code, Some(0), "{err}");
    let (_, out, _) = run(
        &["progress", "--data-dir", d, "--format", "csv"],
        &[],
        &[],
        None,
    );
    assert!(out.contains("Zoé,notalone,warm-up,in-progress"), "{out}");
}

#[test]
fn standard_input_closed_saves_and_exits_0() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8");
    let (code, out, _) = run(
        &["--plain", "--profile", "sam", "--data-dir", d],
        &[],
        &[],
        None,
    );
    assert_eq!(code, Some(0));
    assert!(out.contains("> "));
    // Without --profile and no input: the nickname prompt, then a clean exit.
    let (code, out, _) = run(&["--plain", "--data-dir", d], &[], &[], None);
    assert_eq!(code, Some(0));
    assert!(out.contains("Who is taking the course?"), "{out}");
}

#[test]
fn a_bad_profile_name_or_lessons_dir_is_one_clear_sentence() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8");
    let (code, _, err) = run(
        &["--plain", "--profile", "../../etc", "--data-dir", d],
        &[],
        &[],
        Some(""),
    );
    assert_eq!(code, Some(2));
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, err) = run(
        &["--plain", "--lessons", "/no/such/course", "--data-dir", d],
        &[],
        &[],
        Some(""),
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("/no/such/course"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
