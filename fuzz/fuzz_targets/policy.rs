#![no_main]
//! See scrim_fuzz::policy (fuzz/src/lib.rs) for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrim_fuzz::policy(data));
