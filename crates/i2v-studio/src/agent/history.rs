//! Undo and redo on the agent's side: the session's saved states as a turn starts
//! ([`History`]), and how an undo or a redo becomes a tool step.
//!
//! The agent reads no store: the caller passes the states the store keeps (`store::history`),
//! oldest first, and where the session stands among them. Rules:
//! - an undo of `n` moves back `n` *visible* changes: a state the same as the one moved from
//!   (a tool that changed nothing) is passed over, so an undo always changes something, or the
//!   reply says there is nothing to undo and the turn is free;
//! - a redo moves forward the same way, through states an undo left behind;
//! - asking for more than there is moves as far as there is, and the reply says so;
//! - the step is `undo` or `redo` with `{"steps": n}`, `n` counting the states moved over; it
//!   carries the restored draft and canvas where they differ from the current ones, and a
//!   [`Revisit`] that tells the caller to move in the history rather than save a new state.
//!
//! One message may edit and undo ("make it 20 seconds, actually undo that"), so a [`Timeline`]
//! follows the turn's own steps by the store's rules: each step that changes the draft or the
//! canvas becomes a new state after the current one (dropping what could have been redone), and
//! only the last [`HISTORY_LIMIT`] are kept.

use i2v_core::draft::{Canvas, Draft};
use serde_json::json;

use super::outcome::{Outcome, Problem};
use super::reply::Reply;
use super::types::{Aspect, ToolStep};
// The store's bound, so that a turn never plans a move the store cannot make.
use crate::store::HISTORY_LIMIT;

/// One saved state of the session's video.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The draft.
    pub draft: Draft,
    /// The canvas it was shown on.
    pub canvas: Canvas,
    /// The tool that made it (`set_music`, …); `None` where that is not known.
    pub tool: Option<String>,
}

/// The session's saved states, oldest first, and the one it stands at.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct History<'a> {
    /// The states, oldest first; the one at `at` is the draft and canvas the turn starts from.
    pub states: &'a [Snapshot],
    /// The index of the current state in `states`.
    pub at: usize,
}

/// A tool step that moves through the session's history instead of saving a new state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Revisit {
    /// Back this many states.
    Undo(usize),
    /// Forward this many states.
    Redo(usize),
}

/// The session's history as the turn's steps change it (see the module doc).
#[derive(Debug, Clone)]
pub(super) struct Timeline<'a> {
    given: History<'a>,
    /// The states, copied from `given` once the turn needs them.
    states: Option<Vec<Snapshot>>,
    at: usize,
    /// The canvas as the steps followed so far leave it.
    canvas: Canvas,
    /// How many of the turn's steps are accounted for.
    followed: usize,
}

impl<'a> Timeline<'a> {
    /// The history as the turn starts, on the session's `canvas`.
    pub(super) fn new(given: History<'a>, canvas: Canvas) -> Timeline<'a> {
        Timeline {
            given,
            states: None,
            at: given.at,
            canvas,
            followed: 0,
        }
    }

    /// Undoes (`redo` false) or redoes `asked` changes after the turn's `steps` so far: pushes
    /// the step and tells the reply, or tells it there is nothing to move to.
    ///
    /// `draft` and `canvas` are the turn's draft and new canvas, set to the restored ones.
    pub(super) fn revisit(
        &mut self,
        redo: bool,
        asked: usize,
        draft: &mut Draft,
        canvas: &mut Option<Canvas>,
        steps: &mut Vec<ToolStep>,
        reply: &mut Reply,
    ) {
        self.follow(steps);
        let at = self.at;
        let states = self.states.get_or_insert_with(Vec::new);
        let (target, done) = walk(states, at, redo, asked);
        let Some(restored) = states.get(target).filter(|_| done > 0) else {
            reply.problem(if redo {
                &Problem::NothingToRedo
            } else {
                &Problem::NothingToUndo
            });
            return;
        };
        let moved = target.abs_diff(at);
        let (low, high) = (at.min(target), at.max(target));
        // The changes moved over, each named by the tool that made it; latest first for an undo.
        let mut tools: Vec<Option<String>> = (low + 1..=high)
            .filter_map(|i| {
                let (before, after) = (states.get(i - 1)?, states.get(i)?);
                (!same(before, after)).then(|| after.tool.clone())
            })
            .collect();
        if !redo {
            tools.reverse();
        }
        let shape = (restored.canvas != self.canvas).then_some(restored.canvas);
        let step = ToolStep {
            name: if redo { "redo" } else { "undo" },
            args: json!({ "steps": moved }),
            draft: (restored.draft != *draft).then(|| restored.draft.clone()),
            canvas: shape,
            revisit: Some(if redo {
                Revisit::Redo(moved)
            } else {
                Revisit::Undo(moved)
            }),
        };
        let none_left = done < asked;
        reply.outcome(&if redo {
            Outcome::Redone { tools, none_left }
        } else {
            Outcome::Undone { tools, none_left }
        });
        if let Some(aspect) = shape.and_then(Aspect::of) {
            reply.outcome(&Outcome::Aspect(aspect));
        }
        *draft = restored.draft.clone();
        if shape.is_some() {
            *canvas = shape;
        }
        self.canvas = restored.canvas;
        self.at = target;
        steps.push(step);
        self.followed = steps.len();
    }

    /// Takes the turn's steps not yet accounted for into the history, as the store will save
    /// them: each that changes the draft or the canvas is a new state after the current one.
    fn follow(&mut self, steps: &[ToolStep]) {
        let given = self.given;
        let states = self.states.get_or_insert_with(|| given.states.to_vec());
        self.at = self.at.min(states.len().saturating_sub(1));
        for step in steps.get(self.followed..).unwrap_or_default() {
            if step.revisit.is_some() {
                continue;
            }
            let canvas = step.canvas.unwrap_or(self.canvas);
            self.canvas = canvas;
            let draft = match (&step.draft, states.get(self.at)) {
                (Some(draft), _) => draft.clone(),
                (None, Some(current)) if step.canvas.is_some() => current.draft.clone(),
                // A canvas before the first draft is no state; a step with neither changes nothing.
                (None, _) => continue,
            };
            states.truncate(self.at + 1);
            states.push(Snapshot {
                draft,
                canvas,
                tool: Some(step.name.to_owned()),
            });
            let over = states.len().saturating_sub(HISTORY_LIMIT);
            states.drain(..over);
            self.at = states.len() - 1;
        }
        self.followed = steps.len();
    }
}

/// Where `asked` visible changes back (or forward, for a redo) from state `at` lead, and how many
/// changes that is; states the same as the one moved from are passed over.
fn walk(states: &[Snapshot], at: usize, redo: bool, asked: usize) -> (usize, usize) {
    let (mut target, mut done) = (at, 0);
    while done < asked {
        let Some(from) = states.get(target) else {
            break;
        };
        let mut probe = target;
        let next = loop {
            probe = match (redo, probe.checked_sub(1)) {
                (false, Some(back)) => back,
                (true, _) if probe + 1 < states.len() => probe + 1,
                _ => break None,
            };
            if states.get(probe).is_some_and(|state| !same(state, from)) {
                break Some(probe);
            }
        };
        match next {
            Some(found) => (target, done) = (found, done + 1),
            None => break,
        }
    }
    (target, done)
}

/// Whether two states look the same: the same draft on the same canvas.
fn same(a: &Snapshot, b: &Snapshot) -> bool {
    a.draft == b.draft && a.canvas == b.canvas
}
