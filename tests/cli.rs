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

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scrim-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_encrypted_vault_file_holds_no_value_and_restores_the_replies() {
    let dir = temp_dir("vault");
    let (prompts, vault) = (dir.join("prompts.jsonl"), dir.join("vault.json"));
    std::fs::write(&prompts, "{\"id\": 1, \"text\": \"mail jane.doe@example.com about card 4111 1111 1111 1111\"}\n").unwrap();
    let rules_only = dir.join("policy.toml");
    std::fs::write(&rules_only, "[models]\ntoxicity = false\ninjection = false\nner = false\n").unwrap();
    let out = scrim()
        .args(["protect", "--jsonl", "--policy"])
        .arg(&rules_only)
        .arg("--vault-out")
        .arg(&vault)
        .args(["--vault-passphrase-env", "SCRIM_TEST_PASSPHRASE"])
        .arg(&prompts)
        .env("SCRIM_TEST_PASSPHRASE", "correct horse battery staple")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sent: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sent["text"], "mail [EMAIL_ADDRESS_1] about card [CREDIT_CARD_1]");
    let stored = std::fs::read_to_string(&vault).unwrap();
    assert!(stored.contains("\"scrim_vault\":1") && !stored.contains("jane") && !stored.contains("4111"), "{stored}");

    let restore = |passphrase: &str| {
        let mut child = scrim()
            .args(["restore", "--vault-in"])
            .arg(&vault)
            .args(["--vault-passphrase-env", "SCRIM_TEST_PASSPHRASE"])
            .env("SCRIM_TEST_PASSPHRASE", passphrase)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"I wrote to [EMAIL_ADDRESS_1] about [CREDIT_CARD_1].").unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = restore("correct horse battery staple");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(String::from_utf8(ok.stdout).unwrap(), "I wrote to jane.doe@example.com about 4111 1111 1111 1111.");
    let wrong = restore("Tr0ub4dor&3");
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("wrong key (or passphrase)"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_document_over_the_browsers_limit_is_screened_by_the_cli() {
    // The embedded (browser) limit is 8 MiB; the CLI's default accepts 100 MiB documents.
    let dir = temp_dir("big");
    let (doc, policy) = (dir.join("doc.txt"), dir.join("policy.toml"));
    let paragraph = "Routine meeting notes, nothing personal here at all.\n\n";
    let mut text = paragraph.repeat((9 << 20) / paragraph.len() + 1);
    text.push_str("Contact: jane.doe@example.com\n");
    std::fs::write(&doc, &text).unwrap();
    std::fs::write(&policy, "[models]\ntoxicity = false\ninjection = false\nner = false\n").unwrap();
    let out = scrim().args(["scan", "--policy"]).arg(&policy).arg(&doc).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"][0]["entity"], "EMAIL_ADDRESS");
    // A policy may still set its own limit, and the refusal says so.
    std::fs::write(&policy, "[limits]\nmax_input_bytes = 1000\n").unwrap();
    let out = scrim().args(["scan", "--policy"]).arg(&policy).arg(&doc).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the limit is 1000"), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn parallel_output_is_byte_identical_to_one_thread() {
    let dir = temp_dir("threads");
    let prompts = dir.join("prompts.jsonl");
    let mut lines = String::new();
    for i in 0..700 {
        // Repeated values across batches: their placeholders depend on the order of minting.
        match i % 7 {
            0 => lines.push_str("not json\n"),
            1 => lines.push('\n'),
            _ => lines.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"mail user{}@example.com or call +44 20 7946 {:04}, ssn 536-22-{:04}\"}}\n",
                i % 37,
                i % 13,
                1000 + i % 29
            )),
        }
    }
    std::fs::write(&prompts, lines).unwrap();
    let rules_only = dir.join("policy.toml");
    std::fs::write(&rules_only, "[models]\ntoxicity = false\ninjection = false\nner = false\n").unwrap();
    let run = |threads: &str| {
        let (vault, audit) = (dir.join(format!("vault-{threads}.json")), dir.join(format!("audit-{threads}.jsonl")));
        let out = scrim()
            .args(["protect", "--jsonl", "--threads", threads, "--policy"])
            .arg(&rules_only)
            .arg("--vault-out")
            .arg(&vault)
            .arg("--audit")
            .arg(&audit)
            .arg(&prompts)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "bad lines fail the run");
        // The audit's timestamps and the chain over them differ between runs; the rest must not.
        let audit: Vec<serde_json::Value> = std::fs::read_to_string(audit)
            .unwrap()
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().retain(|k, _| k != "timestamp_ms" && k != "prev");
                v
            })
            .collect();
        (out.stdout, std::fs::read_to_string(vault).unwrap(), audit)
    };
    let one = run("1");
    let four = run("4");
    assert_eq!(String::from_utf8_lossy(&one.0).lines().count(), 600, "one line per non-blank input line");
    assert!(one.0 == four.0, "stdout differs between 1 and 4 threads");
    assert_eq!(one.1, four.1, "the vault differs");
    assert_eq!(one.2, four.2, "the audit trail differs");
    std::fs::remove_dir_all(dir).ok();
}
