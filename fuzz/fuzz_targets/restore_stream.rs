#![no_main]
//! See scrim_fuzz::restore_stream (fuzz/src/lib.rs) for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrim_fuzz::restore_stream(data));
