//! Multipart upload bodies as `FormData`, the caller's `Blob`s passed through untouched.

use i2v_core::client::TransportError;
use i2v_core::client::multipart::{MultipartForm, UploadSource};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, FormData};

use crate::js_error::describe;

/// The form as `FormData`: one part per file, each with the core's field, file name and type.
///
/// An [`UploadSource::External`] part holds a `web_sys::Blob` (a `File` is one), or a `JsValue`
/// that is a `Blob` or a `Uint8Array`: a blob goes in as it is, so the browser reads it from disk
/// as it sends; an array becomes a blob in JS memory. Either way its bytes never enter wasm
/// memory. Bytes already in wasm memory become a `Blob` (one copy out); a stream is read into one.
pub(crate) async fn form_data(form: MultipartForm) -> Result<FormData, TransportError> {
    let data =
        FormData::new().map_err(|err| TransportError::not_sent(describe("no FormData", &err)))?;
    for part in form.into_parts() {
        let blob = part_blob(part.source, &part.file_name, part.size).await?;
        // A slice is a view, not a copy: it only gives the part the type the core chose.
        let typed = blob
            .slice_with_f64_and_f64_and_content_type(0.0, blob.size(), &part.content_type)
            .map_err(|err| TransportError::not_sent(describe("the file cannot be sliced", &err)))?;
        data.append_with_blob_and_filename(&part.field, &typed, &part.file_name)
            .map_err(|err| TransportError::not_sent(describe("FormData refused a file", &err)))?;
    }
    Ok(data)
}

/// The `Blob` behind one part, checked against the size the core was told.
async fn part_blob(source: UploadSource, name: &str, size: u64) -> Result<Blob, TransportError> {
    let blob = match source {
        UploadSource::External(handle) => {
            let value = match handle.downcast::<Blob>() {
                Ok(blob) => JsValue::from(*blob),
                Err(other) => match other.downcast::<JsValue>() {
                    Ok(value) => *value,
                    Err(_) => return Err(not_a_blob(name)),
                },
            };
            blob_of_value(value).ok_or_else(|| not_a_blob(name))??
        }
        UploadSource::Bytes(bytes) => blob_of(&[Uint8Array::from(bytes.as_slice())])?,
        UploadSource::Stream(mut stream) => {
            let mut chunks = Vec::new();
            while let Some(chunk) = stream.next_chunk().await {
                chunks.push(Uint8Array::from(chunk?.as_slice()));
            }
            blob_of(&chunks)?
        }
    };
    // Sizes of real files are far below 2^53, where f64 stops being exact. (Formatting the
    // size as an integer also keeps float formatting, ~25 KB, out of the module.)
    let actual = blob.size() as u64;
    if actual != size {
        return Err(TransportError::not_sent(format!(
            "{name} was {actual} bytes long, not the {size} it was declared as"
        )));
    }
    Ok(blob)
}

/// A JS value as a `Blob`: itself, or the bytes of a `Uint8Array`; `None` for anything else.
fn blob_of_value(value: JsValue) -> Option<Result<Blob, TransportError>> {
    match value.dyn_into::<Blob>() {
        Ok(blob) => Some(Ok(blob)),
        Err(value) => value
            .dyn_into::<Uint8Array>()
            .ok()
            .map(|bytes| blob_of(&[bytes])),
    }
}

/// A `Blob` of byte arrays, in order.
fn blob_of(chunks: &[Uint8Array]) -> Result<Blob, TransportError> {
    let parts = chunks.iter().collect::<Array>();
    Blob::new_with_u8_array_sequence(&parts)
        .map_err(|err| TransportError::not_sent(describe("no Blob", &err)))
}

fn not_a_blob(name: &str) -> TransportError {
    TransportError::not_sent(format!(
        "{name} is not a Blob or File this transport can send"
    ))
}
