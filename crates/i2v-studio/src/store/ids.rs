//! Random identifiers and the secrets (tokens, claim tokens) that must never be printed, nor
//! kept: the database holds their SHA-256 [`digest`] only.
//!
//! An anonymous token is derived from the studio's [`TokenKey`] and a random nonce the database
//! keeps, so the same client id can be given its still-valid token again (`docs/PROTOCOL.md`
//! §3.1) although the database alone cannot tell what it is.

use std::fmt;

use sha2::{Digest, Sha256};

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

/// The key anonymous tokens are derived from: the studio's secret, kept outside the database.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenKey([u8; 16]);

impl TokenKey {
    /// The key of these 128 secret bits.
    pub fn new(bytes: [u8; 16]) -> TokenKey {
        TokenKey(bytes)
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(<redacted>)")
    }
}

/// A new nonce for a token: 32 random hex digits.
pub(super) fn new_nonce() -> Result<String, StoreError> {
    prefixed("", 16)
}

/// The anonymous token of `nonce` under `key`: `nmv_usr_` and 32 hex digits (128 bits) of
/// SHA-256 over a label, the key and the nonce. The same key and nonce give the same token.
pub(super) fn derive_token(key: &TokenKey, nonce: &str) -> Secret {
    let mut hash = Sha256::new();
    hash.update(b"i2v-studio anonymous token\0");
    hash.update(key.0);
    hash.update(nonce.as_bytes());
    let bytes = hash.finalize();
    Secret(format!(
        "{TOKEN_PREFIX}{}",
        hex(bytes.get(..16).unwrap_or_default())
    ))
}

/// The SHA-256 of a secret in lowercase hex: what the database keeps in its place.
pub(super) fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        out.push(hex_digit(byte >> 4));
        out.push(hex_digit(byte & 0x0f));
    }
    out
}

/// A new claim token, `clm_` and 32 random hex digits (128 bits).
pub(super) fn new_claim_token() -> Result<Secret, StoreError> {
    prefixed(CLAIM_PREFIX, 16).map(Secret)
}

/// `prefix` followed by `bytes` random bytes in lowercase hex.
pub(super) fn prefixed(prefix: &str, bytes: usize) -> Result<String, StoreError> {
    let mut raw = vec![0u8; bytes];
    getrandom::fill(&mut raw).map_err(|err| StoreError::Randomness(err.to_string()))?;
    Ok(format!("{prefix}{}", hex(&raw)))
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_the_protocol_shape_and_depend_on_key_and_nonce() {
        let key = TokenKey::new([7; 16]);
        let nonce = new_nonce().unwrap();
        let token = derive_token(&key, &nonce);
        let value = token.expose();
        let hex = value.strip_prefix("nmv_usr_").unwrap();
        assert_eq!(hex.len(), 32);
        assert!(
            hex.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_eq!(derive_token(&key, &nonce), token);
        assert_ne!(derive_token(&key, &new_nonce().unwrap()), token);
        assert_ne!(derive_token(&TokenKey::new([8; 16]), &nonce), token);
        assert_eq!(format!("{key:?}"), "TokenKey(<redacted>)");
    }

    #[test]
    fn digests_are_sha256_in_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
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
        let secret = Secret("nmv_usr_0123".into());
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(secret.to_string(), "<redacted>");
    }
}
