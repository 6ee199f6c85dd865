//! Users and their anonymous tokens (`docs/PROTOCOL.md` §3.1).
//!
//! The rules:
//! - a client id is one user; its first token creates the user with the starter credits;
//! - the same client id gets its still-valid token back, which is not a new token (derived
//!   again from the studio's key and the row's nonce: the database keeps only digests);
//! - an expired token is replaced by a new one for the same user (credits and sessions stay);
//! - one source address gets at most `per_address` new tokens per `window`; past that the
//!   answer is a rate-limit error with the seconds until the oldest one leaves the window;
//! - authentication accepts only an unexpired anonymous token (claim tokens live elsewhere).

use std::fmt;
use std::time::Duration;

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::ids::{self, Secret, TokenKey};
use super::{Store, StoreError, seconds_until, span_ms};

/// The longest client id accepted.
const MAX_CLIENT_ID_LEN: usize = 128;

/// A user's database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A user of the studio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The database id.
    pub id: UserId,
    /// The client id the user was created for.
    pub client_id: String,
    /// Whether the user is anonymous (every user is, until registration exists).
    pub anonymous: bool,
    /// When the user was created (Unix ms).
    pub created_ms: i64,
}

/// The rules anonymous tokens follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRules {
    /// How long a new token lives.
    pub ttl: Duration,
    /// New tokens one source address may get per window.
    pub per_address: u32,
    /// The window of that limit.
    pub window: Duration,
    /// Credits a new user starts with.
    pub starter_credits: i64,
    /// The key tokens are derived from (the studio's secret).
    pub key: TokenKey,
}

/// A token handed out, new or returned again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The token (`nmv_usr_…`).
    pub token: Secret,
    /// Its user.
    pub user: User,
    /// When it expires (Unix ms).
    pub expires_ms: i64,
    /// True for a new token, false for the client id's still-valid one.
    pub fresh: bool,
}

impl IssuedToken {
    /// Whole seconds the token has left at `now_ms`, rounded up.
    pub fn expires_in_secs(&self, now_ms: i64) -> u64 {
        seconds_until(self.expires_ms, now_ms)
    }
}

impl Store {
    /// The anonymous token for `client_id`, asked for from `address` (see the module's rules).
    pub fn issue_anonymous_token(
        &self,
        client_id: &str,
        address: &str,
        rules: &TokenRules,
        now_ms: i64,
    ) -> Result<IssuedToken, StoreError> {
        check_client_id(client_id)?;
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = tx
            .query_row(
                "SELECT id, client_id, anonymous, created_ms FROM users WHERE client_id = ?1",
                [client_id],
                read_user,
            )
            .optional()?;
        if let Some(user) = &existing {
            let valid = tx
                .query_row(
                    "SELECT nonce, digest, expires_ms FROM tokens
                     WHERE user_id = ?1 AND expires_ms > ?2
                     ORDER BY expires_ms DESC LIMIT 1",
                    params![user.id.0, now_ms],
                    |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, i64>(2)?,
                        ))
                    },
                )
                .optional()?;
            // A token made under another key (the studio's secret was replaced) cannot be
            // given back: the client gets a new one below.
            let again = valid.and_then(|(nonce, digest, expires_ms)| {
                let token = ids::derive_token(&rules.key, &nonce);
                (ids::digest(token.expose()) == digest).then_some((token, expires_ms))
            });
            if let Some((token, expires_ms)) = again {
                return Ok(IssuedToken {
                    token,
                    user: user.clone(),
                    expires_ms,
                    fresh: false,
                });
            }
        }

        let window_start = now_ms.saturating_sub(span_ms(rules.window));
        tx.execute(
            "DELETE FROM token_grants WHERE granted_ms <= ?1",
            [window_start],
        )?;
        let (granted, oldest): (i64, Option<i64>) = tx.query_row(
            "SELECT COUNT(*), MIN(granted_ms) FROM token_grants WHERE address = ?1",
            [address],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if granted >= i64::from(rules.per_address) {
            let frees_at = oldest
                .unwrap_or(now_ms)
                .saturating_add(span_ms(rules.window));
            return Err(StoreError::RateLimited {
                retry_after_secs: seconds_until(frees_at, now_ms).max(1),
            });
        }

        let user = match existing {
            Some(user) => user,
            None => {
                tx.execute(
                    "INSERT INTO users (client_id, anonymous, created_ms) VALUES (?1, 1, ?2)",
                    params![client_id, now_ms],
                )?;
                let id = UserId(tx.last_insert_rowid());
                tx.execute(
                    "INSERT INTO credits (user_id, available) VALUES (?1, ?2)",
                    params![id.0, rules.starter_credits.max(0)],
                )?;
                User {
                    id,
                    client_id: client_id.to_owned(),
                    anonymous: true,
                    created_ms: now_ms,
                }
            }
        };
        // The user's expired (or unrecoverable) tokens are dead weight: the new one replaces
        // them.
        tx.execute("DELETE FROM tokens WHERE user_id = ?1", [user.id.0])?;
        let nonce = ids::new_nonce()?;
        let token = ids::derive_token(&rules.key, &nonce);
        let expires_ms = now_ms.saturating_add(span_ms(rules.ttl));
        tx.execute(
            "INSERT INTO tokens (digest, user_id, nonce, created_ms, expires_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                ids::digest(token.expose()),
                user.id.0,
                nonce,
                now_ms,
                expires_ms
            ],
        )?;
        tx.execute(
            "INSERT INTO token_grants (address, granted_ms) VALUES (?1, ?2)",
            params![address, now_ms],
        )?;
        tx.commit()?;
        Ok(IssuedToken {
            token,
            user,
            expires_ms,
            fresh: true,
        })
    }

    /// The user an unexpired anonymous token belongs to; `None` for anything else.
    pub fn authenticate(&self, token: &str, now_ms: i64) -> Result<Option<User>, StoreError> {
        // Only the anonymous-token shape can match; a claim token never reaches the query.
        if !token.starts_with(ids::TOKEN_PREFIX) {
            return Ok(None);
        }
        let conn = self.lock();
        let user = conn
            .query_row(
                "SELECT u.id, u.client_id, u.anonymous, u.created_ms
                 FROM tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.digest = ?1 AND t.expires_ms > ?2",
                params![ids::digest(token), now_ms],
                read_user,
            )
            .optional()?;
        Ok(user)
    }

    /// The user of this client id, if it ever asked for a token.
    pub fn user_by_client_id(&self, client_id: &str) -> Result<Option<User>, StoreError> {
        let conn = self.lock();
        let user = conn
            .query_row(
                "SELECT id, client_id, anonymous, created_ms FROM users WHERE client_id = ?1",
                [client_id],
                read_user,
            )
            .optional()?;
        Ok(user)
    }

    /// The user whose session has this bind id (the id behind a registration link).
    pub fn user_by_bind_id(&self, bind_id: &str) -> Result<Option<User>, StoreError> {
        let conn = self.lock();
        let user = conn
            .query_row(
                "SELECT u.id, u.client_id, u.anonymous, u.created_ms
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.bind_id = ?1",
                [bind_id],
                read_user,
            )
            .optional()?;
        Ok(user)
    }

    /// The user with this id, if there is one.
    pub fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        let conn = self.lock();
        let user = conn
            .query_row(
                "SELECT id, client_id, anonymous, created_ms FROM users WHERE id = ?1",
                [id.0],
                read_user,
            )
            .optional()?;
        Ok(user)
    }
}

/// A client id is 1 to 128 visible ASCII characters (a UUID in practice).
fn check_client_id(client_id: &str) -> Result<(), StoreError> {
    let reason = if client_id.is_empty() {
        "empty"
    } else if client_id.len() > MAX_CLIENT_ID_LEN {
        "longer than 128 characters"
    } else if !client_id.bytes().all(|b| b.is_ascii_graphic()) {
        "not visible ascii"
    } else {
        return Ok(());
    };
    Err(StoreError::Invalid {
        field: "client id",
        reason,
    })
}

fn read_user(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId(row.get(0)?),
        client_id: row.get(1)?,
        anonymous: row.get(2)?,
        created_ms: row.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TempStore, rules};
    use super::*;

    const DAY_MS: i64 = 24 * 3600 * 1000;

    #[test]
    fn a_new_client_gets_a_fresh_token_and_starter_credits() {
        let temp = TempStore::new();
        let issued = temp
            .store
            .issue_anonymous_token("c1", "1.2.3.4", &rules(), 5_000)
            .unwrap();
        assert!(issued.fresh);
        assert!(issued.token.expose().starts_with("nmv_usr_"));
        assert_eq!(issued.expires_ms, 5_000 + 7 * DAY_MS);
        assert_eq!(issued.expires_in_secs(5_000), 604_800);
        assert_eq!(issued.user.client_id, "c1");
        assert!(issued.user.anonymous);
        assert_eq!(temp.store.balance(issued.user.id).unwrap().available, 100);
        assert_eq!(
            temp.store.user(issued.user.id).unwrap(),
            Some(issued.user.clone())
        );
    }

    #[test]
    fn the_same_client_gets_its_valid_token_back_without_using_a_slot() {
        let temp = TempStore::new();
        let limited = TokenRules {
            per_address: 1,
            ..rules()
        };
        let first = temp
            .store
            .issue_anonymous_token("c1", "a", &limited, 0)
            .unwrap();
        let again = temp
            .store
            .issue_anonymous_token("c1", "a", &limited, 1_000)
            .unwrap();
        assert_eq!(again.token, first.token);
        assert_eq!(again.expires_ms, first.expires_ms);
        assert!(!again.fresh);
        assert_eq!(again.expires_in_secs(1_000), 604_799);
    }

    #[test]
    fn the_database_keeps_no_token_and_another_key_cannot_give_one_back() {
        let temp = TempStore::new();
        let first = temp
            .store
            .issue_anonymous_token("c1", "a", &rules(), 0)
            .unwrap();
        let secret = first.token.expose().to_owned();
        let conn = temp.store.lock();
        let kept: Vec<String> = conn
            .prepare("SELECT digest || nonce FROM tokens")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        drop(conn);
        assert_eq!(kept.len(), 1);
        let hex = secret.strip_prefix("nmv_usr_").unwrap();
        assert!(!kept[0].contains(hex), "the token itself is not kept");

        // The studio's secret replaced: the old token cannot be derived again, so the client
        // gets a new one for the same user, and the old one stops opening the account.
        let rekeyed = TokenRules {
            key: TokenKey::new([0x11; 16]),
            ..rules()
        };
        let second = temp
            .store
            .issue_anonymous_token("c1", "a", &rekeyed, 1_000)
            .unwrap();
        assert_ne!(second.token, first.token);
        assert!(second.fresh);
        assert_eq!(second.user.id, first.user.id);
        assert_eq!(temp.store.authenticate(&secret, 2_000).unwrap(), None);
        let user = temp.store.authenticate(second.token.expose(), 2_000);
        assert_eq!(user.unwrap().map(|u| u.id), Some(first.user.id));
    }

    #[test]
    fn an_expired_token_is_replaced_for_the_same_user() {
        let temp = TempStore::new();
        let first = temp
            .store
            .issue_anonymous_token("c1", "a", &rules(), 0)
            .unwrap();
        let hold = temp.store.freeze(first.user.id, 40, 0).unwrap();
        temp.store.settle(hold, true).unwrap();
        let later = 7 * DAY_MS;
        assert_eq!(
            temp.store
                .authenticate(first.token.expose(), later)
                .unwrap(),
            None
        );
        let second = temp
            .store
            .issue_anonymous_token("c1", "a", &rules(), later)
            .unwrap();
        assert!(second.fresh);
        assert_ne!(second.token, first.token);
        assert_eq!(second.user.id, first.user.id);
        // No second helping of starter credits.
        assert_eq!(temp.store.balance(first.user.id).unwrap().available, 60);
        assert_eq!(
            temp.store
                .authenticate(second.token.expose(), later)
                .unwrap()
                .map(|u| u.id),
            Some(first.user.id)
        );
    }

    #[test]
    fn the_eleventh_new_token_from_one_address_is_rate_limited() {
        let temp = TempStore::new();
        for n in 0..10 {
            temp.store
                .issue_anonymous_token(&format!("c{n}"), "9.9.9.9", &rules(), n * 1_000)
                .unwrap();
        }
        let err = temp
            .store
            .issue_anonymous_token("c10", "9.9.9.9", &rules(), 10_000)
            .unwrap_err();
        // The first token (at 0 ms) leaves the 7-day window 10 s before a full window from now.
        assert_eq!(
            err,
            StoreError::RateLimited {
                retry_after_secs: 7 * 24 * 3600 - 10
            }
        );
        // Another address is not affected, and a returned token is not a new one.
        temp.store
            .issue_anonymous_token("c10", "8.8.8.8", &rules(), 10_000)
            .unwrap();
        assert!(
            !temp
                .store
                .issue_anonymous_token("c3", "9.9.9.9", &rules(), 10_000)
                .unwrap()
                .fresh
        );
        // Once the oldest grant has left the window, one slot is free again.
        let freed = 7 * DAY_MS + 1;
        temp.store
            .issue_anonymous_token("c11", "9.9.9.9", &rules(), freed)
            .unwrap();
        assert!(matches!(
            temp.store
                .issue_anonymous_token("c12", "9.9.9.9", &rules(), freed),
            Err(StoreError::RateLimited {
                retry_after_secs: 1
            })
        ));
    }

    #[test]
    fn a_zero_limit_refuses_every_new_token() {
        let temp = TempStore::new();
        let none = TokenRules {
            per_address: 0,
            window: Duration::from_secs(60),
            ..rules()
        };
        assert_eq!(
            temp.store.issue_anonymous_token("c", "a", &none, 0),
            Err(StoreError::RateLimited {
                retry_after_secs: 60
            })
        );
    }

    #[test]
    fn authenticate_rejects_unknown_expired_and_claim_tokens() {
        let temp = TempStore::new();
        let issued = temp
            .store
            .issue_anonymous_token("c1", "a", &rules(), 0)
            .unwrap();
        let store = &temp.store;
        let token = issued.token.expose();
        assert_eq!(
            store.authenticate(token, 1).unwrap().map(|u| u.id),
            Some(issued.user.id)
        );
        assert_eq!(store.authenticate(token, issued.expires_ms).unwrap(), None);
        assert_eq!(store.authenticate("nmv_usr_0000", 1).unwrap(), None);
        assert_eq!(store.authenticate("", 1).unwrap(), None);
        let session = store.create_session(issued.user.id, "p", "en", 0).unwrap();
        let claim = store
            .create_claim(
                issued.user.id,
                &session.task_id,
                &session.session_id,
                Duration::from_secs(60),
                Duration::from_secs(60),
                0,
            )
            .unwrap()
            .unwrap();
        assert_eq!(store.authenticate(claim.token.expose(), 1).unwrap(), None);
    }

    #[test]
    fn client_ids_must_be_short_visible_ascii() {
        let temp = TempStore::new();
        for bad in ["", "has space", "ünïcode", &"x".repeat(129)] {
            assert!(matches!(
                temp.store.issue_anonymous_token(bad, "a", &rules(), 0),
                Err(StoreError::Invalid {
                    field: "client id",
                    ..
                })
            ));
        }
        temp.store
            .issue_anonymous_token(&"x".repeat(128), "a", &rules(), 0)
            .unwrap();
    }

    #[test]
    fn debug_output_holds_no_token() {
        let temp = TempStore::new();
        let issued = temp
            .store
            .issue_anonymous_token("c1", "a", &rules(), 0)
            .unwrap();
        assert!(!format!("{issued:?}").contains(issued.token.expose()));
    }
}
