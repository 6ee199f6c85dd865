//! Frame shapes by ratio and by name, the pace of the video, and its fades from and to black.

use super::*;

#[test]
fn four_by_five_and_four_by_three_by_ratio_and_by_name() {
    for text in [
        "make it 4:5",
        "instagram portrait please",
        "make it 4 by 5",
        "4x5",
        "make it 1080x1350",
        "竖版4:5",
        "改成4比5",
    ] {
        assert_eq!(one(text), Command::Aspect(Aspect::Tall), "{text}");
    }
    for text in [
        "make it 4:3",
        "classic TV shape",
        "4比3",
        "四比三",
        "1440x1080",
        "640x480 please",
    ] {
        assert_eq!(one(text), Command::Aspect(Aspect::Classic), "{text}");
    }
    // The general words keep their shapes, and a ratio said with them wins.
    assert_eq!(one("make it vertical"), Command::Aspect(Aspect::Portrait));
    assert_eq!(
        one("make it a 9:16 vertical"),
        Command::Aspect(Aspect::Portrait)
    );
    assert_eq!(one("instagram post"), Command::Aspect(Aspect::Square));
    assert_eq!(one("16/9"), Command::Aspect(Aspect::Landscape));
}

#[test]
fn shapes_the_agent_does_not_make_are_named_as_written() {
    assert_eq!(one("make it 21:9"), Command::OtherAspect("21:9".into()));
    assert_eq!(one("换成21:9"), Command::OtherAspect("21:9".into()));
    assert_eq!(
        one("aspect ratio 2.35:1"),
        Command::OtherAspect("2.35:1".into())
    );
    assert_eq!(one("format 1000x1500"), Command::OtherAspect("2:3".into()));
    // Numbers that only look like ratios are not frames.
    for text in [
        "add the photos one by one",
        "make it 1:30",
        "4 by 2 photos",
        "2 x 3",
    ] {
        let found = commands(text);
        assert!(
            !found
                .iter()
                .any(|c| matches!(c, Command::Aspect(_) | Command::OtherAspect(_))),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn the_pace_of_the_video_in_english_and_chinese() {
    for text in [
        "make it faster",
        "speed it up",
        "quicker",
        "speed things up a bit",
        "pick up the pace",
        "the pace is too slow",
        "节奏快一点",
        "快一点",
        "节奏太慢了",
    ] {
        assert_eq!(one(text), Command::Pace { faster: true }, "{text}");
    }
    for text in [
        "slow it down",
        "make it slower",
        "more relaxed pace",
        "a more leisurely pace please",
        "it's too fast",
        "慢一点",
        "节奏慢一点",
        "放慢节奏",
    ] {
        assert_eq!(one(text), Command::Pace { faster: false }, "{text}");
    }
}

#[test]
fn a_pace_said_of_something_else_stays_with_it() {
    // Not the music's loudness: "up" and "down" belong to the pace.
    assert_eq!(one("speed it up"), Command::Pace { faster: true });
    // The music's tempo is its mood; the transitions have their own pace.
    assert_eq!(
        one("make the music faster"),
        Command::Music(MusicChoice::Library("upbeat"))
    );
    assert_eq!(
        one("slower music"),
        Command::Music(MusicChoice::Library("calm"))
    );
    assert_eq!(
        one("make the music upbeat"),
        Command::Music(MusicChoice::Library("upbeat"))
    );
    assert_eq!(
        one("faster transitions"),
        Command::Transitions(TransitionChange::Pace(false))
    );
    // A picture, or a length of time, makes it a length.
    assert_eq!(
        one("make the second photo faster"),
        Command::ClipScale {
            clips: vec![Nth(2)],
            longer: false,
            by: None
        }
    );
    assert_eq!(
        one("make it 2 seconds faster"),
        Command::Scale {
            longer: false,
            by: Some(2000)
        }
    );
    assert_eq!(
        one("make it shorter"),
        Command::Scale {
            longer: false,
            by: None
        }
    );
    assert_eq!(one("turn it down"), Command::Volume(VolumeChange::Lower));
}

#[test]
fn fades_of_the_whole_video_in_english_and_chinese() {
    let start = Command::Fade(FadeEnd::Start, FadeChange::Set(None));
    let end = Command::Fade(FadeEnd::End, FadeChange::Set(None));
    for text in [
        "fade in from black at the start",
        "add a fade in",
        "fade from black",
        "a fade at the beginning",
        "淡入开头",
        "开头淡入",
    ] {
        assert_eq!(one(text), start, "{text}");
    }
    for text in [
        "fade out at the end",
        "fade to black at the end",
        "add a fade out",
        "结尾淡出",
        "最后淡出",
    ] {
        assert_eq!(one(text), end, "{text}");
    }
    assert_eq!(commands("fade in and out"), [start.clone(), end.clone()]);
    assert_eq!(
        commands("fade the video in and out"),
        [start.clone(), end.clone()]
    );
    assert_eq!(commands("fade it out"), std::slice::from_ref(&end));
    assert_eq!(
        commands("fade in from black at the start and fade out at the end"),
        [start.clone(), end.clone()]
    );
    assert_eq!(commands("开头淡入，结尾淡出"), [start, end]);
}

#[test]
fn fade_lengths_and_removals() {
    assert_eq!(
        one("a 2-second fade out at the end"),
        Command::Fade(FadeEnd::End, FadeChange::Set(Some(2000)))
    );
    assert_eq!(
        one("fade in over 3 seconds"),
        Command::Fade(FadeEnd::Start, FadeChange::Set(Some(3000)))
    );
    assert_eq!(
        one("no fade in"),
        Command::Fade(FadeEnd::Start, FadeChange::Remove)
    );
    assert_eq!(
        one("去掉结尾的淡出"),
        Command::Fade(FadeEnd::End, FadeChange::Remove)
    );
}

#[test]
fn fades_between_pictures_stay_transitions() {
    let black = Command::Transitions(TransitionChange::Set {
        kind: Some(TransitionKind::FadeBlack),
        ms: None,
    });
    assert_eq!(one("fade to black transitions"), black);
    assert_eq!(one("use fade to black"), black);
    assert_eq!(
        one("淡入淡出"),
        Command::Transitions(TransitionChange::Set {
            kind: Some(TransitionKind::Fade),
            ms: None
        })
    );
    // A fade of the music or the title is not the video's.
    for text in ["fade out the music at the end", "fade in the title"] {
        assert!(
            !commands(text)
                .iter()
                .any(|c| matches!(c, Command::Fade(..))),
            "{text}"
        );
    }
}
