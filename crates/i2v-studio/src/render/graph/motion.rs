//! The camera moves of `i2v_core::timeline::Framing` as ffmpeg filters: the same whole-pixel
//! steps, written as expressions of the frame number so that ffmpeg computes each frame's view
//! exactly where [`Framing::view_at`] puts it (`conformance` tests check it frame by frame).
//!
//! `zoompan` is not used: it crops at whole pixels of the source and then rescales, which
//! magnifies each rounding of the crop into a visible wobble unless the source is first blown
//! up several times (slow at 1080p).

use i2v_core::draft::Motion;
pub(crate) use i2v_core::timeline::Framing;

/// The filters that move over the composed, looped picture, for a stream whose first frame is
/// frame `offset` of the move (each part of a clip is looped on its own); `None` for a still.
pub(crate) fn filters(framing: &Framing, offset: u64) -> Option<String> {
    let step = framing.step?;
    let (w, h) = (framing.canvas.width, framing.canvas.height);
    let last = framing.frames.saturating_sub(1);
    let every = step.every;
    // The number of steps taken by the stream's frame `n`.
    let forward = format!("floor((n+{offset})/{every})");
    let backward = format!("floor(({last}-n-{offset})/{every})");
    let steps = step.steps;
    let middle_x = (framing.width.saturating_sub(w) / 2).to_string();
    let middle_y = (framing.height.saturating_sub(h) / 2).to_string();
    let crop = |x: &str, y: &str| format!("crop={w}:{h}:x='{x}':y='{y}':exact=1");
    let filters = match step.kind {
        Motion::ZoomIn | Motion::ZoomOut => {
            let s = if step.kind == Motion::ZoomIn {
                forward
            } else {
                backward
            };
            // The rise of the zoom, as `i2v_core::timeline::zoom_rise` rounds it.
            let dy = format!("round({s}*{h}/{w})");
            format!(
                "scale=w='{w}+2*{s}':h='{h}+2*{dy}':eval=frame:flags=bilinear,\
                 crop={w}:{h}:x='{s}':y='{dy}':exact=1,setsar=1"
            )
        }
        Motion::PanLeft => crop(&format!("{steps}-{forward}"), &middle_y),
        Motion::PanRight => crop(&forward, &middle_y),
        Motion::PanUp => crop(&middle_x, &format!("{steps}-{forward}")),
        Motion::PanDown => crop(&middle_x, &forward),
        Motion::None => return None,
    };
    Some(filters)
}

#[cfg(test)]
mod tests {
    use super::super::super::request::Canvas;
    use super::*;

    const HD: Canvas = Canvas::LANDSCAPE;

    #[test]
    fn a_still_clip_has_no_move() {
        assert_eq!(filters(&Framing::new(Motion::None, HD, 180), 0), None);
        assert_eq!(filters(&Framing::new(Motion::ZoomIn, HD, 1), 0), None);
    }

    #[test]
    fn zooms_scale_and_crop_by_the_step_count() {
        let framing = Framing::new(Motion::ZoomIn, HD, 210);
        assert_eq!(
            filters(&framing, 30).as_deref(),
            Some(
                "scale=w='1920+2*floor((n+30)/2)':h='1080+2*round(floor((n+30)/2)*1080/1920)':\
                 eval=frame:flags=bilinear,crop=1920:1080:x='floor((n+30)/2)':\
                 y='round(floor((n+30)/2)*1080/1920)':exact=1,setsar=1"
            )
        );
        let out = filters(&Framing::new(Motion::ZoomOut, HD, 210), 0).unwrap_or_default();
        assert!(out.contains("floor((209-n-0)/2)"), "{out}");
    }

    #[test]
    fn pans_move_a_crop_window() {
        let left = Framing::new(Motion::PanLeft, HD, 210);
        assert_eq!(
            filters(&left, 0).as_deref(),
            Some("crop=1920:1080:x='104-floor((n+0)/2)':y='30':exact=1")
        );
        let down = Framing::new(Motion::PanDown, Canvas::new(320, 180, 30), 60);
        assert_eq!(
            filters(&down, 10).as_deref(),
            Some("crop=320:180:x='11':y='floor((n+10)/5)':exact=1")
        );
    }
}
