//! Titles named anywhere, texts placed at a time, and how a title looks.

use i2v_core::draft::Position;

use super::super::{Colour, Command, Ordinal, TextChange, When};
use super::{commands, media, one};
use crate::agent::understand::understand;

fn title(text: &str) -> Command {
    Command::Title(TextChange::Set(text.to_owned()))
}

fn placed(text: &str, when: When) -> Command {
    Command::Text(TextChange::Set(text.to_owned()), when)
}

fn colour(hex: &str, name: Option<&'static str>) -> TextChange {
    TextChange::Color(Colour {
        hex: hex.to_owned(),
        name,
    })
}

/// What a first message (no video yet) asks for: whether to generate, and the commands.
fn first(text: &str) -> (bool, Vec<Command>) {
    let request = understand(text, &media(), false);
    (request.generate, request.commands)
}

#[test]
fn a_video_named_in_the_message_gets_that_title() {
    assert_eq!(
        first("make a video called Summer Trip with calm music"),
        (
            true,
            vec![
                Command::Music(super::super::MusicChoice::Library("calm")),
                title("Summer Trip")
            ]
        )
    );
    for (text, words) in [
        ("make a video titled 'Beach Day'", "Beach Day"),
        (
            "make a 20 second video titled Beach Day, with smooth transitions",
            "Beach Day",
        ),
        (
            "turn these photos into a video named Our Wedding",
            "Our Wedding",
        ),
        ("make a video with the title Summer Trip", "Summer Trip"),
        (
            "make a video called Summer Trip without music",
            "Summer Trip",
        ),
        (
            "make a video called Summer Trip 2024 in 20 seconds",
            "Summer Trip 2024",
        ),
        ("make a video of my trip, call it 'Rome'", "Rome"),
        ("做一个名为夏日旅行的视频", "夏日旅行"),
        ("做一个叫夏日旅行的视频，配上轻松的音乐", "夏日旅行"),
        ("做一个视频，标题是夏日旅行", "夏日旅行"),
    ] {
        let (generate, found) = first(text);
        assert!(generate, "{text}");
        assert!(found.contains(&title(words)), "{text}: {found:?}");
    }
    // Without a name, no title at all.
    assert_eq!(first("make a video"), (true, vec![]));
}

#[test]
fn new_titles_without_quotes() {
    for (text, words) in [
        ("change the title to Summer Trip", "Summer Trip"),
        ("change the title to Summer Trip!", "Summer Trip"),
        ("rename it Summer Trip", "Summer Trip"),
        ("rename the video to Summer Trip", "Summer Trip"),
        ("把标题改成夏日旅行", "夏日旅行"),
        ("改名为夏日旅行", "夏日旅行"),
        ("add a title Summer Trip", "Summer Trip"),
        ("call it Road Trip", "Road Trip"),
    ] {
        assert_eq!(one(text), title(words), "{text}");
    }
    // A connective ends the words; words of a look inside a name stay words.
    assert_eq!(
        commands("make a video called Summer Trip and make it vertical").first(),
        Some(&title("Summer Trip"))
    );
    assert_eq!(one("make a video called Red Sunset"), title("Red Sunset"));
    assert_eq!(one("a video called Top Gun"), title("Top Gun"));
}

#[test]
fn words_that_only_say_how_or_when_are_no_title() {
    assert_eq!(
        one("change the title to red"),
        Command::Title(colour("FF3B30", Some("red")))
    );
    assert_eq!(
        one("标题改成红色"),
        Command::Title(colour("FF3B30", Some("red")))
    );
    assert_eq!(
        one("标题字号改成96"),
        Command::Title(TextChange::FontSize(96))
    );
    assert_eq!(
        one("move the title to the top"),
        Command::Title(TextChange::Position(Position::Top))
    );
    assert_eq!(
        one("make the title 5 seconds"),
        Command::Title(TextChange::Duration(5_000))
    );
    assert_eq!(
        one("add a title to the video"),
        Command::Title(TextChange::Default)
    );
    assert_eq!(
        one("add a title to my video"),
        Command::Title(TextChange::Default)
    );
    assert_eq!(one("rename it My Video"), title("My Video"));
    assert_eq!(one("change the title"), Command::Title(TextChange::Default));
}

#[test]
fn texts_placed_at_the_end() {
    for text in [
        "add 'The End' at the end",
        "add the text 'The End' at the end",
        "add the text The End at the end",
    ] {
        assert_eq!(one(text), placed("The End", When::End(None)), "{text}");
    }
    assert_eq!(
        one("add the text 'Thanks for watching' for the last 3 seconds"),
        placed("Thanks for watching", When::End(Some(3_000)))
    );
    // The length belongs to the text, not to the video.
    assert_eq!(
        commands("add the text 'The End' at the end for 4 seconds"),
        [placed("The End", When::End(Some(4_000)))]
    );
    assert_eq!(
        one("add text at the end saying thanks for watching"),
        placed("thanks for watching", When::End(None))
    );
    assert_eq!(
        one("在结尾加上文字“谢谢观看”"),
        placed("谢谢观看", When::End(None))
    );
    assert_eq!(
        one("最后3秒显示“再见”"),
        placed("再见", When::End(Some(3_000)))
    );
}

#[test]
fn texts_placed_over_a_picture_or_a_stretch() {
    let third = When::Over(Ordinal::Nth(3));
    assert_eq!(one("put 'Beach' over photo 3"), placed("Beach", third));
    assert_eq!(
        one("add the text 'Beach' on the third photo"),
        placed("Beach", third)
    );
    assert_eq!(one("在第三张上加文字“海滩”"), placed("海滩", third));
    assert_eq!(
        one("给第二张加上文字“海边”"),
        placed("海边", When::Over(Ordinal::Nth(2)))
    );
    let two_to_five = When::Between(2_000, 5_000);
    for text in [
        "show 'Hello' from 2 to 5 seconds",
        "add the words 'Hello' between 2 and 5 seconds",
        "第2秒到第5秒显示“Hello”",
        "2秒到5秒显示“Hello”",
    ] {
        assert_eq!(one(text), placed("Hello", two_to_five), "{text}");
    }
    assert_eq!(
        one("add 'Hi' for the first 2 seconds"),
        placed("Hi", When::Between(0, 2_000))
    );
    // Without a text, a stretch is a stretch of the pictures as before.
    assert_eq!(
        one("make each photo from 3 to 5 seconds"),
        Command::Each(5_000)
    );
}

#[test]
fn the_opening_is_the_title_and_other_times_leave_it_alone() {
    assert_eq!(one("add 'Welcome' at the beginning"), title("Welcome"));
    assert_eq!(one("在开头加上文字“欢迎”"), title("欢迎"));
    assert_eq!(
        one("move the title to the end"),
        Command::MoveTitle(When::End(None))
    );
    assert_eq!(one("把标题放到结尾"), Command::MoveTitle(When::End(None)));
    assert_eq!(
        one("add a title at the end"),
        Command::Text(TextChange::Default, When::End(None))
    );
    assert_eq!(
        one("remove the text at the end"),
        Command::Text(TextChange::Remove, When::End(None))
    );
    assert_eq!(
        one("删除结尾的文字"),
        Command::Text(TextChange::Remove, When::End(None))
    );
    assert_eq!(
        one("make the text at the end yellow"),
        Command::Text(colour("FFD60A", Some("yellow")), When::End(None))
    );
}

#[test]
fn where_the_title_sits_its_colour_and_size() {
    let position = |p| Command::Title(TextChange::Position(p));
    for (text, expected) in [
        ("move the title to the top", Position::Top),
        ("put the title at the bottom", Position::Bottom),
        ("put the title in the middle", Position::Center),
        ("move the title up", Position::Top),
        ("标题放在顶部", Position::Top),
        ("把标题移到底部", Position::Bottom),
        ("标题居中", Position::Center),
    ] {
        assert_eq!(one(text), position(expected), "{text}");
    }
    for (text, hex, name) in [
        ("make the title red", "FF3B30", Some("red")),
        ("make the title #ff0000", "FF0000", None),
        ("make the title #f00", "FF0000", None),
        ("标题改成红色", "FF3B30", Some("red")),
        ("标题改成金色", "FFC940", Some("gold")),
        ("make the title grey", "8E8E93", Some("gray")),
    ] {
        assert_eq!(one(text), Command::Title(colour(hex, name)), "{text}");
    }
    assert_eq!(
        one("make the title bigger"),
        Command::Title(TextChange::Resize(true))
    );
    assert_eq!(one("标题大一点"), Command::Title(TextChange::Resize(true)));
    assert_eq!(
        one("make the title smaller"),
        Command::Title(TextChange::Resize(false))
    );
    assert_eq!(
        one("set the title font size to 96"),
        Command::Title(TextChange::FontSize(96))
    );
    assert_eq!(
        commands("add a title 'Summer' at the top in red"),
        [
            title("Summer"),
            position(Position::Top),
            Command::Title(colour("FF3B30", Some("red")))
        ]
    );
}

#[test]
fn every_colour_understood_is_one_the_core_reads() {
    for (name, _) in super::super::lexicon::COLOURS {
        assert!(i2v_core::draft::color_hex(name).is_some(), "{name}");
    }
}
