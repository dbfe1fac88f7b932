//! The nickname screen in plain mode, on a data folder where someone
//! planted a FIFO and links in place of profile folders: the learner is
//! told once how many folders were left out, never their names, and
//! nothing hangs.

use std::path::Path;
use std::process::{Command, Output};

use crate::runner::{e2e_course, plain as run_plain};

/// Plain mode on the e2e course with this data folder.
fn plain(data: &Path, args: &[&str], input: &str) -> Output {
    run_plain(&e2e_course(), data, args, input)
}

fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) => s.success(),
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "mkfifo is needed with CI=true: {e}"
            );
            eprintln!("skipped: mkfifo is not installed ({e})");
            false
        }
    }
}

#[cfg(unix)]
#[test]
fn planted_fifo_and_links_are_reported_once_without_their_names() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("class");
    std::fs::create_dir(&data).expect("data folder");
    // A real learner first.
    let first = plain(&data, &["--profile", "sam"], "\n");
    assert!(first.status.success(), "{first:?}");
    let profiles = data.join("profiles");
    let sam = std::fs::read_dir(&profiles)
        .expect("profiles")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("sam's folder");
    // Planted: a FIFO, a link to sam's folder, a link with escapes in its name.
    if !mkfifo(&profiles.join("p-fifo")) {
        return;
    }
    std::os::unix::fs::symlink(&sam, profiles.join("p-link")).expect("link");
    std::os::unix::fs::symlink("/dev/tty", profiles.join("p-\u{1b}[2Jwipe\u{7}")).expect("link");

    // An out-of-range answer shows the list again, not the sentence.
    let out = plain(&data, &[], "9\n1\nq\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = "3 profile folders could not be read, so they are not listed.";
    assert_eq!(stdout.matches(said).count(), 1, "{stdout}");
    assert_eq!(
        stdout.matches("1. sam").count(),
        2,
        "listed twice: {stdout}"
    );
    assert!(
        !stdout.contains("2. sam"),
        "the link is not a second sam: {stdout}"
    );
    assert!(
        !stdout.contains("wipe") && !stdout.contains("fifo"),
        "{stdout}"
    );
    assert!(
        !out.stdout.iter().any(|b| *b < 0x20 && *b != b'\n'),
        "no control character: {stdout}"
    );
    // The sentence comes before the list, under the intro.
    let intro = stdout.find(said).expect("said");
    assert!(intro < stdout.find("1. sam").expect("listed"), "{stdout}");

    // In French too.
    let out = plain(&data, &["--lang", "fr"], "q\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .matches("3 dossiers de profil n'ont pas pu être lus")
            .count(),
        1,
        "{stdout}"
    );

    // A clean folder says nothing of the kind.
    let clean = tmp.path().join("clean");
    std::fs::create_dir(&clean).expect("clean");
    let out = plain(&clean, &[], "q\n");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("could not be read"),
        "{out:?}"
    );
}
