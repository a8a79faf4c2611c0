//! PyPI upload tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `PYPI_TOKEN`: macaroons that begin `pypi-AgEIcHlwaS5vcmc` (base64 of the issuer, pypi.org).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.pypi",
    entity: "PYPI_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
