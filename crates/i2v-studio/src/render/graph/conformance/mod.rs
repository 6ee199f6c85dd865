//! The studio's ffmpeg plan against the core's evaluator (`i2v_core::timeline::Timeline::
//! scene_at`), frame by frame: what the filter graph makes each frame show, read back from the
//! graph's own text (which part of which clip the concatenation puts there, the view its
//! expressions compute, the blend and its progress, each text's `enable` and `alpha`, the
//! fades, each piece of music's gain), must be what the evaluator says the frame shows. The
//! browser preview draws the evaluator's scenes, so this is what keeps it and the export alike.

mod expr;
mod graph;

use std::collections::HashMap;
use std::path::Path;

use i2v_core::draft::Draft;
use i2v_core::timeline::{Scene, Timeline};
use serde_json::{Value, json};

use super::super::fonts::Fonts;
use super::super::request::Canvas;
use super::super::source::{Orientation, Source, SourceKind};
use super::{EncoderSettings, FfmpegPlan, Format, PlanEnv, Quality, plan};
use graph::{Chain, Graph};

fn still(path: &str) -> Source {
    Source {
        name: path.into(),
        path: path.into(),
        kind: SourceKind::Still {
            orientation: Orientation::from_exif(1),
            heif: false,
            jpeg_size: None,
        },
    }
}

/// Plans `draft` on `canvas` with stills `a` to `e`, and reads its timeline.
fn planned(draft: Value, canvas: Canvas) -> (Timeline, FfmpegPlan) {
    let draft = Draft::from_value(draft).expect("a draft");
    let sources: HashMap<String, Source> = ["a", "b", "c", "d", "e"]
        .into_iter()
        .map(|id| (id.to_string(), still(&format!("/m/{id}.jpg"))))
        .collect();
    let kind_of = |id: &str| sources.get(id).map(|source| source.kind.media_kind());
    let timeline = super::super::timeline::build(&draft, canvas, &kind_of).expect("a timeline");
    let fonts = Fonts {
        regular: Some("/f/r.ttf".into()),
        bold: Some("/f/b.ttf".into()),
        cjk: Some("/f/c.ttc".into()),
    };
    let encoder = EncoderSettings::default();
    let env = PlanEnv {
        fonts: &fonts,
        library_dir: Path::new("/data/music"),
        work_dir: Path::new("/w"),
        output: Path::new("/o.mp4"),
        poster: Path::new("/o.jpg"),
        format: Format::Mp4,
        quality: Quality::High,
        encoder: &encoder,
    };
    let plan = plan(&timeline, &sources, &env).expect("a plan");
    (timeline, plan)
}

/// Every move, three kinds of blend, a title and a caption with fades, music, video fades.
fn everything() -> Value {
    json!({"t": [
        {"tt": 0, "m": {"fade_in": 600, "fade_out": 900}, "sg": [
            {"d": 3000, "m": {"src": "a", "fit": "cover", "motion": "zoom-in",
                               "transition": {"type": "fade", "d": 1000}}},
            {"d": 2500, "m": {"src": "b", "motion": "pan-left",
                               "transition": {"type": "slideleft", "d": 800}}},
            {"d": 2000, "m": {"src": "c", "fit": "contain", "motion": "zoom-out",
                               "transition": {"type": "wipeup", "d": 500}}},
            {"d": 2500, "m": {"src": "d", "motion": "pan-down",
                               "transition": {"type": "circleopen", "d": 700}}},
            {"d": 2000, "m": {"src": "e", "motion": "pan-right"}},
        ]},
        {"tt": 7, "m": {"role": "title"}, "sg": [
            {"s": 200, "d": 2600, "m": {"text": "Urban Dreams at Night", "color": "gold"}}]},
        {"tt": 7, "sg": [
            {"s": 4000, "d": 3000, "m": {"text": "A caption long enough to wrap onto a second line of the frame, surely", "fade_in": 300}},
            {"s": 9000, "d": 2000, "m": {"text": "城市的梦想", "position": "top"}}]},
        {"tt": 1, "sg": [{"s": 500, "d": 11000, "m": {"src": "library:calm", "volume": 0.6,
                                                      "fade_in": 1000, "fade_out": 2000}}]},
    ]})
}

/// The difference allowed between ffmpeg's and the evaluator's fractions: the planner writes
/// seconds with six decimals, and `fade` counts in 1/65536ths.
const CLOSE: f64 = 2e-3;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= CLOSE
}

#[test]
fn every_frame_of_the_plan_shows_what_the_evaluator_says() {
    for canvas in [
        Canvas::LANDSCAPE,
        Canvas::VERTICAL,
        Canvas::new(640, 360, 25),
    ] {
        let (timeline, plan) = planned(everything(), canvas);
        let graph = Graph::read(&plan);
        let frames = graph.concat_frames();
        assert_eq!(frames.len() as u64, timeline.frames, "{canvas:?}");
        for (frame, (label, j)) in frames.iter().enumerate() {
            let scene = timeline.scene_at(frame as u64);
            let at = format!("{canvas:?} frame {frame} ({label}[{j}])");
            pictures_agree(&graph, &scene, label, *j, canvas, &at);
            let t = frame as f64 / f64::from(canvas.fps);
            texts_agree(&graph, &plan, &scene, t, &at);
            assert!(
                close(scene.black, 1.0 - graph.brightness(frame as u64)),
                "{at}: black {}",
                scene.black
            );
            music_agrees(&graph, &scene, t, &at);
        }
    }
}

/// The pictures of a frame: one clip's body, or a blend of a tail and the next head.
fn pictures_agree(graph: &Graph, scene: &Scene<'_>, label: &str, j: u64, canvas: Canvas, at: &str) {
    let view = |chain: &Chain| graph.view(chain, j, canvas);
    if let Some(clip) = label
        .strip_prefix('c')
        .and_then(|rest| rest.strip_suffix('b'))
    {
        let clip: usize = clip.parse().expect("a clip number");
        let [picture] = scene.pictures.as_slice() else {
            panic!(
                "{at}: one picture expected, the scene has {:?}",
                scene.pictures
            )
        };
        assert_eq!(picture.clip, clip, "{at}");
        assert_eq!(scene.transition, None, "{at}");
        assert_eq!(Some(picture.view), view(graph.chain(label)), "{at}");
        return;
    }
    let blend: usize = label
        .strip_prefix('x')
        .and_then(|n| n.parse().ok())
        .expect("a blend");
    let [from, to] = scene.pictures.as_slice() else {
        panic!("{at}: a blend expected, the scene has {:?}", scene.pictures)
    };
    assert_eq!((from.clip, to.clip), (blend, blend + 1), "{at}");
    assert_eq!(
        Some(from.view),
        view(graph.chain(&format!("c{blend}t"))),
        "{at}: outgoing"
    );
    assert_eq!(
        Some(to.view),
        view(graph.chain(&format!("c{}h", blend + 1))),
        "{at}: incoming"
    );
    let (kind, seconds) = graph.blend(blend);
    let transition = scene.transition.expect("a transition in the scene");
    assert_eq!(transition.kind.ffmpeg_name(), kind, "{at}");
    // xfade's P and the crossfade's 1 − alpha alike: 1 − t / duration.
    let progress = 1.0 - (j as f64 / f64::from(canvas.fps)) / seconds;
    assert!(
        close(transition.progress, progress),
        "{at}: {} vs {progress}",
        transition.progress
    );
}

/// The texts drawn at `t`: shown where `enable` is 1, at the opacity `alpha` computes, with
/// the lines the planner wrote into the text's file.
fn texts_agree(graph: &Graph, plan: &FfmpegPlan, scene: &Scene<'_>, t: f64, at: &str) {
    let drawn: Vec<(String, f64)> = graph
        .texts()
        .into_iter()
        .filter(|text| text.enabled_at(t))
        .map(|text| (text.words(plan), text.alpha_at(t)))
        .collect();
    let shown: Vec<(String, f64)> = scene
        .texts
        .iter()
        .map(|text| (text.lines.clone(), text.opacity))
        .collect();
    assert_eq!(
        drawn.len(),
        shown.len(),
        "{at}: drawn {drawn:?}, evaluated {shown:?}"
    );
    for ((words, alpha), (lines, opacity)) in drawn.iter().zip(&shown) {
        assert_eq!(words, lines, "{at}");
        assert!(close(*alpha, *opacity), "{at}: alpha {alpha} vs {opacity}");
    }
}

/// The music sounding at `t`, each at the gain its filters give it.
fn music_agrees(graph: &Graph, scene: &Scene<'_>, t: f64, at: &str) {
    let sounding: Vec<f64> = graph
        .music()
        .into_iter()
        .filter_map(|piece| piece.gain_at(t))
        .map(|gain| gain * graph.soundtrack_fade_at(t))
        .collect();
    let evaluated: Vec<f64> = scene.music.iter().map(|music| music.gain).collect();
    assert_eq!(
        sounding.len(),
        evaluated.len(),
        "{at}: {sounding:?} vs {evaluated:?}"
    );
    for (ffmpeg, evaluator) in sounding.iter().zip(&evaluated) {
        assert!(
            close(*ffmpeg, *evaluator),
            "{at}: gain {ffmpeg} vs {evaluator}"
        );
    }
}
