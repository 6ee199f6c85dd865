//! `NativeClient`: the bridge's calls as the native interface the JS shell (`npm/shared`) drives.
//!
//! Calls that answer once return a `Promise` of the reply (`{ok}` or `{error}`, a JS object made
//! by serde-wasm-bindgen); calls that report as they go send every message through the `emit`
//! function the shell gives and return a `Promise` that settles after the last one (`{end: …}`). The shell cancels a call with `abort(op)`; the
//! bridge then drops the call's future, and with it the fetch in flight.

use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use i2v_js::{Answer, Bridge, Message, Reply, WireError};
use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::future_to_promise;

use crate::clock::TimerClock;
use crate::convert::{answer_js, error_js, from_js, message_js, reply_js};
use crate::fetch::FetchTransport;
use crate::files::upload_files;

type WebBridge = Bridge<FetchTransport, TimerClock>;

/// A client of the agent API over `fetch`, as the JS shell sees it.
#[wasm_bindgen]
pub struct NativeClient {
    /// Shared with the futures of the calls in flight, which outlive any one borrow of `self`.
    bridge: Rc<WebBridge>,
}

/// A call's work, boxed so that every call shares one instance of the promise glue.
type Work<T> = Pin<Box<dyn Future<Output = T>>>;

/// A promise of `work`'s value, which never rejects: the one instance of the promise glue
/// that every call's promise goes through (each instance of `future_to_promise` costs the
/// build code of its own).
fn promise_of_js(work: Work<JsValue>) -> Promise {
    future_to_promise(async move { Ok(work.await) })
}

/// A promise of `work`'s reply, which never rejects: errors travel inside the reply.
fn promise_of(work: Work<Reply>) -> Promise {
    promise_of_js(Box::pin(async move { reply_js(&work.await) }))
}

/// A promise that resolves once `work` is done; its messages went through `emit`.
fn promise_of_unit(work: Work<()>) -> Promise {
    promise_of_js(Box::pin(async move {
        work.await;
        JsValue::UNDEFINED
    }))
}

/// The shell's `emit` as the bridge's [`i2v_js::Emit`].
///
/// The shell's function catches its own errors; should it throw anyway, the message is dropped
/// rather than unwinding through the bridge, which always sends its `end`.
fn emitter(emit: Function) -> i2v_js::Emit {
    Box::new(move |message: Message| {
        let _ = emit.call1(&JsValue::NULL, &message_js(&message));
    })
}

#[wasm_bindgen]
impl NativeClient {
    /// A client configured by the shell's `config` object, writing its debug lines to `log`
    /// when given; throws the error's fields when the configuration is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, log: Option<Function>) -> Result<NativeClient, JsValue> {
        let log = log.map(|log| -> i2v_core::client::LogSink {
            Arc::new(move |line: &str| {
                let _ = log.call1(&JsValue::NULL, &JsValue::from(line));
            })
        });
        let config =
            from_js(config, "client options").map_err(|err| error_js(&WireError::from(&err)))?;
        Bridge::new(FetchTransport, TimerClock, config, log)
            .map(|bridge| NativeClient {
                bridge: Rc::new(bridge),
            })
            .map_err(|err| error_js(&err))
    }

    /// The client id in use.
    #[wasm_bindgen(js_name = clientId)]
    pub fn client_id(&self) -> String {
        self.bridge.client_id()
    }

    /// The session, once connected (else `null`).
    pub fn session(&self) -> JsValue {
        answer_js(self.bridge.session().map(Answer::Session))
    }

    /// The last draft seen, as the bridge's draft object (else `null`).
    #[wasm_bindgen(js_name = lastDraft)]
    pub fn last_draft(&self) -> JsValue {
        answer_js(self.bridge.last_draft().map(|d| Answer::Draft(Box::new(d))))
    }

    /// The registration link of an anonymous user, when known.
    #[wasm_bindgen(js_name = bindUrl)]
    pub fn bind_url(&self) -> Option<String> {
        self.bridge.bind_url()
    }

    /// Adopts a saved session; the error's fields when it is not one (else `null`).
    pub fn resume(&self, session: JsValue) -> JsValue {
        let resumed = from_js(session, "a session")
            .map_err(|err| Box::new(WireError::from(&err)))
            .and_then(|session| self.bridge.resume(&session));
        resumed.err().map_or(JsValue::NULL, |err| error_js(&err))
    }

    /// Cancels call `op`, running or about to start.
    pub fn abort(&self, op: u32) {
        self.bridge.abort(op);
    }

    /// Sets the options of call `op` before it starts (`{timeoutMs?}`); the error's fields
    /// when they cannot work (else `null`).
    #[wasm_bindgen(js_name = callOptions)]
    pub fn call_options(&self, op: u32, options: JsValue) -> JsValue {
        let set = from_js(options, "call options")
            .map_err(|err| Box::new(WireError::from(&err)))
            .and_then(|options| self.bridge.call_options(op, &options));
        set.err().map_or(JsValue::NULL, |err| error_js(&err))
    }

    /// Gets a token if needed and creates the session: a promise of the reply.
    pub fn connect(&self, op: u32) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of(Box::pin(async move { bridge.connect(op).await }))
    }

    /// The claim link: a promise of the reply.
    #[wasm_bindgen(js_name = claimUrl)]
    pub fn claim_url(&self, op: u32) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of(Box::pin(async move { bridge.claim_url(op).await }))
    }

    /// The credit balance: a promise of the reply.
    pub fn credits(&self, op: u32) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of(Box::pin(async move { bridge.credits(op).await }))
    }

    /// The project's state: a promise of the reply.
    pub fn state(&self, op: u32) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of(Box::pin(async move { bridge.state(op).await }))
    }

    /// Has the backend fetch media from URLs (`urls`: an array of strings).
    #[wasm_bindgen(js_name = uploadUrls)]
    pub fn upload_urls(&self, op: u32, urls: JsValue) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        // Anything but an array of strings is refused by the bridge, in the reply.
        let urls = from_js(urls, "urls").unwrap_or_default();
        promise_of(Box::pin(async move { bridge.upload_urls(op, &urls).await }))
    }

    /// Uploads `NativeFile`s (`{ name, blob }` or `{ name, data }`), reporting through `emit`.
    pub fn upload(&self, op: u32, files: JsValue, emit: Function) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        let mut emit = emitter(emit);
        promise_of_unit(Box::pin(async move {
            match upload_files(&files) {
                Ok(files) => bridge.upload(op, files, emit).await,
                Err(error) => emit(i2v_js::end_error(&error)),
            }
        }))
    }

    /// Renders the current draft (`options`: `{format?, resolution?, fps?, quality?}`),
    /// reporting through `emit`.
    pub fn export(&self, op: u32, options: JsValue, emit: Function) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        let mut emit = emitter(emit);
        let options = from_js(options, "export options");
        promise_of_unit(Box::pin(async move {
            match options {
                Ok(options) => bridge.export(op, &options, emit).await,
                Err(error) => emit(i2v_js::end_error(&error)),
            }
        }))
    }

    /// Keeps polling a render submitted earlier, reporting through `emit`.
    #[wasm_bindgen(js_name = resumeExport)]
    pub fn resume_export(&self, op: u32, render_id: String, emit: Function) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of_unit(Box::pin(async move {
            bridge.resume_export(op, &render_id, emitter(emit)).await
        }))
    }

    /// The preview of a draft's `src`: a promise of `[bytes, contentType]` (a `Uint8Array`
    /// copied once out of the module's memory), or of the error's reply.
    #[wasm_bindgen(js_name = previewMedia)]
    pub fn preview_media(&self, op: u32, src: String) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of_js(Box::pin(async move {
            match bridge.preview_media(op, &src).await {
                Ok(media) => {
                    let bytes = js_sys::Uint8Array::from(media.bytes.as_slice());
                    js_sys::Array::of2(&bytes, &JsValue::from(media.content_type)).into()
                }
                Err(reply) => reply_js(&reply),
            }
        }))
    }

    /// Runs one chat turn, reporting its events through `emit`.
    pub fn chat(&self, op: u32, text: String, emit: Function) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        promise_of_unit(Box::pin(async move {
            bridge.chat(op, &text, emitter(emit)).await
        }))
    }

    /// Handles what a person typed and attached, reporting through `emit`.
    pub fn send(&self, op: u32, text: String, files: JsValue, emit: Function) -> Promise {
        let bridge = Rc::clone(&self.bridge);
        let mut emit = emitter(emit);
        promise_of_unit(Box::pin(async move {
            match upload_files(&files) {
                Ok(files) => bridge.send(op, &text, files, emit).await,
                Err(error) => emit(i2v_js::end_error(&error)),
            }
        }))
    }
}
