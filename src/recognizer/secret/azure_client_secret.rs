//! Microsoft Entra (Azure AD) client secrets.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AZURE_CLIENT_SECRET`: application secrets, whose fourth to sixth characters are a digit and `Q~`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.azure_client_secret",
    entity: "AZURE_CLIENT_SECRET",
    patterns: &[PatternDef {
        name: "client secret",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[^A-Za-z0-9_~.-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
