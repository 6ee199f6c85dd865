//! The HTTP API on axum: the endpoints of `docs/PROTOCOL.md`, with CORS, static files, access logs
//! and fault injection around them.
//!
//! The pieces: [`AppState`] (what handlers share), [`envelope`] (the `{"code","message","data"}`
//! answer and [`ApiError`]), [`extract`] (the caller, client id, source address, JSON body),
//! `routes` (one module per endpoint group), [`views`] (wire shapes of stored things),
//! [`router`] (everything put together), [`start`] / [`serve`] (running it, connections
//! under [`ConnectionLimits`]), [`cli`] (the
//! binary's arguments).

mod access_log;
mod api_answers;
mod app;
pub mod cli;
mod connections;
pub mod credits_cli;
mod credits_page;
pub mod dialect;
pub mod envelope;
pub mod extract;
mod faults;
mod origins;
mod routes;
mod run;
mod secret;
mod state;
mod turn;
pub mod views;
mod web;

pub use access_log::loggable_path;
pub use app::router;
pub use connections::ConnectionLimits;
pub use envelope::{ApiError, ApiOk, ApiResult};
pub use faults::{FaultDice, INJECTED_RETRY_AFTER_SECS};
pub use run::{Running, SHUTDOWN_GRACE, ServerError, serve, shutdown_signal, start};
pub use state::{AppState, now_ms};
