//! What scrim's fuzz targets check, in one place.
//!
//! Each function takes the fuzzer's bytes and panics when scrim breaks a promise a user relies on.
//! The cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) call these functions, and
//! `tests/fuzz_regressions.rs` includes this same file to replay the committed seeds
//! (`fuzz/seeds/<target>/`) and the crash inputs that were fixed (`fuzz/regressions/<target>/`)
//! under a plain `cargo test`, without nightly or libFuzzer.
//!
//! Bytes become text with lossy UTF-8 decoding (invalid sequences turn into U+FFFD), which is
//! what a browser hands over for text typed or pasted by a person.

use std::sync::{Mutex, OnceLock};

use scrim::offsets::{to_byte, OffsetMap, OffsetUnit};
use scrim::vault::Secret;
use scrim::{Action, ErrorKind, JudgedFinding, Policy, ScanOptions, Scrim, Vault};

/// The hash key of every engine here: results must not depend on a random key.
const KEY: [u8; 32] = [7; 32];

/// The engine of the protect targets: the default policy, classifiers on or off, and hidden
/// characters allowed through so that every replacement is a restorable placeholder.
fn engine(models: bool) -> &'static Mutex<Scrim> {
    static RULES: OnceLock<Mutex<Scrim>> = OnceLock::new();
    static MODELS: OnceLock<Mutex<Scrim>> = OnceLock::new();
    let cell = if models { &MODELS } else { &RULES };
    cell.get_or_init(|| {
        let policy = Policy::from_overrides(serde_json::json!({
            "models": {"toxicity": models, "injection": models, "ner": models},
            "entities": {"HIDDEN_TEXT": {"action": "allow"}}
        }))
        .expect("the fuzz policy is valid");
        Mutex::new(Scrim::builder().policy(policy).hash_key(KEY).build().expect("the fuzz engine builds"))
    })
}

/// Every finding lies inside `text` on character boundaries, says what it covers, and its offsets
/// survive conversion to UTF-16 and code points (what JS and the CLI report) and back.
pub fn check_findings(text: &str, findings: &[JudgedFinding]) {
    let maps = [OffsetUnit::Utf16, OffsetUnit::CodePoint].map(|unit| (unit, OffsetMap::new(text, unit)));
    let mut last_start = 0;
    for f in findings {
        assert!(f.start < f.end && f.end <= text.len(), "{} span {}..{} in {} bytes", f.entity, f.start, f.end, text.len());
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{} span {}..{} splits a character",
            f.entity,
            f.start,
            f.end
        );
        assert_eq!(text[f.start..f.end], f.text, "{} text is not the span {}..{}", f.entity, f.start, f.end);
        assert!((0.0..=1.0).contains(&f.score), "{} score {}", f.entity, f.score);
        assert!(f.start >= last_start, "findings are not sorted by start");
        last_start = f.start;
        for (unit, map) in &maps {
            for byte in [f.start, f.end] {
                assert_eq!(to_byte(text, map.convert(byte), *unit), Some(byte), "{} offset {byte} in {unit:?}", f.entity);
            }
        }
    }
}

/// Whether `value` occurs in `text` as a whole word: not glued to a letter or digit on either side.
/// Inside a longer run ("1536-22-1234") it is another token, not the value ("536-22-1234"); the
/// recognizers match whole words and the engine spreads a model's finding to whole-word
/// occurrences by the same rule.
pub fn contains_word(text: &str, value: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let edge = |at: usize| !(glued(text[..at].chars().next_back()) && glued(text[at..].chars().next()));
    !value.is_empty() && text.match_indices(value).any(|(at, _)| edge(at) && edge(at + value.len()))
}

/// Scan and protect arbitrary text: no panic; findings on character boundaries in every offset
/// unit; scan and protect find the same things; every value to redact is replaced (or lies inside
/// a replaced one) and no replaced value is left as a whole word anywhere in the protected text; restoring the
/// protected text through the vault gives back the input exactly.
///
/// `models`: run the classifiers too (only when scrim is built with its `models` feature; without
/// it the switch does nothing and this is the rules-only check).
pub fn protect(data: &[u8], models: bool) {
    let text = String::from_utf8_lossy(data);
    let mut scrim = engine(models).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // A new conversation per input, so a crash replays from its input alone.
    scrim.set_vault(Vault::new());
    let scan = scrim.scan(&text, &ScanOptions::default()).expect("input under the size limit is screened");
    check_findings(&text, &scan.findings);
    let out = scrim.protect(&text, &ScanOptions::default()).expect("input under the size limit is protected");
    check_findings(&text, &out.findings);
    let spans = |fs: &[JudgedFinding]| fs.iter().map(|f| (f.entity.clone(), f.start, f.end, f.action)).collect::<Vec<_>>();
    assert_eq!(spans(&scan.findings), spans(&out.findings), "scan and protect disagree");
    assert_eq!(scan.decision, out.decision, "scan and protect decide differently");

    let protected = out.text.as_deref().expect("protect returns the protected text");
    let replaced: Vec<&JudgedFinding> = out.findings.iter().filter(|f| f.replacement.is_some()).collect();
    for f in &out.findings {
        if matches!(f.action, Action::Redact | Action::Block) {
            assert!(
                replaced.iter().any(|r| r.start <= f.start && f.end <= r.end),
                "{} at {}..{} is to be redacted but was sent",
                f.entity,
                f.start,
                f.end
            );
        }
    }
    for f in &replaced {
        assert!(matches!(f.action, Action::Redact | Action::Block), "{} replaced under {:?}", f.entity, f.action);
        assert!(!contains_word(protected, &f.text), "{} at {}..{} survives in the protected text", f.entity, f.start, f.end);
    }

    // Input that already holds one of this conversation's placeholders ("[EMAIL_ADDRESS_1]" typed
    // by the user) restores to the value as well: that ambiguity is inherent, not a fault. So does
    // alias linking, by design: "John" after "John Smith" gets [PERSON_1] and restores in full.
    let aliased =
        replaced.iter().any(|f| f.replacement.as_deref().and_then(|r| scrim.vault().value_of(r)).is_some_and(|v| v != f.text));
    if scrim.vault().restore(&text) == text && !aliased {
        assert_eq!(scrim.restore(protected), text, "restore(protect(x)) != x");
    }
}

/// Parse arbitrary text as a TOML and as a JSON policy: an error of kind `Policy` with a message,
/// never a panic. A policy that parses has an id, its own JSON parses back to the same policy,
/// a placeholder minted for each of its custom entities restores, and an engine either builds from
/// it (then screens text) or reports a pattern error.
pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for parsed in [Policy::from_toml(&text), Policy::from_json(&text)] {
        match parsed {
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Policy, "{e}");
                assert!(!e.message().is_empty());
            }
            Ok(p) => check_policy(p),
        }
    }
}

fn check_policy(p: Policy) {
    let id = p.id();
    let json = serde_json::to_value(&p).expect("a policy serializes");
    let again = Policy::from_overrides(json).expect("a policy's own JSON parses");
    assert_eq!(again, p, "a policy's own JSON parses to another policy");
    assert_eq!(again.id(), id);
    for c in &p.custom {
        let mut vault = Vault::new();
        let placeholder = vault.placeholder(&c.entity, "value");
        assert_eq!(vault.restore(&placeholder), "value", "custom entity {:?}: {placeholder} does not restore", c.entity);
    }
    match Scrim::builder().policy(p).hash_key(KEY).build() {
        Ok(scrim) => {
            let sample = "Mail jane.doe@example.com or call +44 20 7946 0958, card 4111 1111 1111 1111.";
            match scrim.scan(sample, &ScanOptions::default()) {
                Ok(report) => check_findings(sample, &report.findings),
                Err(e) => assert_eq!(e.kind(), ErrorKind::InputTooLarge, "{e}"),
            }
        }
        Err(e) => assert!(matches!(e.kind(), ErrorKind::Pattern | ErrorKind::Policy), "{e}"),
    }
}

/// Import an arbitrary vault: an error of kind `Vault`, never a panic. An imported vault exports
/// and imports again unchanged, restores each of its `[ENTITY_N]` placeholders to its value, and
/// a new value minted afterwards gets a placeholder no entry already has.
pub fn vault_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let vault = match Vault::import_json(&text) {
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Vault, "{e}");
            assert!(!e.message().is_empty());
            return;
        }
        Ok(v) => v,
    };
    let again = Vault::import_json(&vault.export_json()).expect("an exported vault imports");
    assert_eq!(again.entries(), vault.entries(), "export/import changed the vault");
    assert_eq!(again.export_json(), vault.export_json());
    for e in vault.entries().iter().filter(|e| !e.pseudonym) {
        assert_eq!(vault.restore(&e.placeholder), e.value, "{} does not restore to its value", e.placeholder);
    }
    // Every entry's placeholder together: restore must not panic whatever the stand-ins are.
    let all: Vec<&str> = vault.entries().iter().map(|e| e.placeholder.as_str()).collect();
    let _ = vault.restore(&all.join(" "));
    let mut next = vault.clone();
    next.set_link_aliases(false);
    let fresh = "\u{1}fresh value";
    for e in vault.entries() {
        if vault.entries().iter().any(|x| x.entity == e.entity && x.value == fresh) {
            continue;
        }
        let minted = next.placeholder(&e.entity, fresh);
        assert!(
            !vault.entries().iter().any(|x| x.placeholder == minted),
            "a new {} value got {minted}, which the imported vault already uses",
            e.entity
        );
        assert_eq!(next.restore(&minted), fresh, "the new {minted} does not restore");
    }
}

/// The key of the vault_import_encrypted target's seeds (`fuzz/seeds/vault_import_encrypted/`).
pub const SEALING_KEY: [u8; 32] = [0x5c; 32];

/// Import an arbitrary encrypted vault export under [`SEALING_KEY`] (a key, not a passphrase: the
/// passphrase path is the same parsing plus PBKDF2, whose rounds would make each run slow): an
/// error of kind `Vault` that says what is wrong, never a panic and never a partial vault. One
/// that imports (only an export sealed under the key can: AES-GCM authenticates it) holds a vault
/// that seals and opens again unchanged, and holds the plain-import invariants of
/// [`vault_import`].
pub fn vault_import_encrypted(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let vault = match Vault::import_encrypted(&text, Secret::Key(&SEALING_KEY)) {
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Vault, "{e}");
            assert!(!e.message().is_empty());
            return;
        }
        Ok(v) => v,
    };
    let resealed = vault.export_encrypted(Secret::Key(&SEALING_KEY)).expect("a vault seals");
    let again = Vault::import_encrypted(&resealed, Secret::Key(&SEALING_KEY)).expect("a sealed vault opens");
    assert_eq!(again.entries(), vault.entries(), "seal/open changed the vault");
    let wrong = [0xa3; 32];
    let e = Vault::import_encrypted(&resealed, Secret::Key(&wrong)).expect_err("opened under another key");
    assert!(e.message().contains("wrong key"), "{e}");
    vault_import(vault.export_json().as_bytes());
}

/// The vault of the restore_stream target: placeholders and pseudonym stand-ins.
fn stream_vault() -> &'static Vault {
    static VAULT: OnceLock<Vault> = OnceLock::new();
    VAULT.get_or_init(|| {
        let mut v = Vault::new();
        v.placeholder("EMAIL_ADDRESS", "jane@example.com");
        v.placeholder("PERSON", "Jane Doe");
        v.placeholder("PHONE_NUMBER", "+44 20 7946 0958");
        v.placeholder("PERSON", "Bob");
        v.pseudonym("PERSON", "John Smith", &KEY);
        v.pseudonym("CREDIT_CARD", "4111 1111 1111 1111", &KEY);
        v.pseudonym("EMAIL_ADDRESS", "bob@mail.example.org", &KEY);
        v
    })
}

/// Stream a reply through a [`scrim::Restorer`] in arbitrary chunks: the concatenated output
/// equals the one-shot `restore` of the whole reply, and the restorer never holds back more than
/// the longest placeholder or stand-in could span.
///
/// Input layout: byte 0 = number of cuts n; the next 2n bytes = cut points (u16, little-endian,
/// taken modulo the reply length and moved forward to a character boundary); the rest = the reply.
pub fn restore_stream(data: &[u8]) {
    let Some((&n, rest)) = data.split_first() else { return };
    let n = usize::from(n % 32).min(rest.len() / 2);
    let (cut_bytes, reply) = rest.split_at(2 * n);
    let reply = String::from_utf8_lossy(reply);
    let mut cuts: Vec<usize> = cut_bytes
        .chunks_exact(2)
        .map(|b| {
            let mut at = usize::from(u16::from_le_bytes([b[0], b[1]])) % (reply.len() + 1);
            while !reply.is_char_boundary(at) {
                at += 1;
            }
            at
        })
        .collect();
    cuts.sort_unstable();
    cuts.dedup();

    let vault = stream_vault();
    let longest = vault
        .entries()
        .iter()
        .map(|e| e.placeholder.len())
        .chain(std::iter::once(scrim::vault::MAX_PLACEHOLDER_LEN + 1))
        .max()
        .unwrap_or(0);
    let mut restorer = vault.restorer();
    let mut got = String::new();
    let mut last = 0;
    for cut in cuts.into_iter().chain(std::iter::once(reply.len())) {
        got += &restorer.push(&reply[last..cut]);
        assert!(restorer.held() <= longest, "the restorer holds back {} bytes (longest placeholder {longest})", restorer.held());
        last = cut;
    }
    got += &restorer.finish();
    assert_eq!(restorer.held(), 0);
    assert_eq!(got, vault.restore(&reply), "streamed restore differs from one-shot restore");
}
