//! What can be wrong with a draft: text that is not JSON, or a known key of the wrong type.

/// Why a draft could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The text is not valid JSON; the message carries the line and column.
    #[error("invalid JSON: {message}")]
    Json {
        /// What was wrong, ending in "at line L column C".
        message: String,
        /// The 1-based line where reading failed.
        line: usize,
        /// The 1-based column where reading failed.
        column: usize,
    },
    /// The draft is JSON, but not an object.
    #[error("a draft must be a JSON object, not {found}")]
    NotAnObject {
        /// What it is instead ("an array", "a string", …).
        found: &'static str,
    },
    /// A key the model knows holds a value of the wrong type.
    #[error("{path}: expected {expected}")]
    WrongType {
        /// Where the value is, in JSON path form: `t[2].sg[0].d`.
        path: String,
        /// What it should have been ("a number", "an array", …).
        expected: &'static str,
    },
}

impl DraftError {
    /// The JSON path of the offending value, on a wrong-type error.
    pub fn path(&self) -> Option<&str> {
        match self {
            DraftError::WrongType { path, .. } => Some(path),
            _ => None,
        }
    }

    pub(crate) fn from_json(err: serde_json::Error) -> DraftError {
        DraftError::Json {
            message: err.to_string(),
            line: err.line(),
            column: err.column(),
        }
    }
}

/// How a JSON value's type reads in an error message.
pub(crate) fn type_name(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
