//! Entry points for the fuzz targets (`fuzz/`) and the property tests: each
//! takes outside input the way the program does and panics only on a real
//! bug (a crash, or a control character reaching the output).
#![doc(hidden)]

use std::sync::OnceLock;

use crate::course::{Course, CourseSource};
use crate::host::Host;
use crate::plain::run;
use crate::progress::CourseRecord;
use crate::session::{Input, Session};

/// Panic if plain-mode output holds a control character (other than newline).
fn check_output(out: &[u8]) {
    let s = String::from_utf8_lossy(out);
    if let Some(c) = s
        .chars()
        .find(|c| *c != '\n' && crate::text::is_forbidden_char(*c))
    {
        panic!("plain mode wrote U+{:04X}", c as u32);
    }
}

/// Run plain mode on a course with this standard input.
pub fn walk_plain(course: Course, input: &[u8]) {
    walk_plain_with(course, None, input);
}

fn walk_plain_with(course: Course, record: Option<CourseRecord>, input: &[u8]) {
    let mut host = Host::in_memory(course);
    if let Some(r) = record {
        let mut r = r;
        r.profile = "sam".into();
        host = host.with_record(r);
    }
    let mut out = Vec::new();
    let _ = run(input, &mut out, &mut host, Some("sam".into()));
    check_output(&out);
}

fn builtin() -> &'static Course {
    static C: OnceLock<Course> = OnceLock::new();
    C.get_or_init(|| {
        crate::course::load(&CourseSource::Embedded, Some("en"))
            .unwrap_or_else(|e| panic!("built-in course: {e}"))
    })
}

/// Plain mode on the built-in course, with arbitrary standard input.
pub fn plain_builtin(input: &[u8]) {
    walk_plain(builtin().clone(), input);
}

/// A progress file's bytes: parsed as the store parses them; a record that
/// parses is resumed on the built-in course and walked a little.
pub fn progress_bytes(data: &[u8]) {
    let Some(record) = crate::progress::store::parse_record_bytes(data) else {
        return;
    };
    let mut merged = CourseRecord::new("sam", "notalone");
    merged.merge_from(&record);
    let course = builtin().clone();
    for m in &course.modules {
        let _ = record.status(&m.id);
        let _ = record.score(&m.id);
    }
    let mut s = Session::new(course.clone(), record.clone());
    for i in [
        Input::Continue,
        Input::Continue,
        Input::Answer(vec![0]),
        Input::Toggle(1),
        Input::Submit,
        Input::Continue,
        Input::Back,
    ] {
        s.update(i, "2026-11-29T10:00:00Z");
    }
    walk_plain_with(course, Some(record), b"\n\n1\n\n");
}

/// An `.ftl` file: parsed, and every message and attribute formatted.
pub fn ftl(source: &str) {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let res = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut b = FluentBundle::new(vec![unic_langid::langid!("fr")]);
    b.set_use_isolating(false);
    let ids: Vec<String> = res
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let _ = b.add_resource(res);
    let mut args = FluentArgs::new();
    for (k, v) in [
        ("n", 1.0),
        ("count", 3.0),
        ("done", 0.0),
        ("total", 7.0),
        ("left", 2.0),
    ] {
        args.set(k, v);
    }
    args.set("name", "sam");
    for id in ids {
        if let Some(m) = b.get_message(&id) {
            let mut errors = Vec::new();
            if let Some(v) = m.value() {
                let s = b.format_pattern(v, Some(&args), &mut errors);
                let _ = crate::text::sanitize(&s);
            }
            for a in m.attributes() {
                let _ = b.format_pattern(a.value(), Some(&args), &mut errors);
            }
        }
    }
}

/// A shared data folder built from fuzz bytes (profile folders, files,
/// links and stray entries under `profiles/`), then read the way the
/// nickname screen and the class report read it, and opened and saved by
/// the store for one nickname: never a panic or a hang, and nothing outside
/// the data folder (a folder the links point to) is ever written, removed
/// or renamed.
pub fn profile_scan(data: &[u8]) {
    use crate::progress::store as scan;
    #[cfg(unix)]
    use std::path::Path;
    const FOLDERS: [&str; 6] = ["p-sam", "p-lee", "p-%C3%A9", "p-", "x-sam", "p-sam.bad"];
    const FILES: [&str; 6] = [
        "_profile.json",
        "notalone.json",
        "notalone.lock",
        ".notalone.json.1.tmp",
        "e2e.json",
        "notalone.json.20261201T000000Z.bad",
    ];
    const GOOD: &[u8] = br#"{"format":"notalone-progress","version":1,"profile":"sam","course":"notalone","modules":{"how-it-starts":{"completed_at":"2026-11-29T10:00:00Z"}}}"#;
    const VICTIM: &[u8] = b"another program's file";
    let (Ok(dir), Ok(outside)) = (tempfile::tempdir(), tempfile::tempdir()) else {
        return;
    };
    let root = dir.path();
    let profiles = root.join("profiles");
    // What links may point to outside the data folder: a folder of the
    // victim's with an old temporary file and a file of another program.
    let victim = outside.path().join("notalone.json");
    let stale = outside.path().join(".notalone.json.1.tmp");
    if std::fs::create_dir(&profiles).is_err()
        || std::fs::write(&victim, VICTIM).is_err()
        || std::fs::write(&stale, VICTIM).is_err()
    {
        return;
    }
    // Old enough for the store's clean-up of temporary files left by a
    // killed save, were it to look there.
    if let Ok(f) = std::fs::File::options().write(true).open(&stale) {
        let _ = f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200));
    }
    #[cfg(unix)]
    let (folder_links, file_links): ([&Path; 5], [&Path; 3]) = (
        [
            Path::new("/dev/null"),
            Path::new("/dev/zero"),
            Path::new(".."),
            outside.path(),
            Path::new("p-sam"),
        ],
        [
            Path::new("/dev/zero"),
            Path::new("../p-lee/notalone.json"),
            &victim,
        ],
    );
    for (n, op) in data.chunks(3).take(48).enumerate() {
        let pick = |i: usize, len: usize| op.get(i).map_or(0, |b| *b as usize) % len;
        let folder = profiles.join(FOLDERS[pick(1, FOLDERS.len())]);
        let file = folder.join(FILES[pick(2, FILES.len())]);
        // File contents: a valid record, or a slice of the input after it.
        let body: &[u8] = if op[0] & 0x80 == 0 {
            GOOD
        } else {
            let from = (n * 3 + 3).min(data.len());
            &data[from..(from + 256).min(data.len())]
        };
        match op[0] % 6 {
            0 => drop(std::fs::create_dir_all(&folder)),
            1 => drop(std::fs::write(&file, body)),
            2 => drop(std::fs::write(&folder, body)),
            #[cfg(unix)]
            3 => drop(std::os::unix::fs::symlink(
                folder_links[pick(2, 5)],
                &folder,
            )),
            #[cfg(unix)]
            4 => drop(std::os::unix::fs::symlink(file_links[pick(1, 3)], &file)),
            _ => drop(std::fs::remove_dir_all(&folder)),
        }
    }
    // The planting above may have written through its own links; from here
    // on only the program runs, and it must change nothing outside.
    let before = snapshot(outside.path());
    let _ = scan::scan(root);
    let _ = scan::read_all(root);
    let _ = scan::list_profiles_checked(root);
    if let Ok(opened) = scan::ProgressStore::open(root, "sam", "notalone") {
        assert_eq!(opened.record.course, "notalone", "another course's record");
        let mut store = opened.store;
        let _ = store.save(&opened.record);
    }
    assert_eq!(
        snapshot(outside.path()),
        before,
        "changed outside the data folder"
    );
}

/// Every name below `dir` (links not followed) with the bytes of files.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => {
                out.push((p.clone(), None));
                out.extend(snapshot(&p));
            }
            Ok(m) if m.is_file() => out.push((p.clone(), std::fs::read(&p).ok())),
            _ => out.push((p, None)),
        }
    }
    out.sort();
    out
}
