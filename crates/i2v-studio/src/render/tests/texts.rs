//! The agent's words on screen: a title it was told to put at the top in red and a text it was
//! told to show at the end, from the draft its turns made, rendered and looked at.

use i2v_core::draft::Draft;

use super::super::{Canvas, JobState, MediaKind};
use super::support::{Scratch, frame, media, picture, queue, request};
use crate::agent::{MediaRef, TurnInput, plan_turn};

const WIDE: Canvas = Canvas::new(640, 360, 30);

/// The draft that these messages make from two uploaded photos, one turn after another.
fn said(messages: &[&str]) -> Draft {
    let photos: Vec<MediaRef> = (1..=2)
        .map(|i| MediaRef {
            media_id: format!("med_{i}"),
            name: format!("photo{i}.png"),
            kind: MediaKind::Image,
            width: Some(640),
            height: Some(360),
            duration_ms: None,
        })
        .collect();
    let mut draft: Option<Draft> = None;
    for message in messages {
        let plan = plan_turn(&TurnInput {
            message,
            draft: draft.as_ref(),
            media: &photos,
            canvas: WIDE,
            variant: 0,
            history: Default::default(),
        });
        assert!(
            !plan.steps.is_empty(),
            "{message:?} changed nothing: {}",
            plan.reply
        );
        draft = plan.draft;
    }
    draft.expect("a draft")
}

#[tokio::test]
async fn a_red_title_at_the_top_and_a_text_at_the_end_render_where_asked() {
    let draft = said(&[
        "make a video called Summer Trip without music",
        "move the title to the top",
        "make the title red",
        "set the title font size to 200",
        "add the text 'THE END' at the end",
    ]);
    assert_eq!(
        draft.summary(),
        "Timeline (3 tracks): 1. Video: 2 clips (0-6s) 2. Title: \"Summer Trip\" (0-3s) \
         3. Text: \"THE END\" (3-6s)"
    );
    let data = Scratch::new("agent-texts");
    // Dark pictures, so that red and white text stand out and the plain frame has neither.
    picture("color=c=0x102030:s=640x360", &data.join("one.png"));
    picture("color=c=0x203010:s=640x360", &data.join("two.png"));
    let media = vec![
        ("med_1", media(&data.join("one.png"), MediaKind::Image)),
        ("med_2", media(&data.join("two.png"), MediaKind::Image)),
    ];
    let queue = queue(&data, 1);
    queue
        .submit(request("render_texts", "s1", draft.to_value(), media, WIDE))
        .expect("submitted");
    let status = queue.wait("render_texts").await.expect("the job exists");
    assert_eq!(status.status, JobState::Completed, "{:?}", status.error);
    let video = &status.output.as_ref().expect("output").path;

    // The title: red in the top band while it shows, nothing in the middle.
    let (top, middle) = ((40, 15, 600, 110), (40, 150, 600, 215));
    let opening = frame(video, 1.5, 640, 360);
    let red = |f: &super::support::Frame, (x0, y0, x1, y1)| f.red_share(x0, y0, x1, y1);
    let white = |f: &super::support::Frame, (x0, y0, x1, y1)| f.white_share(x0, y0, x1, y1, 200);
    assert!(
        red(&opening, top) > 0.03,
        "red on top: {}",
        red(&opening, top)
    );
    assert!(
        red(&opening, middle) < 0.002 && white(&opening, middle) < 0.002,
        "the middle is plain while the title shows at the top"
    );
    // The end text: white in the middle at the end, and the title is gone from the top.
    let ending = frame(video, 4.5, 640, 360);
    assert!(
        white(&ending, middle) > 0.01,
        "white in the middle: {}",
        white(&ending, middle)
    );
    assert!(
        red(&ending, top) < 0.002,
        "no title at the end: {}",
        red(&ending, top)
    );
}
