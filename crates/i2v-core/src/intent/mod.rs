//! Routing what a person types (`docs/PROTOCOL.md` §6): export, credits, state, upload, or chat.
//!
//! [`route`] is a small rule-based classifier, run on every message in the browser and in Node,
//! so it allocates little and uses no regular expressions. The rules, in the order they apply:
//!
//! 1. **Read** ([`i2v_text`], the studio's rules too): lowercase, full-width to half-width,
//!    common traditional Chinese to simplified; English words, numbers, single Chinese
//!    characters; text in quotes becomes one opaque token, so what a person wants written on
//!    screen ("add a title that says \"Export Sale\"", 加个标题"导出特惠") never matches a keyword.
//! 2. **See clauses** ([`tokens`]): breaks and turning words end a clause; numbers are words to
//!    the tables, decoration is left out.
//! 3. **Find keywords** ([`lexicon`]): each action's phrases, imperative forms only.
//! 4. **Keep the live ones**: a keyword counts only if
//!    - its guard accepts its sense ([`senses`]: "end credits", "colour balance", "status text",
//!      "download music", "upload speed" are other senses),
//!    - no negation, deferral or sequencing governs it ([`cues`]: "don't export yet", "no need to
//!      upload", "导出前", "先别导出", "加完音乐再导出"),
//!    - it is not on-screen text introduced by "says", "titled", "写着" …, and
//!    - for export, the clause is not a question about it ("how do I export?", "怎么导出"): a
//!      question never starts a render. Credits and state answer questions, so they are exempt.
//! 5. **Edits win** ([`edits`]): an edit verb outside the live keywords makes the message chat,
//!    since the person is still changing the draft ("add music, then export").
//! 6. **Pick**: the earliest live keyword's action; none → [`Action::Chat`], the default.
//!    For export, the options said in the text come along ([`ExportOptions`]).
//!
//! Attached files are the caller's to see: with files, the SDK uploads them first (§6) and then
//! routes the text, if any.

mod cues;
mod edits;
mod extract;
mod lexicon;
mod options;
pub(crate) mod pattern;
mod senses;
pub(crate) mod tokens;

#[cfg(test)]
mod labelled;

use serde::{Deserialize, Serialize};

pub use options::{Aspect, ExportOptions, FrameRate, Quality, Resolution, VideoFormat};

use lexicon::Hit;
use tokens::Tokens;

/// What the SDK does with a message a person typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Render and download the video (§3.8); does not go to the chat.
    Export,
    /// Show the credit balance (§3.6); does not go to the chat.
    Credits,
    /// Show the project's state, the track summary (§3.7); does not go to the chat.
    State,
    /// Upload files, asking for them when none are attached (§3.5); does not go to the chat.
    Upload,
    /// Send the message to the chat stream (§3.4): generating, editing, everything else.
    Chat,
}

impl Action {
    /// The action's name as the JS API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Export => "export",
            Action::Credits => "credits",
            Action::State => "state",
            Action::Upload => "upload",
            Action::Chat => "chat",
        }
    }
}

/// The routing of one message: the action, and for export the options the person said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Intent {
    /// What to do with the message.
    pub action: Action,
    /// The export options, present exactly when `action` is [`Action::Export`] (possibly empty).
    pub export: Option<ExportOptions>,
}

impl Intent {
    /// The intent to send a message to the chat.
    pub const CHAT: Intent = Intent {
        action: Action::Chat,
        export: None,
    };
}

/// Routes what a person typed to an action (`docs/PROTOCOL.md` §6); see the module docs for the rules.
pub fn route(text: &str) -> Intent {
    let tokens = Tokens::new(text);
    let live: Vec<Hit> = lexicon::hits(&tokens)
        .into_iter()
        .filter(|hit| is_live(&tokens, hit))
        .collect();
    let spans: Vec<_> = live.iter().map(|hit| hit.span.clone()).collect();
    let Some(first) = live.iter().min_by_key(|hit| hit.span.start) else {
        return Intent::CHAT;
    };
    if edits::requested(&tokens, &spans) {
        return Intent::CHAT;
    }
    Intent {
        action: first.action,
        export: (first.action == Action::Export).then(|| extract::extract(&tokens)),
    }
}

/// Whether a keyword asks for its action here and now (rule 4 of the module docs).
fn is_live(tokens: &Tokens, hit: &Hit) -> bool {
    let question = hit.action == Action::Export && cues::asked_about(tokens, &hit.span);
    senses::passes(hit.guard, tokens, &hit.span)
        && !cues::negated(tokens, &hit.span)
        && !cues::in_content(tokens, hit.span.start)
        && !question
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn action(text: &str) -> Action {
        route(text).action
    }

    #[test]
    fn actions_have_stable_names() {
        assert_eq!(Action::Export.as_str(), "export");
        assert_eq!(Action::Credits.as_str(), "credits");
        assert_eq!(Action::State.as_str(), "state");
        assert_eq!(Action::Upload.as_str(), "upload");
        assert_eq!(Action::Chat.as_str(), "chat");
        let json = serde_json::to_string(&route("export 4k")).expect("plain data serialises");
        assert_eq!(
            json,
            r#"{"action":"export","export":{"format":null,"resolution":2160,"fps":null,"aspect":null,"quality":null}}"#
        );
    }

    #[test]
    fn the_protocol_table_routes_as_written() {
        for (text, expected) in [
            ("export", Action::Export),
            ("导出", Action::Export),
            ("download", Action::Export),
            ("send me the video", Action::Export),
            ("credits", Action::Credits),
            ("积分", Action::Credits),
            ("balance", Action::Credits),
            ("余额", Action::Credits),
            ("status", Action::State),
            ("状态", Action::State),
            ("show tracks", Action::State),
            ("upload", Action::Upload),
            ("上传", Action::Upload),
            ("generate a video from my photos", Action::Chat),
            ("add BGM", Action::Chat),
        ] {
            assert_eq!(action(text), expected, "{text}");
        }
    }

    #[test]
    fn the_protocol_counter_examples_are_chat() {
        assert_eq!(action("don't export yet, first add music"), Action::Chat);
        assert_eq!(
            action("how do I download music from my library"),
            Action::Chat
        );
    }

    #[test]
    fn export_options_come_only_with_export() {
        let intent = route("export 1080p MP4, vertical 9:16");
        assert_eq!(intent.action, Action::Export);
        let options = intent.export.expect("export carries options");
        assert_eq!(options.format, Some(VideoFormat::Mp4));
        assert_eq!(options.resolution, Resolution::from_lines(1080));
        assert_eq!(options.aspect, Some(Aspect::Ratio9x16));
        assert_eq!(route("export").export, Some(ExportOptions::default()));
        assert_eq!(route("make it 1080p vertical").export, None);
        assert_eq!(route("credits").export, None);
    }

    #[test]
    fn quoted_text_is_never_a_command() {
        assert_eq!(
            action("add a title that says \"Export Sale\""),
            Action::Chat
        );
        assert_eq!(action("加个标题“导出特惠”"), Action::Chat);
        assert_eq!(action("a caption saying export now"), Action::Chat);
    }

    #[test]
    fn edits_win_over_keywords() {
        assert_eq!(action("add music, then export"), Action::Chat);
        assert_eq!(action("加个标题然后导出"), Action::Chat);
        assert_eq!(action("don't add anything, just export"), Action::Export);
        assert_eq!(action("make it vertical and export"), Action::Export);
    }

    #[test]
    fn questions_do_not_start_a_render_but_may_read_state() {
        assert_eq!(action("how do I export?"), Action::Chat);
        assert_eq!(action("can you export it?"), Action::Export);
        assert_eq!(action("how many credits do I have left?"), Action::Credits);
        assert_eq!(action("what's on the timeline?"), Action::State);
    }

    #[test]
    fn the_earliest_live_keyword_wins() {
        assert_eq!(
            action("check my balance and then show the timeline"),
            Action::Credits
        );
        assert_eq!(action("don't export, show the status"), Action::State);
    }

    #[test]
    fn empty_and_odd_input_is_chat() {
        for text in ["", "   ", "？？", "\"export\"", "'", "\u{0}", "🎬🎬"] {
            assert_eq!(route(text), Intent::CHAT, "{text:?}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::{Action, route};

    /// Words that reach the keyword tables, cues and options, to mix with arbitrary text.
    const WORDS: &[&str] = &[
        "export",
        "don't",
        "not",
        "credits",
        "balance",
        "status",
        "upload",
        "add",
        "more",
        "photos",
        "1080p",
        "9:16",
        "vertical",
        "\"",
        "'",
        ",",
        ".",
        "?",
        "导出",
        "先别",
        "积分",
        "上传",
        "再",
        "竖屏",
        "how",
        "the",
        "end",
        "show",
        "tracks",
        "1920x1080",
        "ＥＸＰＯＲＴ",
    ];

    fn mixed() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(WORDS).prop_map(str::to_owned),
                "\\PC{0,5}"
            ],
            0..20,
        )
        .prop_map(|parts| parts.join(" "))
    }

    proptest! {
        #[test]
        fn arbitrary_text_routes_without_panicking(input in "\\PC*") {
            let intent = route(&input);
            prop_assert_eq!(intent.export.is_some(), intent.action == Action::Export);
        }

        #[test]
        fn keyword_heavy_text_routes_consistently(input in mixed()) {
            let intent = route(&input);
            prop_assert_eq!(intent.export.is_some(), intent.action == Action::Export);
            prop_assert_eq!(route(&input), intent);
        }
    }
}
