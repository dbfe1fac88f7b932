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
/// nickname screen and the class report read it: never a panic, a hang, or
/// a read through a link.
pub fn profile_scan(data: &[u8]) {
    use crate::progress::store as scan;
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
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path();
    let profiles = root.join("profiles");
    if std::fs::create_dir(&profiles).is_err() {
        return;
    }
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
            3 => {
                let target = ["/dev/null", "/dev/zero", "..", "/", "p-sam"][pick(2, 5)];
                drop(std::os::unix::fs::symlink(target, &folder));
            }
            #[cfg(unix)]
            4 => {
                let target = ["/dev/zero", "../p-lee/notalone.json", "/etc/hostname"][pick(1, 3)];
                drop(std::os::unix::fs::symlink(target, &file));
            }
            _ => drop(std::fs::remove_dir_all(&folder)),
        }
    }
    let _ = scan::scan(root);
    let _ = scan::read_all(root);
    let _ = scan::list_profiles_checked(root);
}
