//! Random identifiers and the secrets (tokens, claim tokens) that must never be printed.

use std::fmt;

use super::StoreError;

/// Prefix of anonymous API tokens.
pub(super) const TOKEN_PREFIX: &str = "nmv_usr_";
/// Prefix of claim tokens.
pub(super) const CLAIM_PREFIX: &str = "clm_";
/// Prefix of media ids.
pub(super) const MEDIA_PREFIX: &str = "med_";

/// A credential: its `Debug` and `Display` print a placeholder, never the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value itself, for the one place that must send it (a response body).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Wraps a value read from the database.
    pub(super) fn new(value: String) -> Secret {
        Secret(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A new media id, `med_` and 24 random hex digits.
pub fn new_media_id() -> Result<String, StoreError> {
    prefixed(MEDIA_PREFIX, 12)
}

/// A new anonymous token, `nmv_usr_` and 32 random hex digits (128 bits).
pub(super) fn new_token() -> Result<Secret, StoreError> {
    prefixed(TOKEN_PREFIX, 16).map(Secret)
}

/// A new claim token, `clm_` and 32 random hex digits (128 bits).
pub(super) fn new_claim_token() -> Result<Secret, StoreError> {
    prefixed(CLAIM_PREFIX, 16).map(Secret)
}

/// `prefix` followed by `bytes` random bytes in lowercase hex.
pub(super) fn prefixed(prefix: &str, bytes: usize) -> Result<String, StoreError> {
    let mut raw = vec![0u8; bytes];
    getrandom::fill(&mut raw).map_err(|err| StoreError::Randomness(err.to_string()))?;
    let mut out = String::with_capacity(prefix.len() + 2 * bytes);
    out.push_str(prefix);
    for byte in raw {
        out.push(hex_digit(byte >> 4));
        out.push(hex_digit(byte & 0x0f));
    }
    Ok(out)
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_the_protocol_shape() {
        let token = new_token().unwrap();
        let value = token.expose();
        let hex = value.strip_prefix("nmv_usr_").unwrap();
        assert_eq!(hex.len(), 32);
        assert!(
            hex.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_ne!(new_token().unwrap(), token);
    }

    #[test]
    fn ids_carry_their_prefix() {
        assert!(new_claim_token().unwrap().expose().starts_with("clm_"));
        let media = new_media_id().unwrap();
        assert_eq!(media.len(), "med_".len() + 24);
        assert!(media.starts_with("med_"));
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("nmv_usr_0123".into());
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(secret.to_string(), "<redacted>");
    }
}
