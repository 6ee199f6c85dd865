//! The picture: each clip composed to the frame once, cut into the parts that blend with its
//! neighbours and the part that stands alone, then the transitions, then everything in order.
//!
//! Why this shape (measured on the 2-core machine, 1080p, ffmpeg 5.1):
//! - A still is decoded, turned upright and fitted ONCE (one frame), then repeated with `loop`;
//!   decoding a 12-megapixel JPEG for every frame would cost more than the whole encode. Big
//!   JPEGs are decoded at a half or a quarter of their size (`-lowres`, see [`halvings`]).
//! - Each part of a clip (head, body, tail) is looped on its own from the composed frame, so a
//!   frame is made only when the output asks for it; splitting one long stream would queue the
//!   tail's frames until the transition takes them (about 90 MB per second of 1080p).
//! - Transitions blend only their own frames: `xfade` between a tail and a head, the parts then
//!   joined by `concat`. An `xfade` over whole clips cost about 2.5 s of CPU per 30 s of video,
//!   even outside the transition.
//! - The plain cross-fade is an `overlay` of the incoming part with a fading alpha: about a
//!   third of `xfade=fade`'s cost, for the same picture.

use super::super::request::Canvas;
use super::super::source::SourceKind;
use super::super::timeline::{Clip, ClipParts};
use super::Graph;
use super::escape;
use super::motion::{self, Framing};
use super::window::Slice;
use i2v_core::draft::{Fit, TransitionKind};

/// The labels of a clip's parts in the graph; a part without frames has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PartLabels {
    /// Frames shared with the transition in.
    pub head: Option<String>,
    /// Frames shown alone.
    pub body: Option<String>,
    /// Frames shared with the transition out.
    pub tail: Option<String>,
}

/// Adds a clip read from input `input`; the parts `slice` takes of its stream (all of `parts`
/// for a whole render) come out as yuv420p frames of the canvas, at its frame rate, with
/// timestamps from 0.
#[allow(clippy::too_many_arguments)] // One clip's whole description; a struct would only rename it.
pub(crate) fn clip(
    graph: &mut Graph,
    index: usize,
    input: usize,
    clip: &Clip,
    parts: ClipParts,
    slice: Slice,
    source: SourceKind,
    canvas: Canvas,
) -> PartLabels {
    let body_at = slice.skip + slice.head;
    let wanted = [
        ("h", slice.skip, slice.head),
        ("b", body_at, slice.body),
        ("t", body_at + slice.body, slice.tail),
    ];
    let wanted: Vec<(&str, u64, u64)> = wanted.into_iter().filter(|p| p.2 > 0).collect();
    let label = |part: &str| format!("c{index}{part}");
    // The composed picture (or clip) feeds each part through its own branch.
    let branches: Vec<String> = wanted
        .iter()
        .map(|(part, _, _)| format!("{}s", label(part)))
        .collect();
    let split = format!("split={}", branches.len());
    let fps = canvas.fps;
    match source {
        SourceKind::Still { orientation, .. } => {
            let framing = Framing::new(clip.motion, canvas, parts.total());
            let mut first = vec!["trim=end_frame=1".to_string()];
            first.extend(orientation.filters().map(str::to_string));
            let composed = fit(
                graph,
                index,
                &format!("{input}:v"),
                first,
                clip.fit,
                framing.width,
                framing.height,
            );
            graph.chain(&[composed], vec![split], &branches);
            for (part, offset, frames) in &wanted {
                let mut filters = vec![
                    format!("loop=loop={}:size=1", frames - 1),
                    format!("setpts=N/{fps}/TB"),
                ];
                filters.extend(motion::filters(&framing, *offset));
                graph.chain(&[format!("{}s", label(part))], filters, &[label(part)]);
            }
        }
        SourceKind::Moving | SourceKind::Sound => {
            // A video clip plays from its start, holding its last frame if it is too short.
            let first = vec![format!("fps={fps}")];
            let composed = fit(
                graph,
                index,
                &format!("{input}:v"),
                first,
                clip.fit,
                canvas.width,
                canvas.height,
            );
            let length = parts.total();
            graph.chain(
                &[composed],
                vec![
                    "tpad=stop=-1:stop_mode=clone".into(),
                    format!("trim=end_frame={length}"),
                    format!("setpts=N/{fps}/TB"),
                    split,
                ],
                &branches,
            );
            for (part, offset, frames) in &wanted {
                let filters = vec![
                    format!("trim=start_frame={offset}:end_frame={}", offset + frames),
                    "setpts=PTS-STARTPTS".into(),
                ];
                graph.chain(&[format!("{}s", label(part))], filters, &[label(part)]);
            }
        }
    }
    let named = |part: &str| {
        wanted
            .iter()
            .any(|(p, _, _)| *p == part)
            .then(|| label(part))
    };
    PartLabels {
        head: named("h"),
        body: named("b"),
        tail: named("t"),
    }
}

/// How many times to halve a JPEG while decoding it (`-lowres`, 0 to 3): as often as the
/// picture stays at least as large as it will be shown. A 12-megapixel photo shown at 1080p is
/// decoded at a quarter of its pixels: four times less work and memory, and no visible change,
/// since it is scaled down further anyway.
pub(crate) fn halvings(clip: &Clip, parts: ClipParts, source: SourceKind, canvas: Canvas) -> u32 {
    let SourceKind::Still {
        orientation,
        jpeg_size: Some((w, h)),
        heif: false,
    } = source
    else {
        return 0;
    };
    let (w, h) = if orientation.swaps_axes() {
        (h, w)
    } else {
        (w, h)
    };
    let framing = Framing::new(clip.motion, canvas, parts.total());
    let across = f64::from(framing.width) / f64::from(w.max(1));
    let down = f64::from(framing.height) / f64::from(h.max(1));
    let shown = match clip.fit {
        Fit::Cover => across.max(down),
        Fit::Contain | Fit::Blur => across.min(down),
    };
    (0..=3)
        .rev()
        .find(|k| f64::from(1u32 << k) * shown <= 1.0)
        .unwrap_or(0)
}

/// Composes a picture to `width`x`height` by `fit`, converted once to BT.709 yuv420p; returns
/// the label of the composed stream. `first` are the filters to apply before fitting.
fn fit(
    graph: &mut Graph,
    index: usize,
    input: &str,
    first: Vec<String>,
    fit: Fit,
    width: u32,
    height: u32,
) -> String {
    let to_yuv = "out_color_matrix=bt709:out_range=tv";
    let finish = ["format=yuv420p".to_string(), "setsar=1".to_string()];
    let out = format!("c{index}fit");
    let scale = |mode: &str| {
        format!(
            "scale={width}:{height}:force_original_aspect_ratio={mode}:force_divisible_by=2:{to_yuv}"
        )
    };
    match fit {
        Fit::Contain => {
            let mut filters = first;
            filters.push(scale("decrease"));
            filters.push(format!(
                "pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=black"
            ));
            filters.extend(finish);
            graph.chain(&[input.to_string()], filters, &[&out]);
        }
        Fit::Cover => {
            let mut filters = first;
            filters.push(scale("increase"));
            filters.push(format!("crop={width}:{height}"));
            filters.extend(finish);
            graph.chain(&[input.to_string()], filters, &[&out]);
        }
        Fit::Blur => {
            // The background is blurred small and scaled up: the same look as blurring at full
            // size, for a sixty-fourth of the work.
            let (small_w, small_h) = (even(width / 8), even(height / 8));
            let sigma = (small_w / 40).max(2);
            let (fg, bg_src, bg) = (
                format!("c{index}fg"),
                format!("c{index}bgs"),
                format!("c{index}bg"),
            );
            let mut filters = first;
            filters.push("split=2".into());
            graph.chain(&[input.to_string()], filters, &[&fg, &bg_src]);
            graph.chain(
                &[bg_src],
                vec![
                    format!(
                        "scale={small_w}:{small_h}:force_original_aspect_ratio=increase:{to_yuv}"
                    ),
                    format!("crop={small_w}:{small_h}"),
                    "format=yuv420p".into(),
                    format!("gblur=sigma={sigma}"),
                    "eq=brightness=-0.08:saturation=0.85".into(),
                    format!("scale={width}:{height}:flags=bicubic"),
                    "setsar=1".into(),
                ],
                &[&bg],
            );
            let fg_fitted = format!("c{index}fgf");
            graph.chain(
                &[fg],
                vec![
                    scale("decrease"),
                    "format=yuv420p".into(),
                    "setsar=1".into(),
                ],
                &[&fg_fitted],
            );
            let mut filters = vec!["overlay=(W-w)/2:(H-h)/2".to_string()];
            filters.extend(finish);
            graph.chain(&[bg, fg_fitted], filters, &[&out]);
        }
    }
    out
}

/// Joins the clips' parts: each clip's tail blends with the next clip's head; returns the
/// label of the whole picture.
pub(crate) fn join(
    graph: &mut Graph,
    clips: &[(PartLabels, Option<(TransitionKind, u64)>)],
    fps: u32,
) -> String {
    let mut order = Vec::new();
    for (index, (parts, transition)) in clips.iter().enumerate() {
        order.extend(parts.body.clone());
        let next_head = clips.get(index + 1).and_then(|(next, _)| next.head.clone());
        if let (Some(tail), Some(head), Some((kind, frames))) =
            (parts.tail.clone(), next_head, transition)
        {
            let blended = format!("x{index}");
            let seconds = escape::seconds(*frames as f64 / f64::from(fps));
            // A crossfade is drawn as an overlay with a rising alpha; everything else by xfade.
            if *kind == TransitionKind::Fade {
                let faded = format!("x{index}a");
                graph.chain(
                    &[head],
                    vec![
                        "format=yuva420p".into(),
                        format!("fade=t=in:st=0:d={seconds}:alpha=1"),
                    ],
                    &[&faded],
                );
                graph.chain(
                    &[tail, faded],
                    vec!["overlay=format=yuv420".into()],
                    &[&blended],
                );
            } else {
                graph.chain(
                    &[tail, head],
                    vec![format!(
                        "xfade=transition={}:duration={seconds}:offset=0",
                        kind.ffmpeg_name()
                    )],
                    &[&blended],
                );
            }
            order.push(blended);
        }
    }
    let out = "vcat".to_string();
    graph.chain(
        &order,
        vec![format!("concat=n={}:v=1:a=0", order.len())],
        &[&out],
    );
    out
}

fn even(value: u32) -> u32 {
    (value + value % 2).max(2)
}
