use i2v_core::draft::Draft;
use serde_json::{Value, json};

use super::super::source::{Orientation, SourceKind};
use super::*;

fn still(path: &str, orientation: u16, heif: bool) -> Source {
    still_sized(path, orientation, heif, None)
}

fn still_sized(path: &str, orientation: u16, heif: bool, jpeg_size: Option<(u32, u32)>) -> Source {
    Source {
        name: Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.into(),
        kind: SourceKind::Still {
            orientation: Orientation::from_exif(orientation),
            heif,
            jpeg_size,
        },
    }
}

fn sources() -> HashMap<String, Source> {
    HashMap::from([
        ("med_a".to_string(), still("/m/a.jpg", 1, false)),
        ("med_b".to_string(), still("/m/b.jpg", 6, false)),
        ("med_h".to_string(), still("/m/c.heic", 1, true)),
        (
            "med_big".to_string(),
            still_sized("/m/big.jpg", 1, false, Some((4032, 3024))),
        ),
        (
            "med_side".to_string(),
            still_sized("/m/side.jpg", 6, false, Some((4032, 3024))),
        ),
        (
            "med_small".to_string(),
            still_sized("/m/small.jpg", 1, false, Some((1280, 720))),
        ),
        (
            "med_song".to_string(),
            Source {
                name: "song.mp3".into(),
                path: "/m/song.mp3".into(),
                kind: SourceKind::Sound,
            },
        ),
    ])
}

fn fonts() -> Fonts {
    Fonts {
        regular: Some("/f/DejaVuSans.ttf".into()),
        bold: Some("/f/DejaVuSans-Bold.ttf".into()),
        cjk: None,
    }
}

fn plan_of(draft: Value, canvas: Canvas) -> Result<FfmpegPlan, RenderError> {
    let draft = Draft::from_value(draft).map_err(|err| RenderError::BadOutput(err.to_string()))?;
    let fonts = fonts();
    let encoder = EncoderSettings::default();
    let env = PlanEnv {
        fonts: &fonts,
        library_dir: Path::new("/data/music"),
        work_dir: Path::new("/data/renders/work/r1"),
        output: Path::new("/data/renders/r1.part.mp4"),
        poster: Path::new("/data/renders/r1.part.poster.jpg"),
        format: Format::Mp4,
        quality: Quality::High,
        encoder: &encoder,
    };
    let sources = sources();
    let kind_of = |id: &str| sources.get(id).map(|source| source.kind.media_kind());
    let timeline = super::super::timeline::build(&draft, canvas, &kind_of)?;
    plan(&timeline, &sources, &env)
}

fn script(plan: &FfmpegPlan) -> &str {
    plan.files
        .iter()
        .find(|(path, _)| path.ends_with("graph.txt"))
        .map(|(_, text)| text.as_str())
        .unwrap_or_default()
}

/// The slideshow of the issue in miniature: three pictures, two transitions, a title, music.
fn slideshow() -> Value {
    json!({"t": [
        {"tt": 0, "sg": [
            {"d": 3000, "m": {"src": "med_a", "fit": "cover", "motion": "zoom_in", "transition": {"type": "fade", "d": 1000}}},
            {"d": 3000, "m": {"src": "med_b", "fit": "contain", "transition": {"type": "slideleft", "d": 500}}},
            {"d": 3000, "m": {"src": "med_h", "motion": "pan_left"}},
        ]},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 9000, "m": {"src": "library:lofi", "volume": 0.35, "fade_in": 1000, "fade_out": 2000}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 3000, "m": {"text": "Urban Dreams"}}]},
    ]})
}

#[test]
fn the_command_line_encodes_h264_high_and_aac_with_faststart() {
    let plan = plan_of(slideshow(), Canvas::LANDSCAPE).expect("plan");
    let args = plan.args.join(" ");
    for expected in [
        "-loglevel error -progress pipe:1 -nostats -filter_complex_threads 1",
        "-noautorotate -f image2 -pattern_type none -framerate 30 -i file:/m/a.jpg",
        "-stream_loop -1 -i file:/data/music/lofi-v1.wav",
        "-filter_complex_script /data/renders/work/r1/graph.txt",
        "-map [vout] -map [aout] -c:v libx264 -profile:v high -pix_fmt yuv420p",
        "-preset ultrafast -crf 23 -x264-params 8x8dct=1:cabac=1:deblock=1:bframes=2:b-adapt=0",
        // A keyframe at least every two seconds and one at each cut; the 1080p cap.
        "-g 60 -maxrate 8000k -bufsize 16000k -force_key_frames 2.991667,5.991667",
        "-r 30 -fps_mode cfr -frames:v 270",
        "-c:a aac -profile:a aac_low -ac 2 -ar 48000 -b:a 256k -movflags +faststart -f mp4 \
         file:/data/renders/r1.part.mp4",
    ] {
        assert!(args.contains(expected), "missing {expected:?} in {args}");
    }
    assert_eq!((plan.frames, plan.duration_ms), (270, 9000));
    assert_eq!(plan.output, Path::new("/data/renders/r1.part.mp4"));
}

#[test]
fn heic_pictures_are_converted_first_and_read_from_the_copy() {
    let plan = plan_of(slideshow(), Canvas::LANDSCAPE).expect("plan");
    assert_eq!(
        plan.conversions,
        [(
            "c.heic".to_string(),
            PathBuf::from("/m/c.heic"),
            PathBuf::from("/data/renders/work/r1/heif-0.jpg")
        )]
    );
    let args = plan.args.join(" ");
    assert!(
        args.contains("-i file:/data/renders/work/r1/heif-0.jpg"),
        "{args}"
    );
    assert!(!args.contains("c.heic"));
    assert!(plan.inputs.contains(&(
        "file:/data/renders/work/r1/heif-0.jpg".into(),
        "c.heic".into()
    )));
}

#[test]
fn the_graph_fits_turns_moves_blends_and_titles() {
    let plan = plan_of(slideshow(), Canvas::LANDSCAPE).expect("plan");
    let graph = script(&plan);
    // Clip 0: cover, zoom; 1 s fade → 30 frames: 15 before the boundary, 15 after.
    assert!(
        graph
            .contains("[0:v]trim=end_frame=1,scale=1920:1080:force_original_aspect_ratio=increase"),
        "{graph}"
    );
    assert!(
        graph.contains("[c0bs]loop=loop=74:size=1,setpts=N/30/TB,scale=w='1920+2*floor((n+0)/1)'"),
        "{graph}"
    );
    assert!(
        graph.contains("[c0ts]loop=loop=29:size=1,setpts=N/30/TB,scale=w='1920+2*floor((n+75)/1)'"),
        "{graph}"
    );
    // Clip 1: upright by a quarter turn, contained; a fade in, a slide out.
    assert!(graph.contains(
        "[1:v]trim=end_frame=1,transpose=clock,scale=1920:1080:force_original_aspect_ratio=decrease"
    ));
    assert!(graph.contains("pad=1920:1080:(ow-iw)/2:(oh-ih)/2:color=black"));
    assert!(graph.contains("[c1hs]loop=loop=29:size=1,setpts=N/30/TB[c1h]"));
    // Clip 2: blurred background, composed larger for the pan.
    assert!(graph.contains("gblur="));
    assert!(graph.contains("crop=1920:1080:x='"), "{graph}");
    // The fade is an overlay with a rising alpha; other transitions are xfade.
    assert!(graph.contains("[c1h]format=yuva420p,fade=t=in:st=0:d=1:alpha=1[x0a]"));
    assert!(graph.contains("[c0t][x0a]overlay=format=yuv420[x0]"));
    assert!(graph.contains("[c1t][c2h]xfade=transition=slideleft:duration=0.5:offset=0[x1]"));
    assert!(graph.contains("[c0b][x0][c1b][x1][c2b]concat=n=5:v=1:a=0[vcat]"));
    // The title, from its file, in bold.
    assert!(graph.contains(
        "drawtext=fontfile=/f/DejaVuSans-Bold.ttf:textfile=/data/renders/work/r1/text-0.txt"
    ));
    assert!(graph.contains("enable='gte(t,0)*lt(t,3)'"));
    assert!(plan.files.contains(&(
        PathBuf::from("/data/renders/work/r1/text-0.txt"),
        "Urban Dreams".into()
    )));
    // The music, set and faded, brought to -14 LUFS, cut to the video.
    assert!(graph.contains("[3:a]atrim=end=9,asetpts=PTS-STARTPTS"));
    assert!(graph.contains("volume=0.35,afade=t=in:st=0:d=1,afade=t=out:st=7:d=2[m0]"));
    assert!(graph.contains(
        "[m0]loudnorm=I=-14:TP=-1:LRA=11,aresample=48000,\
         aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_dur=9,atrim=end=9[aout]"
    ));
    assert_eq!(
        plan.music,
        [(Bed::Lofi, PathBuf::from("/data/music/lofi-v1.wav"))]
    );
}

#[test]
fn every_part_of_every_clip_adds_up_to_the_frames() {
    let plan = plan_of(slideshow(), Canvas::LANDSCAPE).expect("plan");
    let graph = script(&plan);
    // Loops repeat a frame `loop` more times: the parts' frame counts from the graph.
    let frames: u64 = graph
        .split("loop=loop=")
        .skip(1)
        .filter_map(|rest| rest.split(':').next()?.parse::<u64>().ok())
        .map(|repeats| repeats + 1)
        .sum();
    // Body frames once, transition frames twice (both sides of each blend).
    let transitions = 30 + 15;
    assert_eq!(frames, plan.frames + transitions);
}

#[test]
fn a_video_without_music_gets_silence_and_uploaded_music_loops() {
    let silent = plan_of(
        json!({"t": [{"sg": [{"d": 2000, "m": {"src": "med_a"}}]}]}),
        Canvas::SQUARE,
    )
    .expect("plan");
    assert!(script(&silent).contains("anullsrc=r=48000:cl=stereo,atrim=end=2[aout]"));
    assert!(silent.music.is_empty());
    let uploaded = plan_of(
        json!({"t": [
            {"sg": [{"d": 2000, "m": {"src": "med_a"}}]},
            {"tt": 1, "sg": [{"d": 1000, "m": {"src": "med_song"}}, {"d": 1000, "m": {"src": "library:calm"}}]},
        ]}),
        Canvas::VERTICAL,
    )
    .expect("plan");
    let args = uploaded.args.join(" ");
    assert!(
        args.contains("-stream_loop -1 -i file:/m/song.mp3"),
        "{args}"
    );
    assert!(script(&uploaded).contains("[m0][m1]amix=inputs=2:duration=longest:normalize=0"));
    assert!(script(&uploaded).contains("adelay=delays=1000:all=1[m1]"));
}

#[test]
fn the_same_heic_twice_is_converted_once() {
    let plan = plan_of(
        json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_h"}}, {"d": 1000, "m": {"src": "med_h"}}]}]}),
        Canvas::LANDSCAPE,
    )
    .expect("plan");
    assert_eq!(plan.conversions.len(), 1);
    assert_eq!(
        plan.args
            .iter()
            .filter(|a| a.ends_with("heif-0.jpg"))
            .count(),
        2
    );
}

#[test]
fn chinese_text_without_its_font_is_refused_clearly() {
    let refused = plan_of(
        json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_a"}}]}, {"tt": 7, "sg": [{"d": 1000, "m": {"text": "城市"}}]}]}),
        Canvas::LANDSCAPE,
    );
    assert_eq!(
        refused,
        Err(RenderError::FontMissing {
            family: "WenQuanYi Zen Hei",
            package: "fonts-wqy-zenhei"
        })
    );
}

#[test]
fn a_plan_needs_media_it_can_find() {
    assert_eq!(
        plan_of(
            json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_zz"}}]}]}),
            Canvas::LANDSCAPE
        ),
        Err(RenderError::UnknownMedia {
            id: "med_zz".into()
        })
    );
    assert_eq!(
        plan_of(
            json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_a"}}]}, {"tt": 1, "sg": [{"d": 1000, "m": {"src": "library:polka"}}]}]}),
            Canvas::LANDSCAPE
        ),
        Err(RenderError::UnknownMusic {
            key: "polka".into()
        })
    );
    assert!(matches!(
        plan_of(
            json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_a"}}]}]}),
            Canvas::new(100, 101, 30)
        ),
        Err(RenderError::InvalidCanvas(_))
    ));
}

#[test]
fn big_jpegs_are_decoded_no_larger_than_they_are_shown() {
    let plan = plan_of(
        json!({"t": [{"sg": [
            {"d": 1000, "m": {"src": "med_big", "fit": "cover"}},
            {"d": 1000, "m": {"src": "med_big", "fit": "contain"}},
            {"d": 1000, "m": {"src": "med_side", "fit": "contain"}},
            {"d": 1000, "m": {"src": "med_small"}},
        ]}]}),
        Canvas::LANDSCAPE,
    )
    .expect("plan");
    let halvings: Vec<Option<&str>> = plan
        .args
        .split(|arg| arg == "-i")
        .take(4)
        .map(|options| {
            let at = options.iter().position(|arg| arg == "-lowres")?;
            options.get(at + 1).map(String::as_str)
        })
        .collect();
    // Cover: 4032 wide shown at 1920 (0.48): halved once. Contain: shown at 1440x1080 (0.36):
    // once (twice would give 1008x756). Turned upright, 3024x4032 shown at 810x1080 (0.27):
    // once (twice would give 756x1008). 1280x720 at 1920x1080: never.
    assert_eq!(halvings, [Some("1"), Some("1"), Some("1"), None]);
}

#[test]
fn the_whole_video_fades_after_its_texts_and_its_sound_fades_out_with_it() {
    let mut draft = slideshow();
    draft["t"][0]["m"] = json!({"fade_in": 1000, "fade_out": 2000});
    let plan = plan_of(draft, Canvas::LANDSCAPE).expect("plan");
    let graph = script(&plan);
    // 270 frames: black on frame 0, whole on frame 30; fading from frame 209, black on 269.
    assert!(
        graph.contains("fade=t=in:s=0:n=30,fade=t=out:s=209:n=60,format=yuv420p[vout]"),
        "{graph}"
    );
    let title = graph.find("drawtext").unwrap_or(usize::MAX);
    assert!(title < graph.find("fade=t=in:s=0").unwrap_or(0), "{graph}");
    assert!(graph.contains("stereo,apad=whole_dur=9,atrim=end=9,afade=t=out:st=7:d=2[aout]"));
    // Without them, nothing changes.
    let plain = script(&plan_of(slideshow(), Canvas::LANDSCAPE).expect("plan")).to_owned();
    assert!(!plain.contains("fade=t=in:s=") && !plain.contains("fade=t=out:s="));
}

#[test]
fn the_four_by_five_and_four_by_three_frames_are_planned_at_their_size() {
    for canvas in [Canvas::TALL, Canvas::CLASSIC] {
        let plan = plan_of(slideshow(), canvas).expect("plan");
        let graph = script(&plan);
        let size = format!("{}:{}", canvas.width, canvas.height);
        assert!(graph.contains(&size), "{size} in {graph}");
        assert_eq!(plan.canvas, canvas);
    }
}
