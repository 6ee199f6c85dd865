//! The helpers that need no network, straight from the bridge: each takes and returns text.

use napi_derive::napi;

/// What to do with what a person typed: the intent JSON.
#[napi]
pub fn route_intent(text: String) -> String {
    i2v_js::route_intent(&text)
}

/// Parses a draft: the result JSON of the draft object.
#[napi]
pub fn parse_draft(json: String) -> String {
    i2v_js::parse_draft(&json)
}

/// What changed between two drafts: the result JSON of the changes.
#[napi]
pub fn diff_drafts(before: String, after: String) -> String {
    i2v_js::diff_drafts(&before, &after)
}

/// Rewrites text that assumes an on-screen editor: the translation JSON.
#[napi]
pub fn translate_gui(text: String) -> String {
    i2v_js::translate_gui(&text)
}

/// Export options as the core will ask for them: the result JSON of the checked options.
#[napi]
pub fn check_export_options(json: String) -> String {
    i2v_js::check_export_options(&json)
}
