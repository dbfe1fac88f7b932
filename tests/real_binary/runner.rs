//! Running the real binary from the tests: a clean environment (none of
//! the caller's `NOTALONE_*` or locale variables, `LANG=C.UTF-8`), answers
//! piped to plain mode, and finding the progress file a run saved.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_notalone");

/// The fixture course the plain-mode tests walk (every step kind, a branch).
pub fn e2e_course() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/e2e")
}

/// `notalone ARGS` as a fresh shell would run it: no `NOTALONE_LESSONS`,
/// `NOTALONE_DATA_DIR`, `LC_ALL`, `LC_MESSAGES` or `LANGUAGE` from the
/// caller, English UTF-8, standard input empty.
pub fn notalone_cmd(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("NOTALONE_LESSONS")
        .env_remove("NOTALONE_DATA_DIR")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .stdin(Stdio::null());
    cmd
}

/// [`notalone_cmd`] with the output collected.
pub fn notalone(args: &[&str]) -> Output {
    notalone_cmd(args).output().expect("the binary runs")
}

/// `notalone --plain --lessons COURSE --data-dir DATA ARGS` with `input`
/// piped in (then closed, as at the end of a file); waits for it to end.
pub fn plain(course: &Path, data: &Path, args: &[&str], input: &str) -> Output {
    let mut cmd = notalone_cmd(&["--plain"]);
    cmd.arg("--lessons").arg(course).arg("--data-dir").arg(data);
    cmd.args(args);
    with_input(&mut cmd, input)
}

/// Run `cmd` with `input` on its standard input; waits for it to end.
pub fn with_input(cmd: &mut Command, input: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write answers");
    child.wait_with_output().expect("finishes")
}

/// The progress files (`*.json` but not `_profile.json`) below `dir`.
pub fn progress_files(dir: &Path) -> Vec<PathBuf> {
    fn find(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for p in rd.flatten().map(|e| e.path()) {
            if p.is_dir() {
                find(&p, out);
            } else if p.extension().is_some_and(|x| x == "json")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('_'))
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    find(dir, &mut files);
    files.sort();
    files
}

/// The one progress file saved below `dir`, parsed.
pub fn saved(dir: &Path) -> serde_json::Value {
    let files = progress_files(dir);
    assert_eq!(files.len(), 1, "one progress file: {files:?}");
    serde_json::from_slice(&std::fs::read(&files[0]).expect("read")).expect("valid JSON")
}

/// A temporary path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// What a run printed on standard output.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
