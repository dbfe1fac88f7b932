//! Lint and load benchmarks.
//!
//! A generated course of 1,000 modules x 2 locales (`en` source, `fr`
//! translation), about 40 steps each, written once under the target dir.
//! Targets (issue 2): the whole lint at most 1.5x the time of just parsing
//! the same files with the `toml` crate; lint of the built-in course under
//! 20 ms.
//!
//! `cargo bench --bench lint`. Compare `parse_only_memory` with
//! `lint_memory` (files already in memory, no disk), and
//! `read_and_parse_disk` with `lint_disk` (both read the files).

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use notalone::course::{self, CourseSource, MemoryCourse};

const MODULES: usize = 1_000;
const STEPS: usize = 40;

fn main() {
    // Benchmarks run one after another, so load from other processes can
    // skew a ratio taken from two of them. Unless filtered out, measure
    // parse-only and lint interleaved first, and print the ratio.
    if std::env::args().skip(1).all(|a| a.starts_with('-')) {
        interleaved(7);
    }
    divan::main();
}

/// Parse-only and lint, alternately, `rounds` times, in memory; prints the
/// fastest and median of each and their ratios.
fn interleaved(rounds: usize) {
    let g = &*GENERATED;
    let time = |f: &dyn Fn()| {
        let t = std::time::Instant::now();
        f();
        t.elapsed().as_secs_f64() * 1000.0
    };
    let parse = || {
        for (_, bytes) in &g.files {
            let text = std::str::from_utf8(bytes).expect("utf-8");
            divan::black_box(toml::de::DeTable::parse(text).expect("valid"));
        }
    };
    let lint = || {
        divan::black_box(g.memory.lint().expect("runs"));
    };
    let (mut p, mut l) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        p.push(time(&parse));
        l.push(time(&lint));
    }
    p.sort_by(f64::total_cmp);
    l.sort_by(f64::total_cmp);
    let (pm, lm) = (p[rounds / 2], l[rounds / 2]);
    println!(
        "interleaved, {rounds} rounds: parse only {:.0} ms fastest / {pm:.0} ms median; \
         lint {:.0} ms fastest / {lm:.0} ms median; ratio {:.2} (fastest), {:.2} (median)",
        p[0],
        l[0],
        l[0] / p[0],
        lm / pm
    );
}

/// The generated course on disk, and all its files in memory.
struct Generated {
    dir: PathBuf,
    files: Vec<(String, Vec<u8>)>,
    memory: MemoryCourse,
}

static GENERATED: LazyLock<Generated> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-course-1000x2");
    let files = generate();
    let _ = std::fs::remove_dir_all(&dir);
    for (p, b) in &files {
        let path = dir.join(p);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, b).expect("write");
    }
    let mut memory = MemoryCourse::new();
    for (p, b) in &files {
        memory.insert(p.clone(), b.clone());
    }
    // The generated course must be valid, or the numbers mean nothing.
    let r = memory.lint().expect("lint runs");
    assert_eq!(r.errors(), 0, "{:?}", r.diagnostics.first());
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "generated course: {} files, {:.1} MiB, {} steps per module",
        files.len(),
        bytes as f64 / 1024.0 / 1024.0,
        STEPS
    );
    Generated { dir, files, memory }
});

fn generate() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let ids: Vec<String> = (0..MODULES).map(|i| format!("module-{i:04}")).collect();
    let list: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    files.push((
        "course.toml".to_string(),
        format!(
            "id = \"bench\"\nsource_locale = \"en\"\nmodules = [{}]\nobjectives = [\"spot-signs\", \"get-help\"]\n",
            list.join(", ")
        )
        .into_bytes(),
    ));
    for (loc, title) in [("en", "Bench course"), ("fr", "Cours de test")] {
        files.push((
            format!("{loc}/course.toml"),
            format!(
                "title = \"{title}\"\nwelcome = \"Welcome.\"\n\n[objectives]\nspot-signs = \"Spot the signs\"\nget-help = \"Get help\"\n"
            )
            .into_bytes(),
        ));
        files.push((
            format!("{loc}/resources.toml"),
            b"[[resource]]\nname = \"Helpline\"\nabout = \"Someone to talk to, any time.\"\nweb = \"https://example.org\"\n".to_vec(),
        ));
    }
    for id in &ids {
        files.push((format!("en/{id}.toml"), module(id, false).into_bytes()));
        files.push((format!("fr/{id}.toml"), module(id, true).into_bytes()));
    }
    files
}

/// One module; the translation repeats no structure but the ids, and
/// translates every text.
fn module(id: &str, fr: bool) -> String {
    let t = |en: &str| {
        if fr {
            format!("(fr) {en} — traduit")
        } else {
            en.to_string()
        }
    };
    let mut s = String::new();
    s.push_str(&format!("id = \"{id}\"\n"));
    s.push_str(&format!(
        "title = \"{}\"\n",
        t("A module about warning signs")
    ));
    s.push_str(&format!(
        "summary = \"{}\"\n",
        t("How fake accounts reel people in, and what to do when someone threatens you.")
    ));
    if !fr {
        s.push_str("minutes = 12\n");
    }
    let para = "Someone you met online asks to move to another app. They flatter you and ask for photos. This is a common way sextortion starts, and it is never your fault.";
    for i in 0..STEPS {
        s.push_str(&format!("\n[[step]]\nid = \"step-{i}\"\n"));
        let kind = i % 4;
        if !fr {
            let ty = ["read", "chat", "spot", "question"][kind];
            s.push_str(&format!("type = \"{ty}\"\n"));
            if kind != 0 {
                let obj = if kind == 3 { "get-help" } else { "spot-signs" };
                s.push_str(&format!("teaches = [\"{obj}\"]\n"));
            }
        }
        s.push_str(&format!("title = \"{}\"\n", t(&format!("Step number {i}"))));
        match kind {
            0 => s.push_str(&format!(
                "text = \"\"\"\n{}\n\n- {}\n- {}\n\"\"\"\n",
                t(para),
                t("Stop replying"),
                t("Tell someone you trust")
            )),
            1 => {
                s.push_str(&format!(
                    "contact = \"maya.k_08\"\ntext = \"{}\"\n",
                    t("Jordan, 14, gets a message.")
                ));
                for (j, (from, sign)) in [("them", false), ("them", true), ("you", false)]
                    .iter()
                    .enumerate()
                {
                    s.push_str("[[step.message]]\n");
                    if !fr {
                        s.push_str(&format!("from = \"{from}\"\n"));
                        if *sign {
                            s.push_str("sign = true\n");
                        }
                    }
                    s.push_str(&format!(
                        "text = \"{}\"\n",
                        t(&format!("message {j}: hey, saw you at the game"))
                    ));
                    if *sign {
                        s.push_str(&format!(
                            "why = \"{}\"\n",
                            t("Fast flattery from a stranger is a warning sign.")
                        ));
                    }
                }
                for (j, safe) in [false, true].iter().enumerate() {
                    s.push_str("[[step.choice]]\n");
                    if !fr {
                        s.push_str(&format!("safe = {safe}\n"));
                    }
                    s.push_str(&format!(
                        "text = \"{}\"\nfeedback = \"{}\"\n",
                        t(&format!("choice {j}")),
                        t("Once a photo is sent, the sender loses control of it.")
                    ));
                }
            }
            2 => {
                s.push_str(&format!(
                    "text = \"{}\"\n",
                    t("Select every message that should worry you.")
                ));
                for j in 0..3 {
                    s.push_str("[[step.item]]\n");
                    if !fr {
                        s.push_str(&format!("sign = {}\n", j != 1));
                    }
                    s.push_str(&format!(
                        "text = \"{}\"\nwhy = \"{}\"\n",
                        t(&format!("item {j}: they ask you to move to another app")),
                        t("Moving to a private app hides the conversation.")
                    ));
                }
            }
            _ => {
                s.push_str(&format!(
                    "text = \"{}\"\nexplanation = \"{}\"\n",
                    t("Someone threatens to share your photo unless you pay. What first?"),
                    t("Paying usually brings more demands.")
                ));
                for j in 0..3 {
                    s.push_str("[[step.option]]\n");
                    if !fr {
                        s.push_str(&format!("correct = {}\n", j == 2));
                    }
                    s.push_str(&format!(
                        "text = \"{}\"\nfeedback = \"{}\"\n",
                        t(&format!("option {j}")),
                        t("Think about what happens next.")
                    ));
                }
            }
        }
    }
    s
}

/// Baseline: parse every file with the toml crate, files already in memory.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_only_memory(b: divan::Bencher) {
    let g = &*GENERATED;
    b.bench(|| {
        let mut n = 0;
        for (_, bytes) in &g.files {
            let text = std::str::from_utf8(bytes).expect("utf-8");
            let t = toml::de::DeTable::parse(text).expect("valid");
            n += t.get_ref().len();
        }
        divan::black_box(n)
    });
}

/// The whole lint of the same files, in memory.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn lint_memory(b: divan::Bencher) {
    let g = &*GENERATED;
    b.bench(|| divan::black_box(g.memory.lint().expect("runs")));
}

/// Baseline: read every file from disk and parse it.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_and_parse_disk(b: divan::Bencher) {
    let g = &*GENERATED;
    b.bench(|| {
        let mut n = 0;
        for (p, _) in &g.files {
            let bytes = std::fs::read(g.dir.join(p)).expect("read");
            let text = std::str::from_utf8(&bytes).expect("utf-8");
            let t = toml::de::DeTable::parse(text).expect("valid");
            n += t.get_ref().len();
        }
        divan::black_box(n)
    });
}

/// `notalone lint DIR` on the generated course (walks the directory, reads,
/// parses, checks).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn lint_disk(b: divan::Bencher) {
    let g = &*GENERATED;
    let src = CourseSource::Dir(g.dir.clone());
    b.bench(|| divan::black_box(course::lint(&src).expect("runs")));
}

/// Loading the generated course for a French learner (every module
/// overlaid on its source).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_generated_fr(b: divan::Bencher) {
    let g = &*GENERATED;
    let src = CourseSource::Dir(g.dir.clone());
    b.bench(|| divan::black_box(course::load(&src, Some("fr")).expect("loads")));
}

/// Lint of the built-in course (whatever `lessons/` holds today).
#[divan::bench(sample_count = 50)]
fn lint_builtin() {
    let _ = divan::black_box(course::lint(&CourseSource::Embedded));
}

/// Loading the built-in course, as at every start.
#[divan::bench(sample_count = 50)]
fn load_builtin() {
    let _ = divan::black_box(course::load(&CourseSource::Embedded, None));
}
