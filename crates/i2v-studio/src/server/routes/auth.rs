//! Tokens: the anonymous API token and the claim token (`docs/PROTOCOL.md` §3.1, §3.3).

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::server::dialect::{self, Dialect};
use crate::server::envelope::{ApiError, ApiOk, ApiResult};
use crate::server::extract::{Caller, ClientId, JsonBody, SourceAddr};
use crate::server::state::{AppState, now_ms};
use crate::store::StoreError;

/// How long a claim token lives: the `expires_in` of the protocol's example, 7 days.
pub(crate) const CLAIM_TTL: Duration = Duration::from_secs(7 * 24 * 3600);

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/auth/anonymous-token", post(anonymous_token))
        .route("/api/auth/claim-token", post(claim_token))
}

/// `POST /api/auth/anonymous-token`: the client id's token, new or still valid: `token`,
/// `credits` and `expires_in` (seconds), or in the api-reference dialect `token`, `user_id`,
/// `expires_at` (RFC 3339) and `credits`.
async fn anonymous_token(
    State(state): State<AppState>,
    SourceAddr(source): SourceAddr,
    ClientId(client_id): ClientId,
) -> ApiResult<Value> {
    let now = now_ms();
    let issued = state
        .store
        .issue_anonymous_token(
            &client_id,
            &source.to_string(),
            &state.token_rules(source),
            now,
        )
        .map_err(|err| match err {
            StoreError::Invalid { .. } => ApiError::MissingClientId,
            other => ApiError::from(other),
        })?;
    if issued.fresh {
        tracing::info!(user = %issued.user.id, %source, "new anonymous token");
    }
    let credits = state.store.balance(issued.user.id)?.available;
    let token = issued.token.expose();
    Ok(ApiOk(match state.config.dialect {
        Dialect::Adk => json!({
            "token": token,
            "credits": credits,
            "expires_in": issued.expires_in_secs(now),
        }),
        Dialect::Reference => json!({
            "token": token,
            "user_id": dialect::user_id(&issued.user),
            "expires_at": dialect::rfc3339(issued.expires_ms),
            "credits": credits,
        }),
    }))
}

#[derive(Debug, Deserialize)]
struct ClaimRequest {
    task_id: String,
    session_id: String,
}

#[derive(Debug, Serialize)]
struct ClaimAnswer {
    claim_token: String,
    expires_in: u64,
}

/// `POST /api/auth/claim-token`: a claim token for one of the caller's sessions.
async fn claim_token(
    State(state): State<AppState>,
    Caller(user): Caller,
    JsonBody(request): JsonBody<ClaimRequest>,
) -> ApiResult<ClaimAnswer> {
    let now = now_ms();
    let claim = state
        .store
        .create_claim(
            user.id,
            &request.task_id,
            &request.session_id,
            CLAIM_TTL,
            state.session_idle(),
            now,
        )?
        .ok_or(ApiError::SessionNotFound)?;
    Ok(ApiOk(ClaimAnswer {
        expires_in: claim.expires_in_secs(now),
        claim_token: claim.token.expose().to_owned(),
    }))
}
