//! Sessions and what is in them: creating one, its state, and opening it by claim token
//! (`docs/PROTOCOL.md` §3.2, §3.7).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::server::dialect::{self, Dialect};
use crate::server::envelope::{ApiError, ApiOk, ApiResult};
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::{AppState, now_ms};
use crate::server::views::StateView;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/tasks/me/with-session/nemo_agent", post(create))
        .route(
            "/api/state/nemo_agent/me/{session_id}/latest",
            get(latest_state),
        )
        .route("/api/claim/{claim_token}", get(open_claim))
}

#[derive(Debug, Default, Deserialize)]
struct NewSession {
    task_name: Option<String>,
    language: Option<String>,
}

/// `POST /api/tasks/me/with-session/nemo_agent`: a new task and session for the caller
/// (`me` is literal: the token says who): `task_id`, `session_id` and `bind_id`, or in the
/// api-reference dialect `task_id`, `session_id` and `user_id`.
async fn create(
    State(state): State<AppState>,
    Caller(user): Caller,
    JsonBody(request): JsonBody<NewSession>,
) -> ApiResult<Value> {
    let task_name = request.task_name.unwrap_or_else(|| "project".to_owned());
    let language = request.language.unwrap_or_else(|| "en".to_owned());
    let session = state
        .store
        .create_session(user.id, &task_name, &language, now_ms())?;
    tracing::info!(user = %user.id, session = %session.session_id, "new session");
    let (key, value) = match state.config.dialect {
        Dialect::Adk => ("bind_id", session.bind_id),
        Dialect::Reference => ("user_id", dialect::user_id(&user)),
    };
    Ok(ApiOk(json!({
        "task_id": session.task_id,
        "session_id": session.session_id,
        key: value,
    })))
}

#[derive(Debug, Serialize)]
struct StateAnswer {
    state: StateView,
    /// The seed dialect's own addition; the api-reference's state has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    bind_id: Option<String>,
}

/// `GET /api/state/nemo_agent/me/<sid>/latest`: the caller's session state.
async fn latest_state(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(session_id): Path<String>,
) -> ApiResult<StateAnswer> {
    let session = state.owned_session(&user, &session_id)?;
    let dialect = state.config.dialect;
    Ok(ApiOk(StateAnswer {
        state: StateView::load(&state.store, &session.session_id, dialect)?,
        bind_id: (dialect == Dialect::Adk).then_some(session.bind_id),
    }))
}

#[derive(Debug, Serialize)]
struct ClaimedAnswer {
    task_id: String,
    session_id: String,
    bind_id: String,
    language: String,
    state: StateView,
}

/// `GET /api/claim/<clm_token>` (ours): the session a claim token opens, with its state, for
/// the demo page. No bearer token: the claim token is the key, and it opens only this view.
async fn open_claim(
    State(state): State<AppState>,
    Path(claim): Path<String>,
) -> ApiResult<ClaimedAnswer> {
    let session = state
        .store
        .resolve_claim(&claim, state.session_idle(), now_ms())?
        .ok_or(ApiError::SessionNotFound)?;
    Ok(ApiOk(ClaimedAnswer {
        state: StateView::load(&state.store, &session.session_id, state.config.dialect)?,
        task_id: session.task_id,
        session_id: session.session_id,
        bind_id: session.bind_id,
        language: session.language,
    }))
}
