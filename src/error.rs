//! The one error type of the crate.

use std::fmt;

/// What went wrong, in a form a program can branch on. Messages say what and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The policy (JSON or TOML) is malformed or names something that does not exist.
    Policy,
    /// A custom pattern does not compile, or exceeds the configured size limits.
    Pattern,
    /// A vault export could not be imported.
    Vault,
    /// The input is larger than the configured limit. Nothing was screened; nothing may be sent.
    InputTooLarge,
    /// A bundled model failed to load or run.
    Model,
    /// An audit trail given back to resume is not one scrim wrote (malformed, or its chain broken).
    Audit,
}

/// An error from scrim: a [`kind`](Error::kind) and a message that names the field, line or byte.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into() }
    }

    pub(crate) fn policy(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Policy, message)
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}: {})", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
