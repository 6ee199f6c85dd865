//! Slow camera moves over a still picture, in whole pixels at a steady cadence.
//!
//! A renderer that crops at whole pixels of the source and then rescales (ffmpeg's `zoompan`)
//! magnifies each rounding of the crop into a visible wobble. Here every move is made of whole
//! output pixels instead:
//! - a zoom rescales the composed frame each frame to a size that grows by exactly 2 pixels
//!   every `every` frames and crops the centre back out, so the edges advance one pixel per
//!   step on every side, evenly;
//! - a pan composes the picture once, a little larger than the frame, and moves a
//!   frame-sized window across it by exactly one pixel every `every` frames.
//!
//! Nothing ever moves backwards, and a step is never larger than one pixel at the edge.
//! [`Framing::view_at`] says where the view is on any frame; the studio writes the same steps
//! as ffmpeg expressions.

use crate::draft::{Canvas, Motion};

/// Zooms grow the width by this share on each side, at most (about 1.12× overall).
const ZOOM_SHARE: f64 = 0.06;
/// Pans travel this share of the frame, at most.
const PAN_SHARE: f64 = 0.08;

/// How a still is composed and moved: the size it is composed at, and the move over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Framing {
    /// Width the picture is composed at.
    pub width: u32,
    /// Height the picture is composed at.
    pub height: u32,
    /// The frame the view fills.
    pub canvas: Canvas,
    /// How many frames the move lasts.
    pub frames: u64,
    /// The move, if the view moves.
    pub step: Option<Step>,
}

/// A steady move: one step every `every` frames, `steps` steps in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Which move.
    pub kind: Motion,
    /// Frames between two steps.
    pub every: u64,
    /// Steps in all.
    pub steps: u64,
}

/// Where the view is on one frame: the composed picture scaled to `width`x`height`, of which
/// the canvas-sized window whose top-left corner is at (`x`, `y`) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Width the composed picture is scaled to.
    pub width: u32,
    /// Height the composed picture is scaled to.
    pub height: u32,
    /// Left edge of the window shown.
    pub x: u32,
    /// Top edge of the window shown.
    pub y: u32,
}

impl Framing {
    /// The framing of a move lasting `frames` frames on `canvas`.
    pub fn new(motion: Motion, canvas: Canvas, frames: u64) -> Framing {
        let (w, h) = (canvas.width, canvas.height);
        let still = Framing {
            width: w,
            height: h,
            canvas,
            frames,
            step: None,
        };
        let last = frames.saturating_sub(1);
        // The longest move, in one-pixel steps, and the steady cadence that fits it in.
        let plan = |reach: u32, share: f64| {
            let most = (f64::from(reach) * share).round().max(1.0) as u64;
            let every = last.div_ceil(most).max(1);
            Some(Step {
                kind: motion,
                every,
                steps: last / every,
            })
        };
        match motion {
            _ if last == 0 => still,
            Motion::None => still,
            Motion::ZoomIn | Motion::ZoomOut => Framing {
                step: plan(w, ZOOM_SHARE),
                ..still
            },
            Motion::PanLeft | Motion::PanRight => {
                let step = plan(w, PAN_SHARE);
                let width = even_at_least(f64::from(w) + steps_of(step) as f64);
                Framing {
                    width,
                    height: even_at_least(f64::from(h) * f64::from(width) / f64::from(w)),
                    step,
                    ..still
                }
            }
            Motion::PanUp | Motion::PanDown => {
                let step = plan(h, PAN_SHARE);
                let height = even_at_least(f64::from(h) + steps_of(step) as f64);
                Framing {
                    width: even_at_least(f64::from(w) * f64::from(height) / f64::from(h)),
                    height,
                    step,
                    ..still
                }
            }
        }
    }

    /// The view on frame `n` of the move (clamped to its last frame).
    pub fn view_at(&self, n: u64) -> View {
        let (w, h) = (self.canvas.width, self.canvas.height);
        let middle_x = self.width.saturating_sub(w) / 2;
        let middle_y = self.height.saturating_sub(h) / 2;
        let composed = |x: u64, y: u64| View {
            width: self.width,
            height: self.height,
            x: clamp_u32(x),
            y: clamp_u32(y),
        };
        let Some(step) = self.step else {
            return composed(u64::from(middle_x), u64::from(middle_y));
        };
        let last = self.frames.saturating_sub(1);
        let n = n.min(last);
        let forward = n / step.every;
        let backward = (last - n) / step.every;
        match step.kind {
            Motion::ZoomIn | Motion::ZoomOut => {
                let s = if step.kind == Motion::ZoomIn {
                    forward
                } else {
                    backward
                };
                let dy = zoom_rise(s, w, h);
                View {
                    width: clamp_u32(u64::from(w) + 2 * s),
                    height: clamp_u32(u64::from(h) + 2 * dy),
                    x: clamp_u32(s),
                    y: clamp_u32(dy),
                }
            }
            Motion::PanLeft => composed(step.steps - forward, u64::from(middle_y)),
            Motion::PanRight => composed(forward, u64::from(middle_y)),
            Motion::PanUp => composed(u64::from(middle_x), step.steps - forward),
            Motion::PanDown => composed(u64::from(middle_x), forward),
            Motion::None => composed(u64::from(middle_x), u64::from(middle_y)),
        }
    }
}

/// How far a zoom of `s` pixels on each side reaches down: the same share of the height, to
/// the nearest pixel (ffmpeg's `round`, halves away from zero).
pub fn zoom_rise(s: u64, width: u32, height: u32) -> u64 {
    (s as f64 * f64::from(height) / f64::from(width.max(1))).round() as u64
}

fn steps_of(step: Option<Step>) -> u64 {
    step.map_or(0, |step| step.steps)
}

fn clamp_u32(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The smallest even whole number at least `value` (sizes of yuv420p frames are even).
fn even_at_least(value: f64) -> u32 {
    let whole = value.ceil().clamp(2.0, f64::from(u32::MAX - 1)) as u32;
    whole + whole % 2
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const HD: Canvas = Canvas::LANDSCAPE;

    #[test]
    fn a_still_clip_is_composed_at_the_canvas_size() {
        let framing = Framing::new(Motion::None, HD, 180);
        assert_eq!(
            (framing.width, framing.height, framing.step),
            (1920, 1080, None)
        );
        assert_eq!(Framing::new(Motion::ZoomIn, HD, 1).step, None);
        assert_eq!(
            framing.view_at(90),
            View {
                width: 1920,
                height: 1080,
                x: 0,
                y: 0
            }
        );
    }

    #[test]
    fn zooms_step_one_pixel_per_edge_at_a_steady_cadence() {
        // 210 frames, at most 115 steps: one step every 2 frames, 104 steps in all.
        let zoom = Framing::new(Motion::ZoomIn, HD, 210);
        let step = zoom.step.expect("a move");
        assert_eq!((step.every, step.steps), (2, 104));
        assert_eq!(
            zoom.view_at(0),
            View {
                width: 1920,
                height: 1080,
                x: 0,
                y: 0
            }
        );
        // Frame 31: 15 steps; 15 * 1080 / 1920 = 8.4 → 8.
        assert_eq!(
            zoom.view_at(31),
            View {
                width: 1950,
                height: 1096,
                x: 15,
                y: 8
            }
        );
        let out = Framing::new(Motion::ZoomOut, HD, 210);
        assert_eq!(
            out.view_at(209),
            View {
                width: 1920,
                height: 1080,
                x: 0,
                y: 0
            }
        );
        assert_eq!(out.view_at(0).x, 104);
    }

    #[test]
    fn pans_compose_a_larger_picture_and_travel_across_it() {
        let left = Framing::new(Motion::PanLeft, HD, 210);
        // At most 154 pixels: one pixel every 2 frames over 209 frames is 104.
        assert_eq!((left.width, left.height), (2024, 1140));
        assert_eq!(
            left.view_at(0),
            View {
                width: 2024,
                height: 1140,
                x: 104,
                y: 30
            }
        );
        assert_eq!(left.view_at(209).x, 0);
        let down = Framing::new(Motion::PanDown, Canvas::new(320, 180, 30), 60);
        // At most 14 pixels: one every 5 frames over 59 frames is 11 (composed 1 taller, even).
        assert_eq!((down.width, down.height), (342, 192));
        assert_eq!(
            down.view_at(10),
            View {
                width: 342,
                height: 192,
                x: 11,
                y: 2
            }
        );
    }

    #[test]
    fn long_clips_move_slower_not_further() {
        for frames in [2, 10, 100, 1000, 100_000] {
            let zoom = Framing::new(Motion::ZoomIn, HD, frames);
            let step = zoom.step.expect("a move");
            assert!(step.steps <= 115, "{frames}: {step:?}");
            assert!(step.steps * step.every < frames);
            let pan = Framing::new(Motion::PanRight, HD, frames);
            assert!(pan.width <= 1920 + 154);
            assert!(pan.view_at(frames).x <= pan.width - 1920);
        }
    }

    #[test]
    fn even_sizes_round_up() {
        assert_eq!(even_at_least(1080.2), 1082);
        assert_eq!(even_at_least(1080.0), 1080);
        assert_eq!(even_at_least(-5.0), 2);
    }
}
