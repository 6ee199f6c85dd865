//! The helpers that need no network, exported as they are from the bridge, their answers made
//! JS values by serde-wasm-bindgen.

use i2v_js::{Answer, Outcome, WireError};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::convert::{answer_js, from_js, reply_js};

/// What to do with what a person typed: the intent object.
#[wasm_bindgen(js_name = routeIntent)]
pub fn route_intent(text: &str) -> JsValue {
    answer_js(Some(Answer::Intent(i2v_js::route_intent(text))))
}

/// Text rewritten for a person without an on-screen editor.
#[wasm_bindgen(js_name = translateGui)]
pub fn translate_gui(text: &str) -> JsValue {
    answer_js(Some(Answer::Gui(i2v_js::translate_gui(text))))
}

/// Parses a draft's JSON text: the result of a draft, or of the error naming the JSON path.
#[wasm_bindgen(js_name = parseDraft)]
pub fn parse_draft(json: &str) -> JsValue {
    reply_js(&i2v_js::parse_draft(json))
}

/// What changed between two drafts: the result of the changes.
#[wasm_bindgen(js_name = diffDrafts)]
pub fn diff_drafts(before: &str, after: &str) -> JsValue {
    reply_js(&i2v_js::diff_drafts(before, after))
}

/// Export options as the core will ask for them: the result of the checked options.
#[wasm_bindgen(js_name = checkExportOptions)]
pub fn check_export_options(options: JsValue) -> JsValue {
    match from_js(options, "export options") {
        Ok(options) => reply_js(&i2v_js::check_export_options(&options)),
        Err(err) => reply_js(&Outcome::Error(Box::new(WireError::from(&err)))),
    }
}
