#![no_main]
//! See scrim_fuzz::vault_import_encrypted (fuzz/src/lib.rs) for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrim_fuzz::vault_import_encrypted(data));
