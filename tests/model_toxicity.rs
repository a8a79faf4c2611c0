//! The bundled toxicity model, run by tract: parity with the training framework, fixtures on the
//! right side of the thresholds, explanations that name the toxic word and add up to the logit.
#![cfg(feature = "models")]

use scrim::model::classifier::{TextClassifier, EXACT_SUM_TOLERANCE};
use scrim::model::explanation::ExplanationMethod;
use scrim::model::toxicity::{ToxicityModel, WINDOW_WORDS};
use scrim::ErrorKind;
use serde::Deserialize;

const ONNX: &[u8] = include_bytes!("../models/toxicity.onnx");
const SIDECAR: &str = include_str!("../models/toxicity.json");

fn model() -> TextClassifier {
    TextClassifier::from_bytes(ONNX, SIDECAR).expect("the bundled toxicity model loads")
}

#[derive(Deserialize)]
struct Reference {
    tolerance: f32,
    labels: Vec<String>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    probs: Vec<f32>,
    logits: Vec<f32>,
    words: Vec<String>,
    word_contributions: Vec<Vec<f32>>,
}

#[test]
fn tract_matches_the_training_reference() {
    let reference: Reference =
        serde_json::from_str(include_str!("data/models/toxicity_reference.json")).expect("reference parses");
    let model = model();
    assert_eq!(model.labels(), reference.labels.as_slice());
    let tol = reference.tolerance;
    for case in &reference.cases {
        let scores = model.scores(&case.text).unwrap();
        for ((label, got), want) in scores.labels.iter().zip(&case.probs) {
            assert!((got - want).abs() <= tol, "{label} on {:?}: tract {got}, reference {want}", case.text);
        }
        let why = model.explain(&case.text).unwrap();
        let words: Vec<&str> = why.labels[0].words.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(words, case.words, "words of {:?}", case.text);
        for (l, label) in why.labels.iter().enumerate() {
            let logit_tol = tol * case.logits[l].abs().max(1.0) * 10.0;
            assert!(
                (label.logit - case.logits[l]).abs() <= logit_tol,
                "{} logit on {:?}: tract {}, reference {}",
                label.label,
                &case.text[..case.text.len().min(40)],
                label.logit,
                case.logits[l]
            );
            if model.is_additive() {
                let gap = (label.reconstructed_logit() - label.logit).abs();
                assert!(gap <= EXACT_SUM_TOLERANCE, "{}: bias + contributions off the logit by {gap}", label.label);
            }
            for (w, word) in label.words.iter().enumerate() {
                let want = case.word_contributions[w][l];
                assert!(
                    (word.contribution - want).abs() <= logit_tol,
                    "{} contribution of {:?}: {} vs {want}",
                    label.label,
                    word.word,
                    word.contribution
                );
            }
        }
    }
}

#[derive(Deserialize)]
struct Fixtures {
    test: Vec<Fixture>,
}

#[derive(Deserialize)]
struct Fixture {
    text: String,
    label: String,
    expect: String,
}

#[test]
fn fixtures_land_on_the_right_side_of_the_warn_threshold() {
    let fixtures: Fixtures = toml::from_str(include_str!("data/models/toxicity_fixtures.toml")).expect("fixtures parse");
    let model = model();
    let mut wrong = Vec::new();
    for f in &fixtures.test {
        let score = model.scores(&f.text).unwrap().get(&f.label).expect("label exists");
        let warn = model.thresholds(&f.label).expect("sidecar has thresholds for every label").warn;
        let above = score >= warn;
        if above != (f.expect == "above") {
            wrong.push(format!("{:?}: {} = {score:.3} (warn {warn}), expected {}", f.text, f.label, f.expect));
        }
    }
    assert!(wrong.is_empty(), "fixtures on the wrong side:\n{}", wrong.join("\n"));
}

#[test]
fn explanation_names_the_toxic_word_and_sums_to_the_logit() {
    let model = model();
    let text = "thanks for the report, you absolute moron";
    let why = model.explain(text).unwrap();
    // The word CNN is explained by occlusion (each word removed in turn); a bag model exactly.
    let method = if model.is_additive() { ExplanationMethod::Exact } else { ExplanationMethod::Occlusion };
    assert_eq!(why.method, method);
    let tox = why.label("toxicity").unwrap();
    let top = tox.top_word().expect("some word pushes toxicity up");
    assert_eq!(top.word, "moron");
    assert_eq!(&text[top.start..top.end], "moron");
    for label in why.labels.iter().filter(|_| model.is_additive()) {
        let gap = (label.reconstructed_logit() - label.logit).abs();
        assert!(
            gap <= EXACT_SUM_TOLERANCE,
            "{}: bias + contributions = {} but logit = {}",
            label.label,
            label.reconstructed_logit(),
            label.logit
        );
        assert!((1.0 / (1.0 + (-label.logit).exp()) - label.score).abs() < 1e-5);
    }
}

#[test]
fn explanation_spans_point_at_obfuscated_words_in_the_original_text() {
    let model = model();
    let text = "ur a ｓｔｕｐｉｄ  іdіоt";
    let why = model.explain(text).unwrap();
    let top = why.label("toxicity").unwrap().top_word().unwrap();
    assert!(["stupid", "idiot"].contains(&top.word.as_str()), "top word {:?}", top.word);
    assert!(text.is_char_boundary(top.start) && text.is_char_boundary(top.end));
    assert_ne!(&text[top.start..top.end], top.word, "span is the original (obfuscated) spelling");
}

#[test]
fn empty_text_scores_low_and_has_no_words() {
    let model = model();
    let scores = model.scores("").unwrap();
    assert!(scores.labels.iter().all(|&(_, s)| s < 0.5), "{scores:?}");
    assert!(model.explain("   ").unwrap().labels.iter().all(|l| l.words.is_empty()));
}

#[test]
fn a_slur_in_a_long_prompt_still_raises_the_score() {
    // As the engine scores it (each sentence and word window alone): past warn, with no sentence
    // end around the insult. Read whole, the harmless words dilute it (0.001 -> 0.03 for the
    // model of 2026-12-03), which is why the engine never reads a text only whole.
    let windows = ToxicityModel::from_bytes(ONNX, SIDECAR).unwrap().with_word_windows(WINDOW_WORDS);
    let benign = "Please review the following paragraph about our product launch timeline and suggest edits. ";
    let dirty = format!("{}you fucking idiot {}", benign, benign);
    let score = |text: &str| windows.scores(text).unwrap().scores.get("toxicity").unwrap();
    let warn = model().thresholds("toxicity").unwrap().warn;
    assert!(
        score(&benign.repeat(3)) < warn && score(&dirty) >= warn,
        "clean {}, with insult {}",
        score(&benign.repeat(3)),
        score(&dirty)
    );
    let whole = |text: &str| model().scores(text).unwrap().get("toxicity").unwrap();
    assert!(whole(&dirty) > whole(&benign.repeat(3)), "whole: the insult still moves the score up");
}

#[test]
fn the_model_fits_the_size_budget() {
    assert!(ONNX.len() <= 1 << 20, "toxicity.onnx is {} bytes, budget 1 MiB", ONNX.len());
}

#[test]
fn a_malformed_sidecar_is_a_model_error_that_says_where() {
    let err = TextClassifier::from_bytes(ONNX, r#"{"name": "toxicity", "version": "x", "labels": []}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(err.message().contains("featurizer"), "{}", err.message());
    let err = TextClassifier::from_bytes(b"not onnx", SIDECAR).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(err.message().contains("toxicity model: reading ONNX"), "{}", err.message());
}

#[test]
fn a_model_without_contributions_is_explained_by_occlusion() {
    // A 2-label toy model exported with only the `probs` output (the contract's minimum).
    let model = TextClassifier::from_bytes(
        include_bytes!("data/models/classifier_probs_only.onnx"),
        include_str!("data/models/classifier_probs_only.json"),
    )
    .unwrap();
    assert!(!model.is_additive());
    let text = "alpha beta gamma";
    let why = model.explain(text).unwrap();
    assert_eq!(why.method, ExplanationMethod::Occlusion);
    let scores = model.scores(text).unwrap();
    for (label, (_, score)) in why.labels.iter().zip(&scores.labels) {
        assert_eq!(label.words.len(), 3);
        assert!((label.score - score).abs() < 1e-6);
        // Removing a word that pushed the logit up lowers it, and the other way round.
        for (w, word) in label.words.iter().enumerate() {
            let without: String =
                text.split(' ').enumerate().filter(|&(i, _)| i != w).map(|(_, s)| s).collect::<Vec<_>>().join(" ");
            let lower = model.scores(&without).unwrap().get(&label.label).unwrap() < label.score;
            assert_eq!(lower, word.contribution > 0.0, "{} / {:?}", label.label, word.word);
        }
    }
}

/// Speed on a 1 KB prompt. Run natively in release:
/// `cargo test --release --test model_toxicity -- --ignored --nocapture speed`
#[test]
#[ignore]
fn speed_per_kilobyte_prompt() {
    let model = model();
    let prompt: String =
        "Please review this paragraph about the launch plan and tell me what to fix. ".repeat(14).chars().take(1024).collect();
    for _ in 0..20 {
        model.scores(&prompt).unwrap();
    }
    let n = 500;
    let t = std::time::Instant::now();
    for _ in 0..n {
        model.scores(&prompt).unwrap();
    }
    let scores = t.elapsed() / n;
    let t = std::time::Instant::now();
    for _ in 0..n {
        model.explain(&prompt).unwrap();
    }
    let explain = t.elapsed() / n;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(model.featurize(&prompt));
    }
    let featurize = t.elapsed() / n;
    println!("1 KB prompt: scores {scores:?} (of which featurize {featurize:?}), explain {explain:?} per call");
}
