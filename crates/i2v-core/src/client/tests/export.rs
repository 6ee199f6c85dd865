//! Export: readiness, the exact render request, polling, one retry, the URL and its fallback.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::*;
use crate::Error;
use crate::client::{ExportOptions, ExportProgress, RenderStatus};
use crate::intent::{FrameRate, Quality, Resolution, VideoFormat};

fn draft() -> Value {
    json!({"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1"}, "x_future": [1, 2.50]}]}],
           "vendor": {"keep": true}})
}

fn with_state(rig: &Rig, draft: Value) {
    rig.net.expect(
        Method::Get,
        "/api/state/",
        Reply::ok(json!({"state": {"draft": draft}})),
    );
}

fn status(value: Value) -> Reply {
    Reply::json(200, value)
}

#[test]
fn nothing_to_export_says_generate_first() {
    let rig = Rig::new();
    rig.script_connect("s");
    with_state(&rig, Value::Null);
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert_eq!(err, Error::NotExportReady);
    assert!(err.to_string().contains("generate a video first"));
    assert_eq!(rig.net.unused(), 0, "no render was submitted");

    with_state(&rig, json!({"t": [{"tt": 0, "sg": []}]}));
    let err = rig.run(rig.client.export(&ExportOptions::default(), |_| {}));
    assert_eq!(err.unwrap_err(), Error::NotExportReady);
}

#[test]
fn export_submits_the_draft_as_it_came_and_polls_to_the_url() {
    let rig = Rig::new();
    rig.script_connect("sess_e");
    with_state(&rig, draft());
    rig.net
        .expect(Method::Post, RENDERS, Reply::ok(json!({})))
        .expect(
            Method::Get,
            RENDER,
            status(json!({"status": "processing", "progress": 40})),
        )
        .expect(
            Method::Get,
            RENDER,
            status(json!({"status": "completed", "progress": 100, "output": {
                "url": "https://cdn.test/v.mp4", "size": 1234, "width": 1920, "height": 1080,
                "duration_ms": 3000}})),
        );
    let mut seen = Vec::new();
    let result = rig
        .run(
            rig.client
                .export(&ExportOptions::default(), |p| seen.push(p)),
        )
        .unwrap();
    let ids = rig.render_ids();
    assert_eq!(ids.len(), 1);
    let render_id = &ids[0];
    assert_eq!(&result.render_id, render_id);
    assert_eq!(result.url, "https://cdn.test/v.mp4");
    assert_eq!(
        result.download_url,
        format!("https://api.test/api/render/proxy/{render_id}/download")
    );
    assert_eq!(
        (result.width, result.height, result.size),
        (Some(1920), Some(1080), Some(1234))
    );
    assert_eq!(result.duration_ms, Some(3000));
    assert_eq!(
        seen,
        vec![
            ExportProgress {
                render_id: render_id.clone(),
                status: RenderStatus::Pending,
                progress: None
            },
            ExportProgress {
                render_id: render_id.clone(),
                status: RenderStatus::Processing,
                progress: Some(40)
            },
            ExportProgress {
                render_id: render_id.clone(),
                status: RenderStatus::Completed,
                progress: Some(100)
            },
        ]
    );
    let submit = &rig.net.sent()[3];
    assert_eq!(
        submit.json(),
        json!({"id": render_id, "sessionId": "sess_e", "draft": draft(),
               "output": {"format": "mp4", "quality": "high"}})
    );
    assert_eq!(rig.elapsed_ms(), 60_000, "two polls, 30 s apart");
}

#[test]
fn a_failed_render_is_retried_once_under_a_new_id() {
    let rig = Rig::new();
    rig.script_connect("s");
    with_state(&rig, draft());
    rig.net
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            status(json!({"status": "failed", "error": "ffmpeg died"})),
        )
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            status(json!({"status": "completed"})),
        );
    let result = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap();
    let ids = rig.render_ids();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(result.render_id, ids[1]);
    assert_eq!(
        result.url, result.download_url,
        "no output.url: the fallback"
    );
}

#[test]
fn two_failures_end_the_export_with_the_reason() {
    let rig = Rig::new();
    rig.script_connect("s");
    with_state(&rig, draft());
    for _ in 0..2 {
        rig.net
            .expect(
                Method::Post,
                "/api/render/proxy/lambda",
                Reply::ok(json!({})),
            )
            .expect(
                Method::Get,
                "/api/render/proxy/lambda/",
                status(json!({"status": "failed", "error": "corrupt image"})),
            );
    }
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert_eq!(
        err,
        Error::RenderFailed {
            message: "corrupt image".into()
        }
    );
}

#[test]
fn a_render_that_never_ends_times_out_after_the_configured_polls() {
    let rig = Rig::with(|c| c.timing.export_max_polls = 4);
    rig.script_connect("s");
    with_state(&rig, draft());
    rig.net.expect(
        Method::Post,
        "/api/render/proxy/lambda",
        Reply::ok(json!({})),
    );
    for _ in 0..4 {
        rig.net.expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            status(json!({"code": 0, "data": {"status": "pending"}})),
        );
    }
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Timeout);
    assert_eq!(rig.elapsed_ms(), 4 * 30_000);
}

#[test]
fn code_402_blocks_export_with_the_registration_link() {
    let rig = Rig::new();
    rig.script_connect("s");
    with_state(&rig, draft());
    rig.net.expect(
        Method::Post,
        "/api/render/proxy/lambda",
        Reply::code(402, 402, "free plan"),
    );
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert_eq!(
        err,
        Error::ExportBlocked {
            bind_url: Some("https://web.test/?bind=bind_9".into())
        }
    );
}

#[test]
fn a_resumed_session_keeps_polling_a_render_it_did_not_submit() {
    let rig = Rig::new();
    rig.script_connect("sess_old");
    rig.run(rig.client.connect()).unwrap();
    // A second client (a reloaded page) adopts the session and picks the render up by its id.
    let later = Rig::new();
    later.client.resume(rig.client.session().unwrap());
    later.net.expect(
        Method::Post,
        "/api/auth/anonymous-token",
        Reply::ok(json!({"token": "nmv_usr_t", "credits": 100})),
    );
    later
        .net
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/render_7",
            status(json!({"status": "processing", "progress": 60})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/render_7",
            status(json!({"status": "completed", "output": {"url": "https://cdn.test/7.mp4"}})),
        );
    let mut seen = Vec::new();
    let result = later
        .run(
            later
                .client
                .resume_export("render_7", |p| seen.push(p.progress)),
        )
        .unwrap();
    assert_eq!(result.url, "https://cdn.test/7.mp4");
    assert_eq!(seen, [Some(60), None]);
    assert_eq!(later.client.session().unwrap().session_id, "sess_old");
    assert_eq!(later.net.unused(), 0);
}

#[test]
fn resuming_a_failed_or_malformed_render_is_an_error() {
    let rig = Rig::new();
    let err = rig
        .run(rig.client.resume_export("../state", |_| {}))
        .unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net.expect(
        Method::Get,
        "/api/render/proxy/lambda/render_9",
        status(json!({"status": "failed", "error": "ffmpeg failed"})),
    );
    let err = rig
        .run(rig.client.resume_export("render_9", |_| {}))
        .unwrap_err();
    assert_eq!(
        err,
        Error::RenderFailed {
            message: "ffmpeg failed".into()
        }
    );
}

#[test]
fn a_render_id_taken_by_another_client_is_replaced() {
    let rig = Rig::new();
    rig.script_connect("s");
    with_state(&rig, draft());
    rig.net
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::code(
                400,
                400,
                "bad request: render id 'render_0' is already in use",
            ),
        )
        .expect(Method::Post, RENDERS, Reply::ok(json!({})))
        .expect(
            Method::Get,
            RENDER,
            status(json!({"status": "completed", "output": {"url": "https://cdn.test/v.mp4"}})),
        );
    let result = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap();
    let ids = rig.render_ids();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "a fresh id");
    assert_eq!(result.render_id, ids[1]);
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn an_export_of_what_was_just_exported_gives_the_same_video_without_a_render() {
    let rig = Rig::new();
    rig.script_connect("sess_e");
    with_state(&rig, draft());
    rig.net
        .expect(Method::Post, RENDERS, Reply::ok(json!({})))
        .expect(
            Method::Get,
            RENDER,
            status(json!({"status": "completed", "output": {"url": "https://cdn.test/v.mp4"}})),
        );
    let first = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap();
    let render_id = rig.render_ids().pop().unwrap();
    assert_eq!(first.render_id, render_id);
    // Nothing changed: the state is read, and the same video comes back at once.
    with_state(&rig, draft());
    let mut seen = Vec::new();
    let again = rig
        .run(
            rig.client
                .export(&ExportOptions::default(), |p| seen.push(p)),
        )
        .unwrap();
    assert_eq!(again, first);
    assert_eq!(
        seen,
        [ExportProgress {
            render_id: render_id.clone(),
            status: RenderStatus::Completed,
            progress: Some(100)
        }]
    );
    assert_eq!(rig.net.unused(), 0);
    let renders = |rig: &Rig| {
        rig.net
            .sent()
            .iter()
            .filter(|s| s.method == Method::Post && s.path() == "/api/render/proxy/lambda")
            .count()
    };
    assert_eq!(renders(&rig), 1);

    // Other options, or another draft, render anew; a backend that made it already may say so
    // in its answer to the submit.
    with_state(&rig, draft());
    rig.net.expect(
        Method::Post,
        "/api/render/proxy/lambda",
        Reply::ok(json!({"id": "x", "status": "completed", "progress": 100,
                         "output": {"url": "https://cdn.test/low.mp4"}})),
    );
    let low = ExportOptions {
        quality: Quality::Low,
        ..ExportOptions::default()
    };
    let other = rig.run(rig.client.export(&low, |_| {})).unwrap();
    assert_eq!(other.url, "https://cdn.test/low.mp4");
    assert_eq!(renders(&rig), 2);
    assert_eq!(
        rig.net.unused(),
        0,
        "no poll when the submit says it is done"
    );
}

#[test]
fn the_output_asked_for_is_sent_and_what_was_made_comes_back() {
    let rig = Rig::new();
    rig.script_connect("sess_o");
    with_state(&rig, draft());
    rig.net
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            status(json!({"status": "completed", "output": {
                "url": "https://cdn.test/v.webm", "poster_url": "https://cdn.test/v.jpg",
                "format": "webm", "mime": "video/webm", "width": 1280, "height": 720,
                "fps": 60, "duration_ms": 2000, "size": 4321}})),
        );
    let options = ExportOptions {
        format: VideoFormat::Webm,
        resolution: Resolution::from_lines(720),
        fps: FrameRate::from_fps(60),
        quality: Quality::Medium,
    };
    let result = rig.run(rig.client.export(&options, |_| {})).unwrap();
    let submit = rig
        .net
        .sent()
        .into_iter()
        .find(|s| s.method == Method::Post && s.path() == "/api/render/proxy/lambda")
        .unwrap();
    assert_eq!(
        submit.json()["output"],
        json!({"format": "webm", "resolution": "720p", "fps": 60, "quality": "medium"})
    );
    assert_eq!(result.format, Some(VideoFormat::Webm));
    assert_eq!(result.mime.as_deref(), Some("video/webm"));
    assert_eq!(result.poster_url.as_deref(), Some("https://cdn.test/v.jpg"));
    assert_eq!(
        (
            result.width,
            result.height,
            result.fps,
            result.duration_ms,
            result.size
        ),
        (Some(1280), Some(720), Some(60.0), Some(2000), Some(4321))
    );
}

#[test]
fn an_output_outside_the_contract_is_refused_before_any_request() {
    let rig = Rig::new();
    for options in [
        ExportOptions {
            resolution: Resolution::from_lines(4320),
            ..ExportOptions::default()
        },
        ExportOptions {
            format: VideoFormat::Mkv,
            ..ExportOptions::default()
        },
        ExportOptions {
            fps: FrameRate::from_fps(50),
            ..ExportOptions::default()
        },
    ] {
        let err = rig.run(rig.client.export(&options, |_| {})).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::ExportOption, "{err}");
    }
    assert!(rig.net.sent().is_empty(), "nothing was sent");
}

#[test]
fn the_last_export_is_given_again_only_for_the_same_resolution_and_rate() {
    let rig = Rig::new();
    rig.script_connect("s");
    let render = |rig: &Rig, url: &str| {
        with_state(rig, draft());
        rig.net.expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({"status": "completed", "output": {"url": url}})),
        );
    };
    let hd = ExportOptions {
        resolution: Resolution::from_lines(720),
        ..ExportOptions::default()
    };
    render(&rig, "https://cdn.test/720.mp4");
    let first = rig.run(rig.client.export(&hd, |_| {})).unwrap();
    with_state(&rig, draft());
    assert_eq!(rig.run(rig.client.export(&hd, |_| {})).unwrap(), first);
    render(&rig, "https://cdn.test/1080.mp4");
    let full_hd = ExportOptions {
        resolution: Resolution::from_lines(1080),
        ..hd.clone()
    };
    let other = rig.run(rig.client.export(&full_hd, |_| {})).unwrap();
    assert_eq!(other.url, "https://cdn.test/1080.mp4");
    render(&rig, "https://cdn.test/60.mp4");
    let smooth = ExportOptions {
        fps: FrameRate::from_fps(60),
        ..full_hd
    };
    let faster = rig.run(rig.client.export(&smooth, |_| {})).unwrap();
    assert_eq!(faster.url, "https://cdn.test/60.mp4");
    assert_eq!(rig.net.unused(), 0, "three renders, one given again");
}
