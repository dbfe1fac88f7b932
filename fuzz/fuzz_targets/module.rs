//! A module file: lint it and load it inside a minimal course; when it
//! loads, walk it through a session and render it in plain mode.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notalone::course::MemoryCourse;

fuzz_target!(|data: &[u8]| {
    let mut c = MemoryCourse::new();
    c.insert("course.toml", &b"id = \"f\"\nsource_locale = \"en\"\nmodules = [\"m\"]\n"[..]);
    c.insert("en/course.toml", &b"title = \"T\"\nwelcome = \"W\"\n"[..]);
    c.insert(
        "en/resources.toml",
        &b"[[resource]]\nname = \"N\"\nabout = \"A\"\n"[..],
    );
    c.insert("en/m.toml", data.to_vec());
    if let Ok(report) = c.lint() {
        let _ = c.render_human(&report, false);
        let _ = report.to_json();
    }
    if let Ok(course) = c.load(Some("en")) {
        notalone::fuzzing::walk_plain(course, b"\n\n\n1\n\n1\n\n1 2\n\n1\n\n2 1\n\n\n\n\n");
    }
});
