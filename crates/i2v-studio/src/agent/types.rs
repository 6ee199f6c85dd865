//! What a turn starts from ([`TurnInput`]) and what the agent decides to do ([`TurnPlan`]).

use i2v_core::draft::Draft;
use serde_json::Value;

pub use super::history::{History, Revisit};

pub use crate::media::MediaKind;

/// One uploaded file of the session, as the agent sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRef {
    /// The id the draft refers to it by (`med_…`), written into `src`.
    pub media_id: String,
    /// The file name it was uploaded under, written into `name`.
    pub name: String,
    /// What it is.
    pub kind: MediaKind,
    /// Its width in pixels, when known.
    pub width: Option<u32>,
    /// Its height in pixels, when known.
    pub height: Option<u32>,
    /// How long it plays, for audio and video, when known.
    pub duration_ms: Option<u64>,
}

/// The frame the video is rendered into (the state's `canvas_config`).
pub use i2v_core::draft::Canvas;

/// A frame shape the agent can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aspect {
    /// 16:9, landscape (1920x1080).
    Landscape,
    /// 9:16, vertical (1080x1920): TikTok, Reels, Shorts.
    Portrait,
    /// 1:1, square (1080x1080).
    Square,
    /// 4:5, tall (1080x1350): the portrait post of photo feeds.
    Tall,
    /// 4:3, classic television (1440x1080).
    Classic,
}

impl Aspect {
    /// Every shape the agent can set, in the order replies list them.
    pub const ALL: [Aspect; 5] = [
        Aspect::Landscape,
        Aspect::Portrait,
        Aspect::Square,
        Aspect::Tall,
        Aspect::Classic,
    ];

    /// The ratio as people write it: `"16:9"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Landscape => "16:9",
            Aspect::Portrait => "9:16",
            Aspect::Square => "1:1",
            Aspect::Tall => "4:5",
            Aspect::Classic => "4:3",
        }
    }

    /// The canvas size of the shape, as (width, height).
    pub fn size(self) -> (u32, u32) {
        match self {
            Aspect::Landscape => (1920, 1080),
            Aspect::Portrait => (1080, 1920),
            Aspect::Square => (1080, 1080),
            Aspect::Tall => (1080, 1350),
            Aspect::Classic => (1440, 1080),
        }
    }

    /// The shape a canvas has, if it is one of [`Aspect::ALL`] (any size with the same ratio
    /// counts).
    pub fn of(canvas: Canvas) -> Option<Aspect> {
        let (w, h) = (u64::from(canvas.width), u64::from(canvas.height));
        Aspect::ALL.into_iter().find(|aspect| {
            let (aw, ah) = aspect.size();
            // Cross-multiplying compares the ratios without division.
            w.saturating_mul(u64::from(ah)) == h.saturating_mul(u64::from(aw)) && w > 0
        })
    }

    /// The canvas of this shape at `fps` frames per second.
    pub fn canvas(self, fps: u32) -> Canvas {
        let (width, height) = self.size();
        Canvas { width, height, fps }
    }
}

/// The language the agent answers in: the one the person wrote in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// English.
    English,
    /// Chinese (answers in simplified characters).
    Chinese,
    /// Spanish.
    Spanish,
    /// Japanese.
    Japanese,
}

/// Everything one turn starts from.
#[derive(Debug, Clone, Copy)]
pub struct TurnInput<'a> {
    /// What the person wrote.
    pub message: &'a str,
    /// The session's draft before the turn, if it has one.
    pub draft: Option<&'a Draft>,
    /// The session's uploads, in upload order.
    pub media: &'a [MediaRef],
    /// The session's canvas before the turn.
    pub canvas: Canvas,
    /// A seed-derived number that picks among equivalent phrasings and decides whether an
    /// edit's reply ends with a hint about the editor on screen; the same number gives the same
    /// reply.
    pub variant: u64,
    /// The session's saved states and where it stands, for undo and redo.
    pub history: History<'a>,
}

/// What kind of turn the agent is taking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TurnKind {
    /// A new draft is built from the images (two stages).
    Generate,
    /// The existing draft (or the canvas) changes.
    Edit,
    /// Only an answer: help, a question back, or an instruction that changed nothing.
    Reply,
}

/// Which price a turn is charged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cost {
    /// The generation price (`Config::generate_cost`).
    Generate,
    /// The edit price (`Config::edit_cost`).
    Edit,
    /// Nothing.
    Free,
}

impl TurnKind {
    /// The price class of this kind of turn.
    pub fn cost(self) -> Cost {
        match self {
            TurnKind::Generate => Cost::Generate,
            TurnKind::Edit => Cost::Edit,
            TurnKind::Reply => Cost::Free,
        }
    }
}

/// One tool the agent runs during the turn, streamed as a functionCall and its functionResponse.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolStep {
    /// The tool's name (`create_slideshow`, `set_music`, …).
    pub name: &'static str,
    /// The call's arguments.
    pub args: Value,
    /// The draft once the tool has run, sent as `actions.stateDelta.draft` of its response;
    /// `None` for a tool that leaves the draft alone (the frame shape lives in the canvas).
    pub draft: Option<Draft>,
    /// The new canvas, for the tool that changes the frame shape, sent as
    /// `actions.stateDelta.canvas_config`.
    pub canvas: Option<Canvas>,
    /// For an undo or a redo, the move through the session's history that restores `draft` and
    /// `canvas`, to be saved as that move rather than as a new state; `None` for an edit.
    pub revisit: Option<Revisit>,
}

/// What the agent does with one message.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnPlan {
    /// What kind of turn it is, which sets its price ([`TurnPlan::cost`]).
    pub kind: TurnKind,
    /// The language of the reply.
    pub language: Language,
    /// The whole reply text.
    pub reply: String,
    /// The tools run, in order; empty when nothing changed.
    pub steps: Vec<ToolStep>,
    /// The draft after the turn: the last step's, or the one the turn started from.
    pub draft: Option<Draft>,
    /// The new canvas, when the turn changed the frame shape.
    pub canvas: Option<Canvas>,
}

impl TurnPlan {
    /// The price class of the turn.
    pub fn cost(&self) -> Cost {
        self.kind.cost()
    }

    /// Whether the turn may be streamed without text (`docs/PROTOCOL.md` §4, silent turns).
    ///
    /// Only an edit that changed the draft qualifies: a client reports a silent turn by diffing
    /// the drafts, so a turn that changed only the canvas must say so in words.
    pub fn may_be_silent(&self) -> bool {
        self.kind == TurnKind::Edit && self.steps.iter().any(|step| step.draft.is_some())
    }
}
