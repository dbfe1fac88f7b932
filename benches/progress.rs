//! Progress benchmarks: a class report over 5,000 profiles (target < 1 s,
//! records and `--by question`) and one save including fsync (target < 5 ms
//! on local disk).
//!
//! `cargo bench --bench progress`. The data lives under the target dir
//! (`CARGO_TARGET_TMPDIR`), on a real disk, not a tmpfs where fsync is free.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use notalone::course::{self, CourseSource};
use notalone::progress::report::{self, Context, CourseOutline};
use notalone::progress::store::{self, ProgressStore};
use notalone::progress::{CourseRecord, StepRecord};

const PROFILES: usize = 5_000;

fn main() {
    divan::main();
}

/// A course id and its modules' step ids.
type Shape = (String, Vec<(String, Vec<String>)>);

/// The built-in course's modules and steps, or a course of that size.
fn course_shape() -> Shape {
    match course::load(&CourseSource::Embedded, None) {
        Ok(c) => (
            c.id.clone(),
            c.modules
                .iter()
                .map(|m| (m.id.clone(), m.steps.iter().map(|s| s.id.clone()).collect()))
                .collect(),
        ),
        Err(_) => (
            "notalone".into(),
            (0..6)
                .map(|m| {
                    (
                        format!("module-{m}"),
                        (0..8).map(|s| format!("step-{s}")).collect(),
                    )
                })
                .collect(),
        ),
    }
}

/// A record as a learner leaves it: some modules done, one in progress.
fn learner_record(profile: &str, i: usize) -> CourseRecord {
    let (course, modules) = course_shape_cached();
    let mut r = CourseRecord::new(profile, course);
    let reached = i % (modules.len() + 1);
    for (k, (m, steps)) in modules.iter().enumerate().take(reached + 1) {
        if k >= modules.len() {
            break;
        }
        let rec = r.modules.entry(m.clone()).or_default();
        rec.started_at = Some("2026-11-29T10:02:11Z".into());
        let upto = if k < reached {
            steps.len()
        } else {
            steps.len() / 2
        };
        for (j, s) in steps.iter().enumerate().take(upto) {
            rec.steps.insert(
                s.clone(),
                StepRecord {
                    done: true,
                    first_correct: (j % 2 == 1).then_some(!(i + j).is_multiple_of(3)),
                    answer: (j % 2 == 1).then(|| vec![(i + j) % 3]),
                    flags: (j % 2 == 1).then(|| vec![1, (i + j) % 4]),
                    answered_at: Some("2026-11-29T10:03:00Z".into()),
                    ..Default::default()
                },
            );
        }
        rec.step = steps.get(upto.saturating_sub(1)).cloned();
        if k < reached {
            rec.completed_at = Some("2026-11-29T10:09:40Z".into());
        }
    }
    r
}

fn course_shape_cached() -> &'static Shape {
    static SHAPE: LazyLock<Shape> = LazyLock::new(course_shape);
    &SHAPE
}

fn bench_root() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("progress-bench")
}

/// A data dir of 5,000 profiles, written once per run (plain writes: the
/// layout is the store's, the fsyncs are not what is measured here).
static CLASS: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = bench_root().join("class");
    let _ = std::fs::remove_dir_all(&dir);
    for i in 0..PROFILES {
        let name = format!("learner {i}");
        // One real open per profile would fsync 5,000 times; write directly.
        let r = learner_record(&name, i);
        let path = store::record_path(&dir, &name, &r.course);
        let pdir = path.parent().expect("parent");
        std::fs::create_dir_all(pdir).expect("mkdir");
        let meta = serde_json::json!({"format": "notalone-profile", "version": 1, "profile": name});
        std::fs::write(pdir.join(store::PROFILE_FILE), meta.to_string()).expect("meta");
        std::fs::write(&path, serde_json::to_vec_pretty(&r).expect("json")).expect("write");
    }
    // Check it is what the store would have written.
    let o = ProgressStore::open(&dir, "learner 7", &course_shape_cached().0).expect("open");
    assert!(o.notice.is_none());
    dir
});

fn csv_report(dir: &Path, outlines: &[CourseOutline]) -> String {
    let scan = store::scan(dir).expect("scan");
    assert_eq!(scan.profiles.len(), PROFILES);
    report::to_csv(&report::rows(&scan.profiles, outlines))
}

/// `notalone progress ARGS --data-dir DIR`, output to /dev/null.
fn report_binary(dir: &Path, args: &[&str]) {
    let st = Command::new(env!("CARGO_BIN_EXE_notalone"))
        .arg("progress")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .expect("run notalone");
    assert!(st.success());
}

/// Read 5,000 profiles and build the CSV (the library, as the command does).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn csv_5000_profiles_library(b: divan::Bencher) {
    let dir = &*CLASS;
    let outlines: Vec<CourseOutline> = course::load(&CourseSource::Embedded, None)
        .map(|c| vec![CourseOutline::of(&c)])
        .unwrap_or_default();
    b.bench(|| csv_report(dir, &outlines).len());
}

/// `notalone progress --format csv` over 5,000 profiles, the real binary,
/// output to /dev/null (process start and course load included).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn csv_5000_profiles_binary(b: divan::Bencher) {
    let dir = &*CLASS;
    b.bench(|| report_binary(dir, &["--format", "csv"]));
}

/// `--by question` over 5,000 profiles, the library: read every record,
/// count every item's answers, make the JSON.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn by_question_5000_profiles_library(b: divan::Bencher) {
    let dir = &*CLASS;
    let courses: Vec<course::Course> = course::load(&CourseSource::Embedded, Some("en"))
        .map(|c| vec![c])
        .unwrap_or_default();
    let ctx = Context::new(&courses, courses.first().map(|c| c.id.as_str()), Some("en"));
    b.bench_local(|| {
        let scan = store::scan(dir).expect("scan");
        assert_eq!(scan.profiles.len(), PROFILES);
        let rows = report::question::build(&scan.profiles, &ctx);
        report::question::to_json(&rows).len()
    });
}

/// `notalone progress --by question --format json` over 5,000 profiles,
/// the real binary (process start, course load, output to /dev/null).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn by_question_5000_profiles_binary(b: divan::Bencher) {
    let dir = &*CLASS;
    b.bench(|| report_binary(dir, &["--by", "question", "--format", "json"]));
}

/// The HTML page (every view) over 5,000 profiles, the library.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn html_5000_profiles_library(b: divan::Bencher) {
    let dir = &*CLASS;
    let courses: Vec<course::Course> = course::load(&CourseSource::Embedded, Some("en"))
        .map(|c| vec![c])
        .unwrap_or_default();
    let ctx = Context::new(&courses, courses.first().map(|c| c.id.as_str()), Some("en"));
    b.bench_local(|| {
        let scan = store::scan(dir).expect("scan");
        report::html::page(&scan.profiles, &ctx, None).len()
    });
}

/// One save of a learner mid-course: lock, re-read, merge, temp file,
/// fsync, rename, fsync of the folder.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn save_with_fsync(b: divan::Bencher) {
    let dir = bench_root().join("save");
    let _ = std::fs::remove_dir_all(&dir);
    let mut o = ProgressStore::open(&dir, "sam", &course_shape_cached().0).expect("open");
    let record = learner_record("sam", 3);
    o.store.save(&record).expect("save");
    b.bench_local(|| o.store.save(&record).expect("save"));
}

/// Opening a profile at the start of a session (lock, clean, read).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn open_existing_profile(b: divan::Bencher) {
    let dir = bench_root().join("open");
    let _ = std::fs::remove_dir_all(&dir);
    let mut o = ProgressStore::open(&dir, "sam", &course_shape_cached().0).expect("open");
    o.store.save(&learner_record("sam", 3)).expect("save");
    b.bench_local(|| {
        ProgressStore::open(&dir, "sam", &course_shape_cached().0)
            .expect("open")
            .record
    });
}
