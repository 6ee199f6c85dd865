//! Chat turns as the studio's business sees them, without HTTP: who may start one, what it
//! costs, what it saves, and how its credits settle.
//!
//! Call order, as `POST /run_sse` drives it:
//! 0. [`TurnLocks::begin`] takes the session's turn: one at a time per session.
//! 1. [`start()`] checks the session and the message, plans the turn on the stored draft, the
//!    uploads and the canvas, and freezes its price; it either refuses with a [`StartError`]
//!    or gives a [`StartedTurn`].
//! 2. While the turn streams, [`save_step`] stores each tool step's draft and canvas as the
//!    tool finishes.
//! 3. At the end, [`Charge::settle`] spends the frozen credits if every step was saved, and
//!    gives them back otherwise.
//!
//! The server's part (pacing events onto the wire, heartbeats, a client that goes away) stays
//! in `server::turn`; nothing here knows about requests, headers or streams.

mod busy;
mod charge;
#[cfg(test)]
mod proptests;
mod save;
mod start;

pub use busy::{TurnGuard, TurnLocks};
pub use charge::{Charge, Prices};
pub use save::save_step;
pub use start::{MAX_MESSAGE_CHARS, StartError, StartedTurn, TurnAsk, TurnRules, start};
