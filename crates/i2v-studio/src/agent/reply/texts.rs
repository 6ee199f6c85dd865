//! The sentences about titles and texts placed on the timeline, English and Chinese side by side.
//!
//! Each says exactly what changed: the words, where they sit and from when to when they show.

use crate::agent::types::Language;

/// Asks what the title should say: a title is only ever the person's own words.
pub(super) fn title_wanted(language: Language) -> String {
    match language {
        Language::English => {
            "What should the title say? For example: add the title 'Summer Trip'.".to_owned()
        }
        Language::Chinese => "标题要写什么？例如可以说：加标题「夏日旅行」。".to_owned(),
    }
}
