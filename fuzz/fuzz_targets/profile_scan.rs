//! A shared data folder planted with folders, files and links: the profile
//! list and the class report read it; never a panic, a hang or a followed link.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    notalone::fuzzing::profile_scan(data);
});
