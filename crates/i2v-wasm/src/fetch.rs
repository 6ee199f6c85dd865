//! The core's [`Transport`] over the global `fetch`.
//!
//! gloo-net's `RequestBuilder` makes each request (method, headers, `cache: no-store`, the abort
//! signal, a JSON body or an upload's `FormData`). The rest stays on web-sys, for reasons gloo-net
//! cannot meet (measured in docs/decisions/wasm-size.md):
//! - **Sending** goes through this module's own binding of the global `fetch`, not gloo-net's
//!   `Request::send`: that one keeps only the rejection's `name: message`, and Node's rejection
//!   says `TypeError: fetch failed` with what happened (`connect ECONNREFUSED …`) in its `cause`,
//!   which [`describe`] keeps; and it treats a rejection that is not an `Error` as a bug
//!   (`unreachable!`), a panic in the browser build, where this module makes a transport error.
//!   (Letting gloo-net send too cost 0.2 KB more gzipped.)
//! - **Reading the body** is web-sys's `ReadableStreamDefaultReader` ([`FetchBody`]), for every
//!   answer: a chat turn's event stream must reach the core chunk by chunk as it arrives, for
//!   minutes, and be cancelled when dropped, while gloo-net's `Response` reads a body only whole
//!   (`text`, `binary`, `json`) or hands out the same raw `ReadableStream`. The core reads JSON
//!   answers through the same byte stream (its [`Transport`] has one kind of body), so they need
//!   no second path.
//! - The builder sends a URL that has a query with a trailing `&` (it appends its own, empty,
//!   query parameters); the core's request URLs carry none.

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use i2v_core::client::{
    Body, BoxFuture, Headers, Method, Request, Response, Transport, TransportError,
};
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache};

use crate::abort::AbortGuard;
use crate::body::FetchBody;
use crate::form::form_data;
use crate::js_error::describe;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`: a window's, a worker's or Node's, whichever runs this module.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
}

/// Sends the core's requests with `fetch`.
///
/// Each request gets its own `AbortController`, owned by the send future and then by the
/// response body: dropping either aborts the fetch. Uploads go as `FormData` whose parts are the
/// caller's own `Blob`s, so file bytes never pass through wasm memory.
#[derive(Debug, Default, Clone, Copy)]
pub struct FetchTransport;

impl FetchTransport {
    /// The transport; it holds nothing.
    pub fn new() -> FetchTransport {
        FetchTransport
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(send(request))
    }
}

async fn send(request: Request) -> Result<Response, TransportError> {
    let abort = AbortGuard::new()?;
    let multipart = matches!(request.body, Body::Multipart(_));
    let builder = RequestBuilder::new(&request.url)
        .method(match request.method {
            Method::Get => HttpMethod::GET,
            Method::Post => HttpMethod::POST,
        })
        // State, credits and render status are polled: an answer from the HTTP cache would be
        // stale.
        .cache(RequestCache::NoStore)
        .headers(gloo_net::http::Headers::from_raw(request_headers(
            &request.headers,
            multipart,
        )?))
        .abort_signal(Some(&abort.signal()));
    let built = match request.body {
        Body::Empty => builder.build(),
        Body::Bytes(bytes) => builder.body(Uint8Array::from(bytes.as_slice())),
        Body::Multipart(form) => builder.body(form_data(form).await?),
    }
    .map_err(|err| TransportError::not_sent(format!("fetch refused the request: {err}")))?;

    let promise = global_fetch(&web_sys::Request::from(built))
        .map_err(|err| TransportError::not_sent(describe("fetch refused the request", &err)))?;
    // Dropping this future here drops `abort`, which cancels the fetch.
    let answer = JsFuture::from(promise)
        .await
        // `fetch` rejects with the same TypeError whether or not the request went out.
        .map_err(|err| TransportError::maybe_sent(describe("fetch failed", &err)))?;
    let response = answer.dyn_into::<web_sys::Response>().map_err(|_| {
        TransportError::maybe_sent("fetch resolved to something else than a Response")
    })?;
    let reader = match response.body() {
        Some(stream) => Some(ReadableStreamDefaultReader::new(&stream).map_err(|err| {
            TransportError::maybe_sent(describe("the response body cannot be read", &err))
        })?),
        None => None,
    };
    Ok(Response {
        status: response.status(),
        headers: response_headers(&response.headers()),
        body: Box::new(FetchBody::new(reader, abort)),
    })
}

/// The request's headers as a `Headers` object.
///
/// A multipart body's `Content-Type` is left out: `fetch` writes its own, with the boundary of
/// the `FormData` it encodes. A value `fetch` refuses fails the request, naming only the header.
fn request_headers(headers: &Headers, multipart: bool) -> Result<web_sys::Headers, TransportError> {
    let out = web_sys::Headers::new()
        .map_err(|err| TransportError::not_sent(describe("no Headers", &err)))?;
    for (name, value) in headers.iter() {
        if multipart && name.eq_ignore_ascii_case("content-type") {
            continue;
        }
        out.append(name, value).map_err(|_| {
            TransportError::not_sent(format!("fetch refused the value of the {name} header"))
        })?;
    }
    Ok(out)
}

/// The response's headers, as far as CORS lets the page see them.
fn response_headers(headers: &web_sys::Headers) -> Headers {
    let Ok(Some(entries)) = js_sys::try_iter(headers) else {
        return Headers::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair = entry.dyn_into::<js_sys::Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}
