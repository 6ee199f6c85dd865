//! Placeholder until the draft model lands (owned by the draft work).

/// Placeholder: the parsed draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft(serde_json::Value);

impl Draft {
    /// Placeholder: parse a JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Draft, DraftError> {
        Ok(Draft(value))
    }
}

/// Placeholder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("draft")]
pub struct DraftError;
