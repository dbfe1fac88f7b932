//! Plain mode fed arbitrary standard input on the built-in course.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    notalone::fuzzing::plain_builtin(data);
});
