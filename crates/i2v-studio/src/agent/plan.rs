//! Deciding a turn: generate, edit, or only answer; and the tool steps and reply of each.
//!
//! Rules:
//! - The person asked for a video to be made, or gave instructions while there is no video
//!   yet: generate, from the uploaded images (none → ask for them, free). The instructions shape
//!   the new video (length, transitions, motion, music, volume, title, frame shape); the rest
//!   are applied after it as edits.
//! - Instructions on an existing video: each is applied in turn, one tool step per change.
//!   One that cannot apply is explained in the reply; a turn where nothing changed is free.
//! - Nothing understood: a helpful answer listing what the agent can do, free.
//! - Undo and redo move through the session's history (`history.rs`); said alone, also where
//!   there is no video now. Where a new video is made they are dropped, the video replacing them.

use i2v_core::draft::{Draft, TrackRole, TransitionKind, diff};

use super::already::{self, Setting};
use super::compose::build::{Recipe, dress, slideshow};
use super::compose::pictures::{self, has_pictures};
use super::compose::{Applied, Context, captions, music, texts, titles};
use super::compose::{fades, look, pace};
use super::history::Timeline;
use super::library::DEFAULT_VOLUME;
use super::outcome::{Outcome, Problem};
use super::reply::Reply;
use super::types::{Aspect, Canvas, Language, MediaKind, ToolStep, TurnInput, TurnKind, TurnPlan};
use super::understand::{
    Command, MotionStyle, MusicChoice, Request, TextChange, TransitionChange, Unclear,
    VolumeChange, understand_with,
};

/// Decides what the agent does with one message. Pure: the same input gives the same plan.
pub fn plan_turn(input: &TurnInput<'_>) -> TurnPlan {
    let has_video = input.draft.is_some_and(has_pictures);
    // Pictures named by what their files say are counted where the video shows them.
    let order: Option<Vec<String>> = input.draft.filter(|_| has_video).map(|draft| {
        draft
            .layout()
            .tracks
            .into_iter()
            .find(|track| track.role == TrackRole::Video)
            .map(|track| track.segments.into_iter().filter_map(|s| s.src).collect())
            .unwrap_or_default()
    });
    let request = understand_with(input.message, input.media, order.as_deref());
    if let Some(language) = request.foreign {
        // Acting on the few words it knows in a language it does not read would be a guess.
        let mut reply = Reply::new(Language::English, input.variant);
        reply.foreign(language);
        return answer(input, reply);
    }
    let ctx = Context { media: input.media };
    let has_images = input.media.iter().any(|m| m.kind == MediaKind::Image);
    // Undo and redo alone work on the history even where there is no video now (with other
    // instructions and no video, those make a new one).
    let only_revisits = request.commands.iter().all(Command::is_revisit);
    if !request.generate && !request.commands.is_empty() && only_revisits {
        return edit(input, &request, &ctx);
    }
    if request.generate || (!has_video && !request.commands.is_empty()) {
        if !has_images {
            let mut reply = Reply::new(request.language, input.variant);
            reply.not_understood(&request.not_understood);
            reply.problem(&Problem::NoImages);
            return answer(input, reply);
        }
        return generate(input, &request, &ctx);
    }
    if request.commands.is_empty() {
        let mut reply = Reply::new(request.language, input.variant);
        reply.not_understood(&request.not_understood);
        if request.export && !request.question {
            reply.export(has_video);
        } else {
            reply.help(has_images, has_video);
        }
        return answer(input, reply);
    }
    edit(input, &request, &ctx)
}

/// A turn that only answers.
fn answer(input: &TurnInput<'_>, reply: Reply) -> TurnPlan {
    TurnPlan {
        kind: TurnKind::Reply,
        language: reply.language(),
        reply: reply.finish(false),
        steps: Vec::new(),
        draft: input.draft.cloned(),
        canvas: None,
    }
}

/// Builds a new draft in two stages, then applies the instructions the stages do not cover.
fn generate(input: &TurnInput<'_>, request: &Request, ctx: &Context<'_>) -> TurnPlan {
    let (recipe, aspect, rest) = recipe_of(request);
    let mut reply = Reply::new(request.language, input.variant);
    reply.not_understood(&request.not_understood);
    let canvas = aspect
        .map(|aspect| aspect.canvas(input.canvas.fps))
        .filter(|canvas| *canvas != input.canvas);
    let (mut draft, applied, outcome) = match slideshow(input.media, &recipe) {
        Ok(made) => made,
        Err(problem) => {
            reply.problem(&problem);
            return answer(input, reply);
        }
    };
    let mut args = applied.args;
    if let (Some(aspect), Some(object)) = (aspect, args.as_object_mut()) {
        object.insert("aspect".into(), aspect.as_str().into());
    }
    let mut steps = vec![ToolStep {
        name: applied.tool,
        args,
        draft: Some(draft.clone()),
        canvas,
        revisit: None,
    }];
    reply.outcome(&outcome);
    if let Some(aspect) = aspect {
        reply.outcome(&Outcome::Aspect(aspect));
    }
    match dress(&mut draft, &recipe, ctx) {
        Ok((applied, outcome)) => {
            steps.push(step(applied, &draft));
            reply.outcome(&outcome);
        }
        Err(Problem::Already) => {}
        Err(problem) => reply.problem(&problem),
    }
    let current = canvas.unwrap_or(input.canvas);
    for command in &rest {
        apply_logged(&mut draft, command, ctx, current, &mut steps, &mut reply);
    }
    TurnPlan {
        kind: TurnKind::Generate,
        language: request.language,
        reply: reply.finish(true),
        steps,
        draft: Some(draft),
        canvas,
    }
}

/// The recipe the instructions ask for, the frame shape, and the instructions left for after.
fn recipe_of(request: &Request) -> (Recipe, Option<Aspect>, Vec<Command>) {
    let mut recipe = Recipe {
        total_ms: None,
        each_ms: None,
        transition: Some((TransitionKind::Fade, TransitionKind::DEFAULT_MS)),
        motion: MotionStyle::Zooms,
        music: Some(MusicChoice::Default),
        volume: DEFAULT_VOLUME,
        title: None,
        only: None,
    };
    let mut aspect = None;
    let mut rest = Vec::new();
    for command in &request.commands {
        match command {
            Command::Total(ms) => recipe.total_ms = Some(*ms),
            Command::Each(ms) => recipe.each_ms = Some(*ms),
            Command::Transitions(TransitionChange::Remove) => recipe.transition = None,
            Command::Transitions(TransitionChange::Pace(slower)) => {
                let ms = if *slower {
                    TransitionKind::DEFAULT_MS * 3 / 2
                } else {
                    TransitionKind::DEFAULT_MS / 2
                };
                recipe.transition = Some((TransitionKind::Fade, ms));
            }
            Command::Transitions(TransitionChange::Set { kind, ms }) => {
                let kind = kind.unwrap_or(TransitionKind::Fade);
                recipe.transition = Some((kind, ms.unwrap_or(TransitionKind::DEFAULT_MS)));
            }
            Command::Motion(style, None) => recipe.motion = *style,
            Command::Music(choice) => recipe.music = Some(*choice),
            Command::RemoveMusic => recipe.music = None,
            Command::Volume(VolumeChange::Set(level)) => recipe.volume = *level,
            Command::Volume(VolumeChange::Lower) => recipe.volume = DEFAULT_VOLUME * 0.6,
            Command::Volume(VolumeChange::Raise) => recipe.volume = DEFAULT_VOLUME * 1.5,
            Command::Volume(VolumeChange::Mute) => recipe.volume = 0.0,
            Command::Volume(VolumeChange::Unmute) => recipe.volume = DEFAULT_VOLUME,
            Command::Title(TextChange::Set(text)) => recipe.title = Some(text.clone()),
            Command::Title(TextChange::Remove) => recipe.title = None,
            Command::Aspect(shape) => aspect = Some(*shape),
            // Before there is a video, keeping some pictures means making it of those.
            Command::KeepClips(ordinals) => recipe.only = Some(ordinals.clone()),
            // The new video replaces whatever an undo or a redo would have brought back.
            Command::Undo(_) | Command::Redo(_) => {}
            other => rest.push(other.clone()),
        }
    }
    recipe.volume = music::round_volume(recipe.volume);
    (recipe, aspect, rest)
}

/// Applies each instruction to the existing draft.
fn edit(input: &TurnInput<'_>, request: &Request, ctx: &Context<'_>) -> TurnPlan {
    let mut reply = Reply::new(request.language, input.variant);
    reply.not_understood(&request.not_understood);
    let mut draft = input.draft.cloned().unwrap_or_default();
    let mut steps = Vec::new();
    let mut canvas = None;
    let mut timeline = Timeline::new(input.history, input.canvas);
    for command in &request.commands {
        if let Command::Undo(asked) | Command::Redo(asked) = command {
            let redo = matches!(command, Command::Redo(_));
            timeline.revisit(
                redo,
                *asked,
                &mut draft,
                &mut canvas,
                &mut steps,
                &mut reply,
            );
            continue;
        }
        if let Command::Aspect(aspect) = command {
            let current = canvas.unwrap_or(input.canvas);
            if Aspect::of(current) == Some(*aspect) {
                reply.problem(&Problem::AlreadySet(Setting::Aspect(*aspect)));
                continue;
            }
            let new_canvas = aspect.canvas(input.canvas.fps);
            canvas = Some(new_canvas);
            steps.push(aspect_step(*aspect, new_canvas));
            reply.outcome(&Outcome::Aspect(*aspect));
            continue;
        }
        let current = canvas.unwrap_or(input.canvas);
        apply_logged(&mut draft, command, ctx, current, &mut steps, &mut reply);
    }
    if steps.is_empty() {
        return answer(input, reply);
    }
    TurnPlan {
        kind: TurnKind::Edit,
        language: request.language,
        reply: reply.finish(false),
        steps,
        draft: Some(draft),
        canvas,
    }
}

/// Applies one instruction to a copy of the draft, keeping the copy only if it changed; the
/// step or the problem goes to the plan.
///
/// Honesty: a change is told only when the draft really differs afterwards; an instruction
/// that changed nothing is told as "already" only with the value the draft (or `canvas`)
/// already holds ([`already::setting`]), else plainly as unchanged.
fn apply_logged(
    draft: &mut Draft,
    command: &Command,
    ctx: &Context<'_>,
    canvas: Canvas,
    steps: &mut Vec<ToolStep>,
    reply: &mut Reply,
) {
    let mut next = draft.clone();
    match apply(&mut next, command, ctx) {
        // The diff, not the JSON: an edit that only tidied keys (an empty `m`, a `null` removed)
        // changed nothing a person would see.
        Ok((applied, outcome)) if !diff(draft, &next).is_empty() => {
            steps.push(step(applied, &next));
            reply.outcome(&outcome);
            *draft = next;
        }
        Ok(_) | Err(Problem::Already) => {
            let problem = match already::setting(command, draft, canvas) {
                Some(setting) => Problem::AlreadySet(setting),
                None => Problem::Unchanged,
            };
            reply.problem(&problem);
        }
        Err(problem) => reply.problem(&problem),
    }
}

/// The edit an instruction stands for.
pub(super) fn apply(draft: &mut Draft, command: &Command, ctx: &Context<'_>) -> pictures::Edit {
    match command {
        Command::Total(ms) => pictures::set_total(draft, *ms),
        Command::Each(ms) => pictures::set_each(draft, *ms),
        Command::Clip(ordinals, ms) => pictures::set_clips(draft, ordinals, *ms),
        Command::ClipScale { clips, longer, by } => {
            pictures::scale_clips(draft, clips, *longer, *by)
        }
        Command::KeepClips(ordinals) => pictures::keep(draft, ordinals),
        Command::Scale { longer, by } => pictures::scale(draft, *longer, *by),
        Command::RemoveClips(ordinals) => pictures::remove(draft, ordinals),
        Command::MoveClip(from, place) => pictures::move_clip(draft, *from, *place),
        Command::SwapClips(a, b) => pictures::swap(draft, *a, *b),
        Command::Reverse => pictures::reverse(draft),
        Command::AddImages => pictures::add_images(draft, ctx),
        Command::Transitions(change) => look::set_transitions(draft, change),
        Command::Motion(style, clip) => look::set_motion(draft, *style, *clip),
        Command::Fit(fit, clip) => look::set_fit(draft, *fit, *clip),
        Command::Music(choice) => music::set_music(draft, *choice, ctx),
        Command::RemoveMusic => music::remove_music(draft),
        Command::Volume(change) => music::set_volume(draft, *change),
        Command::Title(change) => titles::set_title(draft, change),
        Command::Caption(change, clip) => captions::set_caption(draft, change, *clip),
        // The frame shape lives in the canvas, not the draft (see `edit`).
        Command::Aspect(_) => Err(Problem::Already),
        Command::Unclear(Unclear::WhichPicture) => Err(Problem::WhichPicture),
        Command::Unclear(Unclear::WhereTo) => Err(Problem::WhereTo),
        Command::Pace { faster } => pace::set_pace(draft, *faster),
        Command::OtherAspect(ratio) => Err(Problem::OtherAspect(ratio.clone())),
        Command::Fade(end, change) => fades::set_fade(draft, *end, *change),
        Command::Text(change, when) => texts::set_text(draft, change, *when),
        Command::MoveTitle(when) => titles::move_title(draft, *when),
        // `edit` moves through the history for these, and a new video drops them (`recipe_of`).
        Command::Undo(_) => Err(Problem::NothingToUndo),
        Command::Redo(_) => Err(Problem::NothingToRedo),
    }
}

fn step(applied: Applied, draft: &Draft) -> ToolStep {
    ToolStep {
        name: applied.tool,
        args: applied.args,
        draft: Some(draft.clone()),
        canvas: None,
        revisit: None,
    }
}

fn aspect_step(aspect: Aspect, canvas: Canvas) -> ToolStep {
    ToolStep {
        name: "set_aspect_ratio",
        args: serde_json::json!({
            "aspect": aspect.as_str(),
            "width": canvas.width,
            "height": canvas.height,
        }),
        draft: None,
        canvas: Some(canvas),
        revisit: None,
    }
}
