//! One turn at a time per session: a second message to a session whose turn is still running is
//! refused rather than planned on the same draft (both would be charged, and the later save
//! would lose the earlier edit).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

/// The sessions whose turn is running; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct TurnLocks {
    running: Arc<Mutex<HashSet<String>>>,
}

/// Holds a session's turn until dropped (when the turn's stream ends, or it never starts).
#[derive(Debug)]
pub struct TurnGuard {
    locks: TurnLocks,
    session_id: String,
}

impl TurnLocks {
    /// Takes the session's turn; `None` while another turn of it is running.
    pub fn begin(&self, session_id: &str) -> Option<TurnGuard> {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.insert(session_id.to_owned()).then(|| TurnGuard {
            locks: self.clone(),
            session_id: session_id.to_owned(),
        })
    }
}

impl Drop for TurnGuard {
    fn drop(&mut self) {
        let mut running = self
            .locks
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        running.remove(&self.session_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_has_one_turn_at_a_time_and_others_are_free() {
        let locks = TurnLocks::default();
        let first = locks.begin("ses_a").expect("free");
        assert!(locks.begin("ses_a").is_none(), "busy while the first runs");
        let other = locks.begin("ses_b").expect("another session is free");
        drop(first);
        assert!(locks.begin("ses_a").is_some(), "free again once it ended");
        drop(other);
    }
}
