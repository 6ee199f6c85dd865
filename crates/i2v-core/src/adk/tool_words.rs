//! What a person reads while the agent runs a tool: words, never the tool's id.
//!
//! Tool names are the backend's (`create_slideshow`, `edit_multitrack`,
//! `generate_video_with_seedance`, …) and may change without notice, so a name is matched by the
//! words it holds (split at `_`, `-`, spaces and case changes; a row's word matches a word it
//! begins, so `caption` matches `captions` but `ratio` never matches `durations`), first row
//! first; a name no row knows reads as work on the video. One table, in English and Chinese.

/// How a tool's work reads for a person: while it runs, and once it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolWords {
    /// While it runs: "Editing your video…".
    pub running: &'static str,
    /// Once it is done: "Edited your video".
    pub done: &'static str,
}

/// One row of the table: the words a tool name must all hold, then English (running, done) and
/// Chinese (running, done).
type Row = (&'static [&'static str], [&'static str; 4]);

/// The table, most specific first.
const ROWS: &[Row] = &[
    (
        &["seedance"],
        [
            "Generating video, which can take a few minutes…",
            "Generated the video",
            "正在生成视频，可能需要几分钟…",
            "视频已生成",
        ],
    ),
    (
        &["generate", "video"],
        [
            "Generating video, which can take a few minutes…",
            "Generated the video",
            "正在生成视频，可能需要几分钟…",
            "视频已生成",
        ],
    ),
    (
        &["generate", "music"],
        [
            "Composing music…",
            "Composed the music",
            "正在创作音乐…",
            "音乐已创作",
        ],
    ),
    (
        &["music", "title"],
        [
            "Adding music and a title…",
            "Added music and a title",
            "正在添加音乐和标题…",
            "已添加音乐和标题",
        ],
    ),
    (&["slideshow"], PUT_TOGETHER),
    (&["create"], PUT_TOGETHER),
    (&["music"], MUSIC),
    (&["bgm"], MUSIC),
    (
        &["audio"],
        [
            "Working on the sound…",
            "Updated the sound",
            "正在处理声音…",
            "声音已更新",
        ],
    ),
    (
        &["voice"],
        [
            "Working on the voice-over…",
            "Updated the voice-over",
            "正在处理配音…",
            "配音已更新",
        ],
    ),
    (&["caption"], CAPTIONS),
    (&["subtitle"], CAPTIONS),
    (
        &["title"],
        [
            "Working on the title…",
            "Updated the title",
            "正在处理标题…",
            "标题已更新",
        ],
    ),
    (
        &["text"],
        [
            "Working on the text…",
            "Updated the text",
            "正在处理文字…",
            "文字已更新",
        ],
    ),
    (&["aspect"], FRAME),
    (&["ratio"], FRAME),
    (
        &["transition"],
        [
            "Setting the transitions…",
            "Set the transitions",
            "正在设置转场…",
            "转场已设置",
        ],
    ),
    (
        &["motion"],
        [
            "Setting the camera motion…",
            "Set the camera motion",
            "正在设置镜头运动…",
            "镜头运动已设置",
        ],
    ),
    (&["understand"], LOOK),
    (&["analy"], LOOK),
    (
        &["search"],
        ["Searching…", "Searched", "正在搜索…", "搜索完成"],
    ),
    (
        &["render"],
        [
            "Preparing the video…",
            "Prepared the video",
            "正在准备视频…",
            "视频已准备好",
        ],
    ),
    (&["clip"], EDIT),
    (&["duration"], EDIT),
    (&["edit"], EDIT),
    (&["draft"], EDIT),
    (&["track"], EDIT),
];

const PUT_TOGETHER: [&str; 4] = [
    "Putting your video together…",
    "Put your video together",
    "正在制作视频…",
    "视频已制作",
];
const MUSIC: [&str; 4] = [
    "Working on the music…",
    "Updated the music",
    "正在处理音乐…",
    "音乐已更新",
];
const CAPTIONS: [&str; 4] = [
    "Working on the captions…",
    "Updated the captions",
    "正在处理字幕…",
    "字幕已更新",
];
const FRAME: [&str; 4] = [
    "Changing the frame shape…",
    "Changed the frame shape",
    "正在调整画幅…",
    "画幅已调整",
];
const LOOK: [&str; 4] = [
    "Looking at your media…",
    "Looked at your media",
    "正在分析素材…",
    "素材已分析",
];
const EDIT: [&str; 4] = [
    "Editing your video…",
    "Edited your video",
    "正在编辑视频…",
    "视频已编辑",
];
/// A tool no row knows.
const ANY: [&str; 4] = [
    "Working on your video…",
    "Worked on your video",
    "正在处理视频…",
    "视频已处理",
];

/// How the work of the tool `name` reads for a person, in Chinese when `chinese`.
pub fn tool_words(name: &str, chinese: bool) -> ToolWords {
    let words = name_words(name);
    let [en_running, en_done, zh_running, zh_done] = ROWS
        .iter()
        .find(|(wanted, _)| {
            wanted
                .iter()
                .all(|want| words.iter().any(|word| word.starts_with(want)))
        })
        .map_or(ANY, |(_, row)| *row);
    if chinese {
        ToolWords {
            running: zh_running,
            done: zh_done,
        }
    } else {
        ToolWords {
            running: en_running,
            done: en_done,
        }
    }
}

/// The words of a tool name, in lower case: `editMultitrack` and `edit_multitrack` alike give
/// `edit`, `multitrack`.
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            previous_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_ascii_lowercase();
        match words.last_mut() {
            Some(word) => word.push(c.to_ascii_lowercase()),
            None => words.push(c.to_ascii_lowercase().to_string()),
        }
    }
    words.retain(|word| !word.is_empty());
    words
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn every_tool_of_the_studio_and_the_cloud_reads_as_words() {
        for (name, words) in [
            ("create_slideshow", "Putting your video together…"),
            ("add_music_and_title", "Adding music and a title…"),
            ("set_music_volume", "Working on the music…"),
            ("remove_title", "Working on the title…"),
            ("add_captions", "Working on the captions…"),
            ("set_caption", "Working on the captions…"),
            ("set_aspect_ratio", "Changing the frame shape…"),
            ("set_transitions", "Setting the transitions…"),
            ("set_motion", "Setting the camera motion…"),
            ("move_clip", "Editing your video…"),
            ("set_clip_durations", "Editing your video…"),
            ("set_duration", "Editing your video…"),
            ("edit_multitrack", "Editing your video…"),
            (
                "generate_video_with_seedance",
                "Generating video, which can take a few minutes…",
            ),
            ("generate_music", "Composing music…"),
            ("understand_video", "Looking at your media…"),
            ("", "Working on your video…"),
            ("mystery_tool", "Working on your video…"),
        ] {
            assert_eq!(tool_words(name, false).running, words, "{name}");
        }
        assert_eq!(
            tool_words("create_slideshow", true),
            ToolWords {
                running: "正在制作视频…",
                done: "视频已制作"
            }
        );
        assert_eq!(
            tool_words("create_slideshow", false).done,
            "Put your video together"
        );
        assert_eq!(tool_words("Edit_Multitrack", true).running, "正在编辑视频…");
        assert_eq!(
            tool_words("setAspectRatio", false).running,
            "Changing the frame shape…"
        );
        assert_eq!(
            tool_words("add-captions", false).running,
            "Working on the captions…"
        );
    }

    #[test]
    fn no_label_names_a_tool_or_a_gui() {
        for row in ROWS.iter().map(|(_, row)| row).chain([&ANY]) {
            for label in row {
                assert!(!label.contains('_'), "{label}");
                for gui in ["click", "button", "timeline", "点击", "按钮", "时间线"] {
                    assert!(!label.contains(gui), "{label}");
                }
            }
        }
    }
}
