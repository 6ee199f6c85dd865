//! The rules of understanding, one instruction at a time, in English and Chinese.

use super::*;
use crate::agent::types::MediaKind;
use Ordinal::{FromEnd, Nth};

fn media() -> Vec<MediaRef> {
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
fn commands(text: &str) -> Vec<Command> {
    understand(text, &media(), true).commands
}

fn one(text: &str) -> Command {
    let found = commands(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    found.into_iter().next().unwrap_or(Command::Reverse)
}

#[test]
fn total_lengths_in_digits_and_words() {
    for text in [
        "make it 30 seconds",
        "make it thirty seconds long",
        "30s please",
        "half a minute",
        "做成30秒",
        "视频改成三十秒",
        "半分钟",
        "時長改為三十秒",
    ] {
        assert_eq!(one(text), Command::Total(30_000), "{text}");
    }
    assert_eq!(one("make it a minute and a half"), Command::Total(90_000));
    assert_eq!(one("一分半"), Command::Total(90_000));
}

#[test]
fn lengths_per_picture_and_for_pictures_pointed_at() {
    for text in [
        "make each photo 4 seconds",
        "4 seconds per photo",
        "each picture five seconds",
        "all photos 4s",
        "每张图片4秒",
        "每張4秒鐘",
    ] {
        let expected = if text.contains("five") { 5_000 } else { 4_000 };
        assert_eq!(one(text), Command::Each(expected), "{text}");
    }
    assert_eq!(
        one("make the second image 5 seconds"),
        Command::Clip(vec![Nth(2)], 5_000)
    );
    assert_eq!(one("第二张图片5秒"), Command::Clip(vec![Nth(2)], 5_000));
    assert_eq!(
        one("5 seconds for the last photo"),
        Command::Clip(vec![FromEnd(1)], 5_000)
    );
    assert_eq!(
        commands("第二张5秒，第三张3秒"),
        [
            Command::Clip(vec![Nth(2)], 5_000),
            Command::Clip(vec![Nth(3)], 3_000)
        ]
    );
    assert_eq!(
        one("make the first and last photos 2 seconds"),
        Command::Clip(vec![Nth(1), FromEnd(1)], 2_000)
    );
}

#[test]
fn longer_and_shorter() {
    assert_eq!(
        one("make it 10 seconds longer"),
        Command::Scale {
            longer: true,
            by: Some(10_000)
        }
    );
    assert_eq!(
        one("make it shorter"),
        Command::Scale {
            longer: false,
            by: None
        }
    );
    assert_eq!(
        one("缩短5秒"),
        Command::Scale {
            longer: false,
            by: Some(5_000)
        }
    );
    assert_eq!(
        one("慢一点"),
        Command::Scale {
            longer: true,
            by: None
        }
    );
}

#[test]
fn removing_pictures_by_ordinal() {
    assert_eq!(
        one("remove the second photo"),
        Command::RemoveClips(vec![Nth(2)])
    );
    assert_eq!(
        one("delete photos 2 and 3"),
        Command::RemoveClips(vec![Nth(2), Nth(3)])
    );
    assert_eq!(
        one("remove the second and third images"),
        Command::RemoveClips(vec![Nth(2), Nth(3)])
    );
    assert_eq!(
        one("drop the last clip"),
        Command::RemoveClips(vec![FromEnd(1)])
    );
    assert_eq!(
        one("remove the 3rd one"),
        Command::RemoveClips(vec![Nth(3)])
    );
    assert_eq!(one("删掉最后一张"), Command::RemoveClips(vec![FromEnd(1)]));
    assert_eq!(
        one("删除第3张和倒数第二张"),
        Command::RemoveClips(vec![Nth(3), FromEnd(2)])
    );
    assert_eq!(one("把第二張圖片刪掉"), Command::RemoveClips(vec![Nth(2)]));
    assert_eq!(
        one("remove this photo"),
        Command::Unclear(Unclear::WhichPicture)
    );
}

#[test]
fn moving_swapping_and_reversing_pictures() {
    assert_eq!(
        one("move the last photo to the start"),
        Command::MoveClip(FromEnd(1), Place::At(Nth(1)))
    );
    assert_eq!(
        one("put the last photo first"),
        Command::MoveClip(FromEnd(1), Place::At(Nth(1)))
    );
    assert_eq!(
        one("move photo 3 after photo 5"),
        Command::MoveClip(Nth(3), Place::After(Nth(5)))
    );
    assert_eq!(
        one("move the first image to position 3"),
        Command::MoveClip(Nth(1), Place::At(Nth(3)))
    );
    assert_eq!(
        one("把第一张放到最后"),
        Command::MoveClip(Nth(1), Place::At(FromEnd(1)))
    );
    assert_eq!(
        one("把最后一张移到开头"),
        Command::MoveClip(FromEnd(1), Place::At(Nth(1)))
    );
    assert_eq!(
        one("把最后一张移到第二张前面"),
        Command::MoveClip(FromEnd(1), Place::Before(Nth(2)))
    );
    assert_eq!(
        one("swap the first and last photos"),
        Command::SwapClips(Nth(1), FromEnd(1))
    );
    assert_eq!(
        one("交换第一张和第二张"),
        Command::SwapClips(Nth(1), Nth(2))
    );
    assert_eq!(one("reverse the order"), Command::Reverse);
    assert_eq!(one("倒序"), Command::Reverse);
    assert_eq!(
        one("move the second photo"),
        Command::Unclear(Unclear::WhereTo)
    );
}

#[test]
fn adding_the_new_pictures() {
    assert_eq!(one("add the new photos"), Command::AddImages);
    assert_eq!(one("把新照片加进去"), Command::AddImages);
}

#[test]
fn transitions_by_kind_length_and_none() {
    let set = |kind: Option<&'static str>, ms: Option<u64>| {
        Command::Transitions(TransitionChange::Set { kind, ms })
    };
    assert_eq!(one("smooth transitions"), set(Some("fade"), None));
    assert_eq!(one("make it smoother"), set(Some("fade"), None));
    assert_eq!(one("use dissolve transitions"), set(Some("dissolve"), None));
    assert_eq!(one("slide left transitions"), set(Some("slideleft"), None));
    assert_eq!(
        one("fade to black between photos"),
        set(Some("fadeblack"), None)
    );
    assert_eq!(one("1-second transitions"), set(None, Some(1_000)));
    assert_eq!(one("transitions of 0.5 seconds"), set(None, Some(500)));
    assert_eq!(one("转场改成溶解"), set(Some("dissolve"), None));
    assert_eq!(one("平滑过渡"), set(Some("fade"), None));
    assert_eq!(one("轉場1秒"), set(None, Some(1_000)));
    let none = Command::Transitions(TransitionChange::Remove);
    for text in [
        "no transitions",
        "remove the transitions",
        "hard cuts",
        "去掉转场",
        "不要轉場",
    ] {
        assert_eq!(one(text), none, "{text}");
    }
}

#[test]
fn camera_motion() {
    assert_eq!(one("no motion"), Command::Motion(MotionStyle::Still, None));
    assert_eq!(
        one("keep it static"),
        Command::Motion(MotionStyle::Still, None)
    );
    assert_eq!(one("no zoom"), Command::Motion(MotionStyle::Still, None));
    assert_eq!(
        one("add a slow zoom"),
        Command::Motion(MotionStyle::Zooms, None)
    );
    assert_eq!(
        one("pan left"),
        Command::Motion(MotionStyle::Fixed("pan_left"), None)
    );
    assert_eq!(
        one("zoom in on the first photo"),
        Command::Motion(MotionStyle::Fixed("zoom_in"), Some(Nth(1)))
    );
    assert_eq!(one("不要动效"), Command::Motion(MotionStyle::Still, None));
    assert_eq!(one("加平移效果"), Command::Motion(MotionStyle::Pans, None));
}

#[test]
fn choosing_music() {
    let library = |key| Command::Music(MusicChoice::Library(key));
    assert_eq!(one("add music"), Command::Music(MusicChoice::Default));
    assert_eq!(
        one("add background music"),
        Command::Music(MusicChoice::Default)
    );
    assert_eq!(one("use calm music"), library("calm"));
    assert_eq!(one("relaxing music please"), library("calm"));
    assert_eq!(one("switch to epic music"), library("cinematic"));
    assert_eq!(one("make it lo-fi"), library("lofi"));
    assert_eq!(one("chill music"), library("lofi"));
    assert_eq!(one("happy music"), library("upbeat"));
    assert_eq!(one("换成欢快的音乐"), library("upbeat"));
    assert_eq!(one("配乐换成史诗风格"), library("cinematic"));
    assert_eq!(one("来点轻松的音乐"), library("calm"));
    assert_eq!(
        one("change the music"),
        Command::Music(MusicChoice::Another)
    );
    assert_eq!(one("换一首"), Command::Music(MusicChoice::Another));
    assert_eq!(
        one("use my song"),
        Command::Music(MusicChoice::Uploaded(None))
    );
    assert_eq!(
        one("用我上传的音乐"),
        Command::Music(MusicChoice::Uploaded(None))
    );
    assert_eq!(
        one("use beach-song as the music"),
        Command::Music(MusicChoice::Uploaded(Some(5)))
    );
    assert_eq!(
        commands("add music, make it calm"),
        [Command::Music(MusicChoice::Default), library("calm")]
    );
}

#[test]
fn music_volume_and_removal() {
    let volume = |change| Command::Volume(change);
    for text in [
        "lower the music",
        "make the music quieter",
        "turn the music down",
        "调低音乐",
        "音乐小声一点",
    ] {
        assert_eq!(one(text), volume(VolumeChange::Lower), "{text}");
    }
    for text in ["louder music", "turn it up", "音乐大声一点", "提高音量"] {
        assert_eq!(one(text), volume(VolumeChange::Raise), "{text}");
    }
    for text in ["mute", "mute the music", "静音", "靜音"] {
        assert_eq!(one(text), volume(VolumeChange::Mute), "{text}");
    }
    assert_eq!(one("unmute"), volume(VolumeChange::Unmute));
    assert_eq!(
        one("set music volume to 20%"),
        volume(VolumeChange::Set(0.2))
    );
    assert_eq!(one("音量调到百分之三十"), volume(VolumeChange::Set(0.3)));
    assert_eq!(one("music volume 0.5"), volume(VolumeChange::Set(0.5)));
    for text in [
        "remove the music",
        "no music",
        "don't add music",
        "去掉音乐",
        "不要背景音乐",
    ] {
        assert_eq!(one(text), Command::RemoveMusic, "{text}");
    }
}

#[test]
fn titles_added_changed_timed_and_removed() {
    let set = |text: &str| Command::Title(TextChange::Set(text.to_owned()));
    assert_eq!(one("add a title 'Summer'"), set("Summer"));
    assert_eq!(one("add a title \"Summer Trip\""), set("Summer Trip"));
    assert_eq!(one("change the title to “Beach Day”"), set("Beach Day"));
    assert_eq!(one("add a title 'Tom's Trip'"), set("Tom's Trip"));
    assert_eq!(one("title: Summer Fun"), set("Summer Fun"));
    assert_eq!(one("call it 'Road Trip'"), set("Road Trip"));
    assert_eq!(one("加个标题「夏天」"), set("夏天"));
    assert_eq!(one("把标题改成《海边》"), set("海边"));
    assert_eq!(one("標題改成『回憶』"), set("回憶"));
    assert_eq!(one("标题叫做海边的夏天"), set("海边的夏天"));
    assert_eq!(one("'Summer Vibes'"), set("Summer Vibes"));
    assert_eq!(one("add a title"), Command::Title(TextChange::Default));
    assert_eq!(
        one("show the title for 5 seconds"),
        Command::Title(TextChange::Duration(5_000))
    );
    assert_eq!(
        one("标题显示5秒"),
        Command::Title(TextChange::Duration(5_000))
    );
    for text in ["remove the title", "no title", "把标题删掉", "删除标题"] {
        assert_eq!(one(text), Command::Title(TextChange::Remove), "{text}");
    }
}

#[test]
fn captions_added_and_removed() {
    assert_eq!(
        one("add captions"),
        Command::Caption(TextChange::Default, None)
    );
    assert_eq!(one("加字幕"), Command::Caption(TextChange::Default, None));
    assert_eq!(
        one("add the caption 'Sunset' to the last photo"),
        Command::Caption(TextChange::Set("Sunset".into()), Some(FromEnd(1)))
    );
    assert_eq!(
        one("给第二张加字幕「海边」"),
        Command::Caption(TextChange::Set("海边".into()), Some(Nth(2)))
    );
    assert_eq!(
        one("remove the subtitles"),
        Command::Caption(TextChange::Remove, None)
    );
    assert_eq!(one("去掉字幕"), Command::Caption(TextChange::Remove, None));
}

#[test]
fn frame_shapes() {
    for text in [
        "make it vertical",
        "for TikTok",
        "9:16",
        "portrait please",
        "做成竖屏",
        "豎屏",
    ] {
        assert_eq!(one(text), Command::Aspect(Aspect::Portrait), "{text}");
    }
    for text in ["square", "make it 1:1", "方形", "正方形"] {
        assert_eq!(one(text), Command::Aspect(Aspect::Square), "{text}");
    }
    for text in ["landscape", "widescreen 16:9", "横屏"] {
        assert_eq!(one(text), Command::Aspect(Aspect::Landscape), "{text}");
    }
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
                kind: Some("fade"),
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
fn ranges_keeping_and_relative_lengths_of_pictures() {
    assert_eq!(
        one("delete the first two photos"),
        Command::RemoveClips(vec![Nth(1), Nth(2)])
    );
    assert_eq!(
        one("删掉最后两张"),
        Command::RemoveClips(vec![FromEnd(1), FromEnd(2)])
    );
    assert_eq!(
        one("keep only the first three photos"),
        Command::KeepClips(vec![Nth(1), Nth(2), Nth(3)])
    );
    assert_eq!(
        one("只保留前三张"),
        Command::KeepClips(vec![Nth(1), Nth(2), Nth(3)])
    );
    assert_eq!(
        one("make the first photo longer"),
        Command::ClipScale {
            clips: vec![Nth(1)],
            longer: true,
            by: None
        }
    );
    assert_eq!(
        one("make the first photo 2 seconds longer"),
        Command::ClipScale {
            clips: vec![Nth(1)],
            longer: true,
            by: Some(2_000)
        }
    );
    assert_eq!(one("swap 2 and 3"), Command::SwapClips(Nth(2), Nth(3)));
    assert_eq!(
        one("把第2张和第4张换一下位置"),
        Command::SwapClips(Nth(2), Nth(4))
    );
    assert_eq!(
        one("put photo 5 between 1 and 2"),
        Command::MoveClip(Nth(5), Place::Before(Nth(2)))
    );
    // A stretch of time is neither a picture nor a new length.
    assert_eq!(
        one("the last 5 seconds should be calm music"),
        Command::Music(MusicChoice::Library("calm"))
    );
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
        Command::Motion(MotionStyle::Fixed("zoom_out"), None)
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
