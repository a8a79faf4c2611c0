//! The short fuzz run of `cargo test`: every committed seed (`fuzz/seeds/<target>/`) and every
//! crash input that was fixed (`fuzz/regressions/<target>/`) goes through the same invariant
//! checks the cargo-fuzz targets run (`fuzz/src/lib.rs`, included here, not copied). Long runs
//! need libFuzzer: `scripts/fuzz.sh` (README, section Fuzzing).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod invariants;

use std::path::Path;

/// Every file of `fuzz/<kind>/<target>/` for each kind, checked by `check`; the name of the
/// failing file is in the panic message. Fails when the seed directory is empty, so a wrong path
/// cannot turn this test into one that passes without checking anything.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seeds = 0;
    for kind in ["seeds", "regressions"] {
        let dir = root.join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.expect("directory entry").path()).filter(|p| p.is_file() && !p.ends_with(".gitkeep")).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("readable fuzz input");
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
            assert!(result.is_ok(), "fuzz input {} breaks an invariant (message above)", file.display());
            if kind == "seeds" {
                seeds += 1;
            }
        }
    }
    assert!(seeds > 0, "no seeds under fuzz/seeds/{target}/");
}

#[test]
fn protect_seeds_and_regressions_hold_the_invariants() {
    replay("protect", |d| invariants::protect(d, false));
}

/// The same inputs with the classifiers on (rules only under `--no-default-features`).
#[test]
fn protect_with_models_seeds_and_regressions_hold_the_invariants() {
    replay("protect", |d| invariants::protect(d, true));
}

#[test]
fn policy_seeds_and_regressions_hold_the_invariants() {
    replay("policy", invariants::policy);
}

#[test]
fn vault_import_seeds_and_regressions_hold_the_invariants() {
    replay("vault_import", invariants::vault_import);
}

#[test]
fn restore_stream_seeds_and_regressions_hold_the_invariants() {
    replay("restore_stream", invariants::restore_stream);
}
