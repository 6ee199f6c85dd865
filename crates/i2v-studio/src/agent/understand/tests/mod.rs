//! The rules of understanding, one instruction at a time, in English and Chinese (Spanish and
//! Japanese in `languages`).

mod history;
mod languages;
mod linear;
mod overlay;
mod shape;
mod texts;
mod timeline;

use super::*;
use crate::agent::types::MediaKind;
use Ordinal::Nth;

pub(super) fn media() -> Vec<MediaRef> {
    let image = |i: usize| MediaRef {
        media_id: format!("med_{i}"),
        name: format!("photo{i}.jpg"),
        kind: MediaKind::Image,
        width: None,
        height: None,
        duration_ms: None,
    };
    let mut media: Vec<MediaRef> = (1..=5).map(image).collect();
    media.push(MediaRef {
        media_id: "med_song".into(),
        name: "beach-song.mp3".into(),
        kind: MediaKind::Audio,
        width: None,
        height: None,
        duration_ms: Some(120_000),
    });
    media
}

/// What an instruction to an existing video asks for.
pub(crate) fn commands(text: &str) -> Vec<Command> {
    understand(text, &media(), true).commands
}

pub(super) fn one(text: &str) -> Command {
    let found = commands(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    found.into_iter().next().unwrap_or(Command::Reverse)
}

#[test]
fn several_instructions_in_one_message() {
    assert_eq!(
        commands("make it vertical and add a title 'Summer'"),
        [
            Command::Aspect(Aspect::Portrait),
            Command::Title(TextChange::Set("Summer".into()))
        ]
    );
    assert_eq!(
        commands("remove the music and the title"),
        [Command::RemoveMusic, Command::Title(TextChange::Remove)]
    );
    assert_eq!(
        commands("去掉音乐和标题"),
        [Command::RemoveMusic, Command::Title(TextChange::Remove)]
    );
    assert_eq!(
        commands("删除第二张，然后把音乐调低，再做成竖屏"),
        [
            Command::RemoveClips(vec![Nth(2)]),
            Command::Volume(VolumeChange::Lower),
            Command::Aspect(Aspect::Portrait)
        ]
    );
    assert_eq!(
        commands("no transitions, 20 seconds, and use cinematic music at 50%"),
        [
            Command::Transitions(TransitionChange::Remove),
            Command::Total(20_000),
            Command::Music(MusicChoice::Library("cinematic")),
            Command::Volume(VolumeChange::Set(0.5))
        ]
    );
}

#[test]
fn a_list_of_pictures_ends_where_a_new_instruction_begins() {
    assert_eq!(
        commands("make the first photo 2 seconds longer and the last one shorter"),
        [
            Command::ClipScale {
                clips: vec![Nth(1)],
                longer: true,
                by: Some(2_000)
            },
            Command::ClipScale {
                clips: vec![Ordinal::FromEnd(1)],
                longer: false,
                by: None
            }
        ]
    );
    assert_eq!(
        commands("remove the first photo and make the last one 5 seconds"),
        [
            Command::RemoveClips(vec![Nth(1)]),
            Command::Clip(vec![Ordinal::FromEnd(1)], 5_000)
        ]
    );
}

#[test]
fn asking_for_a_video() {
    let request = understand(
        "turn these images into a 30-second video with smooth transitions and background music",
        &media(),
        true,
    );
    assert!(request.generate);
    assert_eq!(
        request.commands,
        [
            Command::Transitions(TransitionChange::Set {
                kind: Some(TransitionKind::Fade),
                ms: None
            }),
            Command::Total(30_000),
            Command::Music(MusicChoice::Default)
        ]
    );
    assert_eq!(request.language, Language::English);
    let chinese = understand(
        "把这些照片做成一个30秒的视频，加上平滑的转场和背景音乐",
        &media(),
        true,
    );
    assert!(chinese.generate);
    assert_eq!(chinese.language, Language::Chinese);
    assert_eq!(chinese.commands.len(), 3, "{:?}", chinese.commands);
    for text in ["make a video", "start over", "重新生成", "生成视频"] {
        assert!(understand(text, &media(), false).generate, "{text}");
    }
    for text in [
        "make the video shorter",
        "make it a vertical video",
        "做成竖屏视频",
    ] {
        assert!(!understand(text, &media(), true).generate, "{text}");
    }
}

#[test]
fn what_is_not_understood_asks_for_nothing() {
    for text in [
        "hello there",
        "what can you do?",
        "今天天气怎么样",
        "",
        "   ",
        "???",
    ] {
        let request = understand(text, &media(), true);
        assert!(
            request.commands.is_empty() && !request.generate,
            "{text}: {request:?}"
        );
    }
}

#[test]
fn wordings_that_change_the_meaning_of_a_verb() {
    assert_eq!(one("turn the music off"), Command::RemoveMusic);
    assert_eq!(one("把背景音乐关掉"), Command::RemoveMusic);
    assert_eq!(
        one("I don't like the music"),
        Command::Music(MusicChoice::Another)
    );
    assert_eq!(one("音乐声音太大了"), Command::Volume(VolumeChange::Lower));
    assert_eq!(
        one("zoom out slowly"),
        Command::Motion(MotionStyle::Fixed(Motion::ZoomOut), None)
    );
    assert_eq!(
        one("the photos should be still"),
        Command::Motion(MotionStyle::Still, None)
    );
    assert_eq!(
        one("make the transitions faster"),
        Command::Transitions(TransitionChange::Pace(false))
    );
    assert_eq!(
        one("slower transitions"),
        Command::Transitions(TransitionChange::Pace(true))
    );
    assert_eq!(
        one("make the title bigger"),
        Command::Title(TextChange::Resize(true))
    );
    assert_eq!(one("标题小一点"), Command::Title(TextChange::Resize(false)));
    assert_eq!(
        one("字幕：海边"),
        Command::Caption(TextChange::Set("海边".into()), None)
    );
    assert_eq!(
        one("add a title that says Happy Birthday"),
        Command::Title(TextChange::Set("Happy Birthday".into()))
    );
}

#[test]
fn questions_and_export_requests_are_told_apart() {
    for text in [
        "how do I add music?",
        "怎么加字幕？",
        "how to remove a photo",
    ] {
        let request = understand(text, &media(), true);
        assert!(
            request.question && request.commands.is_empty(),
            "{text}: {request:?}"
        );
    }
    for text in ["export", "导出视频", "download it"] {
        let request = understand(text, &media(), true);
        assert!(
            request.export && request.commands.is_empty(),
            "{text}: {request:?}"
        );
    }
    assert!(!understand("add music", &media(), true).export);
}
/// A file name is found in the whole message; the clauses after it must not point at it.
#[test]
fn a_file_name_points_only_in_its_own_clause() {
    assert_eq!(
        commands("remove photo2.jpg, then make it 12 seconds and move the first photo to the end"),
        [
            Command::RemoveClips(vec![Nth(2)]),
            Command::Total(12_000),
            Command::MoveClip(Nth(1), Place::At(Ordinal::FromEnd(1))),
        ]
    );
}

/// Every example the help text gives for an existing video is understood as an instruction.
#[test]
fn the_help_texts_newer_examples_are_understood() {
    for example in [
        "fill the frame",
        "make it faster",
        "fade out at the end",
        "undo",
        "铺满画面",
        "节奏快一点",
        "结尾淡出",
        "撤销",
    ] {
        let found = commands(example);
        assert_eq!(found.len(), 1, "{example:?} gave {found:?}");
    }
}
