//! scrim: client-side prompt screening.

pub mod model;
