//! Slow camera moves over a still picture, without the jitter of `zoompan`.
//!
//! `zoompan` crops at whole pixels of the source and then rescales, so each rounding of the crop
//! is magnified into a visible wobble unless the source is first blown up several times (slow at
//! 1080p). Here every move is made of whole output pixels at a steady cadence instead:
//! - a zoom rescales the composed frame each frame to a size that grows by exactly 2 pixels
//!   every `q` frames and crops the centre back out (`crop exact=1` so odd offsets stay
//!   exact), so the edges advance one pixel per step on every side, evenly;
//! - a pan composes the picture once, a little larger than the frame, and moves a crop window
//!   across it by exactly one pixel every `q` frames.
//!
//! Nothing ever moves backwards, and a step is never larger than one pixel at the edge.

use super::super::request::Canvas;
use i2v_core::draft::Motion;

/// Zooms grow the width by this share on each side, at most (about 1.12× overall).
const ZOOM_SHARE: f64 = 0.06;
/// Pans travel this share of the frame, at most.
const PAN_SHARE: f64 = 0.08;

/// How a still is composed and moved: the size it is composed at, and the move over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Framing {
    /// Width the picture is composed at.
    pub width: u32,
    /// Height the picture is composed at.
    pub height: u32,
    canvas: Canvas,
    frames: u64,
    step: Option<Step>,
}

/// A steady move: one step every `every` frames, `steps` steps in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    kind: Motion,
    every: u64,
    steps: u64,
}

impl Framing {
    /// The framing of a move lasting `frames` frames on `canvas`.
    pub(crate) fn new(motion: Motion, canvas: Canvas, frames: u64) -> Framing {
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
            (every, last / every)
        };
        match motion {
            _ if last == 0 => still,
            Motion::None => still,
            Motion::ZoomIn | Motion::ZoomOut => {
                let (every, steps) = plan(w, ZOOM_SHARE);
                Framing {
                    step: Some(Step {
                        kind: motion,
                        every,
                        steps,
                    }),
                    ..still
                }
            }
            Motion::PanLeft | Motion::PanRight => {
                let (every, steps) = plan(w, PAN_SHARE);
                let width = even_at_least(f64::from(w) + steps as f64);
                Framing {
                    width,
                    height: even_at_least(f64::from(h) * f64::from(width) / f64::from(w)),
                    step: Some(Step {
                        kind: motion,
                        every,
                        steps,
                    }),
                    ..still
                }
            }
            Motion::PanUp | Motion::PanDown => {
                let (every, steps) = plan(h, PAN_SHARE);
                let height = even_at_least(f64::from(h) + steps as f64);
                Framing {
                    width: even_at_least(f64::from(w) * f64::from(height) / f64::from(h)),
                    height,
                    step: Some(Step {
                        kind: motion,
                        every,
                        steps,
                    }),
                    ..still
                }
            }
        }
    }

    /// The filters that move over the composed, looped picture, for a stream whose first frame
    /// is frame `offset` of the move (each part of a clip is looped on its own).
    pub(crate) fn filters(&self, offset: u64) -> Option<String> {
        let step = self.step?;
        let (w, h) = (self.canvas.width, self.canvas.height);
        let last = self.frames.saturating_sub(1);
        let every = step.every;
        // The number of steps taken by the stream's frame `n`.
        let forward = format!("floor((n+{offset})/{every})");
        let backward = format!("floor(({last}-n-{offset})/{every})");
        let steps = step.steps;
        let filters = match step.kind {
            Motion::ZoomIn | Motion::ZoomOut => {
                let s = if step.kind == Motion::ZoomIn {
                    forward
                } else {
                    backward
                };
                let dy = format!("round({s}*{h}/{w})");
                format!(
                    "scale=w='{w}+2*{s}':h='{h}+2*{dy}':eval=frame:flags=bilinear,\
                     crop={w}:{h}:x='{s}':y='{dy}':exact=1,setsar=1"
                )
            }
            Motion::PanLeft => self.crop(&format!("{steps}-{forward}"), &self.middle_y()),
            Motion::PanRight => self.crop(&forward, &self.middle_y()),
            Motion::PanUp => self.crop(&self.middle_x(), &format!("{steps}-{forward}")),
            Motion::PanDown => self.crop(&self.middle_x(), &forward),
            Motion::None => return None,
        };
        Some(filters)
    }

    fn crop(&self, x: &str, y: &str) -> String {
        let (w, h) = (self.canvas.width, self.canvas.height);
        format!("crop={w}:{h}:x='{x}':y='{y}':exact=1")
    }

    fn middle_x(&self) -> String {
        (self.width.saturating_sub(self.canvas.width) / 2).to_string()
    }

    fn middle_y(&self) -> String {
        (self.height.saturating_sub(self.canvas.height) / 2).to_string()
    }
}

/// The smallest even whole number at least `value` (sizes of yuv420p frames are even).
fn even_at_least(value: f64) -> u32 {
    let whole = value.ceil().clamp(2.0, f64::from(u32::MAX - 1)) as u32;
    whole + whole % 2
}

#[cfg(test)]
mod tests {
    use super::*;

    const HD: Canvas = Canvas::LANDSCAPE;

    #[test]
    fn a_still_clip_is_composed_at_the_canvas_size() {
        let framing = Framing::new(Motion::None, HD, 180);
        assert_eq!((framing.width, framing.height), (1920, 1080));
        assert_eq!(framing.filters(0), None);
        assert_eq!(Framing::new(Motion::ZoomIn, HD, 1).filters(0), None);
    }

    #[test]
    fn zooms_step_one_pixel_per_edge_at_a_steady_cadence() {
        // 210 frames, at most 115 steps: one step every 2 frames, 104 steps in all.
        let framing = Framing::new(Motion::ZoomIn, HD, 210);
        assert_eq!((framing.width, framing.height), (1920, 1080));
        assert_eq!(
            framing.filters(30).as_deref(),
            Some(
                "scale=w='1920+2*floor((n+30)/2)':h='1080+2*round(floor((n+30)/2)*1080/1920)':\
                 eval=frame:flags=bilinear,crop=1920:1080:x='floor((n+30)/2)':\
                 y='round(floor((n+30)/2)*1080/1920)':exact=1,setsar=1"
            )
        );
        let out = Framing::new(Motion::ZoomOut, HD, 210)
            .filters(0)
            .unwrap_or_default();
        assert!(out.contains("floor((209-n-0)/2)"), "{out}");
    }

    #[test]
    fn pans_compose_a_larger_picture_and_travel_across_it() {
        let left = Framing::new(Motion::PanLeft, HD, 210);
        // At most 154 pixels: one pixel every 2 frames over 209 frames is 104.
        assert_eq!((left.width, left.height), (2024, 1140));
        assert_eq!(
            left.filters(0).as_deref(),
            Some("crop=1920:1080:x='104-floor((n+0)/2)':y='30':exact=1")
        );
        let down = Framing::new(Motion::PanDown, Canvas::new(320, 180, 30), 60);
        // At most 14 pixels: one every 5 frames over 59 frames is 11 (composed 1 taller, even).
        assert_eq!((down.width, down.height), (342, 192));
        assert_eq!(
            down.filters(10).as_deref(),
            Some("crop=320:180:x='11':y='floor((n+10)/5)':exact=1")
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
        }
    }

    #[test]
    fn even_sizes_round_up() {
        assert_eq!(even_at_least(1080.2), 1082);
        assert_eq!(even_at_least(1080.0), 1080);
        assert_eq!(even_at_least(-5.0), 2);
    }
}
