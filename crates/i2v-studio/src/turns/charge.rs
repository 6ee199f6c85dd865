//! What a chat turn costs: the price of its kind, frozen when the turn starts and charged or
//! released when it ends (`docs/PROTOCOL.md` §3.6).
//!
//! Credits are frozen before the first byte of the stream, so a person who cannot pay hears so
//! in the envelope and not halfway through a reply; they are charged only once the turn has
//! saved everything it promised, so a turn that failed costs nothing.

use crate::agent::Cost;
use crate::store::{HoldId, Store, StoreError, UserId};

/// What each price class of turn costs, in credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prices {
    /// A turn that makes a new video (`Config::generate_cost`).
    pub generate: i64,
    /// A turn that edits the video (`Config::edit_cost`).
    pub edit: i64,
}

impl Prices {
    /// The credits a turn of price class `cost` takes.
    pub fn of(&self, cost: Cost) -> i64 {
        match cost {
            Cost::Generate => self.generate,
            Cost::Edit => self.edit,
            Cost::Free => 0,
        }
    }
}

/// The credits a started turn holds, to be settled exactly once when it ends.
///
/// Not `Clone`: settling consumes it, so a hold cannot be charged twice by mistake.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a turn's frozen credits stay frozen until the charge is settled"]
pub struct Charge {
    hold: Option<HoldId>,
}

impl Charge {
    /// Freezes `amount` of the user's available credits; a price of 0 or less freezes nothing
    /// (the store refuses empty holds, and a free turn must not fail on a spent balance).
    pub fn freeze(
        store: &Store,
        user: UserId,
        amount: i64,
        now_ms: i64,
    ) -> Result<Charge, StoreError> {
        let hold = if amount > 0 {
            Some(store.freeze(user, amount, now_ms)?)
        } else {
            None
        };
        Ok(Charge { hold })
    }

    /// Whether the turn holds no credits at all.
    pub fn is_free(&self) -> bool {
        self.hold.is_none()
    }

    /// Ends the hold: a `completed` turn spends the credits, a failed one gives them back.
    pub fn settle(self, store: &Store, completed: bool) -> Result<(), StoreError> {
        match self.hold {
            Some(hold) => store.settle(hold, completed).map(drop),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{TempStore, balance, rules};

    const PRICES: Prices = Prices {
        generate: 10,
        edit: 2,
    };

    fn user(temp: &TempStore) -> UserId {
        let issued = temp.store.issue_anonymous_token("c", "a", &rules(), 0);
        issued.expect("issue a token").user.id
    }

    #[test]
    fn each_price_class_has_its_price() {
        assert_eq!(PRICES.of(Cost::Generate), 10);
        assert_eq!(PRICES.of(Cost::Edit), 2);
        assert_eq!(PRICES.of(Cost::Free), 0);
    }

    #[test]
    fn a_completed_turn_spends_what_it_froze() {
        let temp = TempStore::new();
        let user = user(&temp);
        let charge = Charge::freeze(&temp.store, user, 10, 1).unwrap();
        assert!(!charge.is_free());
        assert_eq!(temp.store.balance(user).unwrap(), balance(90, 10));
        charge.settle(&temp.store, true).unwrap();
        assert_eq!(temp.store.balance(user).unwrap(), balance(90, 0));
    }

    #[test]
    fn a_failed_turn_gives_its_credits_back() {
        let temp = TempStore::new();
        let user = user(&temp);
        let charge = Charge::freeze(&temp.store, user, 10, 1).unwrap();
        charge.settle(&temp.store, false).unwrap();
        assert_eq!(temp.store.balance(user).unwrap(), balance(100, 0));
    }

    #[test]
    fn a_free_turn_freezes_nothing_even_on_a_spent_balance() {
        let temp = TempStore::new();
        let user = user(&temp);
        let everything = Charge::freeze(&temp.store, user, 100, 1).unwrap();
        let free = Charge::freeze(&temp.store, user, 0, 2).unwrap();
        assert!(free.is_free());
        free.settle(&temp.store, true).unwrap();
        assert_eq!(temp.store.balance(user).unwrap(), balance(0, 100));
        everything.settle(&temp.store, false).unwrap();
    }

    #[test]
    fn a_price_beyond_the_balance_freezes_nothing() {
        let temp = TempStore::new();
        let user = user(&temp);
        assert_eq!(
            Charge::freeze(&temp.store, user, 101, 1),
            Err(StoreError::InsufficientCredits {
                needed: 101,
                available: 100
            })
        );
        assert_eq!(temp.store.balance(user).unwrap(), balance(100, 0));
    }
}
