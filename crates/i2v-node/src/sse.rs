//! `SseParser` for JS: the core's WHATWG event-stream parser, fed from JS chunk by chunk.

use i2v_core::sse::{SseEvent, SseItem, SseParser};
use napi::bindgen_prelude::{Array, Either, JsObjectValue, Object, Uint8ArraySlice};
use napi::{Env, JsString};
use napi_derive::napi;

/// A push parser over the core's: comments (heartbeats) are skipped, events are handed out.
#[napi(js_name = "SseParser")]
pub struct JsSseParser {
    inner: SseParser,
}

#[napi]
impl JsSseParser {
    /// A parser at the start of a stream; `maxBufferedBytes` caps one event (default 16 MiB).
    #[napi(constructor)]
    pub fn new(max_buffered_bytes: Option<f64>) -> napi::Result<JsSseParser> {
        let inner = match max_buffered_bytes {
            None => SseParser::new(),
            Some(cap) if cap.is_finite() && cap >= 0.0 && cap.fract() == 0.0 => {
                // Saturates on 32-bit targets, where a larger cap could not be reached anyway.
                SseParser::with_max_buffered(usize::try_from(cap as u64).unwrap_or(usize::MAX))
            }
            Some(_) => {
                return Err(napi::Error::new(
                    napi::Status::InvalidArg,
                    "maxBufferedBytes must be a whole number of bytes",
                ));
            }
        };
        Ok(JsSseParser { inner })
    }

    /// The events this chunk completes. An oversized event throws the fields of a `stream`
    /// error; the parser then reads on after it.
    #[napi(
        ts_args_type = "chunk: Uint8Array | string",
        ts_return_type = "Array<{ type: string, data: string, lastEventId: string }>"
    )]
    pub fn feed<'env>(
        &mut self,
        env: &'env Env,
        chunk: Either<Uint8ArraySlice<'_>, String>,
    ) -> napi::Result<Array<'env>> {
        let bytes: &[u8] = match &chunk {
            Either::A(slice) => slice,
            Either::B(text) => text.as_bytes(),
        };
        match self.inner.feed(bytes) {
            Ok(items) => to_js(env, items),
            Err(err) => Err(crate::js::throw(env, &i2v_js::WireError::from(&err))),
        }
    }

    /// Ends the stream. An unterminated final event is discarded, as the standard says, so
    /// this never completes an event: the answer is always empty.
    #[napi(ts_return_type = "Array<{ type: string, data: string, lastEventId: string }>")]
    pub fn finish<'env>(&mut self, env: &'env Env) -> napi::Result<Array<'env>> {
        self.inner.finish();
        env.create_array(0)
    }

    /// Forgets everything, for a new stream.
    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// The last event ID: what to send as `Last-Event-ID` on reconnection.
    #[napi(getter)]
    pub fn last_event_id(&self) -> String {
        self.inner.last_event_id().to_owned()
    }

    /// The reconnection time the stream asked for, in ms, if it did.
    #[napi(getter)]
    pub fn retry(&self) -> Option<f64> {
        // A `retry` field is digits only; past 2^53 ms (285 000 years) precision hardly matters.
        self.inner.retry().map(|ms| ms as f64)
    }
}

/// The events among `items` as JS objects `{type, data, lastEventId}`; comments are the
/// server's heartbeats and mean nothing to JS.
///
/// This is the hot path of a stream (one object per event), so the three keys are made once
/// per chunk, and a type or id equal to the previous event's reuses its JS string: most
/// events are `message` with the same id.
fn to_js(env: &Env, items: Vec<SseItem>) -> napi::Result<Array<'_>> {
    let count = items
        .iter()
        .filter(|item| matches!(item, SseItem::Event(_)))
        .count();
    let mut array = env.create_array(u32::try_from(count).unwrap_or(u32::MAX))?;
    let keys = [
        env.create_string("type")?,
        env.create_string("data")?,
        env.create_string("lastEventId")?,
    ];
    let mut previous: Option<(SseEvent, JsString<'_>, JsString<'_>)> = None;
    let mut index = 0u32;
    for item in items {
        let SseItem::Event(event) = item else {
            continue;
        };
        let (event_type, last_event_id) = match &previous {
            Some((before, event_type, id))
                if before.event_type == event.event_type
                    && before.last_event_id == event.last_event_id =>
            {
                (*event_type, *id)
            }
            _ => (
                env.create_string(&event.event_type)?,
                env.create_string(&event.last_event_id)?,
            ),
        };
        let mut object = Object::new(env)?;
        object.set_property(keys[0], event_type)?;
        object.set_property(keys[1], env.create_string(&event.data)?)?;
        object.set_property(keys[2], last_event_id)?;
        array.set(index, object)?;
        index += 1;
        previous = Some((
            SseEvent {
                data: String::new(),
                ..event
            },
            event_type,
            last_event_id,
        ));
    }
    Ok(array)
}
