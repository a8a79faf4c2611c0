#![no_main]
//! See scrim_fuzz::protect (fuzz/src/lib.rs) for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrim_fuzz::protect(data, false));
