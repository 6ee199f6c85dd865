//! Reading the account and the project: credits and state (`docs/PROTOCOL.md` §3.6–3.7).

use serde_json::Value;

use super::http::{Outgoing, Spec};
use super::{Client, Clock, Transport};
use crate::Error;
use crate::draft::{Canvas, Draft};

/// The credit balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credits {
    /// Credits that can be spent now.
    pub available: i64,
    /// Credits reserved by operations in progress.
    pub frozen: i64,
    /// All credits: available and frozen.
    pub total: i64,
}

/// The project's latest state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The draft, once something has been generated.
    pub draft: Option<Draft>,
    /// The canvas (1920x1080 at 30 fps when the backend does not say).
    pub canvas: Canvas,
    /// The uploaded media the backend knows of, as it described them.
    pub video_infos: Vec<Value>,
    /// Media the backend generated, as it described them.
    pub generated_media: Vec<Value>,
    /// What the backend's analysis found in the videos (`video_analyses`, api-reference
    /// dialect), as it described it; empty when it sends none.
    pub video_analyses: Vec<Value>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// The credit balance (`GET /api/credits/balance/simple`).
    pub async fn credits(&self) -> Result<Credits, Error> {
        let payload = self
            .call(Spec::get(false), &mut |_| {
                Ok(Outgoing::empty("/api/credits/balance/simple"))
            })
            .await?
            .into_json()?;
        let number = |field: &str| -> Result<i64, Error> {
            let value = payload.data.get(field);
            value
                .and_then(Value::as_i64)
                .or_else(|| value.and_then(Value::as_f64).map(|f| f.round() as i64))
                .ok_or_else(|| Error::Protocol {
                    message: format!("the balance has no number `{field}`"),
                })
        };
        let available = number("available")?;
        let frozen = number("frozen").unwrap_or(0);
        let total = number("total").unwrap_or(available + frozen);
        Ok(Credits {
            available,
            frozen,
            total,
        })
    }

    /// The project's latest state, with the draft parsed (`GET /api/state/…/latest`).
    pub async fn state(&self) -> Result<State, Error> {
        let payload = self
            .call(Spec::get(true), &mut |client| {
                let session = client.session().map(|s| s.session_id).unwrap_or_default();
                Ok(Outgoing::empty(format!(
                    "/api/state/nemo_agent/me/{session}/latest"
                )))
            })
            .await?
            .into_json()?;
        let state = parse_state(&payload.data)?;
        let bind_id = payload.data.get("bind_id").and_then(Value::as_str);
        if let Some(bind_id) = bind_id.filter(|id| !id.is_empty()) {
            self.learn_bind_id(bind_id.to_owned());
        }
        self.remember_draft(state.draft.clone());
        Ok(state)
    }
}

/// Reads the state object, leniently: `data.state`, or `data` itself when not wrapped.
fn parse_state(data: &Value) -> Result<State, Error> {
    let state = data.get("state").unwrap_or(data);
    let draft = match state.get("draft") {
        None | Some(Value::Null) => None,
        Some(draft) => Some(Draft::from_value(draft.clone())?),
    };
    let canvas = state.get("canvas_config");
    let dimension = |field: &str, default: u32| {
        canvas
            .and_then(|c| c.get(field))
            .and_then(Value::as_f64)
            .filter(|v| *v >= 1.0 && *v <= 100_000.0)
            .map_or(default, |v| v.round() as u32)
    };
    let list = |field: &str| {
        state
            .get(field)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let defaults = Canvas::default();
    Ok(State {
        draft,
        canvas: Canvas {
            width: dimension("width", defaults.width),
            height: dimension("height", defaults.height),
            fps: dimension("fps", defaults.fps),
        },
        video_infos: list("video_infos"),
        generated_media: list("generated_media"),
        video_analyses: list("video_analyses"),
    })
}
