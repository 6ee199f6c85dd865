//! Credits: what a user can spend, and the holds that reserve credits for work in progress.
//!
//! The rules (`docs/PROTOCOL.md` §3.6):
//! - `frozen` is the sum of the user's open holds, `total` is `available + frozen`;
//! - a hold takes its amount out of `available` at once, or fails when `available` is short;
//! - settling a hold either charges it (the credits are gone) or refunds it (back to
//!   `available`), exactly once;
//! - a hold still open when the store opens was left by a run that crashed mid-work: it is
//!   refunded, since the work it paid for never finished.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, UserId};

/// A user's credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    /// Credits that can be spent now.
    pub available: i64,
    /// Credits reserved by holds.
    pub frozen: i64,
    /// Available and frozen together.
    pub total: i64,
}

/// An open reservation of credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HoldId(pub i64);

impl Store {
    /// The user's credits; an unknown user has none.
    pub fn balance(&self, user: UserId) -> Result<Balance, StoreError> {
        let conn = self.lock();
        balance(&conn, user)
    }

    /// Reserves `amount` (at least 1) of the user's available credits.
    pub fn freeze(&self, user: UserId, amount: i64, now_ms: i64) -> Result<HoldId, StoreError> {
        if amount < 1 {
            return Err(StoreError::Invalid {
                field: "amount",
                reason: "must be at least 1",
            });
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let available = balance(&tx, user)?.available;
        if available < amount {
            return Err(StoreError::InsufficientCredits {
                needed: amount,
                available,
            });
        }
        tx.execute(
            "UPDATE credits SET available = available - ?2 WHERE user_id = ?1",
            params![user.0, amount],
        )?;
        tx.execute(
            "INSERT INTO holds (user_id, amount, created_ms) VALUES (?1, ?2, ?3)",
            params![user.0, amount, now_ms],
        )?;
        let hold = HoldId(tx.last_insert_rowid());
        tx.commit()?;
        Ok(hold)
    }

    /// Gives `user` `amount` more available credits (at least 1), as the studio's owner does
    /// with `i2v-studio credits add`; returns the balance afterwards.
    pub fn grant(&self, user: UserId, amount: i64) -> Result<Balance, StoreError> {
        if amount < 1 {
            return Err(StoreError::Invalid {
                field: "amount",
                reason: "must be at least 1",
            });
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE credits SET available = available + ?2 WHERE user_id = ?1",
            params![user.0, amount],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid {
                field: "user",
                reason: "has no credit account",
            });
        }
        let after = balance(&tx, user)?;
        tx.commit()?;
        Ok(after)
    }

    /// Ends a hold: `charge` spends its credits, otherwise they go back to `available`.
    /// Returns the user's balance afterwards.
    pub fn settle(&self, hold: HoldId, charge: bool) -> Result<Balance, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (user, amount): (i64, i64) = tx
            .query_row(
                "DELETE FROM holds WHERE id = ?1 RETURNING user_id, amount",
                [hold.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::UnknownHold)?;
        if !charge {
            tx.execute(
                "UPDATE credits SET available = available + ?2 WHERE user_id = ?1",
                params![user, amount],
            )?;
        }
        let after = balance(&tx, UserId(user))?;
        tx.commit()?;
        Ok(after)
    }
}

/// Refunds every open hold; returns how many there were.
pub(super) fn refund_stale_holds(conn: &mut Connection) -> Result<u64, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE credits
         SET available = available + (SELECT SUM(amount) FROM holds WHERE holds.user_id = credits.user_id)
         WHERE user_id IN (SELECT user_id FROM holds)",
        [],
    )?;
    let refunded = tx.execute("DELETE FROM holds", [])?;
    tx.commit()?;
    Ok(u64::try_from(refunded).unwrap_or(u64::MAX))
}

fn balance(conn: &Connection, user: UserId) -> Result<Balance, StoreError> {
    let (available, frozen): (i64, i64) = conn.query_row(
        "SELECT COALESCE((SELECT available FROM credits WHERE user_id = ?1), 0),
                COALESCE((SELECT SUM(amount) FROM holds WHERE user_id = ?1), 0)",
        [user.0],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Balance {
        available,
        frozen,
        total: available.saturating_add(frozen),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TempStore, balance, rules};
    use super::*;

    fn user(temp: &TempStore, client: &str) -> UserId {
        temp.store
            .issue_anonymous_token(client, "a", &rules(), 0)
            .unwrap()
            .user
            .id
    }

    #[test]
    fn the_owner_grants_credits_to_a_client_or_the_user_behind_a_bind_id() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        temp.store.freeze(alice, 100, 0).unwrap();
        assert_eq!(temp.store.grant(alice, 30).unwrap(), balance(30, 100));
        let found = temp.store.user_by_client_id("alice").unwrap().map(|u| u.id);
        assert_eq!(found, Some(alice));
        assert_eq!(temp.store.user_by_client_id("nobody").unwrap(), None);
        let session = temp.store.create_session(alice, "p", "en", 0).unwrap();
        let behind = temp.store.user_by_bind_id(&session.bind_id).unwrap();
        assert_eq!(behind.map(|u| u.id), Some(alice));
        assert_eq!(temp.store.user_by_bind_id("bnd_nothing").unwrap(), None);
        assert!(matches!(
            temp.store.grant(alice, 0),
            Err(StoreError::Invalid { .. })
        ));
        assert!(matches!(
            temp.store.grant(UserId(999), 5),
            Err(StoreError::Invalid { .. })
        ));
    }

    #[test]
    fn a_freeze_moves_credits_from_available_to_frozen() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        temp.store.freeze(alice, 10, 0).unwrap();
        temp.store.freeze(alice, 5, 0).unwrap();
        assert_eq!(temp.store.balance(alice).unwrap(), balance(85, 15));
    }

    #[test]
    fn charging_spends_and_refunding_returns() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let charged = temp.store.freeze(alice, 10, 0).unwrap();
        let refunded = temp.store.freeze(alice, 20, 0).unwrap();
        assert_eq!(temp.store.settle(charged, true).unwrap(), balance(70, 20));
        assert_eq!(temp.store.settle(refunded, false).unwrap(), balance(90, 0));
    }

    #[test]
    fn a_hold_settles_once() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let hold = temp.store.freeze(alice, 10, 0).unwrap();
        temp.store.settle(hold, false).unwrap();
        assert_eq!(temp.store.settle(hold, false), Err(StoreError::UnknownHold));
        assert_eq!(temp.store.settle(hold, true), Err(StoreError::UnknownHold));
        assert_eq!(temp.store.balance(alice).unwrap(), balance(100, 0));
    }

    #[test]
    fn a_freeze_beyond_available_fails_and_changes_nothing() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        temp.store.freeze(alice, 95, 0).unwrap();
        assert_eq!(
            temp.store.freeze(alice, 6, 0),
            Err(StoreError::InsufficientCredits {
                needed: 6,
                available: 5
            })
        );
        assert_eq!(temp.store.balance(alice).unwrap(), balance(5, 95));
        temp.store.freeze(alice, 5, 0).unwrap();
        assert_eq!(temp.store.balance(alice).unwrap(), balance(0, 100));
    }

    #[test]
    fn amounts_must_be_positive() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        for amount in [0, -5] {
            assert!(matches!(
                temp.store.freeze(alice, amount, 0),
                Err(StoreError::Invalid {
                    field: "amount",
                    ..
                })
            ));
        }
    }

    #[test]
    fn holds_left_open_are_refunded_on_open_for_each_user() {
        let mut temp = TempStore::new();
        let (alice, bob) = (user(&temp, "alice"), user(&temp, "bob"));
        temp.store.freeze(alice, 10, 0).unwrap();
        temp.store.freeze(alice, 15, 0).unwrap();
        let settled = temp.store.freeze(bob, 30, 0).unwrap();
        temp.store.settle(settled, true).unwrap();
        temp.store.freeze(bob, 7, 0).unwrap();
        temp.reopen();
        assert_eq!(temp.store.balance(alice).unwrap(), balance(100, 0));
        assert_eq!(temp.store.balance(bob).unwrap(), balance(70, 0));
    }

    #[test]
    fn an_unknown_user_has_nothing_to_freeze() {
        let temp = TempStore::new();
        assert_eq!(temp.store.balance(UserId(999)).unwrap(), balance(0, 0));
        assert_eq!(
            temp.store.freeze(UserId(999), 1, 0),
            Err(StoreError::InsufficientCredits {
                needed: 1,
                available: 0
            })
        );
    }
}
