//! The job life cycle: queueing per session, progress, cancel, the time limit, refusals, and
//! what a restart finds.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::super::{
    Canvas, Format, JobState, MediaKind, OutputSpec, QueueError, RenderError, RenderOptions,
    RenderQueue,
};
use super::support::{Scratch, media, picture, queue, request};

const TINY: Canvas = Canvas::new(160, 90, 30);

/// A one-picture draft lasting `ms`.
fn draft(ms: u64) -> Value {
    json!({"t": [{"sg": [{"d": ms, "m": {"src": "pic", "motion": "zoom_in"}}]}]})
}

fn pic(data: &Scratch) -> Vec<(&'static str, super::super::MediaFile)> {
    let path = data.join("pic.jpg");
    if !path.exists() {
        picture("testsrc2=s=320x240", &path);
    }
    vec![("pic", media(&path, MediaKind::Image))]
}

#[tokio::test]
async fn one_export_per_session_runs_at_a_time() {
    let data = Scratch::new("sessions");
    let queue = queue(&data, 2);
    assert_eq!(queue.workers(), 2);
    let first = queue
        .submit(request("a1", "alice", draft(20_000), pic(&data), TINY))
        .expect("a1");
    let second = queue
        .submit(request("a2", "alice", draft(1000), pic(&data), TINY))
        .expect("a2");
    let other = queue
        .submit(request("b1", "bob", draft(1000), pic(&data), TINY))
        .expect("b1");
    assert_eq!(first.status, JobState::Processing);
    assert_eq!(
        (second.status, second.queue_position),
        (JobState::Pending, Some(0))
    );
    assert_eq!(
        other.status,
        JobState::Processing,
        "another session goes ahead"
    );
    // Alice's second export starts only when her first is done; its progress only grows.
    let mut seen = Vec::new();
    loop {
        let a1 = queue.status("a1").expect("a1");
        let a2 = queue.status("a2").expect("a2");
        if a1.status == JobState::Processing {
            assert_eq!(a2.status, JobState::Pending);
            seen.push(a1.progress);
        }
        if a1.status != JobState::Processing {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    for id in ["a1", "a2", "b1"] {
        let done = queue.wait(id).await.expect("job");
        assert_eq!(
            (done.status, done.progress),
            (JobState::Completed, 100),
            "{id}: {:?}",
            done.error
        );
        // Memory is sampled while ffmpeg runs, so only the long render is sure to have a figure;
        // a figure, when there is one, is a real one.
        let peak = done.peak_memory_bytes;
        assert!(
            peak.map_or(id != "a1", |bytes| bytes > 1_000_000),
            "{id}: {peak:?}"
        );
    }
}

#[tokio::test]
async fn jobs_can_be_cancelled_waiting_or_running() {
    let data = Scratch::new("cancel");
    let queue = queue(&data, 1);
    queue
        .submit(request("long", "s", draft(600_000), pic(&data), TINY))
        .expect("long");
    queue
        .submit(request("next", "s", draft(1000), pic(&data), TINY))
        .expect("next");
    let next = queue.cancel("next").expect("next");
    assert_eq!(
        (next.status, next.error.as_deref()),
        (JobState::Cancelled, Some("the render was cancelled"))
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        queue.status("long").expect("long").status,
        JobState::Processing
    );
    queue.cancel("long").expect("long");
    let long = queue.wait("long").await.expect("long");
    assert_eq!(
        (long.status, long.error.as_deref()),
        (JobState::Cancelled, Some("the render was cancelled"))
    );
    // Nothing is left of them but their records.
    let mut left: Vec<String> = std::fs::read_dir(data.join("renders"))
        .expect("renders")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["long.json", "next.json"]);
}

#[tokio::test]
async fn a_render_past_its_time_limit_is_stopped() {
    let data = Scratch::new("timeout");
    let mut options = RenderOptions::new(&data.path);
    options.timeout = Duration::from_millis(400);
    let queue = RenderQueue::open(options).expect("queue");
    queue
        .submit(request("slow", "s", draft(600_000), pic(&data), TINY))
        .expect("slow");
    let slow = queue.wait("slow").await.expect("slow");
    assert_eq!(slow.status, JobState::Failed);
    assert_eq!(
        slow.error.as_deref(),
        Some("the render took longer than 1 s and was stopped")
    );
}

#[tokio::test]
async fn bad_requests_are_refused_at_once() {
    let data = Scratch::new("refused");
    let queue = queue(&data, 1);
    let empty = request(
        "r1",
        "s",
        json!({"t": [{"tt": 1, "sg": [{"d": 100}]}]}),
        vec![],
        TINY,
    );
    assert_eq!(
        queue.submit(empty),
        Err(QueueError::Rejected(RenderError::NoVideoClips))
    );
    let unknown = request(
        "r2",
        "s",
        json!({"t": [{"sg": [{"d": 100, "m": {"src": "med_x"}}]}]}),
        vec![],
        TINY,
    );
    assert_eq!(
        queue.submit(unknown),
        Err(QueueError::Rejected(RenderError::UnknownMedia {
            id: "med_x".into()
        }))
    );
    let music = json!({"t": [{"sg": [{"d": 100, "m": {"src": "pic"}}]}, {"tt": 1, "sg": [{"d": 100, "m": {"src": "library:disco"}}]}]});
    assert_eq!(
        queue.submit(request("r3", "s", music, pic(&data), TINY)),
        Err(QueueError::Rejected(RenderError::UnknownMusic {
            key: "disco".into()
        }))
    );
    assert_eq!(
        queue.submit(request("../r", "s", draft(100), pic(&data), TINY)),
        Err(QueueError::InvalidId)
    );
    queue
        .submit(request("r4", "s", draft(100), pic(&data), TINY))
        .expect("r4");
    assert_eq!(
        queue.submit(request("r4", "s", draft(100), pic(&data), TINY)),
        Err(QueueError::DuplicateId("r4".into()))
    );
    assert_eq!(
        queue.status("nope"),
        Err(QueueError::Unknown("nope".into()))
    );
    assert_eq!(queue.status("a/b"), Err(QueueError::InvalidId));
    assert_eq!(
        QueueError::Unknown("nope".into()).to_string(),
        "no render with id 'nope'"
    );
    queue.wait("r4").await.expect("r4");
}

#[tokio::test]
async fn a_restart_keeps_finished_jobs_and_fails_interrupted_ones() {
    let data = Scratch::new("restart");
    let done_id = {
        let queue = queue(&data, 1);
        queue
            .submit(request("kept", "s", draft(500), pic(&data), TINY))
            .expect("kept");
        queue.wait("kept").await.expect("kept").id
    };
    let renders = data.join("renders");
    let record = |id: &str, status: &str, finished: u64| {
        json!({"id": id, "session_id": "s", "status": status, "created_ms": finished, "finished_ms": finished,
               "output": {"file": format!("{id}.mp4"), "size": 1, "width": 160, "height": 90, "duration_ms": 500,
                          "format": "mp4", "fps": 30, "poster": format!("{id}.poster.jpg")}})
    };
    // A job that was rendering when the studio stopped, its half-written output, and an old one.
    std::fs::write(
        renders.join("cut.json"),
        record("cut", "processing", 1).to_string(),
    )
    .expect("record");
    std::fs::write(renders.join("cut.part.mp4"), b"half").expect("partial");
    std::fs::write(renders.join("cut.part.poster.jpg"), b"half").expect("partial poster");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let eight_days_ago = now - 8 * 24 * 3600 * 1000;
    std::fs::write(
        renders.join("old.json"),
        record("old", "completed", eight_days_ago).to_string(),
    )
    .expect("record");
    std::fs::write(renders.join("old.mp4"), b"old video").expect("output");
    std::fs::write(renders.join("old.poster.jpg"), b"old poster").expect("poster");
    std::fs::write(
        renders.join("gone.json"),
        record("gone", "completed", now).to_string(),
    )
    .expect("record");

    let queue = queue(&data, 1);
    let kept = queue.status(&done_id).expect("kept");
    assert_eq!(kept.status, JobState::Completed);
    assert!(
        kept.output
            .as_ref()
            .is_some_and(|output| output.path.is_file())
    );
    let cut = queue.status("cut").expect("cut");
    assert_eq!(cut.status, JobState::Failed);
    assert_eq!(
        cut.error.as_deref(),
        Some("interrupted: the studio stopped before the render finished")
    );
    assert!(!renders.join("cut.part.mp4").exists());
    assert!(!renders.join("cut.part.poster.jpg").exists());
    // Finished a week ago: its output is removed and it answers "expired"; one whose output
    // vanished is expired too.
    assert_eq!(queue.status("old"), Err(QueueError::Expired("old".into())));
    assert!(!renders.join("old.mp4").exists());
    assert!(
        !renders.join("old.poster.jpg").exists(),
        "the poster goes with it"
    );
    assert_eq!(
        queue.status("gone"),
        Err(QueueError::Expired("gone".into()))
    );
    assert_eq!(
        QueueError::Expired("old".into()).to_string(),
        "render 'old' has expired; export again"
    );
}

#[tokio::test]
async fn the_same_video_is_never_rendered_twice() {
    let data = Scratch::new("reuse");
    let first = {
        let queue = queue(&data, 1);
        queue
            .submit(request("first", "s", draft(500), pic(&data), TINY))
            .expect("first");
        queue.wait("first").await.expect("first")
    };
    assert_eq!(first.status, JobState::Completed);
    // Across a restart too: the same draft, canvas and output of the same session completes at
    // once, from the earlier file.
    let queue = queue(&data, 1);
    let again = queue
        .submit(request("again", "s", draft(500), pic(&data), TINY))
        .expect("again");
    assert_eq!((again.status, again.progress), (JobState::Completed, 100));
    let earlier = first.output.expect("an output");
    let reused = again.output.expect("an output");
    assert_eq!(reused.path, data.join("renders").join("again.mp4"));
    assert_eq!(
        std::fs::read(&reused.path).expect("again.mp4"),
        std::fs::read(&earlier.path).expect("first.mp4")
    );
    assert_eq!(
        (reused.width, reused.duration_ms),
        (earlier.width, earlier.duration_ms)
    );
    let poster = reused.poster.as_ref().expect("a poster");
    assert_eq!(poster, &data.join("renders").join("again.poster.jpg"));
    assert_eq!(
        std::fs::read(poster).expect("again's poster"),
        std::fs::read(earlier.poster.as_ref().expect("a poster")).expect("first's poster")
    );
    let record = std::fs::read_to_string(data.join("renders/again.json")).expect("record");
    assert!(record.contains("\"reused_from\": \"first\""), "{record}");
    // Anything else renders: another length, another canvas, another session, another output.
    let as_webm = OutputSpec {
        format: Format::Webm,
        ..OutputSpec::default()
    };
    let at_24 = OutputSpec {
        fps: Some(24),
        ..OutputSpec::default()
    };
    for (id, session, ms, canvas, output) in [
        ("longer", "s", 600, TINY, OutputSpec::default()),
        (
            "square",
            "s",
            500,
            Canvas::new(90, 90, 30),
            OutputSpec::default(),
        ),
        ("elsewhere", "t", 500, TINY, OutputSpec::default()),
        ("webm", "s", 500, TINY, as_webm),
        ("slower", "s", 500, TINY, at_24),
    ] {
        let mut asked = request(id, session, draft(ms), pic(&data), canvas);
        asked.output = output;
        let job = queue.submit(asked).expect(id);
        assert_ne!(job.status, JobState::Completed, "{id}");
    }
}

#[tokio::test]
async fn renders_are_shared_out_between_owners_and_each_waits_its_turn() {
    let data = Scratch::new("fair");
    let queue = queue(&data, 1);
    let of = |id: &str, owner: &str, ms: u64| {
        // Each render in a session of its own, so that only ownership orders them.
        let mut asked = request(id, &format!("s_{id}"), draft(ms), pic(&data), TINY);
        asked.owner = owner.into();
        asked
    };
    for (id, ms) in [("a1", 3000), ("a2", 500), ("a3", 500)] {
        queue.submit(of(id, "ann", ms)).expect(id);
    }
    queue.submit(of("b1", "bob", 500)).expect("b1");
    // One worker renders one at a time, so the order they finish in is the order they started:
    // Bob's one render went before Ann's second, though it came after it.
    let mut finished = Vec::new();
    for id in ["a1", "a2", "a3", "b1"] {
        let done = queue.wait(id).await.expect(id);
        assert_eq!(done.status, JobState::Completed, "{id}");
        finished.push((done.finished_ms.expect("finished"), id));
    }
    finished.sort();
    let order: Vec<&str> = finished.iter().map(|(_, id)| *id).collect();
    assert_eq!(order, ["a1", "b1", "a2", "a3"]);
    // One owner may keep only so many waiting.
    let slow = queue.submit(of("c0", "carl", 5000)).expect("c0 runs");
    assert_eq!(slow.status, JobState::Processing);
    for n in 1..=super::super::MAX_WAITING_PER_OWNER {
        queue
            .submit(of(&format!("c{n}"), "carl", 500))
            .expect("waits");
    }
    assert_eq!(
        queue.submit(of("c99", "carl", 500)).map(|job| job.status),
        Err(QueueError::TooManyWaiting {
            limit: super::super::MAX_WAITING_PER_OWNER
        })
    );
    queue.cancel("c0").expect("cancelled");
}
