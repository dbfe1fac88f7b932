//! An interface translation file (.ftl): parsed and every message formatted
//! through the same code the program uses.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        notalone::fuzzing::ftl(s);
    }
});
