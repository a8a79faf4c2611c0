//! The command-line tool as a user runs it.
#![cfg(feature = "cli")]

use std::process::Command;

fn scrim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scrim"))
}

#[test]
fn recognizers_lists_what_the_engine_runs_enable_included() {
    let dir = std::env::temp_dir().join(format!("scrim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.toml");
    std::fs::write(&policy, "[recognizers]\nenable = [\"generic.uuid\"]\ndisable = [\"generic.url\"]\n").unwrap();
    let out = scrim().args(["recognizers", "--policy"]).arg(&policy).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listing = String::from_utf8(out.stdout).unwrap();
    let state = |id: &str| {
        listing.lines().find(|l| l.starts_with(&format!("{id}\t"))).and_then(|l| l.rsplit('\t').next()).map(str::to_string)
    };
    assert_eq!(state("generic.uuid").as_deref(), Some("on"), "enabled by the policy: the engine runs it");
    assert_eq!(state("generic.url").as_deref(), Some("off"));
    assert_eq!(state("generic.email").as_deref(), Some("on"));
    // The default: UUIDs are off.
    let listing = String::from_utf8(scrim().arg("recognizers").output().unwrap().stdout).unwrap();
    assert!(listing.lines().any(|l| l == "generic.uuid\tUUID\toff"), "{listing}");
    std::fs::remove_dir_all(dir).ok();
}
