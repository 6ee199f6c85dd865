//! Renders shared out fairly between the people who ask for them: a worker that comes free takes
//! the waiting job of the owner with the fewest renders running, and of those the owner served
//! longest ago (round robin); no owner may have more than [`MAX_WAITING_PER_OWNER`] renders
//! waiting. One person's many renders then delay another person's one by at most one render.

use std::collections::HashMap;

use super::super::error::QueueError;

/// The most renders one owner may have waiting.
pub const MAX_WAITING_PER_OWNER: usize = 10;

/// How many renders each owner has waiting and running.
#[derive(Debug, Default)]
pub(super) struct Owners {
    waiting: HashMap<String, usize>,
    running: HashMap<String, usize>,
    /// Renders started so far, which orders the owners by when they were last served.
    started: u64,
    last_served: HashMap<String, u64>,
}

impl Owners {
    /// Takes one more waiting render of `owner`, or refuses it past the limit.
    pub(super) fn queue(&mut self, owner: &str) -> Result<(), QueueError> {
        let waiting = self.waiting.entry(owner.to_owned()).or_default();
        if *waiting >= MAX_WAITING_PER_OWNER {
            return Err(QueueError::TooManyWaiting {
                limit: MAX_WAITING_PER_OWNER,
            });
        }
        *waiting += 1;
        Ok(())
    }

    /// A waiting render of `owner` starts.
    pub(super) fn start(&mut self, owner: &str) {
        decrement(&mut self.waiting, owner);
        *self.running.entry(owner.to_owned()).or_default() += 1;
        self.started += 1;
        self.last_served.insert(owner.to_owned(), self.started);
    }

    /// A running render of `owner` ended.
    pub(super) fn finish(&mut self, owner: &str) {
        decrement(&mut self.running, owner);
    }

    /// A waiting render of `owner` left the queue without starting (cancelled).
    pub(super) fn drop_waiting(&mut self, owner: &str) {
        decrement(&mut self.waiting, owner);
    }

    /// How many renders of `owner` are running.
    pub(super) fn running(&self, owner: &str) -> usize {
        self.running.get(owner).copied().unwrap_or(0)
    }

    /// Who goes first, lowest first: fewer renders running, then served longer ago.
    pub(super) fn priority(&self, owner: &str) -> (usize, u64) {
        let last = self.last_served.get(owner).copied().unwrap_or(0);
        (self.running(owner), last)
    }
}

fn decrement(counts: &mut HashMap<String, usize>, owner: &str) {
    if let Some(count) = counts.get_mut(owner) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            counts.remove(owner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_owner_has_a_bounded_wait_and_counts_are_kept() {
        let mut owners = Owners::default();
        for _ in 0..MAX_WAITING_PER_OWNER {
            owners.queue("ann").unwrap();
        }
        assert_eq!(
            owners.queue("ann"),
            Err(QueueError::TooManyWaiting {
                limit: MAX_WAITING_PER_OWNER
            })
        );
        owners.queue("bob").unwrap();
        owners.start("ann");
        assert_eq!((owners.running("ann"), owners.running("bob")), (1, 0));
        owners.queue("ann").unwrap();
        owners.finish("ann");
        owners.drop_waiting("bob");
        assert_eq!(owners.running("ann"), 0);
        assert!(!owners.waiting.contains_key("bob"));
    }
}
