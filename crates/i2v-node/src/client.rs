//! `NativeClient`: the bridge's client as a napi class, every call run on the addon's tokio
//! runtime.
//!
//! Calls that answer once resolve to the bridge's reply (`{ok}` or `{error}`, a JS object made
//! by napi's serde support); calls that report as they go resolve to nothing once finished, and
//! report everything, the outcome included, through `emit`. `abort(op)` cancels a call (also one not started yet): the bridge drops its future,
//! which drops the request in flight and so closes its connection.

use std::future::Future;
use std::sync::Arc;

use i2v_js::shapes::{DraftShape, SessionShape};
use i2v_js::{Bridge, Message, Reply, WireError};
use napi::Env;
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw};
use napi_derive::napi;
use serde_json::Value;

use crate::clock::TokioClock;
use crate::emit::{EmitFn, LogFn, emitter, log_sink};
use crate::files::{self, NativeFile, PendingFile};
use crate::js::{Js, throw};
use crate::transport::HttpTransport;

type NodeBridge = Bridge<HttpTransport, TokioClock>;

/// What `previewMedia` resolves to: `[bytes, contentType]`, or the error's reply.
type PreviewAnswer = Either<(Buffer, String), Js<Reply>>;

/// A client of the agent API: the native half of the JS `Client`.
#[napi]
pub struct NativeClient {
    bridge: Arc<NodeBridge>,
}

#[napi]
impl NativeClient {
    /// A client configured by the shell's `config` object, writing its debug lines to `log`
    /// when given; throws the error's fields when the configuration cannot work.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "NativeConfig")] config: Value,
        #[napi(ts_arg_type = "((line: string) => void) | null | undefined")] log: Option<LogFn>,
    ) -> napi::Result<NativeClient> {
        let transport = HttpTransport::new()
            .map_err(|err| throw(&env, &WireError::from(&i2v_core::Error::from(err))))?;
        let log = log.map(log_sink);
        let bridge =
            Bridge::new(transport, TokioClock, config, log).map_err(|err| throw(&env, &err))?;
        Ok(NativeClient {
            bridge: Arc::new(bridge),
        })
    }

    /// The client id in use.
    #[napi]
    pub fn client_id(&self) -> String {
        self.bridge.client_id()
    }

    /// The session, once connected.
    #[napi(ts_return_type = "Session | null")]
    pub fn session(&self) -> Option<Js<SessionShape>> {
        self.bridge.session().map(Js)
    }

    /// The last draft the client saw.
    #[napi(ts_return_type = "NativeDraft | null")]
    pub fn last_draft(&self) -> Option<Js<DraftShape>> {
        self.bridge.last_draft().map(Js)
    }

    /// The registration link of an anonymous user, when known.
    #[napi]
    pub fn bind_url(&self) -> Option<String> {
        self.bridge.bind_url()
    }

    /// Adopts a saved session; the error's fields when the value is not one.
    #[napi(ts_return_type = "NativeErrorFields | null")]
    pub fn resume(&self, session: Value) -> Option<Js<WireError>> {
        self.bridge.resume(&session).err().map(|err| Js(*err))
    }

    /// Cancels call `op`, running or about to start.
    #[napi]
    pub fn abort(&self, op: u32) {
        self.bridge.abort(op);
    }

    /// Sets the options of call `op` before it starts (`{timeoutMs?}`); the error's fields
    /// when they cannot work.
    #[napi(ts_return_type = "NativeErrorFields | null")]
    pub fn call_options(&self, op: u32, options: Value) -> Option<Js<WireError>> {
        self.bridge
            .call_options(op, &options)
            .err()
            .map(|err| Js(*err))
    }

    /// Gets a token when needed and creates the session: the reply of a session.
    #[napi(ts_return_type = "Promise<NativeResult<unknown>>")]
    pub fn connect<'env>(
        &self,
        env: &'env Env,
        op: u32,
    ) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
        let bridge = Arc::clone(&self.bridge);
        answer(env, async move { bridge.connect(op).await })
    }

    /// The claim link: the reply of a string.
    #[napi(ts_return_type = "Promise<NativeResult<unknown>>")]
    pub fn claim_url<'env>(
        &self,
        env: &'env Env,
        op: u32,
    ) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
        let bridge = Arc::clone(&self.bridge);
        answer(env, async move { bridge.claim_url(op).await })
    }

    /// The credit balance: the reply of the credits.
    #[napi(ts_return_type = "Promise<NativeResult<unknown>>")]
    pub fn credits<'env>(
        &self,
        env: &'env Env,
        op: u32,
    ) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
        let bridge = Arc::clone(&self.bridge);
        answer(env, async move { bridge.credits(op).await })
    }

    /// The project's state: the reply of the state.
    #[napi(ts_return_type = "Promise<NativeResult<unknown>>")]
    pub fn state<'env>(
        &self,
        env: &'env Env,
        op: u32,
    ) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
        let bridge = Arc::clone(&self.bridge);
        answer(env, async move { bridge.state(op).await })
    }

    /// Has the backend fetch media from URLs (`urls`: an array of strings).
    #[napi(ts_return_type = "Promise<NativeResult<unknown>>")]
    pub fn upload_urls<'env>(
        &self,
        env: &'env Env,
        op: u32,
        urls: Value,
    ) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
        let bridge = Arc::clone(&self.bridge);
        answer(env, async move { bridge.upload_urls(op, &urls).await })
    }

    /// The preview of a draft's `src`: `[bytes, contentType]` (a `Buffer`), or the error's
    /// reply.
    #[napi(ts_return_type = "Promise<[Buffer, string] | NativeResult<unknown>>")]
    pub fn preview_media<'env>(
        &self,
        env: &'env Env,
        op: u32,
        src: String,
    ) -> napi::Result<PromiseRaw<'env, PreviewAnswer>> {
        let bridge = Arc::clone(&self.bridge);
        env.spawn_future(async move {
            Ok(match bridge.preview_media(op, &src).await {
                Ok(media) => Either::A((Buffer::from(media.bytes), media.content_type)),
                Err(reply) => Either::B(Js(reply)),
            })
        })
    }

    /// Uploads files: `{progress: …}` messages, then `{end: …}`.
    #[napi(ts_args_type = "op: number, files: NativeFile[], emit: (msg: NativeMessage) => void")]
    pub fn upload<'env>(
        &self,
        env: &'env Env,
        op: u32,
        files: Vec<NativeFile>,
        emit: EmitFn,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let bridge = Arc::clone(&self.bridge);
        let files = files::pending(files);
        report(env, async move {
            let mut emit = emitter(emit);
            match open(files).await {
                Ok(files) => bridge.upload(op, files, emit).await,
                Err(end) => emit(end),
            }
        })
    }

    /// Renders the current draft (`options`: `{format?, resolution?, fps?, quality?}`):
    /// `{progress: …}` messages, then `{end: …}`.
    #[napi(ts_args_type = "op: number, options: object, emit: (msg: NativeMessage) => void")]
    pub fn export<'env>(
        &self,
        env: &'env Env,
        op: u32,
        options: Value,
        emit: EmitFn,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let bridge = Arc::clone(&self.bridge);
        report(env, async move {
            bridge.export(op, &options, emitter(emit)).await;
        })
    }

    /// Keeps polling a render submitted earlier, reporting as `export` does.
    #[napi(ts_args_type = "op: number, renderId: string, emit: (msg: NativeMessage) => void")]
    pub fn resume_export<'env>(
        &self,
        env: &'env Env,
        op: u32,
        render_id: String,
        emit: EmitFn,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let bridge = Arc::clone(&self.bridge);
        report(env, async move {
            bridge.resume_export(op, &render_id, emitter(emit)).await;
        })
    }

    /// Runs one chat turn: `{event: …}` messages, then `{end: …}`.
    #[napi(ts_args_type = "op: number, text: string, emit: (msg: NativeMessage) => void")]
    pub fn chat<'env>(
        &self,
        env: &'env Env,
        op: u32,
        text: String,
        emit: EmitFn,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let bridge = Arc::clone(&self.bridge);
        report(env, async move {
            bridge.chat(op, &text, emitter(emit)).await;
        })
    }

    /// Handles what a person typed and attached, reporting as `chat` does.
    #[napi(
        ts_args_type = "op: number, text: string, files: NativeFile[], emit: (msg: NativeMessage) => void"
    )]
    pub fn send<'env>(
        &self,
        env: &'env Env,
        op: u32,
        text: String,
        files: Vec<NativeFile>,
        emit: EmitFn,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let bridge = Arc::clone(&self.bridge);
        let files = files::pending(files);
        report(env, async move {
            let mut emit = emitter(emit);
            match open(files).await {
                Ok(files) => bridge.send(op, &text, files, emit).await,
                Err(end) => emit(end),
            }
        })
    }
}

/// Runs a call that answers with one reply.
fn answer<'env>(
    env: &'env Env,
    work: impl Future<Output = Reply> + Send + 'static,
) -> napi::Result<PromiseRaw<'env, Js<Reply>>> {
    env.spawn_future(async move { Ok(Js(work.await)) })
}

/// Runs a call that reports through `emit`; its promise only says that it has finished.
fn report<'env>(
    env: &'env Env,
    work: impl Future<Output = ()> + Send + 'static,
) -> napi::Result<PromiseRaw<'env, ()>> {
    env.spawn_future(async move {
        work.await;
        Ok(())
    })
}

/// Opens the files checked on the JS thread; a file that cannot be used is the `{end: …}`
/// message to send instead of uploading anything.
async fn open(
    files: Result<Vec<PendingFile>, i2v_core::Error>,
) -> Result<Vec<i2v_core::client::UploadFile>, Message> {
    let opened = match files {
        Ok(files) => files::open_all(files).await,
        Err(err) => Err(err),
    };
    opened.map_err(|err| i2v_js::end_error(&err))
}
