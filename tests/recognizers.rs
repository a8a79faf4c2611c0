//! Table-driven recognizer tests and the negative corpus.
//!
//! Every `tests/data/recognizers/<entity>.toml` holds `[[test]]` cases: a `text`, and in `expect`
//! every finding `Scrim::scan` must report with the default policy (entity and value; the span is
//! where the value occurs in the text). An empty `expect` is a negative: nothing at all may be
//! reported, so a case with a bad check digit fails if its validator is removed. Each
//! `tests/data/negative/*.txt` line is a prompt on which nothing may be reported either.

use scrim::ScanOptions;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    entity: String,
    value: String,
}

fn data(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The rule recognizers alone: models off; the injection heuristics' findings are filtered out
/// below (they have their own tests in tests/injection.rs).
fn rules_only() -> scrim::Scrim {
    let policy =
        scrim::Policy::from_overrides(serde_json::json!({"models": {"toxicity": false, "injection": false, "ner": false}}))
            .unwrap();
    scrim::Scrim::builder().policy(policy).build().unwrap()
}

#[test]
fn recognizer_tables() {
    let scrim = rules_only();
    let mut failures = Vec::new();
    let mut cases = 0;
    for path in data("recognizers").into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let file: File =
            toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let label = path.file_name().unwrap().to_string_lossy().to_string();
        for case in file.test {
            cases += 1;
            let mut want: Vec<(String, usize, usize)> = case
                .expect
                .iter()
                .map(|e| {
                    let start = case.text.find(&e.value).unwrap_or_else(|| panic!("{label} / {}: value not in text", case.name));
                    (e.entity.clone(), start, start + e.value.len())
                })
                .collect();
            let mut report = scrim.scan(&case.text, &ScanOptions::default()).unwrap();
            report.findings.retain(|f| f.source.kind != scrim::SourceKind::Heuristic);
            // Dates are everywhere (expiry dates, issue dates): DATE_TIME is compared in its own
            // table and in cases that expect one.
            let dates_count = label == "date_time.toml" || want.iter().any(|w| w.0 == "DATE_TIME");
            report.findings.retain(|f| dates_count || f.entity != "DATE_TIME");
            let mut got: Vec<(String, usize, usize)> =
                report.findings.iter().map(|f| (f.entity.clone(), f.start, f.end)).collect();
            want.sort();
            got.sort();
            if want != got {
                let shown: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| format!("{} {:?} {:.2} ({})", f.entity, &case.text[f.start..f.end], f.score, f.source.name))
                    .collect();
                failures.push(format!("{label} / {}: expected {want:?}, found {shown:?}", case.name));
            }
        }
    }
    assert!(cases > 150, "only {cases} cases were read");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn negative_corpus_stays_quiet() {
    // The rule recognizers (this file's subject); the NER model's false positives on the same
    // corpus are reported in models/ner.md, not held to zero.
    let scrim = rules_only();
    let mut words = 0;
    let mut false_positives = Vec::new();
    for path in data("negative") {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            words += line.split_whitespace().count();
            // A timestamp in a log is a date: DATE_TIME is reported but sent by the default policy,
            // so it is no false alarm here (tests/data/recognizers/date_time.toml covers it).
            for f in scrim
                .scan(line, &ScanOptions::default())
                .unwrap()
                .findings
                .into_iter()
                .filter(|f| f.source.kind != scrim::SourceKind::Heuristic && f.entity != "DATE_TIME")
            {
                false_positives.push(format!(
                    "{}: {} {:?} ({})",
                    path.file_name().unwrap().to_string_lossy(),
                    f.entity,
                    f.text,
                    f.source.name
                ));
            }
        }
    }
    assert!(words > 1000, "the negative corpus has only {words} words");
    let per_10k = false_positives.len() as f64 * 10_000.0 / words as f64;
    assert!(
        false_positives.is_empty(),
        "{} false positives in {words} words ({per_10k:.1} per 10,000 words):\n{}",
        false_positives.len(),
        false_positives.join("\n")
    );
}

fn with_recognizers(switches: serde_json::Value) -> Result<scrim::Scrim, scrim::Error> {
    let policy = scrim::Policy::from_overrides(serde_json::json!({
        "models": {"toxicity": false, "injection": false, "ner": false},
        "recognizers": switches,
    }))?;
    scrim::Scrim::builder().policy(policy).build()
}

fn entities(scrim: &scrim::Scrim, text: &str) -> Vec<String> {
    scrim.scan(text, &ScanOptions::default()).unwrap().findings.into_iter().map(|f| f.finding.entity).collect()
}

#[test]
fn uuid_is_off_by_default_and_a_policy_turns_it_on() {
    let text = "customer 123e4567-e89b-42d3-a456-426614174000 wrote to jane@example.com";
    assert_eq!(entities(&rules_only(), text), ["EMAIL_ADDRESS"]);
    let on = with_recognizers(serde_json::json!({"enable": ["generic.uuid"]})).unwrap();
    assert_eq!(entities(&on, text), ["UUID", "EMAIL_ADDRESS"]);
    let off = with_recognizers(serde_json::json!({"enable": ["generic.uuid"], "disable": ["generic.email"]})).unwrap();
    assert_eq!(entities(&off, text), ["UUID"]);
}

#[test]
fn an_unknown_recognizer_id_is_an_error_naming_it() {
    for field in ["enable", "disable"] {
        let Err(err) = with_recognizers(serde_json::json!({ field: ["generic.uuid", "generic.uuidd"] })) else {
            panic!("unknown id accepted")
        };
        let message = err.to_string();
        assert!(message.contains("generic.uuidd") && message.contains(&format!("recognizers.{field}[1]")), "{message}");
    }
    let Err(both) = with_recognizers(serde_json::json!({"enable": ["generic.url"], "disable": ["generic.url"]})) else {
        panic!("contradiction accepted")
    };
    assert!(both.to_string().contains("generic.url"), "{both}");
}

/// The README's Safe Harbor table names only recognizers and field rules that exist, and every
/// field rule is in it (the table stays true to the code).
#[test]
fn the_safe_harbor_table_names_real_recognizers_and_every_field_rule() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: String = readme
        .split("The 18 identifiers of 45 CFR 164.514(b)(2)(i)")
        .nth(1)
        .expect("README has the Safe Harbor table")
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(table.lines().count(), 20, "18 identifiers, a header and its rule");
    let config = scrim::recognizer::RecognizerConfig::embedded();
    let fields: Vec<&str> = config.fields.rule.iter().map(|r| r.id.as_str()).collect();
    let named: Vec<&str> = table.split('`').skip(1).step_by(2).collect();
    for id in named.iter().filter(|n| n.contains('.') && !n.contains(' ')) {
        let known = scrim::recognizer::registry::all().iter().any(|r| r.id == *id) || fields.contains(id) || *id == "model.ner";
        assert!(known, "README names {id}, which is no recognizer or field rule");
    }
    for id in &fields {
        assert!(named.contains(id), "field rule {id} is missing from the README's table");
    }
}
