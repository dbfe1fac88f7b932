//! Property tests over the same entry points as the fuzz targets (`fuzz/`),
//! so `cargo test` exercises them on every run.

use proptest::prelude::*;

fn answer_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("h".to_string()),
        "[0-9]{1,3}",
        "[0-9 ,]{1,12}",
        "-?[0-9]{1,25}",
        "[a-z]{1,6}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn plain_mode_survives_any_answers(lines in prop::collection::vec(answer_line(), 0..120)) {
        let input = lines.join("\n");
        notalone::fuzzing::plain_builtin(input.as_bytes());
    }

    #[test]
    fn plain_mode_survives_raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        notalone::fuzzing::plain_builtin(&bytes);
    }

    #[test]
    fn progress_files_never_panic(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
        let good = br#"{"format":"notalone-progress","version":1,"profile":"sam","course":"notalone",
            "position":{"module":"how-it-starts","step":"gone-step"},
            "modules":{"how-it-starts":{"started_at":"2026-11-29T10:00:00Z","step":"gone","steps":{
            "x":{"done":true,"first_correct":true,"answer":[99,3,1000000],"flags":[400],"choices":[77]}}},
            "no-such-module":{"completed_at":"2026-11-29T10:00:00Z"}}}"#;
        notalone::fuzzing::progress_bytes(good);
        let mut v = good.to_vec();
        if flip < v.len() { v[flip] = byte; }
        v.truncate(cut.min(v.len()));
        notalone::fuzzing::progress_bytes(&v);
    }

    #[test]
    fn ftl_files_never_panic(cut in 0usize..6000, junk in "\\PC{0,30}") {
        let en = notalone::i18n::source("en").unwrap_or_default();
        let mut s: String = en.chars().take(cut).collect();
        s.push_str(&junk);
        notalone::fuzzing::ftl(&s);
    }

    #[test]
    fn planted_profile_folders_never_panic_or_hang(ops in prop::collection::vec(any::<u8>(), 0..150)) {
        notalone::fuzzing::profile_scan(&ops);
    }
}
