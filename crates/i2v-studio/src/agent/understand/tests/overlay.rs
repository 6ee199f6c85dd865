//! Music, titles and captions.

use super::super::{Command, MusicChoice, Ordinal, TextChange, VolumeChange};
use super::{commands, one};
use Ordinal::{FromEnd, Nth};

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
