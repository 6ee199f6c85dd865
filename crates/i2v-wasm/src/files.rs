//! The web's `NativeFile`s (`{ name, blob }` or `{ name, data }`) as the core's upload files.

use i2v_core::Error;
use i2v_core::client::UploadFile;
use i2v_core::client::multipart::UploadSource;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// `NativeFile[]` as upload files whose sources are the JS values themselves.
///
/// A `blob` (a `File` or `Blob`) and `data` (a `Uint8Array`) both stay in JS memory: the
/// transport hands them to `FormData`, so no file byte is copied into wasm. A file's size is
/// the blob's `size` or the array's length, checked by the core before anything is sent.
pub(crate) fn upload_files(files: &JsValue) -> Result<Vec<UploadFile>, Error> {
    let files = files
        .dyn_ref::<Array>()
        .ok_or_else(|| invalid("files must be an array of { name, blob } or { name, data }"))?;
    files.iter().map(|file| upload_file(&file)).collect()
}

fn upload_file(file: &JsValue) -> Result<UploadFile, Error> {
    let field = |name: &str| Reflect::get(file, &JsValue::from_str(name)).unwrap_or_default();
    let name = field("name")
        .as_string()
        .filter(|name| !name.is_empty())
        .ok_or_else(|| invalid("every file needs a name"))?;
    let blob = field("blob");
    if let Some(blob) = blob.dyn_ref::<Blob>() {
        return Ok(UploadFile {
            name,
            size: blob.size() as u64,
            source: UploadSource::External(Box::new(blob.clone())),
        });
    }
    let data = field("data");
    if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
        return Ok(UploadFile {
            name,
            size: u64::from(bytes.length()),
            source: UploadSource::External(Box::new(JsValue::from(bytes))),
        });
    }
    Err(invalid(&format!(
        "{name}: a file needs a blob (File or Blob) or data (Uint8Array)"
    )))
}

fn invalid(message: &str) -> Error {
    Error::InvalidInput {
        message: message.to_owned(),
    }
}
