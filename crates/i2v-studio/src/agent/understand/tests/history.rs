//! Undo and redo, in English and Chinese, with and without a count.

use super::*;
use crate::agent::understand::history::ALL_STEPS;

fn each_is(texts: &[&str], expected: &Command) {
    for text in texts {
        assert_eq!(commands(text), std::slice::from_ref(expected), "{text:?}");
    }
}

#[test]
fn undo_said_many_ways() {
    each_is(
        &[
            "undo",
            "Undo!",
            "undo that",
            "please undo the last change",
            "undo the title change",
            "go back",
            "go back to how it was before",
            "go back to the previous version",
            "revert",
            "revert that",
            "put it back",
            "put it back the way it was, please",
            "change it back",
            "撤销",
            "撤回",
            "撤销上一步",
            "恢复上一步",
            "回到之前的样子",
            "帮我回到原来的样子吧",
            "还原",
            "上一步",
        ],
        &Command::Undo(1),
    );
}

#[test]
fn redo_said_many_ways() {
    each_is(
        &[
            "redo",
            "redo that",
            "re-do it",
            "重做",
            "恢复撤销",
            "取消撤销",
        ],
        &Command::Redo(1),
    );
}

#[test]
fn a_count_says_how_many() {
    for (text, expected) in [
        ("undo the last two changes", Command::Undo(2)),
        ("undo the last 3", Command::Undo(3)),
        ("undo 2", Command::Undo(2)),
        ("undo twice", Command::Undo(2)),
        ("go back three steps", Command::Undo(3)),
        ("revert the last two edits", Command::Undo(2)),
        ("undo everything", Command::Undo(ALL_STEPS)),
        ("undo all changes", Command::Undo(ALL_STEPS)),
        ("撤销两步", Command::Undo(2)),
        ("撤销最近三次修改", Command::Undo(3)),
        ("撤回上两步", Command::Undo(2)),
        ("全部撤销", Command::Undo(ALL_STEPS)),
        ("redo the last 2 changes", Command::Redo(2)),
        ("redo twice", Command::Redo(2)),
        ("重做两步", Command::Redo(2)),
    ] {
        assert_eq!(commands(text), [expected], "{text:?}");
    }
    // Half a change is no count.
    assert_eq!(commands("undo 0.5 steps"), [Command::Undo(1)]);
}

#[test]
fn an_undo_goes_with_the_other_instructions_of_the_message() {
    assert_eq!(
        commands("undo that and make it 20 seconds"),
        [Command::Undo(1), Command::Total(20_000)]
    );
    assert_eq!(
        commands("make it vertical, then undo"),
        [Command::Aspect(Aspect::Portrait), Command::Undo(1)]
    );
    assert_eq!(
        commands("撤销，然后去掉音乐"),
        [Command::Undo(1), Command::RemoveMusic]
    );
}

#[test]
fn the_same_words_about_something_else_are_no_undo() {
    assert_eq!(
        commands("revert to landscape"),
        [Command::Aspect(Aspect::Landscape)]
    );
    assert_eq!(
        commands("change it back to landscape"),
        [Command::Aspect(Aspect::Landscape)]
    );
    assert!(
        !commands("put the first photo back at the end").contains(&Command::Undo(1)),
        "a picture moves"
    );
    assert_eq!(
        commands("restore the music"),
        [Command::Volume(VolumeChange::Unmute)]
    );
    assert_eq!(
        commands("恢复音乐"),
        [Command::Volume(VolumeChange::Unmute)]
    );
}

#[test]
fn a_refused_undo_asks_for_nothing() {
    for text in ["don't undo that", "不要撤销"] {
        assert_eq!(commands(text), [], "{text:?}");
    }
    let question = understand("how do I undo?", &media(), true);
    assert!(question.question && question.commands.is_empty());
}

#[test]
fn redoing_the_whole_video_makes_a_new_one() {
    for text in ["redo the whole video", "start over", "重做一个视频"] {
        let request = understand(text, &media(), true);
        assert!(request.generate, "{text:?}");
        assert!(
            !request.commands.iter().any(Command::is_revisit),
            "{text:?}: {:?}",
            request.commands
        );
    }
}
