//! Futures that are `Send` on native targets and need not be on wasm, so one code path serves both.
//!
//! A native transport runs on a multi-threaded runtime, where every future crossing an `.await`
//! must be `Send`; a browser's fetch futures hold JS values and never are. The aliases and marker
//! traits below mean `Send`/`Sync` exactly where the platform needs it.

use std::future::Future;
use std::pin::Pin;

/// A boxed future: `Send` outside wasm.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future: `Send` outside wasm.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A boxed value of any type the transport knows how to use: `Send` outside wasm.
#[cfg(not(target_arch = "wasm32"))]
pub type AnyBox = Box<dyn std::any::Any + Send>;
/// A boxed value of any type the transport knows how to use: `Send` outside wasm.
#[cfg(target_arch = "wasm32")]
pub type AnyBox = Box<dyn std::any::Any>;

/// Receives the client's debug lines: `Send + Sync` outside wasm.
#[cfg(not(target_arch = "wasm32"))]
pub type LogSink = std::sync::Arc<dyn Fn(&str) + Send + Sync>;
/// Receives the client's debug lines: `Send + Sync` outside wasm.
#[cfg(target_arch = "wasm32")]
pub type LogSink = std::sync::Arc<dyn Fn(&str)>;

/// `Send` outside wasm, nothing on wasm.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}
/// `Send` outside wasm, nothing on wasm.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` outside wasm, nothing on wasm.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}
/// `Sync` outside wasm, nothing on wasm.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A callback taking `A`, type-erased: `Send` outside wasm.
///
/// Workflows take their callbacks (event listeners, request builders) as `&mut Callback`
/// rather than as a type parameter, so each workflow is compiled once whatever closure the
/// caller passes; in the size-tuned browser build every extra copy of a workflow costs kilobytes.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Callback<'a, A, R = ()> = dyn FnMut(A) -> R + Send + 'a;
/// A callback taking `A`, type-erased: `Send` outside wasm.
///
/// Workflows take their callbacks (event listeners, request builders) as `&mut Callback`
/// rather than as a type parameter, so each workflow is compiled once whatever closure the
/// caller passes; in the size-tuned browser build every extra copy of a workflow costs kilobytes.
#[cfg(target_arch = "wasm32")]
pub(crate) type Callback<'a, A, R = ()> = dyn FnMut(A) -> R + 'a;
