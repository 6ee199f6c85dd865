//! The helpers that need no network, straight from the bridge: each answers a JS value.

use napi_derive::napi;
use serde_json::Value;

use crate::js::Js;
use i2v_js::Reply;
use i2v_js::shapes::{GuiTranslationShape, IntentShape};

/// What to do with what a person typed.
#[napi(ts_return_type = "Intent")]
pub fn route_intent(text: String) -> Js<IntentShape> {
    Js(i2v_js::route_intent(&text))
}

/// Parses a draft's JSON text: the result of the draft object.
#[napi(ts_return_type = "NativeResult<NativeDraft>")]
pub fn parse_draft(json: String) -> Js<Reply> {
    Js(i2v_js::parse_draft(&json))
}

/// What changed between two drafts: the result of the changes.
#[napi(ts_return_type = "NativeResult<DraftChange[]>")]
pub fn diff_drafts(before: String, after: String) -> Js<Reply> {
    Js(i2v_js::diff_drafts(&before, &after))
}

/// Rewrites text that assumes an on-screen editor.
#[napi(ts_return_type = "GuiTranslation")]
pub fn translate_gui(text: String) -> Js<GuiTranslationShape> {
    Js(i2v_js::translate_gui(&text))
}

/// Export options as the core will ask for them: the result of the checked options.
#[napi(ts_return_type = "NativeResult<CheckedExportOptions>")]
pub fn check_export_options(options: Value) -> Js<Reply> {
    Js(i2v_js::check_export_options(&options))
}
