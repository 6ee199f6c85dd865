//! Tests of [`translate`]: every row of `docs/PROTOCOL.md` §7 in English and Chinese, mixed
//! messages, and text that must come back unchanged.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn edit(message: &str) -> GuiAction {
    GuiAction::SendEdit(message.to_owned())
}

/// Asserts the translation of `input`.
#[track_caller]
fn check(input: &str, text: &str, actions: &[GuiAction]) {
    let got = translate(input);
    assert_eq!(got.text, text, "text of {input:?}");
    assert_eq!(got.actions, actions, "actions of {input:?}");
}

// Row 1: "click [button]" / "点击" runs the button's action through the API.

#[test]
fn clicks_run_the_buttons_action() {
    check(
        "Click the Export button to download your video.",
        "The video is ready to export.",
        &[GuiAction::Export],
    );
    check(
        "Click Generate to create your video.",
        "Making that change now.",
        &[edit("Create your video")],
    );
    check(
        "Simply click **Generate**.",
        "Making that change now.",
        &[edit("Generate")],
    );
    check(
        "Tap Upload to add more photos.",
        "Send the files you want to add.",
        &[GuiAction::Upload],
    );
    check(
        "Click 'Magic Enhance' to improve the colors.",
        "Here is where your project stands.",
        &[GuiAction::ShowState],
    );
}

#[test]
fn chinese_clicks_run_the_buttons_action() {
    check(
        "点击右上角的导出按钮即可下载视频。",
        "视频可以导出了。",
        &[GuiAction::Export],
    );
    check(
        "点击“生成”按钮生成视频。",
        "正在进行这项修改。",
        &[edit("生成视频")],
    );
    check(
        "点击上传按钮添加照片。",
        "请发送要添加的文件。",
        &[GuiAction::Upload],
    );
    check(
        "单击“魔法棒”图标。",
        "这是项目目前的状态。",
        &[GuiAction::ShowState],
    );
}

// Row 2: "open [panel]" / "打开" fetches and shows the state.

#[test]
fn opening_a_panel_shows_the_state() {
    check(
        "Open the Text panel to edit the title.",
        "Here is where your project stands.",
        &[GuiAction::ShowState],
    );
    check(
        "Go to the Billing page.",
        "Checking your credits.",
        &[GuiAction::ShowCredits],
    );
    check(
        "打开文字面板修改标题。",
        "这是项目目前的状态。",
        &[GuiAction::ShowState],
    );
    check(
        "进入素材库。",
        "这是项目目前的状态。",
        &[GuiAction::ShowState],
    );
}

// Row 3: "drag/drop" / "拖拽" sends the edit through the chat.

#[test]
fn drags_send_the_edit_through_the_chat() {
    check(
        "Drag the 'Sunset' clip to the beginning of the timeline.",
        "Making that change now.",
        &[edit(
            "Move the 'Sunset' clip to the beginning of the timeline",
        )],
    );
    check(
        "To add music, drag a song onto the audio track.",
        "Making that change now.",
        &[edit("Add music")],
    );
    check(
        "Drag to reorder the clips.",
        "Making that change now.",
        &[edit("Reorder the clips")],
    );
    check(
        "Drag and drop your photos here.",
        "Send the files you want to add.",
        &[GuiAction::Upload],
    );
    check(
        "Drag and drop.",
        "Here is where your project stands.",
        &[GuiAction::ShowState],
    );
}

#[test]
fn chinese_drags_send_the_edit_through_the_chat() {
    check(
        "把日落片段拖到时间线开头。",
        "正在进行这项修改。",
        &[edit("把日落片段移到时间线开头")],
    );
    check(
        "如果要加音乐，请把歌曲拖拽到音频轨道。",
        "正在进行这项修改。",
        &[edit("加音乐")],
    );
    check(
        "将照片拖入上传区域。",
        "请发送要添加的文件。",
        &[GuiAction::Upload],
    );
}

// Row 4: "preview in timeline" shows the track summary.

#[test]
fn previews_show_the_track_summary() {
    check(
        "Preview it in the timeline.",
        "Here is what is in your video.",
        &[GuiAction::ShowSummary],
    );
    check(
        "You can play it back in the player to check the timing.",
        "Here is what is in your video.",
        &[GuiAction::ShowSummary],
    );
    check(
        "您可以在时间线中预览效果。",
        "这是视频目前的内容。",
        &[GuiAction::ShowSummary],
    );
    check(
        "预览一下吧！",
        "这是视频目前的内容。",
        &[GuiAction::ShowSummary],
    );
}

// Row 5: "Export button" / "导出" runs the export workflow.

#[test]
fn export_buttons_and_invitations_run_the_export() {
    check(
        "Use the Export button when you're ready.",
        "The video is ready to export.",
        &[GuiAction::Export],
    );
    check(
        "You can now export your video.",
        "The video is ready to export.",
        &[GuiAction::Export],
    );
    check(
        "导出按钮在右上角。",
        "视频可以导出了。",
        &[GuiAction::Export],
    );
    check(
        "视频已生成，您现在可以导出了。",
        "视频已生成。",
        &[GuiAction::Export],
    );
}

// Row 6: "check account/billing" fetches the credits.

#[test]
fn account_and_billing_show_the_credits() {
    check(
        "Check your account page for remaining credits.",
        "Checking your credits.",
        &[GuiAction::ShowCredits],
    );
    check(
        "You're out of credits, please top up in Billing.",
        "You're out of credits.",
        &[GuiAction::ShowCredits],
    );
    check(
        "请前往账户页面查看剩余积分。",
        "正在查询积分。",
        &[GuiAction::ShowCredits],
    );
    check(
        "余额不足，请充值。",
        "余额不足。",
        &[GuiAction::ShowCredits],
    );
}

// Mixed messages: content stays, GUI steps go.

#[test]
fn content_stays_and_gui_steps_go() {
    check(
        "I've added a 3-second title 'Paradise Found' with a fade. Click Export to download your video.",
        "I've added a 3-second title 'Paradise Found' with a fade.",
        &[GuiAction::Export],
    );
    check(
        "I've added background music, and you can preview it in the timeline.",
        "I've added background music.",
        &[GuiAction::ShowSummary],
    );
    check(
        "Your video is ready! Click the Export button or open the Export panel to download it.",
        "Your video is ready!",
        &[GuiAction::Export],
    );
    check(
        "Great choice! Now drag the logo to the top-right corner and click Apply.",
        "Great choice!",
        &[edit("Move the logo to the top-right corner")],
    );
    check(
        "Click Export, and your video will download.",
        "Your video will download.",
        &[GuiAction::Export],
    );
}

#[test]
fn chinese_content_stays_and_gui_steps_go() {
    check(
        "已为你添加了转场效果。点击“预览”按钮查看效果，然后点击导出。",
        "已为你添加了转场效果。",
        &[GuiAction::ShowSummary, GuiAction::Export],
    );
    check(
        "标题“天堂之旅”已添加，持续3秒。您可以在时间线上预览。",
        "标题“天堂之旅”已添加，持续3秒。",
        &[GuiAction::ShowSummary],
    );
}

#[test]
fn lines_keep_their_breaks_when_a_line_goes() {
    check(
        "Here's your video:\n- 3 photos, 12 seconds\n- Click Export to save it\nEnjoy!",
        "Here's your video:\n- 3 photos, 12 seconds\nEnjoy!",
        &[GuiAction::Export],
    );
    check(
        "Done. Click Export.\n\nAnything else?",
        "Done.\n\nAnything else?",
        &[GuiAction::Export],
    );
}

#[test]
fn actions_are_deduplicated_in_order() {
    let got = translate(
        "Open the timeline. Preview it in the timeline. Click Export. Then hit Export again.",
    );
    assert_eq!(got.actions, [GuiAction::ShowSummary, GuiAction::Export]);
    assert_eq!(got.text, "Here is what is in your video.");
}

// No-ops: text with no GUI language comes back byte for byte.

#[test]
fn text_without_gui_language_is_unchanged() {
    for input in [
        "",
        "   ",
        "I've added a 3-second title 'Paradise Found' with a fade.",
        "The clip opens with a drag race at sunset, and the music fades out at 0:30.",
        "已添加背景音乐，时长30秒。",
        "Title: “Click Here”",
        "  odd   spacing \n\n kept  \r\n exactly ",
        "The export finished: https://cdn.example.com/v.mp4",
        "Exporting usually takes about a minute.",
        "I exported the video in 1080p.",
        "预览效果很好，视频已导出。",
        "I added a click sound and an open road shot.",
        "Ｆｕｌｌ-width ＡＢＣ text and emoji 🎬 stay.",
    ] {
        let got = translate(input);
        assert_eq!(got.text, input, "{input:?}");
        assert!(got.actions.is_empty(), "{input:?}: {:?}", got.actions);
    }
}

#[test]
fn actions_serialise_as_the_js_api_spells_them() {
    let json = serde_json::to_string(&translate("Drag the clip to the end. Click Export."))
        .expect("plain data serialises");
    assert_eq!(
        json,
        r#"{"text":"Making that change now.","actions":[{"kind":"send_edit","message":"Move the clip to the end"},{"kind":"export"}]}"#
    );
    assert_eq!(GuiAction::ShowCredits.as_str(), "show_credits");
    assert_eq!(edit("x").as_str(), "send_edit");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::super::{Translator, translate};

    /// `text` cut at the char boundaries nearest `cuts` (fractions of its length).
    fn pieces(text: &str, cuts: &[f64]) -> Vec<String> {
        let mut at: Vec<usize> = cuts
            .iter()
            .map(|f| {
                let mut i = (f * text.len() as f64) as usize;
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            })
            .collect();
        at.sort_unstable();
        let mut out = Vec::new();
        let mut from = 0;
        for i in at.into_iter().chain([text.len()]) {
            out.push(text.get(from..i).unwrap_or_default().to_owned());
            from = i;
        }
        out
    }

    /// Words that reach every branch of the translator, to mix with arbitrary text.
    const WORDS: &[&str] = &[
        "click",
        "Export",
        "open",
        "the",
        "panel",
        "drag",
        "and",
        "drop",
        "to",
        "preview",
        "in",
        "timeline",
        "check",
        "account",
        "button",
        "\"",
        "'",
        ".",
        ",",
        "!",
        "\n",
        "1.",
        "点击",
        "导出",
        "按钮",
        "打开",
        "拖到",
        "预览",
        "充值",
        "。",
        "，",
        "“",
        "”",
        "你",
        "可以",
        "😀",
        "Ｅｘｐｏｒｔ",
        "把",
        "片段",
        "here",
        "photos",
        "如果要",
        "generate",
        "apply",
        " ",
    ];

    fn mixed() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(WORDS).prop_map(str::to_owned),
                "\\PC{0,6}"
            ],
            0..24,
        )
        .prop_map(|parts| parts.join(" "))
    }

    /// Content words a reply is made of, none of them GUI language.
    const CONTENT: &[&str] = &[
        "I",
        "added",
        "a",
        "title",
        "music",
        "fade",
        "the",
        "clip",
        "sunset",
        "with",
        "and",
        "photos",
        "3",
        "seconds",
        "已添加",
        "背景音乐",
        "标题",
        "视频",
        "时长",
        "秒",
        "，",
        "。",
        ".",
        ",",
        "!",
        "\n",
        "\"",
        "'",
        "🎬",
        "Ｆｕｌｌ",
        "  ",
        "\r\n",
        "：",
        "(0-3s)",
        "35%",
    ];

    /// Whether a translation that runs nothing left the text alone or only turned an offer.
    fn untouched_or_offer(input: &str, text: &str) -> bool {
        text == input || text.contains("just tell me") || text.contains("告诉我")
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_never_goes_blank(input in "\\PC*") {
            let got = translate(&input);
            if got.actions.is_empty() {
                prop_assert!(untouched_or_offer(&input, &got.text));
            }
            prop_assert!(input.trim().is_empty() || !got.text.trim().is_empty());
        }

        #[test]
        fn gui_heavy_text_keeps_its_promises(input in mixed()) {
            let got = translate(&input);
            if got.actions.is_empty() {
                prop_assert!(untouched_or_offer(&input, &got.text), "{:?}", got.text);
            }
            prop_assert!(input.trim().is_empty() || !got.text.trim().is_empty());
            let mut unique = got.actions.clone();
            unique.dedup();
            prop_assert_eq!(unique.len(), got.actions.len());
        }

        #[test]
        fn streamed_pieces_add_up_to_the_whole_translation(
            input in mixed(),
            cuts in prop::collection::vec(0.0..1.0f64, 0..8),
        ) {
            let pieces = pieces(&input, &cuts);
            let mut translator = Translator::new();
            let mut shown: String = pieces.iter().map(|p| translator.push(p)).collect();
            let (last, whole) = translator.finish(&input);
            shown.push_str(&last);
            prop_assert_eq!(&shown, &whole.text);
            prop_assert_eq!(whole, translate(&input));
        }

        #[test]
        fn content_comes_back_byte_for_byte(
            parts in prop::collection::vec(prop::sample::select(CONTENT), 0..30),
            glue in prop::sample::select(&[" ", "", "\n", "  "][..]),
        ) {
            let input = parts.join(glue);
            let got = translate(&input);
            prop_assert_eq!(&got.text, &input);
            prop_assert!(got.actions.is_empty());
        }
    }
}
