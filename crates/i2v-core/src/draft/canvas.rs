//! The frame a video is made in: its size and frame rate (the state's `canvas_config`,
//! `docs/PROTOCOL.md` §3.7), and how draft times and text sizes map onto it.

/// The size and frame rate of the video being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Canvas {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
}

impl Canvas {
    /// 1920x1080 at 30 fps, the protocol's default canvas.
    pub const LANDSCAPE: Canvas = Canvas::new(1920, 1080, 30);
    /// 1080x1920 at 30 fps, for phones held upright.
    pub const VERTICAL: Canvas = Canvas::new(1080, 1920, 30);
    /// 1080x1080 at 30 fps.
    pub const SQUARE: Canvas = Canvas::new(1080, 1080, 30);
    /// 1080x1350 at 30 fps: 4:5, the tall frame of photo feeds.
    pub const TALL: Canvas = Canvas::new(1080, 1350, 30);
    /// 1440x1080 at 30 fps: 4:3, the frame of classic television.
    pub const CLASSIC: Canvas = Canvas::new(1440, 1080, 30);

    /// A canvas of this size and frame rate (a renderer checks what it can make).
    pub const fn new(width: u32, height: u32, fps: u32) -> Canvas {
        Canvas { width, height, fps }
    }

    /// The frame on which a time in ms falls, rounded to the nearest frame.
    pub fn frame_at(&self, ms: u64) -> u64 {
        let frame = (u128::from(ms) * u128::from(self.fps) + 500) / 1000;
        u64::try_from(frame).unwrap_or(u64::MAX)
    }

    /// How text sizes scale: a draft's font sizes are pixels on a 1080-pixel short side.
    pub fn text_scale(&self) -> f64 {
        f64::from(self.width.min(self.height)) / 1080.0
    }
}

impl Default for Canvas {
    /// [`Canvas::LANDSCAPE`], what the protocol assumes when nothing is said.
    fn default() -> Canvas {
        Canvas::LANDSCAPE
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn times_fall_on_the_nearest_frame() {
        let canvas = Canvas::LANDSCAPE;
        assert_eq!(canvas.frame_at(0), 0);
        assert_eq!(canvas.frame_at(1000), 30);
        assert_eq!(canvas.frame_at(16), 0);
        assert_eq!(canvas.frame_at(17), 1);
        assert_eq!(Canvas::VERTICAL.text_scale(), 1.0);
        assert_eq!(Canvas::new(3840, 2160, 30).text_scale(), 2.0);
        // Text keeps its size on every frame whose short side is 1080.
        assert_eq!(Canvas::TALL.text_scale(), 1.0);
        assert_eq!(Canvas::CLASSIC.text_scale(), 1.0);
    }
}
