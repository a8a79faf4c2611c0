#![no_main]
//! scrim_fuzz::protect (fuzz/src/lib.rs) with the classifiers on: build with `--features models`.
//! Shares the seeds and regressions of the protect target.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrim_fuzz::protect(data, true));
