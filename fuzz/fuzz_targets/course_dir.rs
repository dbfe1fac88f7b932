//! A whole course directory: the input is split into files (separated by
//! a line `%%`) placed at fixed paths, source and translation.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notalone::course::MemoryCourse;

const PATHS: &[&str] = &[
    "course.toml",
    "en/course.toml",
    "en/resources.toml",
    "en/a.toml",
    "fr/a.toml",
    "fr/course.toml",
    "fr-CA/resources.toml",
];

fuzz_target!(|data: &[u8]| {
    let mut c = MemoryCourse::new();
    let text = String::from_utf8_lossy(data);
    for (path, part) in PATHS.iter().zip(text.split("\n%%\n")) {
        c.insert(*path, part.as_bytes().to_vec());
    }
    if let Ok(report) = c.lint() {
        let _ = c.render_human(&report, false);
    }
    for lang in [None, Some("fr-CA"), Some("en-XA")] {
        if let Ok(course) = c.load(lang) {
            notalone::fuzzing::walk_plain(course, b"\n\n\n1\n\n1\n\n1\n\n");
        }
    }
});
