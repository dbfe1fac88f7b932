use super::*;

fn e2e() -> CourseSource {
    CourseSource::Dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/courses/e2e"))
}

#[test]
fn a_regional_tag_stays_regional() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut host = Host::new(e2e(), Some("en_GB.UTF-8"), Some(tmp.path().into())).expect("loads");
    let (mut s, _) = host.open("sam");
    assert_eq!(
        host.language_index().map(|i| host.languages()[i].0.clone()),
        Some("en".into())
    );
    // Picking the language in use changes nothing (and never saves plain `en`).
    assert!(host.set_language(&mut s, "en"));
    assert_eq!(s.record().settings.lang, None);
    // Another language, then back: the region comes back too.
    assert!(host.set_language(&mut s, "fr"));
    assert_eq!(s.record().settings.lang.as_deref(), Some("fr"));
    assert_eq!(host.i18n().lang(), "fr");
    assert!(host.set_language(&mut s, "en"));
    assert_eq!(s.record().settings.lang.as_deref(), Some("en-GB"));
    // A record that says plain `en` for an en-GB learner is put right.
    let mut host = Host::new(e2e(), Some("en-GB"), Some(tmp.path().into())).expect("loads");
    let (mut s, _) = host.open("kim");
    s.update(Input::SetLanguage("en".into()), "2026-11-29T10:00:00Z");
    assert!(host.set_language(&mut s, "en"));
    assert_eq!(s.record().settings.lang.as_deref(), Some("en-GB"));
}

#[test]
fn the_exit_line_tells_the_truth() {
    let course = crate::course::load(&e2e(), Some("en")).expect("loads");
    let mut host = Host::in_memory(course.clone());
    assert_eq!(host.close(), None, "no profile opened, nothing to say");
    let (mut s, _) = host.open("sam");
    let o = host.apply(&mut s, Input::Continue);
    assert!(o.save);
    assert_eq!(
        host.saved_record("sam").map(|r| r.position.is_some()),
        Some(true)
    );
    assert_eq!(
        host.close().as_deref(),
        Some("Your progress is saved. See you next time.")
    );
    let mut host = Host::in_memory(course.clone());
    host.set_save_failing(true);
    let (mut s, notice) = host.open("sam");
    assert!(notice.is_some());
    host.apply(&mut s, Input::Continue);
    let line = host.close().unwrap_or_default();
    assert!(line.contains("could not be saved"), "{line}");
}

#[test]
fn preview_never_saves() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut host = Host::preview(e2e(), Some("en")).expect("loads");
    let (mut s, _) = host.open("whoever");
    assert!(s.is_preview());
    for i in [Input::Continue, Input::Continue, Input::Continue] {
        assert!(!host.apply(&mut s, i).save);
    }
    assert_eq!(
        host.close().as_deref(),
        Some("Preview finished. Nothing was saved.")
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).map(|d| d.count()).ok(),
        Some(0)
    );
}

#[test]
fn another_session_holding_the_lock_is_told_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut host = Host::new(e2e(), Some("en"), Some(tmp.path().into())).expect("loads");
    let (mut s, _) = host.open("sam");
    let lock_path =
        crate::progress::store::record_path(tmp.path(), "sam", "e2e").with_extension("lock");
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock_path)
        .expect("lock file");
    held.lock().expect("hold the lock");
    host.apply(&mut s, Input::Continue);
    let told = host.take_notice().unwrap_or_default();
    assert!(told.contains("also open somewhere else"), "{told}");
    host.apply(&mut s, Input::Continue);
    assert_eq!(host.take_notice(), None, "told once");
    // The answers were still saved.
    assert_eq!(
        host.close().as_deref(),
        Some("Your progress is saved. See you next time.")
    );
    drop(held);
}

#[test]
fn a_file_from_a_newer_version_and_a_mixed_script_nickname_get_their_own_sentence() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut host = Host::new(e2e(), Some("en"), Some(tmp.path().into())).expect("loads");
    let (s, _) = host.open("sam");
    drop(s);
    let path = crate::progress::store::record_path(tmp.path(), "sam", "e2e");
    let body = r#"{"format":"notalone-progress","version":99,"profile":"sam","course":"e2e","modules":{}}"#;
    std::fs::write(&path, body).expect("plant");
    let mut host = Host::new(e2e(), Some("en"), Some(tmp.path().into())).expect("loads");
    let (_s, notice) = host.open("sam");
    let told = notice.unwrap_or_default();
    assert!(told.contains("newer version"), "{told}");
    // bоb with a Cyrillic о prints like bob: the reason says so, not "letters, digits...".
    let why = host.validate_profile("b\u{43e}b").expect_err("refused");
    assert!(why.contains("one alphabet"), "{why}");
    assert!(
        host.validate_profile("a/b")
            .expect_err("refused")
            .contains("letters, digits")
    );
}
