//! The helpers that need no network, exported as they are from the bridge.

use wasm_bindgen::prelude::wasm_bindgen;

/// What to do with what a person typed, as the intent JSON.
#[wasm_bindgen(js_name = routeIntent)]
pub fn route_intent(text: &str) -> String {
    i2v_js::route_intent(text)
}

/// Text rewritten for a person without an on-screen editor, as JSON.
#[wasm_bindgen(js_name = translateGui)]
pub fn translate_gui(text: &str) -> String {
    i2v_js::translate_gui(text)
}

/// Parses a draft: the result JSON of a draft, or of the error naming the JSON path.
#[wasm_bindgen(js_name = parseDraft)]
pub fn parse_draft(json: &str) -> String {
    i2v_js::parse_draft(json)
}

/// What changed between two drafts: the result JSON of the changes.
#[wasm_bindgen(js_name = diffDrafts)]
pub fn diff_drafts(before: &str, after: &str) -> String {
    i2v_js::diff_drafts(before, after)
}

/// Export options as the core will ask for them: the result JSON of the checked options.
#[wasm_bindgen(js_name = checkExportOptions)]
pub fn check_export_options(json: &str) -> String {
    i2v_js::check_export_options(json)
}
