//! Nothing leaks, nothing is lost: failures end in an error (never a silent pass), and the failures
//! users have reported of other guards are proven absent here.

use scrim::offsets::{OffsetMap, OffsetUnit};
use scrim::{ErrorKind, Policy, ScanOptions, Scrim};
use serde_json::json;

fn scrim_with(policy: serde_json::Value) -> Scrim {
    Scrim::builder().policy(Policy::from_overrides(policy).unwrap()).hash_key([3; 32]).build().unwrap()
}

fn rules_only() -> Scrim {
    scrim_with(json!({"models": {"toxicity": false, "injection": false, "ner": false}}))
}

fn protect(s: &mut Scrim, text: &str) -> String {
    s.protect(text, &ScanOptions::default()).unwrap().text.unwrap()
}

#[cfg(feature = "models")]
mod models {
    use scrim::model::ner::NerModel;
    use scrim::ErrorKind;

    const ONNX: &[u8] = include_bytes!("../models/ner.onnx");
    const SIDECAR: &str = include_str!("../models/ner.json");

    #[test]
    fn a_corrupt_ner_model_is_an_error_at_load() {
        let e = NerModel::from_bytes(&ONNX[..ONNX.len() / 2], SIDECAR).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Model, "{e}");
        let e = NerModel::from_bytes(b"not a model", SIDECAR).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Model, "{e}");
    }

    #[test]
    fn a_ner_network_that_fails_to_run_is_an_error_not_an_empty_list() {
        // A sidecar with one tag more than the network outputs: every run fails its shape check.
        // `find` used to answer with no names at all, so they were sent unredacted in silence.
        let mut sidecar: serde_json::Value = serde_json::from_str(SIDECAR).unwrap();
        sidecar["tags"].as_array_mut().unwrap().push("B-EXTRA".into());
        let model = NerModel::from_bytes(ONNX, &sidecar.to_string()).unwrap();
        let e = model.find("tell Priya Raman in Leeds that Acme's offer stands").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Model);
        assert!(e.message().contains("output"), "{e}");
    }
}

#[test]
fn input_refused_by_a_limit_is_an_error_that_says_so() {
    let mut s = scrim_with(json!({"limits": {"max_input_bytes": 64}}));
    let e = s.protect(&"a".repeat(65), &ScanOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InputTooLarge);
    assert!(e.message().contains("nothing was screened"), "{e}");
    assert!(s.vault().is_empty(), "nothing was minted for a refused input");
}

/// LiteLLM #42130: overlapping findings replaced one inside the other made a token that restored to
/// nothing. Here overlapping candidates become one replacement each, every placeholder in the text
/// restores, and the round trip is exact.
#[test]
fn overlapping_findings_never_splice_two_placeholders_into_one() {
    let mut s = scrim_with(json!({
        "models": {"toxicity": false, "injection": false, "ner": false},
        "entities": {"URL": {"action": "redact"}},
        "deny": [{"entity": "PERSON", "values": ["jane", "Jane Doe"]}],
        "custom": [{"entity": "EMPLOYEE_ID", "pattern": "doe@exa", "score": 0.9}]
    }));
    for text in [
        "write to jane.doe@example.com or jane",
        "see https://example.com/users/jane.doe@example.com/profile now",
        "Jane Doe <jane.doe@example.com>, card 4111 1111 1111 1111+44 20 7946 0958",
    ] {
        let out = protect(&mut s, text);
        let brackets = out.matches('[').count();
        assert_eq!(brackets, out.matches(']').count(), "{out}");
        assert!(!out.contains("[["), "nested placeholders: {out}");
        assert_eq!(s.restore(&out), text, "via {out}");
    }
}

/// LLM Guard #82: several protects before a restore (a conversation's turns) left the vault
/// inconsistent. Here every turn's placeholders restore, repeats keep their placeholder, and
/// numbering never reuses one.
#[test]
fn the_vault_stays_consistent_when_protect_runs_several_times_before_restore() {
    let mut s = rules_only();
    let t1 = protect(&mut s, "mail a@example.com and b@example.com");
    let t2 = protect(&mut s, "now c@example.com, and a@example.com again");
    let t3 = protect(&mut s, "call +44 20 7946 0958 or mail b@example.com");
    assert_eq!(t1, "mail [EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]");
    assert_eq!(t2, "now [EMAIL_ADDRESS_3], and [EMAIL_ADDRESS_1] again");
    assert_eq!(t3, "call [PHONE_NUMBER_1] or mail [EMAIL_ADDRESS_2]");
    let reply = "[EMAIL_ADDRESS_3] wrote to [EMAIL_ADDRESS_1]; [EMAIL_ADDRESS_2] called [PHONE_NUMBER_1].";
    assert_eq!(s.restore(reply), "c@example.com wrote to a@example.com; b@example.com called +44 20 7946 0958.");
    // An export taken between the turns continues the same way.
    let mut resumed = Scrim::builder().vault(scrim::Vault::import_json(&s.vault().export_json()).unwrap()).build().unwrap();
    assert_eq!(protect(&mut resumed, "d@example.com and c@example.com"), "[EMAIL_ADDRESS_4] and [EMAIL_ADDRESS_3]");
}

/// Presidio #1925: of several space-separated e-mail addresses only the first was anonymized.
#[test]
fn every_one_of_several_values_of_a_type_in_a_row_is_replaced() {
    let mut s = rules_only();
    let cases = [
        ("a@x.com b@y.com c@z.com", "[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2] [EMAIL_ADDRESS_3]"),
        ("a@x.com,b@y.com;c@z.com", "[EMAIL_ADDRESS_1],[EMAIL_ADDRESS_2];[EMAIL_ADDRESS_3]"),
        ("- 536-22-1234\n- 536-22-1235\n- 536-22-1236", "- [US_SSN_1]\n- [US_SSN_2]\n- [US_SSN_3]"),
        ("| email |\n|---|\n| d@x.com |\n| e@y.com |", "| email |\n|---|\n| [EMAIL_ADDRESS_4] |\n| [EMAIL_ADDRESS_5] |"),
    ];
    for (text, want) in cases {
        assert_eq!(protect(&mut s, text), want, "{text:?}");
    }
}

/// LiteLLM #24160: offsets computed in one unit and applied in another misplaced replacements after
/// an emoji. Here each unit's offsets slice the value back out, around astral characters, ZWJ
/// sequences, combining marks and CJK, and the protected text keeps every character around them.
#[test]
fn offsets_stay_right_around_astral_characters_and_combining_marks() {
    let text = "👩‍👩‍👧 José\u{301} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 写信给 jane.doe@example.com 🎉 or call +44 20 7946 0958 é\u{302}";
    let mut s = rules_only();
    let report = s.scan(text, &ScanOptions::default()).unwrap();
    assert_eq!(report.findings.len(), 2, "{:?}", report.findings);
    for unit in [OffsetUnit::Utf16, OffsetUnit::CodePoint] {
        let map = OffsetMap::new(text, unit);
        for f in &report.findings {
            let (start, end) = (map.convert(f.start), map.convert(f.end));
            let value = match unit {
                OffsetUnit::Utf16 => {
                    let units: Vec<u16> = text.encode_utf16().collect();
                    String::from_utf16(&units[start..end]).unwrap()
                }
                _ => text.chars().skip(start).take(end - start).collect(),
            };
            assert_eq!(value, f.text, "{unit:?}");
        }
    }
    let out = protect(&mut s, text);
    assert_eq!(out, "👩‍👩‍👧 José\u{301} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 写信给 [EMAIL_ADDRESS_1] 🎉 or call [PHONE_NUMBER_1] é\u{302}");
    assert_eq!(s.restore(&out), text);
}

/// The encrypted-vault fixtures of `tests/data/vault/` (README there: the key and passphrase) open
/// with the native implementation: the format cannot change under a user's stored vaults. The JS
/// suite (tests/js/vault.test.mjs) opens the same files with WebCrypto and wrote the `js_*` ones,
/// which open here: one format on both sides. `SCRIM_BLESS_VAULT=1` writes the native ones anew.
#[test]
fn the_encrypted_vault_fixtures_open_natively() {
    use scrim::vault::Secret;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vault");
    let key: [u8; 32] = std::array::from_fn(|i| i as u8);
    let passphrase = "correct horse battery staple";
    if std::env::var_os("SCRIM_BLESS_VAULT").is_some() {
        let mut s = rules_only();
        protect(&mut s, "mail jane.doe@example.com, call +44 20 7946 0958");
        std::fs::write(format!("{dir}/native_key.json"), s.vault().export_encrypted(Secret::Key(&key)).unwrap()).unwrap();
        std::fs::write(
            format!("{dir}/native_passphrase.json"),
            s.vault().export_encrypted(Secret::Passphrase(passphrase)).unwrap(),
        )
        .unwrap();
    }
    for (file, secret) in [
        ("native_key.json", Secret::Key(&key)),
        ("native_passphrase.json", Secret::Passphrase(passphrase)),
        ("js_key.json", Secret::Key(&key)),
        ("js_passphrase.json", Secret::Passphrase(passphrase)),
    ] {
        let sealed = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let vault = scrim::Vault::import_encrypted(&sealed, secret).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(vault.restore("[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]"), "jane.doe@example.com / +44 20 7946 0958", "{file}");
    }
}
