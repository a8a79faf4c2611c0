//! Values an evader rewrote (issue 10's evasion suite) are still found, and text that only looks
//! like the rewrite is left alone.
//!
//! Each positive case is a value bench/corpus.py's perturbations produce: Cyrillic or Greek
//! look-alike letters inside it, a line break in its middle, or a space between its characters. Without the fold in
//! `src/normalize.rs` no recognizer matches it, so every case fails if the fold is removed. The
//! span must be the value *as typed* (with its look-alikes and its line break). The negatives are
//! Russian and Greek prose and multi-line text (lists, code, tables, logs) on which the folds must
//! not create findings.

use scrim::normalize::Normalized;
use scrim::ScanOptions;
use scrim::{Policy, Scrim, SourceKind};

fn rules_only() -> Scrim {
    let policy =
        Policy::from_overrides(serde_json::json!({"models": {"toxicity": false, "injection": false, "ner": false}})).unwrap();
    Scrim::builder().policy(policy).build().unwrap()
}

/// The rule findings of `text` as (entity, value as typed).
fn findings(scrim: &Scrim, text: &str) -> Vec<(String, String)> {
    let report = scrim.scan(text, &ScanOptions::default()).unwrap();
    report
        .findings
        .into_iter()
        .filter(|f| f.source.kind != SourceKind::Heuristic)
        .map(|f| {
            assert_eq!(&text[f.start..f.end], f.text, "the span points at the original text");
            (f.finding.entity, f.finding.text)
        })
        .collect()
}

/// Every value of a table is found, as typed; the failure lists each one that was not.
fn assert_found(table: &[(&str, &str, &str)]) {
    let scrim = rules_only();
    let mut missed = Vec::new();
    for (text, entity, value) in table {
        let found = findings(&scrim, text);
        if !found.iter().any(|(e, v)| e == entity && v == value) {
            missed.push(format!("{text:?}: expected {entity} {value:?}, found {found:?}"));
        }
    }
    assert!(missed.is_empty(), "{} of {} missed:\n{}", missed.len(), table.len(), missed.join("\n"));
}

/// No rule finding in any of `texts`. Dates are not counted: a log timestamp is a date, and
/// DATE_TIME is reported but sent by default (the recognizers' negative corpus does the same).
fn assert_quiet(texts: &[&str]) {
    let scrim = rules_only();
    let noisy: Vec<String> = texts
        .iter()
        .filter_map(|text| {
            let found: Vec<_> = findings(&scrim, text).into_iter().filter(|(e, _)| e != "DATE_TIME").collect();
            (!found.is_empty()).then(|| format!("{text:?}: {found:?}"))
        })
        .collect();
    assert!(noisy.is_empty(), "{}", noisy.join("\n"));
}

/// (text, entity, value as typed)
const HOMOGLYPHS: &[(&str, &str, &str)] = &[
    // Cyrillic а е о р с х у in an e-mail address
    ("write to jаnе.dое@ехаmрlе.com today", "EMAIL_ADDRESS", "jаnе.dое@ехаmрlе.com"),
    // Cyrillic А К Р Т in an AWS key
    ("aws key АКIАQILК7FL4QIХ23ХNQ in the config", "AWS_ACCESS_KEY", "АКIАQILК7FL4QIХ23ХNQ"),
    // Cyrillic Е in an IBAN's country code: a letter twin next to digits only
    ("IBAN: DЕ89 3704 0044 0532 0130 00", "IBAN_CODE", "DЕ89 3704 0044 0532 0130 00"),
    // Greek Τ Ε Κ in a GitHub token
    ("token ghp_ΤΕΚ4ab8DMnA2bHmPq5cdEfGhJkLmNoPqRsTuV please", "GITHUB_TOKEN", "ghp_ΤΕΚ4ab8DMnA2bHmPq5cdEfGhJkLmNoPqRsTuV"),
    // Cyrillic р in the scheme and о in the host of a URL
    ("see httрs://www.ехаmрlе.оrg/login", "URL", "httрs://www.ехаmрlе.оrg/login"),
    // Cyrillic В А С in a MAC address (hex letters)
    ("device mac В4-F3-78-7Е-0Е-D2 on the lan", "MAC_ADDRESS", "В4-F3-78-7Е-0Е-D2"),
    // Cyrillic Х and Р around the digits of a Spanish NIE: no Latin letter, digits anchor it
    ("mi NIE es Х6752210Р gracias", "ES_NIE", "Х6752210Р"),
];

#[test]
fn look_alike_letters_inside_a_value_are_read_as_latin() {
    assert_found(HOMOGLYPHS);
}

/// (text, entity, value as typed)
const LINE_BREAKS: &[(&str, &str, &str)] = &[
    ("my SSN is 896-4\n6-1380 thanks", "US_SSN", "896-4\n6-1380"),
    ("card 4111 1111\n 1111 1111 expires soon", "CREDIT_CARD", "4111 1111\n 1111 1111"),
    // a separator beside the break, and Windows line ends
    ("card 6011-2276\r\n-5444-4630 expires soon", "CREDIT_CARD", "6011-2276\r\n-5444-4630"),
    ("mail lawrence02@\nexample.com now", "EMAIL_ADDRESS", "lawrence02@\nexample.com"),
    ("mac ce:2d:92\n:3b:b3:31 on the switch", "MAC_ADDRESS", "ce:2d:92\n:3b:b3:31"),
    ("the key npm_hpKHWka6U2sSWRv9\nxqMzAIsJ8Hn3MRCodg67 leaked", "NPM_TOKEN", "npm_hpKHWka6U2sSWRv9\nxqMzAIsJ8Hn3MRCodg67"),
    // no digit before the break: an underscore and mixed case make it a token
    ("hf token hf_SMsYnHWYigdiSxn\njvpSkQQvKTYgZyspGUb here", "HUGGINGFACE_TOKEN", "hf_SMsYnHWYigdiSxn\njvpSkQQvKTYgZyspGUb"),
    ("my PAN is GENCY\n9704C thanks", "IN_PAN", "GENCY\n9704C"),
    ("call +1 (888)\n 446-6134 today", "PHONE_NUMBER", "+1 (888)\n 446-6134"),
];

#[test]
fn a_line_break_inside_a_value_does_not_hide_it() {
    assert_found(LINE_BREAKS);
}

/// (text, entity, value as typed): bench/corpus.py's "spacing" perturbation, a space between
/// every character of the value.
const SPACED_OUT: &[(&str, &str, &str)] = &[
    ("my SSN is 8 9 6 - 4 6 - 1 3 8 0 thanks", "US_SSN", "8 9 6 - 4 6 - 1 3 8 0"),
    ("mail j a n e . d o e @ e x a m p l e . c o m now", "EMAIL_ADDRESS", "j a n e . d o e @ e x a m p l e . c o m"),
    ("key A K I A Q I L K 7 F L 4 Q I X 2 3 X N Q.", "AWS_ACCESS_KEY", "A K I A Q I L K 7 F L 4 Q I X 2 3 X N Q"),
    ("postcode E 6 7 9 U D for the parcel", "UK_POSTCODE", "E 6 7 9 U D"),
    ("IBAN D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0 please", "IBAN_CODE", "D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0"),
];

#[test]
fn a_value_spelled_out_with_spaces_is_found() {
    assert_found(SPACED_OUT);
}

#[test]
fn spaced_letters_and_digits_in_ordinary_text_stay_quiet() {
    let texts = [
        "N O T I C E: the office is closed on Monday.",
        "sudoku row: 5 3 0 0 7 0 0 0 0 and the next one 6 0 0 1 9 5 0 0 0",
        "solve x = a + b * c - d / e for x",
        "count along: 1 2 3 4 5 6 7 8 9 10",
        "grades A B A C B A A B this term",
        "the bits 1 0 1 1 0 0 1 0 1 1 1 0 form the header",
    ];
    assert_quiet(&texts);
}

#[test]
fn a_value_that_ends_a_line_is_found_whole_and_once() {
    let scrim = rules_only();
    // The line break between "6789" and "2" qualifies as one to join; the value before it must
    // still be found as typed, not as "123-45-67892".
    let text = "my SSN is 536-22-6789\n2 more questions about it";
    assert_eq!(findings(&scrim, text), vec![("US_SSN".to_string(), "536-22-6789".to_string())]);
    let text = "write to jane.doe@example.com\nor call me";
    assert_eq!(findings(&scrim, text), vec![("EMAIL_ADDRESS".to_string(), "jane.doe@example.com".to_string())]);
}

#[test]
fn russian_and_greek_prose_is_not_folded() {
    for word in ["Москва", "СССР", "ООО «Ромашка»", "ναι", "Αθήνα", "Ελλάδα", "АК-47", "Т-34", "5г"]
    {
        // Cyrillic/Greek words alone, all-look-alike capitals without a Latin letter, and Cyrillic
        // with digits but a letter that has no Latin twin are left as typed.
        if word.chars().any(|c| c.is_ascii_digit()) && !word.contains('г') {
            continue; // "АК-47" is folded on purpose (digits anchor it): see the positives
        }
        assert_eq!(Normalized::new(word).text(), word, "{word:?} was changed");
    }
    // A Russian word beside a Latin one in the same token keeps its letters (it has a letter
    // without a Latin twin: п, л, ж, н, и).
    assert_eq!(Normalized::new("Windows-приложение").text(), "Windows-приложение");
}

#[test]
fn russian_and_greek_prose_yields_no_findings() {
    let texts = [
        "Привет! Меня зовут Анна, я живу в Москве и работаю в ООО «Ромашка» с 2019 года.",
        "Встреча в 10:30 в кабинете 405, возьмите с собой ноутбук и зарядку для iPhone-а.",
        "СССР распался в 1991 году; население России — около 146 млн человек.",
        "Скачайте Windows-приложение, затем откройте раздел «Настройки» и нажмите «ОК».",
        "Γεια σας! Ονομάζομαι Ελένη και μένω στην Αθήνα, κοντά στο ΟΑΚΑ, από το 2015.",
        "Η συνάντηση είναι την Τρίτη στις 14:00 στο γραφείο 12 του ΕΚΠΑ, ναι ή όχι;",
        "Курс: 1 USD = 92,5 руб., 1 EUR = 99,8 руб. на 24.11.2026; ставка ЦБ 21%.",
        "Модель Т-34 и автомат АК-47 стоят в музее; экспонат №1234 на втором этаже.",
    ];
    assert_quiet(&texts);
}

#[test]
fn multi_line_text_without_values_stays_quiet() {
    // Lines that end in a number or an identifier followed by lines that start with one: the
    // shapes the line-break fold joins, in text that holds no value.
    let texts = [
        "Totals per quarter:\n120\n340\n560\n780",
        "Step 1.\n2. Open the settings\n3. Click save",
        "id,amount\n1,30\n2,40\n3,50",
        "for i in range(10):\n    total += weights_v2\n    step_count_2 = i\nprint(total)",
        "2024-01-01 12:00:01 INFO start\n2024-01-01 12:00:02 INFO ready after 1200\n3400 requests served",
        "matrix:\n1 0 0\n0 1 0\n0 0 1",
        "x = compute_layer2\nbatch_norm1 = nn.BatchNorm1d(64)\nlayer_3 = nn.Linear(64, 10)",
        "Version 3.11\n4 bugs fixed, 2 known issues\nRelease 2026.11\n24 files changed",
    ];
    assert_quiet(&texts);
}

#[test]
fn the_negative_corpus_stays_quiet_as_whole_multi_line_files() {
    // tests/recognizers.rs scans tests/data/negative/*.txt line by line; scanned as whole files
    // every line break between two lines is a candidate for the line-break fold.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/negative");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 3);
    let texts: Vec<String> = files.iter().map(|path| std::fs::read_to_string(path).unwrap()).collect();
    assert_quiet(&texts.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn folded_spans_map_back_to_the_original_characters() {
    let original = "к ghp_ΤΕΚ4ab8DMnA2b\nHmPq5cdEfGhJkLmNoPqRsTuV ok";
    let n = Normalized::new(original);
    // The segment appears twice: as typed (folded letters, line break kept) and joined.
    let folded = "ghp_TEK4ab8DMnA2b\nHmPq";
    let joined = "ghp_TEK4ab8DMnA2bHmPq";
    let first = n.text().find(folded).expect("look-alikes folded in the first copy");
    let second = n.text().rfind(joined).expect("line break removed in the second copy");
    assert!(second > first);
    for (at, len) in [(first, folded.len()), (second, joined.len())] {
        let (s, e) = n.to_original(at, at + len);
        assert_eq!(&original[s..e], "ghp_ΤΕΚ4ab8DMnA2b\nHmPq");
    }
    for (s, _) in n.text().char_indices() {
        for e in (s + 1..=n.text().len()).filter(|&e| n.text().is_char_boundary(e)) {
            let (os, oe) = n.to_original(s, e);
            assert!(original.is_char_boundary(os) && original.is_char_boundary(oe) && os <= oe);
        }
    }
}
