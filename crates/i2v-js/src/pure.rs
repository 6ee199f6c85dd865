//! The helpers that need no network: each answers a value of the JS contract.

use i2v_core::draft::{self, Draft};
use i2v_core::{Error, gui, intent};
use serde_json::Value;

use crate::config;
use crate::shapes::{DraftShape, ExportOptionsShape, GuiTranslationShape, IntentShape, changes};
use crate::wire::{Answer, Outcome, Reply};

/// What to do with what a person typed.
pub fn route_intent(text: &str) -> IntentShape {
    IntentShape::from(&intent::route(text))
}

/// Text rewritten for a person without an on-screen editor.
pub fn translate_gui(text: &str) -> GuiTranslationShape {
    GuiTranslationShape::from(&gui::translate(text))
}

/// Export options (`{format?, resolution?, fps?, quality?}`) as the core will ask for them:
/// `{ok: {format, resolution, fps, quality}}`, or the error of the first it cannot take.
pub fn check_export_options(options: &Value) -> Reply {
    Outcome::of(config::export_options(options), None, |o| {
        Answer::ExportOptions(ExportOptionsShape::from(&o))
    })
}

/// Parses a draft's JSON text: `{ok: draft}` or `{error: …}` naming the path (or the line and
/// column of text that is not JSON).
pub fn parse_draft(text: &str) -> Reply {
    Outcome::of(Draft::parse(text).map_err(Error::from), None, |d| {
        Answer::Draft(Box::new(DraftShape::from(&d)))
    })
}

/// What changed between two drafts: `{ok: [change…]}` or the error of the first bad draft.
///
/// Either side may also be the draft object [`DraftShape`] describes (`{value: …}` with a
/// summary), so a draft from an event can be passed back as it came.
pub fn diff_drafts(before: &str, after: &str) -> Reply {
    let parsed = parse_either(before).and_then(|b| Ok((b, parse_either(after)?)));
    Outcome::of(parsed, None, |(b, a)| {
        Answer::Changes(changes(&draft::diff(&b, &a)))
    })
}

/// A draft's JSON, or the object [`DraftShape`] wraps one in.
pub(crate) fn parse_either(text: &str) -> Result<Draft, Error> {
    let value: Value = serde_json::from_str(text).map_err(|err| Error::InvalidInput {
        message: format!("a draft must be JSON: {err}"),
    })?;
    let inner = match value {
        Value::Object(mut fields) if fields.contains_key("value") && !fields.contains_key("t") => {
            fields.remove("value").unwrap_or(Value::Null)
        }
        other => other,
    };
    Ok(Draft::from_value(inner)?)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    /// What JS sees of `shape`.
    fn value(shape: impl serde::Serialize) -> Value {
        serde_json::to_value(shape).expect("json")
    }

    fn check_export_options(text: &str) -> Reply {
        super::check_export_options(&serde_json::from_str(text).expect("json"))
    }

    #[test]
    fn a_bad_draft_names_the_path() {
        let result = value(parse_draft(r#"{"t":[{"sg":[{"d":"long"}]}]}"#));
        assert_eq!(result["error"]["kind"], "draft");
        let message = result["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("t[0].sg[0].d"), "{message}");
        assert_eq!(value(parse_draft("not json"))["error"]["kind"], "draft");
    }

    #[test]
    fn diffs_take_drafts_or_their_wire_objects() {
        let before = r#"{"t":[{"tt":0,"sg":[{"d":3000,"m":{"src":"a"}}]}]}"#;
        let after = r#"{"t":[{"tt":0,"sg":[{"d":5000,"m":{"src":"a"}}]}]}"#;
        let wrapped = value(parse_draft(before))["ok"].to_string();
        let changes = value(diff_drafts(&wrapped, after));
        let list = changes["ok"].as_array().cloned().unwrap_or_default();
        assert_eq!(list.len(), 1, "{changes}");
        assert_eq!(list[0]["kind"], "duration");
        assert!(
            list[0]["description"]
                .as_str()
                .is_some_and(|d| d.contains('5'))
        );
        assert_eq!(value(diff_drafts("[]", after))["error"]["kind"], "draft");
    }

    #[test]
    fn export_options_are_read_as_the_core_reads_them() {
        assert_eq!(
            value(check_export_options(
                r#"{"format":"WEBM","resolution":720,"fps":"60","quality":null}"#
            )),
            json!({"ok": {"format": "webm", "resolution": "720p", "fps": 60, "quality": "high"}})
        );
        assert_eq!(
            value(check_export_options("{}"))["ok"],
            json!({"format": "mp4", "resolution": null, "fps": null, "quality": "high"})
        );
        let refused = value(check_export_options(r#"{"resolution":"8k"}"#));
        assert_eq!(refused["error"]["kind"], "export_option");
        assert_eq!(refused["error"]["option"]["value"], "8k");
        let mistyped = value(check_export_options(r#"{"fps":[60]}"#));
        assert_eq!(mistyped["error"]["kind"], "invalid_input");
    }

    #[test]
    fn routing_and_translation_answer_json() {
        assert_eq!(
            value(route_intent("how many credits do I have")),
            json!({"action": "credits"})
        );
        let translated = value(translate_gui("Click the Export button to download."));
        assert!(
            translated["actions"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{translated}"
        );
    }
}
