//! A progress file: parsed, validated, merged; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    notalone::fuzzing::progress_bytes(data);
});
