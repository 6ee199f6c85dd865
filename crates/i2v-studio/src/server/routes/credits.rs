//! The credit balance (`docs/PROTOCOL.md` §3.6).

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;

use crate::server::envelope::{ApiOk, ApiResult};
use crate::server::extract::Caller;
use crate::server::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/credits/balance/simple", get(balance))
}

#[derive(Debug, Serialize)]
struct BalanceAnswer {
    available: i64,
    frozen: i64,
    total: i64,
}

/// `GET /api/credits/balance/simple`.
async fn balance(State(state): State<AppState>, Caller(user): Caller) -> ApiResult<BalanceAnswer> {
    let balance = state.store.balance(user.id)?;
    Ok(ApiOk(BalanceAnswer {
        available: balance.available,
        frozen: balance.frozen,
        total: balance.total,
    }))
}
