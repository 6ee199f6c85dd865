//! Request extractors that answer in the envelope: the caller, the client id, the source
//! address, a JSON body.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::envelope::ApiError;
use super::state::{AppState, now_ms};
use crate::store::User;

/// The header that names the client on the anonymous-token call.
pub const CLIENT_ID_HEADER: &str = "x-client-id";

/// The user whose bearer token came with the request; 1001 when there is none or it is
/// unknown or expired.
///
/// The token is read from `Authorization: Bearer <token>` only, never from the URL, and is
/// not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller(pub User);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token)
            .ok_or(ApiError::TokenRejected)?;
        state
            .store
            .authenticate(token, now_ms())?
            .map(Caller)
            .ok_or(ApiError::TokenRejected)
    }
}

/// The token of an `Authorization` value: the scheme is case-insensitive (RFC 9110 §11.1).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The `X-Client-Id` header; 400 when it is missing or empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<ClientId, ApiError> {
        parts
            .headers
            .get(CLIENT_ID_HEADER)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| ClientId(id.to_owned()))
            .ok_or(ApiError::MissingClientId)
    }
}

/// The address the connection came from (its IP, without the port).
///
/// It is taken from the connection, never from headers a client could forge. A router served
/// without connect info (a bare `axum::serve` in a test) reports `0.0.0.0` for every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for SourceAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<SourceAddr, ApiError> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; count it as a.b.c.d.
        Ok(SourceAddr(ip.to_canonical()))
    }
}

/// A JSON request body; 400 with the parser's reason when it does not fit `T`.
///
/// An empty body reads as `{}`, so endpoints whose fields are all optional accept no body.
/// The content type is not checked: clients that forget it are common and harmless here.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<JsonBody<T>, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(text)
            .map(JsonBody)
            .map_err(|err| ApiError::BadRequest(format!("invalid json body: {err}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_leniently_but_only_from_the_bearer_scheme() {
        assert_eq!(bearer_token("Bearer nmv_usr_1"), Some("nmv_usr_1"));
        assert_eq!(bearer_token("bearer  nmv_usr_1 "), Some("nmv_usr_1"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("nmv_usr_1"), None);
    }
}
