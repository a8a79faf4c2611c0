//! The short fuzz run of `cargo test`: every committed seed (`fuzz/seeds/<target>/`) and every
//! crash input that was fixed (`fuzz/regressions/<target>/`) goes through the same invariant
//! checks the cargo-fuzz targets run (`fuzz/src/lib.rs`, included here, not copied). Long runs
//! need libFuzzer: `scripts/fuzz.sh` (README, section Fuzzing).

use scrim::ScanOptions;
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
        let mut files: Vec<_> =
            entries.map(|e| e.expect("directory entry").path()).filter(|p| p.is_file() && !p.ends_with(".gitkeep")).collect();
        files.sort();
        for file in files {
            check_file(&file, &check);
            if kind == "seeds" {
                seeds += 1;
            }
        }
    }
    assert!(seeds > 0, "no seeds under fuzz/seeds/{target}/");
}

/// One fuzz input through `check`, named in the failure message.
fn check_file(file: &Path, check: &impl Fn(&[u8])) {
    let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
    assert!(result.is_ok(), "fuzz input {} breaks an invariant (message above)", file.display());
}

/// A crash input that was fixed: `fuzz/regressions/<target>/<name>`.
fn regression(target: &str, name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target).join(name)
}

/// A rules-only engine with the default policy.
fn rules_only() -> scrim::Scrim {
    let policy =
        scrim::Policy::from_overrides(serde_json::json!({"models": {"toxicity": false, "injection": false, "ner": false}}))
            .expect("valid policy");
    scrim::Scrim::builder().policy(policy).hash_key([7; 32]).build().expect("rules engine")
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
fn vault_import_encrypted_seeds_and_regressions_hold_the_invariants() {
    replay("vault_import_encrypted", invariants::vault_import_encrypted);
}

#[test]
fn restore_stream_seeds_and_regressions_hold_the_invariants() {
    replay("restore_stream", invariants::restore_stream);
}

// Regressions, named after what broke. Each input is also replayed with the rest above.

/// A rules-only engine with the custom recognizer EMPLOYEE_ID, which finds "E12 34" only after
/// "emp ": a value a rule finds in one place and not in another.
fn with_employee_ids() -> scrim::Scrim {
    let policy = scrim::Policy::from_overrides(serde_json::json!({
        "models": {"toxicity": false, "injection": false, "ner": false},
        "custom": [{"entity": "EMPLOYEE_ID", "pattern": "emp (?P<v>E[0-9]{2} [0-9]{2})"}]
    }))
    .expect("valid policy");
    scrim::Scrim::builder().policy(policy).hash_key([7; 32]).build().expect("rules engine")
}

/// protect target: the phone rule found "+44 20 794" and missed the same number written again
/// right after it, so one copy was replaced and the other sent. (Since bf14d68 "+44 20 794" is
/// no phone number at all; a custom rule that finds a value in one place only stands in.)
#[test]
fn a_value_a_rule_finds_once_is_replaced_everywhere() {
    check_file(&regression("protect", "phone_number_glued_to_its_repeat"), &|d| invariants::protect(d, false));
    let out = with_employee_ids().protect("emp E12 34 wrote to E12 34.", &ScanOptions::default()).unwrap();
    assert_eq!(out.text.as_deref(), Some("emp [EMPLOYEE_ID_1] wrote to [EMPLOYEE_ID_1]."));
}

/// vault_import target: an imported vault accepted the entity "1ERSON", whose placeholders
/// `[1ERSON_1]` restore never finds; a policy accepted such custom and deny-list entities too
/// ("2FA_CODE"), so protect minted placeholders the reply could not be restored from.
#[test]
fn entities_whose_placeholders_cannot_be_restored_are_rejected() {
    check_file(&regression("vault_import", "entity_starting_with_a_digit.json"), &invariants::vault_import);
    let vault = r#"{"version":1,"entries":[{"placeholder":"[1ERSON_1]","entity":"1ERSON","value":"John"}]}"#;
    let e = scrim::Vault::import_json(vault).unwrap_err();
    assert!(e.message().contains("entries[0].entity"), "{e}");
    for bad in ["2FA_CODE", "EMP__ID", "_ID", "ID_", "Emp_Id"] {
        let custom = serde_json::json!({"custom": [{"entity": bad, "pattern": "x[0-9]+"}]});
        let e = scrim::Policy::from_overrides(custom).unwrap_err();
        assert!(e.message().contains("policy.custom[0].entity"), "{bad}: {e}");
        let deny = serde_json::json!({"deny": [{"entity": bad, "values": ["x1"]}]});
        let e = scrim::Policy::from_overrides(deny).unwrap_err();
        assert!(e.message().contains("policy.deny[0].entity"), "{bad}: {e}");
    }
    // Every entity scrim can report, built-in or custom, mints placeholders that restore.
    let policy =
        scrim::Policy::from_overrides(serde_json::json!({"custom": [{"entity": "EMPLOYEE_ID2", "pattern": "E[0-9]{6}"}]}))
            .unwrap();
    for entity in policy.known_entities() {
        let mut vault = scrim::Vault::new();
        let placeholder = vault.placeholder(&entity, "value");
        assert_eq!(vault.restore(&format!("see {placeholder}.")), "see value.", "{entity}");
    }
}

/// vault_import target: a vault whose name "john" stood in as "" imported, and restore then
/// wrote "John" in front of every placeholder (an empty stand-in matches everywhere).
#[test]
fn a_vault_with_a_blank_stand_in_is_rejected() {
    check_file(&regression("vault_import", "blank_name_stand_in.json"), &invariants::vault_import);
    for vault in [
        r#"{"version":1,"entries":[{"placeholder":"[PERSON_1]","entity":"PERSON","value":"Ann"}],"names":{"john":""}}"#,
        r#"{"version":1,"entries":[{"placeholder":" ","entity":"PERSON","value":"John","pseudonym":true}]}"#,
    ] {
        let e = scrim::Vault::import_json(vault).unwrap_err();
        assert!(e.message().contains("blank stand-in") && !e.message().contains("john"), "{e}");
    }
}

/// vault_import target: a pseudonym entry whose stand-in was "[PHONE_NUMBER_2]" imported, and the
/// next phone number minted got "[PHONE_NUMBER_2]" too: one placeholder for two values.
#[test]
fn a_new_placeholder_never_reuses_an_imported_stand_in() {
    check_file(&regression("vault_import", "stand_in_shaped_like_the_next_placeholder.json"), &invariants::vault_import);
    let json = r#"{"version":1,"entries":[{"placeholder":"[PHONE_NUMBER_1]","entity":"PHONE_NUMBER","value":"+44 20 7946 0958","pseudonym":true}]}"#;
    let mut vault = scrim::Vault::import_json(json).unwrap();
    assert_eq!(vault.placeholder("PHONE_NUMBER", "+44 20 7946 0000"), "[PHONE_NUMBER_2]");
    assert_eq!(vault.restore("[PHONE_NUMBER_1] [PHONE_NUMBER_2]"), "+44 20 7946 0958 +44 20 7946 0000");
}

/// restore_stream target: "NKenneth" streamed as "N" + "Kenneth" restored the stand-in "Kenneth"
/// (a chunk's start counted as a word start), which the one-shot restore rightly left alone; and
/// in "PHONKenneth Montez" the one-shot restore missed the whole word "Montez", hidden inside the
/// glued, rejected match "Kenneth Montez".
#[test]
fn streamed_and_one_shot_restore_agree_on_stand_ins_glued_to_words() {
    for name in ["stand_in_glued_to_the_previous_chunk", "stand_in_inside_a_glued_stand_in"] {
        check_file(&regression("restore_stream", name), &invariants::restore_stream);
    }
    let mut vault = scrim::Vault::new();
    let stand_in = vault.pseudonym("PERSON", "John Smith", &[7; 32]);
    let (first, last) = stand_in.split_once(' ').expect("a first and a last name");
    let reply = format!("X{first} {last} and {first}");
    assert_eq!(vault.restore(&reply), format!("X{first} Smith and John"));
    let mut restorer = vault.restorer();
    let streamed = restorer.push("X") + &restorer.push(&reply[1..]) + &restorer.finish();
    assert_eq!(streamed, vault.restore(&reply));
}

/// protect target: "\o@l.rg" was protected to "\[EMAIL_ADDRESS_1]", and restore took the user's
/// backslash for markdown escaping and dropped it.
#[test]
fn a_backslash_before_a_value_survives_protect_and_restore() {
    check_file(&regression("protect", "backslash_before_an_email"), &|d| invariants::protect(d, false));
    let mut scrim = rules_only();
    let text = r"C:\users\jane.doe@example.com";
    let out = scrim.protect(text, &ScanOptions::default()).unwrap();
    assert_eq!(out.text.as_deref(), Some(r"C:\users\[EMAIL_ADDRESS_1]"));
    assert_eq!(scrim.restore(out.text.as_deref().unwrap()), text);
    assert_eq!(scrim.restore(r"\[EMAIL\_ADDRESS\_1\]"), "jane.doe@example.com", "markdown escaping still restores");
}

/// protect target: in "+44 20 794\u{fffd}http://+44 20 794" the second copy of the number was cut by
/// the allowed URL "http://+44", so it counted as covered and was sent.
#[test]
fn a_value_partly_inside_an_allowed_url_is_still_replaced() {
    check_file(&regression("protect", "phone_number_again_inside_a_url"), &|d| invariants::protect(d, false));
    let out = with_employee_ids().protect("emp E12 34, see http://E12 34", &ScanOptions::default()).unwrap();
    assert_eq!(out.text.as_deref(), Some("emp [EMPLOYEE_ID_1], see http://[EMPLOYEE_ID_1]"));
}

/// protect target, after the fix above: "090958 20" found at the start was copied to where it
/// overlapped in part the replaced phone number "+4 090958", so the report listed a finding to
/// redact that protect could not replace, and " 20" of it was sent.
#[test]
fn every_finding_to_redact_in_a_report_is_replaced() {
    check_file(&regression("protect", "value_copy_half_inside_a_replaced_phone"), &|d| invariants::protect(d, false));
}

/// protect target: in "http://536-22-1234 536-22-1234" the social security number was replaced
/// where it stood alone and sent inside the allowed URL.
#[test]
fn a_value_inside_an_allowed_url_is_still_replaced() {
    check_file(&regression("protect", "ssn_again_inside_an_allowed_url"), &|d| invariants::protect(d, false));
    let out = with_employee_ids().protect("emp E12 34, see http://x.example/E12 34", &ScanOptions::default()).unwrap();
    assert_eq!(out.text.as_deref(), Some("emp [EMPLOYEE_ID_1], see http://x.example/[EMPLOYEE_ID_1]"));
}

/// protect_models target: a copy of a replaced name spread across an allowed finding into the
/// e-mail address after it (only the first overlapped finding was looked at), and protect, which
/// replaces only one of two overlapping spans, sent the address.
#[test]
fn a_spread_copy_never_overlaps_a_value_that_is_replaced() {
    check_file(&regression("protect", "name_copy_across_an_allowed_finding_into_an_email"), &|d| invariants::protect(d, true));
}

/// protect_models target: "中文字ne@example.cog" with "中文字" tagged as a name elsewhere. The
/// name is glued to the address, so it was no whole word and not spread; once the address was
/// replaced ("中文字[EMAIL_ADDRESS_1]") it stood alone and was sent.
#[test]
fn a_name_glued_to_a_replaced_value_is_replaced_too() {
    check_file(&regression("protect", "name_glued_to_an_email"), &|d| invariants::protect(d, true));
    let policy = scrim::Policy::from_overrides(serde_json::json!({
        "models": {"toxicity": false, "injection": false, "ner": false},
        "custom": [{"entity": "CODENAME", "pattern": "codename (?P<v>中文字)"}]
    }))
    .expect("valid policy");
    let mut scrim = scrim::Scrim::builder().policy(policy).hash_key([7; 32]).build().expect("rules engine");
    let out = scrim.protect("codename 中文字, write to 中文字ne@example.com", &ScanOptions::default()).unwrap();
    assert_eq!(out.text.as_deref(), Some("codename [CODENAME_1], write to [CODENAME_1][EMAIL_ADDRESS_1]"));
}
