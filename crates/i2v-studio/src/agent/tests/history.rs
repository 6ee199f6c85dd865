//! Undo and redo turns: what they restore, what they say, what they cost.

use i2v_core::draft::Draft;

use super::support::{HD, made, step_names};
use crate::agent::{
    Canvas, Cost, History, Language, MediaRef, Revisit, Snapshot, StreamOptions, TurnInput,
    TurnKind, TurnPlan, events, plan_turn,
};
use crate::store::HISTORY_LIMIT;

const PORTRAIT: Canvas = Canvas {
    width: 1080,
    height: 1920,
    fps: 30,
};

/// A state made by `tool`, on the landscape canvas.
fn state(draft: &Draft, tool: &str) -> Snapshot {
    Snapshot {
        draft: draft.clone(),
        canvas: HD,
        tool: Some(tool.to_owned()),
    }
}

/// The plan for `message` on a session standing at state `at`.
fn turn_at(message: &str, states: &[Snapshot], at: usize, media: &[MediaRef]) -> TurnPlan {
    let current = states.get(at);
    plan_turn(&TurnInput {
        message,
        draft: current.map(|state| &state.draft),
        media,
        canvas: current.map_or(HD, |state| state.canvas),
        variant: 2,
        history: History { states, at },
    })
}

/// An edit of `draft` as the agent makes it.
fn edited(message: &str, draft: &Draft, media: &[MediaRef]) -> Draft {
    turn_at(message, &[state(draft, "create_slideshow")], 0, media)
        .draft
        .expect("the edit made a draft")
}

/// Three states: the video as made, then with a new title, then with the music lowered.
fn three_states() -> (Vec<Snapshot>, Vec<MediaRef>) {
    let (made, media) = made(3);
    let titled = edited("add a title 'Summer'", &made, &media);
    let quieter = edited("lower the music", &titled, &media);
    let states = vec![
        state(&made, "add_music_and_title"),
        state(&titled, "set_title"),
        state(&quieter, "set_music_volume"),
    ];
    (states, media)
}

#[test]
fn an_undo_restores_the_state_before_and_names_the_change() {
    let (states, media) = three_states();
    let plan = turn_at("undo", &states, 2, &media);
    assert_eq!(plan.kind, TurnKind::Edit);
    assert_eq!(plan.cost(), Cost::Edit);
    assert_eq!(step_names(&plan), ["undo"]);
    let step = &plan.steps[0];
    assert_eq!(step.revisit, Some(Revisit::Undo(1)));
    assert_eq!(step.args, serde_json::json!({"steps": 1}));
    assert_eq!(step.draft.as_ref(), Some(&states[1].draft));
    assert_eq!((step.canvas, plan.canvas), (None, None));
    assert_eq!(plan.draft.as_ref(), Some(&states[1].draft));
    assert!(
        plan.reply
            .contains("Undid the last change: the music volume."),
        "{}",
        plan.reply
    );
    assert!(plan.may_be_silent());
    let chinese = turn_at("撤销", &states, 2, &media);
    assert_eq!(chinese.language, Language::Chinese);
    assert!(
        chinese.reply.contains("已撤销上一步修改：音乐音量。"),
        "{}",
        chinese.reply
    );
}

#[test]
fn undoing_two_changes_goes_back_two_states() {
    let (states, media) = three_states();
    let plan = turn_at("undo the last two changes", &states, 2, &media);
    assert_eq!(plan.steps[0].revisit, Some(Revisit::Undo(2)));
    assert_eq!(plan.draft.as_ref(), Some(&states[0].draft));
    assert!(
        plan.reply
            .contains("Undid the last 2 changes: the music volume and the title."),
        "{}",
        plan.reply
    );
}

#[test]
fn a_redo_brings_back_what_was_undone() {
    let (states, media) = three_states();
    let plan = turn_at("redo", &states, 0, &media);
    assert_eq!(plan.steps[0].revisit, Some(Revisit::Redo(1)));
    assert_eq!(plan.draft.as_ref(), Some(&states[1].draft));
    assert!(
        plan.reply.contains("Redid the change: the title."),
        "{}",
        plan.reply
    );
    let both = turn_at("重做两步", &states, 0, &media);
    assert_eq!(both.draft.as_ref(), Some(&states[2].draft));
    assert!(
        both.reply.contains("已重做2步修改：标题、音乐音量。"),
        "{}",
        both.reply
    );
}

#[test]
fn nothing_to_undo_or_redo_is_said_and_costs_nothing() {
    let (states, media) = three_states();
    for (message, at, said) in [
        ("undo", 0, "There's nothing to undo."),
        ("redo", 2, "There's nothing to redo"),
        ("撤销", 0, "没有可以撤销的修改。"),
        ("重做", 2, "没有可以重做的修改"),
    ] {
        let plan = turn_at(message, &states, at, &media);
        assert_eq!(plan.kind, TurnKind::Reply, "{message}");
        assert_eq!(plan.cost(), Cost::Free);
        assert!(plan.steps.is_empty());
        assert_eq!(plan.draft.as_ref(), Some(&states[at].draft));
        assert!(plan.reply.contains(said), "{message}: {}", plan.reply);
    }
    // Before any video: no video is made, and nothing is undone.
    let (_, media) = made(3);
    let empty = turn_at("undo", &[], 0, &media);
    assert_eq!((empty.kind, empty.draft), (TurnKind::Reply, None));
    assert!(empty.reply.contains("nothing to undo"), "{}", empty.reply);
}

#[test]
fn asking_for_more_than_there_is_goes_as_far_as_there_is() {
    let (states, media) = three_states();
    let plan = turn_at("undo everything", &states, 2, &media);
    assert_eq!(plan.steps[0].revisit, Some(Revisit::Undo(2)));
    assert_eq!(plan.draft.as_ref(), Some(&states[0].draft));
    assert!(
        plan.reply.contains("as far back as your history goes"),
        "{}",
        plan.reply
    );
}

#[test]
fn an_undo_of_the_frame_shape_brings_the_old_shape_back() {
    let (states, media) = three_states();
    let vertical = Snapshot {
        canvas: PORTRAIT,
        ..state(&states[2].draft, "set_aspect_ratio")
    };
    let states = vec![states[2].clone(), vertical];
    let plan = turn_at("undo", &states, 1, &media);
    let step = &plan.steps[0];
    assert_eq!((step.draft.as_ref(), step.canvas), (None, Some(HD)));
    assert_eq!(plan.canvas, Some(HD));
    assert!(!plan.may_be_silent(), "only words tell a change of shape");
    assert!(
        plan.reply
            .contains("Undid the last change: the frame shape. The frame is now landscape"),
        "{}",
        plan.reply
    );
    let back = turn_at("redo", &states, 0, &media);
    assert_eq!(back.canvas, Some(PORTRAIT));
}

#[test]
fn states_that_changed_nothing_are_passed_over() {
    let (states, media) = three_states();
    let again = state(&states[1].draft, "set_title");
    let states = vec![states[0].clone(), states[1].clone(), again];
    let plan = turn_at("undo", &states, 2, &media);
    assert_eq!(plan.steps[0].revisit, Some(Revisit::Undo(2)));
    assert_eq!(plan.draft.as_ref(), Some(&states[0].draft));
    assert!(
        plan.reply.contains("Undid the last change: the title."),
        "{}",
        plan.reply
    );
}

#[test]
fn a_message_may_edit_and_undo_in_turn() {
    let (states, media) = three_states();
    let edit_then_undo = turn_at("make it 20 seconds, then undo", &states, 2, &media);
    assert_eq!(step_names(&edit_then_undo), ["set_duration", "undo"]);
    assert_eq!(edit_then_undo.steps[1].revisit, Some(Revisit::Undo(1)));
    assert_eq!(edit_then_undo.draft.as_ref(), Some(&states[2].draft));

    let undo_then_edit = turn_at("undo, then remove the music", &states, 2, &media);
    assert_eq!(step_names(&undo_then_edit), ["undo", "remove_music"]);
    let expected = edited("remove the music", &states[1].draft, &media);
    assert_eq!(undo_then_edit.draft, Some(expected));

    // After a new edit in the turn nothing is left to redo.
    let no_redo = turn_at("undo, remove the music, redo", &states, 2, &media);
    assert_eq!(step_names(&no_redo), ["undo", "remove_music"]);
    assert!(
        no_redo.reply.contains("nothing to redo"),
        "{}",
        no_redo.reply
    );
}

#[test]
fn a_new_video_drops_an_undo_said_with_it() {
    let (states, media) = three_states();
    let plan = turn_at("undo that, and start over", &states, 2, &media);
    assert_eq!(plan.kind, TurnKind::Generate);
    assert!(plan.steps.iter().all(|step| step.revisit.is_none()));
}

#[test]
fn the_undo_step_streams_the_restored_draft() {
    let (states, media) = three_states();
    let plan = turn_at("undo", &states, 2, &media);
    let stream = events(
        &plan,
        &StreamOptions {
            silent: false,
            now: 1.0,
            seed: 1,
        },
    );
    let response = stream
        .iter()
        .map(|event| event.value())
        .find(|value| value["content"]["parts"][0]["functionResponse"]["name"] == "undo")
        .expect("the undo's response");
    assert_eq!(
        response["actions"]["stateDelta"]["draft"],
        states[1].draft.to_value()
    );
}

#[test]
fn a_turn_counts_on_the_stores_bound_on_states() {
    let (made, media) = made(3);
    // Full history: the shape flips at every state, so each one is a visible change.
    let states: Vec<Snapshot> = (0..HISTORY_LIMIT)
        .map(|i| Snapshot {
            canvas: if i % 2 == 0 { HD } else { PORTRAIT },
            ..state(&made, "set_aspect_ratio")
        })
        .collect();
    let plan = turn_at(
        "make it 20 seconds, then undo everything",
        &states,
        HISTORY_LIMIT - 1,
        &media,
    );
    // The new length pushed the oldest state out, as the store will: one fewer to go back to.
    assert_eq!(
        plan.steps.last().and_then(|step| step.revisit),
        Some(Revisit::Undo(HISTORY_LIMIT - 1))
    );
}
