//! `POST /run_sse` (`docs/PROTOCOL.md` §3.4): a chat turn, answered as an event stream of ADK
//! events, or in the api-reference dialect of `type` frames (§8).
//!
//! Everything that can refuse the turn (token, session, credits) answers before the stream
//! starts, with the envelope: the handler reads the request, asks [`crate::turns::start`] and
//! translates its answer. Once the stream is open the turn belongs to its task
//! ([`crate::server::turn`]).

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;

use crate::agent;
use crate::server::dialect::Dialect;
use crate::server::envelope::ApiError;
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::{AppState, now_ms};
use crate::server::turn::{self, Turn};
use crate::turns::{self, StartError, TurnAsk};

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
    let message: String = request
        .new_message
        .parts
        .iter()
        .filter_map(|p| p.text.as_deref())
        .collect::<Vec<_>>()
        .join("\n");
    // One turn at a time per session: a second one planned on the same draft would be charged
    // and its save would lose the first's edit.
    let busy = state
        .turn_locks
        .begin(&request.session_id)
        .ok_or(ApiError::TurnRunning)?;
    // Understanding and planning are CPU work: off the async threads, so that one long turn
    // does not hold up every other request.
    let planning = state.clone();
    let started = tokio::task::spawn_blocking(move || {
        let ask = TurnAsk {
            user: &user,
            session_id: &request.session_id,
            message: &message,
        };
        turns::start(
            &planning.store,
            &planning.turn_rules(),
            ask,
            || planning.next_turn(),
            now_ms(),
        )
    })
    .await
    .map_err(|err| {
        tracing::error!(%err, "planning a turn failed");
        ApiError::Internal
    })??;
    let events = match state.config.dialect {
        Dialect::Adk => agent::events(&started.plan, &started.stream),
        Dialect::Reference => agent::frames(&started.plan, &started.stream),
    };
    let rx = Turn {
        state: state.clone(),
        session_id: started.session.session_id,
        plan: started.plan,
        events,
        charge: started.charge,
        busy,
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

impl From<StartError> for ApiError {
    /// A refused turn in the envelope: the messages and codes `/run_sse` has always answered.
    fn from(err: StartError) -> ApiError {
        match err {
            StartError::SessionNotFound => ApiError::SessionNotFound,
            StartError::EmptyMessage | StartError::MessageTooLong { .. } => {
                ApiError::BadRequest(err.to_string())
            }
            StartError::CorruptDraft(err) => {
                tracing::error!(%err, "a stored draft does not parse");
                ApiError::Internal
            }
            StartError::OutOfCredits { bind_id } => ApiError::OutOfCredits {
                bind_id: Some(bind_id),
            },
            StartError::Store(err) => err.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use i2v_core::draft::DraftError;

    use super::*;
    use crate::store::StoreError;

    #[test]
    fn a_refused_turn_answers_as_run_sse_always_has() {
        let corrupt = DraftError::NotAnObject { found: "an array" };
        let table = [
            (StartError::SessionNotFound, ApiError::SessionNotFound),
            (
                StartError::EmptyMessage,
                ApiError::BadRequest("the message has no text".into()),
            ),
            (
                StartError::MessageTooLong { chars: 4001 },
                ApiError::BadRequest(
                    "the message is 4001 characters long; the most is 4000".into(),
                ),
            ),
            (StartError::CorruptDraft(corrupt), ApiError::Internal),
            (
                StartError::OutOfCredits {
                    bind_id: "bnd_1".into(),
                },
                ApiError::OutOfCredits {
                    bind_id: Some("bnd_1".into()),
                },
            ),
            (
                StartError::Store(StoreError::Database("disk full".into())),
                ApiError::Internal,
            ),
        ];
        for (refused, answer) in table {
            assert_eq!(ApiError::from(refused.clone()), answer, "{refused:?}");
        }
    }
}
