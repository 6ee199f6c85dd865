//! `POST /run_sse` (`docs/PROTOCOL.md` §3.4): a chat turn, answered as an event stream of ADK
//! events, or in the api-reference dialect of `type` frames (§8).
//!
//! Everything that can refuse the turn (token, session, credits) answers before the stream
//! starts, with the envelope; once the stream is open the turn belongs to its task
//! ([`crate::server::turn`]).

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;

use crate::agent::{self, Cost, MediaRef, StreamOptions, TurnInput};
use crate::server::dialect::Dialect;
use crate::server::envelope::ApiError;
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::{AppState, now_ms};
use crate::server::turn::{self, Turn};
use crate::store::{SessionRecord, StoreError};
use i2v_core::draft::Draft;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/run_sse", post(run_sse))
}

/// The chat request, snake_case as ADK's api_server takes it.
#[derive(Debug, Deserialize)]
struct RunRequest {
    session_id: String,
    new_message: NewMessage,
}

#[derive(Debug, Deserialize)]
struct NewMessage {
    #[serde(default)]
    parts: Vec<MessagePart>,
}

#[derive(Debug, Deserialize)]
struct MessagePart {
    #[serde(default)]
    text: Option<String>,
}

/// `POST /run_sse`.
async fn run_sse(
    State(state): State<AppState>,
    Caller(user): Caller,
    JsonBody(request): JsonBody<RunRequest>,
) -> Result<Response, ApiError> {
    let session = state.owned_session(&user, &request.session_id)?;
    let message: String = request
        .new_message
        .parts
        .iter()
        .filter_map(|p| p.text.as_deref())
        .collect::<Vec<_>>()
        .join("\n");
    if message.trim().is_empty() {
        return Err(ApiError::BadRequest("the message has no text".into()));
    }
    let draft = match state.store.latest_draft(&session.session_id)? {
        Some(stored) => Some(Draft::parse(&stored.json).map_err(|err| {
            tracing::error!(%err, "a stored draft does not parse");
            ApiError::Internal
        })?),
        None => None,
    };
    let media = media_refs(&state, &session)?;
    let canvas = state.store.canvas(&session.session_id)?;
    let turn_seed = agent::turn_seed(state.config.seed, state.next_turn());
    let plan = agent::plan_turn(&TurnInput {
        message: &message,
        draft: draft.as_ref(),
        media: &media,
        canvas: agent::Canvas {
            width: canvas.width,
            height: canvas.height,
            fps: canvas.fps,
        },
        variant: turn_seed,
    });
    let cost = match plan.cost() {
        Cost::Generate => state.config.generate_cost,
        Cost::Edit => state.config.edit_cost,
        Cost::Free => 0,
    };
    let hold = if cost > 0 {
        match state.store.freeze(user.id, cost, now_ms()) {
            Ok(hold) => Some(hold),
            Err(StoreError::InsufficientCredits { .. }) => {
                return Err(ApiError::OutOfCredits {
                    bind_id: Some(session.bind_id.clone()),
                });
            }
            Err(err) => return Err(err.into()),
        }
    } else {
        None
    };
    let options = StreamOptions {
        silent: agent::silent_draw(turn_seed, state.config.silent_share),
        now: now_ms() as f64 / 1000.0,
        seed: turn_seed,
    };
    let events = match state.config.dialect {
        Dialect::Adk => agent::events(&plan, &options),
        Dialect::Reference => agent::frames(&plan, &options),
    };
    let rx = Turn {
        state: state.clone(),
        session_id: session.session_id.clone(),
        plan,
        events,
        hold,
    }
    .spawn();
    Ok((
        [
            (CONTENT_TYPE, "text/event-stream"),
            (CACHE_CONTROL, "no-cache"),
        ],
        turn::body(rx),
    )
        .into_response())
}

/// The session's uploads as the agent sees them.
fn media_refs(state: &AppState, session: &SessionRecord) -> Result<Vec<MediaRef>, ApiError> {
    let records = state.store.session_media(&session.session_id)?;
    Ok(records
        .into_iter()
        .map(|record| MediaRef {
            media_id: record.media_id,
            name: record.name,
            kind: record.kind,
            width: record.width,
            height: record.height,
            duration_ms: record.duration_ms,
        })
        .collect())
}
