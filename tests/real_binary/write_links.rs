//! Writing into a course folder students can write (security review F9):
//! `export-course --force` and `new module` never write through a symbolic
//! link planted there.
#![cfg(unix)]

use std::path::Path;

use super::runner::notalone;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn victim(t: &Path) -> std::path::PathBuf {
    let v = t.join("victim");
    std::fs::create_dir_all(&v).expect("mkdir");
    std::fs::write(v.join("secret.txt"), "victim content\n").expect("write");
    v
}

fn untouched(v: &Path) {
    assert_eq!(
        std::fs::read_to_string(v.join("secret.txt")).expect("read"),
        "victim content\n"
    );
    let names: Vec<_> = std::fs::read_dir(v)
        .expect("ls")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(
        names.len(),
        1,
        "written into the victim's folder: {names:?}"
    );
}

#[test]
fn export_force_refuses_planted_links() {
    let t = tempfile::tempdir().expect("tmp");
    let v = victim(t.path());
    // A folder link where a locale folder goes.
    let ex1 = t.path().join("ex1");
    std::fs::create_dir_all(&ex1).expect("mkdir");
    std::os::unix::fs::symlink(&v, ex1.join("en")).expect("link");
    let o = notalone(&["export-course", s(&ex1), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(e.contains("symbolic link") && e.contains("en"), "{e}");
    untouched(&v);
    // A file link where course.toml goes.
    let ex2 = t.path().join("ex2");
    std::fs::create_dir_all(&ex2).expect("mkdir");
    std::os::unix::fs::symlink(v.join("secret.txt"), ex2.join("course.toml")).expect("link");
    let o = notalone(&["export-course", s(&ex2), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    untouched(&v);
    // A link to a schema file, written after the course.
    let ex3 = t.path().join("ex3");
    std::fs::create_dir_all(&ex3).expect("mkdir");
    std::os::unix::fs::symlink(&v, ex3.join("schemas")).expect("link");
    let o = notalone(&["export-course", s(&ex3), "--force"]);
    assert_ne!(o.status.code(), Some(0));
    untouched(&v);
    // Without links, --force writes over the old files.
    let ex4 = t.path().join("ex4");
    std::fs::create_dir_all(ex4.join("en")).expect("mkdir");
    std::fs::write(ex4.join("course.toml"), "old").expect("write");
    let o = notalone(&["export-course", s(&ex4), "--force"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        std::fs::read_to_string(ex4.join("course.toml"))
            .expect("read")
            .contains("modules")
    );
}

#[test]
fn new_module_refuses_planted_links() {
    let t = tempfile::tempdir().expect("tmp");
    let v = victim(t.path());
    let c = t.path().join("c");
    let o = notalone(&["new", "course", s(&c)]);
    assert_eq!(o.status.code(), Some(0));
    // The source locale folder replaced by a link to the victim's folder.
    let en = c.join("en");
    std::fs::rename(&en, t.path().join("en-moved")).expect("mv");
    std::os::unix::fs::symlink(&v, &en).expect("link");
    let before = std::fs::read_to_string(c.join("course.toml")).expect("read");
    let o = notalone(&["new", "module", "planted", s(&c)]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(e.contains("symbolic link"), "{e}");
    untouched(&v);
    assert_eq!(
        std::fs::read_to_string(c.join("course.toml")).expect("read"),
        before
    );
    // course.toml itself a link: refused, the target unchanged.
    std::fs::remove_file(&en).expect("rm");
    std::fs::rename(t.path().join("en-moved"), &en).expect("mv back");
    std::fs::write(v.join("secret.txt"), &before).expect("write");
    std::fs::rename(c.join("course.toml"), v.join("course.toml")).expect("mv");
    std::fs::remove_file(v.join("course.toml")).expect("rm");
    std::os::unix::fs::symlink(v.join("secret.txt"), c.join("course.toml")).expect("link");
    let o = notalone(&["new", "module", "planted", s(&c)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(v.join("secret.txt")).expect("read"),
        before
    );
    assert!(!en.join("planted.toml").exists(), "left a half-made module");
}
