//! Pictures and their timing: lengths, order, transitions, motion, frame shape.

use super::super::refs::Place;
use super::super::{Command, MotionStyle, MusicChoice, Ordinal, TransitionChange, Unclear};
use super::{commands, one};
use crate::agent::types::Aspect;
use Ordinal::{FromEnd, Nth};
use i2v_core::draft::{Motion, TransitionKind};

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
    // 慢一点 is the pace ([`Command::Pace`]); 长一点 is the length.
    assert_eq!(
        one("长一点"),
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
    let set = |kind: Option<TransitionKind>, ms: Option<u64>| {
        Command::Transitions(TransitionChange::Set { kind, ms })
    };
    assert_eq!(
        one("smooth transitions"),
        set(Some(TransitionKind::Fade), None)
    );
    assert_eq!(
        one("make it smoother"),
        set(Some(TransitionKind::Fade), None)
    );
    assert_eq!(
        one("use dissolve transitions"),
        set(Some(TransitionKind::Dissolve), None)
    );
    assert_eq!(
        one("slide left transitions"),
        set(Some(TransitionKind::SlideLeft), None)
    );
    assert_eq!(
        one("fade to black between photos"),
        set(Some(TransitionKind::FadeBlack), None)
    );
    assert_eq!(one("1-second transitions"), set(None, Some(1_000)));
    assert_eq!(one("transitions of 0.5 seconds"), set(None, Some(500)));
    assert_eq!(
        one("转场改成溶解"),
        set(Some(TransitionKind::Dissolve), None)
    );
    assert_eq!(one("平滑过渡"), set(Some(TransitionKind::Fade), None));
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
        Command::Motion(MotionStyle::Fixed(Motion::PanLeft), None)
    );
    assert_eq!(
        one("zoom in on the first photo"),
        Command::Motion(MotionStyle::Fixed(Motion::ZoomIn), Some(Nth(1)))
    );
    assert_eq!(one("不要动效"), Command::Motion(MotionStyle::Still, None));
    assert_eq!(one("加平移效果"), Command::Motion(MotionStyle::Pans, None));
}

#[test]
fn frame_shapes() {
    for text in [
        "make it vertical",
        "for TikTok",
        "make it for Reels",
        "YouTube Shorts format",
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
