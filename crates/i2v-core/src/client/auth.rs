//! Connecting: the token, the session, and the claim link (`docs/PROTOCOL.md` §3.1–3.3).

use serde_json::Value;

use super::config::Token;
use super::http::{Outgoing, Spec, object};
use super::platform::BoxFuture;
use super::{Client, Clock, Notice, Session, Transport};
use crate::Error;

impl<T: Transport, C: Clock> Client<T, C> {
    /// Makes sure there is a token and a session, and returns the session.
    ///
    /// A configured token is used as it is; otherwise an anonymous token is acquired for the
    /// client id. Other workflows connect on their own when needed; calling this first only
    /// makes the moment explicit.
    pub async fn connect(&self) -> Result<Session, Error> {
        self.ensure_token().await?;
        self.ensure_session().await
    }

    /// The link that opens this project in a browser: `<web>/workspace/claim?ct=<claim token>`.
    ///
    /// A claim token grants no API access, so the link is safe to share with its owner.
    pub async fn claim_url(&self) -> Result<String, Error> {
        let session = self.ensure_session().await?;
        let body = object(vec![
            ("task_id", session.task_id.into()),
            ("session_id", session.session_id.into()),
        ]);
        let payload = self
            .call(Spec::post(false), &mut |_| {
                Ok(Outgoing::json("/api/auth/claim-token", &body))
            })
            .await?
            .into_json()?;
        let claim = required_str(&payload.data, "claim_token")?;
        Ok(format!(
            "{}/workspace/claim?ct={}",
            self.config.web_url.trim_end_matches('/'),
            percent_encode(claim)
        ))
    }

    /// Acquires a token when there is none yet.
    pub(crate) fn ensure_token(&self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            if self.memory().token.is_some() {
                return Ok(());
            }
            self.acquire_token().await
        })
    }

    /// Acquires an anonymous token for the client id (`POST /api/auth/anonymous-token`).
    pub(crate) fn acquire_token(&self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let spec = Spec {
                anonymous: true,
                ..Spec::post(false)
            };
            let payload = self
                .call(spec, &mut |_| {
                    Ok(Outgoing::empty("/api/auth/anonymous-token"))
                })
                .await?
                .into_json()?;
            let token = required_str(&payload.data, "token")?;
            self.memory().token = Some(Token::new(token));
            Ok(())
        })
    }

    /// Creates a session when there is none yet, and returns it.
    pub(crate) fn ensure_session(&self) -> BoxFuture<'_, Result<Session, Error>> {
        Box::pin(async move {
            if let Some(session) = self.session() {
                return Ok(session);
            }
            let session = self.create_session().await?;
            self.memory().session = Some(session.clone());
            Ok(session)
        })
    }

    /// Replaces an expired session (1002) with a new one and tells the caller.
    pub(crate) fn replace_session(&self) -> BoxFuture<'_, Result<Session, Error>> {
        Box::pin(async move {
            let session = self.create_session().await?;
            let old = {
                let mut memory = self.memory();
                memory.draft = None;
                memory.draft_known = true;
                memory.session.replace(session.clone())
            };
            self.notice(Notice::SessionReplaced {
                old_session_id: old.map(|s| s.session_id).unwrap_or_default(),
                new_session_id: session.session_id.clone(),
            });
            Ok(session)
        })
    }

    /// `POST /api/tasks/me/with-session/nemo_agent`.
    async fn create_session(&self) -> Result<Session, Error> {
        let body = object(vec![
            ("task_name", "project".into()),
            ("language", self.config.language.as_str().into()),
        ]);
        let payload = self
            .call(Spec::post(false), &mut |_| {
                Ok(Outgoing::json(
                    "/api/tasks/me/with-session/nemo_agent",
                    &body,
                ))
            })
            .await?
            .into_json()?;
        let data = &payload.data;
        Ok(Session {
            task_id: required_str(data, "task_id")?.to_owned(),
            session_id: required_str(data, "session_id")?.to_owned(),
            bind_id: optional_str(data, "bind_id"),
            user_id: optional_str(data, "user_id"),
        })
    }
}

/// A string field the protocol requires in a response's data.
pub(crate) fn required_str<'v>(data: &'v Value, field: &str) -> Result<&'v str, Error> {
    data.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::Protocol {
            message: format!("the response has no `{field}`"),
        })
}

/// A string field a response may have; empty counts as absent.
fn optional_str(data: &Value, field: &str) -> Option<String> {
    data.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Percent-encodes a query value (everything but RFC 3986 unreserved characters).
pub(crate) fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
