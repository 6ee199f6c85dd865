//! Multipart upload bodies as `FormData`, the caller's `Blob`s passed through untouched.

use i2v_core::client::TransportError;
use i2v_core::client::multipart::{MultipartForm, UploadSource};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, FormData};

use crate::js_error::describe;

/// The form as `FormData`: one part per file, each with the core's field, file name and type.
///
/// An [`UploadSource::External`] part must hold a `web_sys::Blob` (a `File` is one) or a
/// `JsValue` that is one: it goes in as it is, so the browser reads it from disk as it sends and
/// its bytes never enter wasm memory. Bytes already in wasm memory become a `Blob` (one copy out);
/// a stream is read into one.
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
            value.dyn_into::<Blob>().map_err(|_| not_a_blob(name))?
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
    // Sizes of real files are far below 2^53, where f64 stops being exact.
    if blob.size() != size as f64 {
        return Err(TransportError::not_sent(format!(
            "{name} was {} bytes long, not the {size} it was declared as",
            blob.size()
        )));
    }
    Ok(blob)
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
