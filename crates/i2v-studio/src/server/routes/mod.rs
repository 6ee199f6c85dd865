//! The API's endpoints, one module per group; [`api`] puts them together.
//!
//! A new group is a module with a `routes() -> Router<AppState>` function and one `.merge` line
//! in [`api`]. Every handler returns [`super::ApiResult`], so every answer has the envelope.

mod auth;
mod chat;
mod credits;
mod preview;
mod render;
mod sessions;
pub(crate) mod upload;

use axum::Router;

use super::state::AppState;

/// Every API endpoint, not yet given its state.
pub(super) fn api() -> Router<AppState> {
    Router::new()
        .merge(auth::routes())
        .merge(sessions::routes())
        .merge(credits::routes())
        .merge(upload::routes())
        .merge(chat::routes())
        .merge(render::routes())
        .merge(preview::routes())
}
