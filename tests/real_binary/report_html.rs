//! `progress --format html`: one self-contained page, checked as text and
//! rendered in a real browser (Debian's chromium, headless): it renders,
//! shows the numbers, and loads nothing from anywhere (Chromium's network
//! log has no request but the file itself). Without chromium the browser
//! part is skipped with a reason, unless CI=true.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use notalone::progress::store::ProgressStore;

use crate::report_class;

const BIN: &str = env!("CARGO_BIN_EXE_notalone");

fn class_page(dir: &Path, lang: &str) -> String {
    for r in report_class::records() {
        let mut o = ProgressStore::open(dir, &r.profile, report_class::COURSE).expect("open");
        o.record.modules = r.modules.clone();
        o.store.save(&o.record).expect("save");
    }
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/report-class");
    let out = dir.join(format!("report-{lang}.html"));
    let o = Command::new(BIN)
        .args(["progress", "--format", "html", "--lang", lang, "--lessons"])
        .arg(&lessons)
        .arg("--data-dir")
        .arg(dir)
        .arg("--output")
        .arg(&out)
        .env("TZ", "UTC")
        .env_remove("NOTALONE_DATA_DIR")
        .output()
        .expect("run notalone");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty(), "the page goes to the file only");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "the report is readable by its owner only");
    }
    std::fs::read_to_string(&out).expect("page written")
}

#[test]
fn the_page_is_self_contained_and_has_every_view() {
    let d = tempfile::tempdir().expect("tmp");
    let page = class_page(d.path(), "en");
    let lower = page.to_lowercase();
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "@import",
        "url(",
        "@font-face",
        " src=",
        "srcset",
        "<base",
    ] {
        assert!(!lower.contains(banned), "{banned} in the page");
    }
    // The only absolute URL is the SVG namespace (an identifier, never fetched).
    let urls = lower.matches("http://").count() + lower.matches("https://").count();
    assert_eq!(urls, lower.matches("http://www.w3.org/2000/svg").count());
    assert!(page.contains("default-src 'none'"), "a CSP forbids loading");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("Report test course"), "course title");
    for id in ["learners", "objectives", "questions"] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert_eq!(page.matches("<svg role=\"img\"").count(), 3, "three charts");
    assert_eq!(page.matches("<caption>").count(), 3, "three tables");
    assert!(page.contains("<th scope=\"col\">"));
    assert!(
        page.contains("A friend says hello (5)"),
        "most common wrong answer"
    );
    assert!(page.contains("@page") && page.contains("@media print"));
    let fr = class_page(d.path(), "fr");
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("Rapport de la classe"));
    assert!(fr.contains("Un ami dit bonjour (5)"));
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// Run chromium headless on a file; returns stdout, or None on timeout.
fn headless(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> Option<String> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--metrics-recording-only",
            // Never reach the network from a test, whatever is asked.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return reader.join().ok();
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every URL the page asked for, from Chromium's network log: requests
/// with an initiator (the page's `file://` origin). Chromium's own
/// background requests have none ("not an origin") and are left out.
fn requested_urls(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).unwrap_or_default();
    let Ok(log) = serde_json::from_str::<serde_json::Value>(&text) else {
        return vec![format!("unreadable network log ({} bytes)", text.len())];
    };
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == start_job)
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_page_renders_in_headless_chromium_and_loads_nothing() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is needed for this test in CI (apt-get install -y chromium)"
        );
        eprintln!("skipped: chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let d = tempfile::tempdir().expect("tmp");
    let _ = class_page(d.path(), "en");
    let page = d.path().join("report-en.html");
    // The DOM as rendered: the tables and charts are there.
    let dom = headless(
        &browser,
        &d.path().join("profile-dom"),
        &["--dump-dom".to_string()],
        &page,
    )
    .expect("chromium finished within 2 minutes");
    assert!(
        dom.contains("<svg"),
        "rendered DOM has the charts: {dom:.400}"
    );
    assert!(dom.contains("A friend says hello (5)"));
    assert!(dom.contains("Report test course"));
    // A screenshot and a PDF (print) are made.
    let shot = d.path().join("shot.png");
    let pdf = d.path().join("page.pdf");
    let netlog = d.path().join("net.json");
    headless(
        &browser,
        &d.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".to_string(),
            format!("--log-net-log={}", netlog.display()),
        ],
        &page,
    )
    .expect("chromium finished within 2 minutes");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    headless(
        &browser,
        &d.path().join("profile-pdf"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
        &page,
    )
    .expect("chromium finished within 2 minutes");
    let pdf_bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(pdf_bytes.starts_with(b"%PDF"), "printable");
    // Nothing but the page itself was requested.
    assert!(netlog.exists(), "chromium wrote its network log");
    let urls = requested_urls(&netlog);
    assert!(urls.is_empty(), "the page loaded: {urls:?}");
    // The same check sees a page that does load something (so it can fail).
    let bad = d.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>",
    )
    .expect("write");
    let bad_log = d.path().join("bad-net.json");
    headless(
        &browser,
        &d.path().join("profile-bad"),
        &[
            "--dump-dom".to_string(),
            format!("--log-net-log={}", bad_log.display()),
        ],
        &bad,
    )
    .expect("chromium finished within 2 minutes");
    assert!(
        requested_urls(&bad_log)
            .iter()
            .any(|u| u.starts_with("http://127.0.0.1:9/")),
        "the network log check works: {:?}",
        requested_urls(&bad_log)
    );
}
