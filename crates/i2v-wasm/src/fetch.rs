//! The core's [`Transport`] over the global `fetch`.

use i2v_core::client::{Body, BoxFuture, Headers, Request, Response, Transport, TransportError};
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache, RequestInit};

use crate::abort::AbortGuard;
use crate::body::FetchBody;
use crate::form::form_data;
use crate::js_error::describe;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`: a window's, a worker's or Node's, whichever runs this module.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
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
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    // State, credits and render status are polled: an answer from the HTTP cache would be stale.
    init.set_cache(RequestCache::NoStore);
    let multipart = matches!(request.body, Body::Multipart(_));
    init.set_headers_headers(&request_headers(&request.headers, multipart)?);
    match request.body {
        Body::Empty => {}
        Body::Bytes(bytes) => init.set_body_opt_u8_array(Some(&Uint8Array::from(bytes.as_slice()))),
        Body::Multipart(form) => init.set_body_opt_form_data(Some(&form_data(form).await?)),
    }
    init.set_signal(Some(&abort.signal()));

    let promise = global_fetch(&request.url, &init)
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
