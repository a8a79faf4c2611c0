//! GitHub tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GITHUB_TOKEN`: classic (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and fine-grained (`github_pat_`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.github",
    entity: "GITHUB_TOKEN",
    patterns: &[
        PatternDef { name: "classic", regex: r"(?-u:\b)gh[pousr]_[A-Za-z0-9]{36,251}(?-u:\b)", strength: Strength::Strong },
        PatternDef {
            name: "fine-grained",
            regex: r"(?-u:\b)github_pat_[A-Za-z0-9_]{60,255}(?-u:\b)",
            strength: Strength::Strong,
        },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
