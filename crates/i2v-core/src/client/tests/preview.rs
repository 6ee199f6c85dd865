//! Previews of a draft's media: bytes and their type read whole, the token in its header, a
//! server without previews named as such, the timeout kept.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::Error;
use crate::client::testing::BodyStep;

fn configured() -> Rig {
    Rig::with(|config| config.token = Some(crate::client::Token::new(TOKEN)))
}

/// A file answer: `content_type`, its bytes in two chunks.
fn file(content_type: &str, first: &[u8], second: &[u8]) -> Reply {
    Reply::Response(
        200,
        vec![("content-type".into(), content_type.into())],
        vec![
            BodyStep::Chunk(first.to_vec()),
            BodyStep::Chunk(second.to_vec()),
        ],
    )
}

#[test]
fn a_picture_comes_back_whole_with_its_type_and_the_token_stays_in_the_header() {
    let rig = configured();
    rig.net
        .expect(
            Method::Get,
            "/api/preview/media/med_1",
            file("image/jpeg", b"\xff\xd8", b"\xff\xd9"),
        )
        .expect(
            Method::Get,
            "/api/preview/library/lofi",
            file("audio/wav", b"RIFF", b"WAVE"),
        );
    let picture = rig.run(rig.client.preview_media("med_1")).unwrap();
    assert_eq!(picture.bytes, b"\xff\xd8\xff\xd9");
    assert_eq!(picture.content_type, "image/jpeg");
    let bed = rig.run(rig.client.preview_media("library:lofi")).unwrap();
    assert_eq!(
        (bed.bytes.as_slice(), bed.content_type.as_str()),
        (&b"RIFFWAVE"[..], "audio/wav")
    );
    let sent = rig.net.sent();
    let expected = format!("Bearer {TOKEN}");
    assert_eq!(
        sent[0].headers.get("authorization"),
        Some(expected.as_str())
    );
    assert_eq!(sent[0].headers.get("accept"), Some("*/*"));
    assert!(sent.iter().all(|s| !s.url.contains(TOKEN)));
}

#[test]
fn a_server_without_previews_says_so_naming_the_src() {
    let rig = configured();
    rig.net
        .expect(
            Method::Get,
            "/api/preview/media/med_9",
            Reply::code(404, 404, "not found"),
        )
        .expect(
            Method::Get,
            "/api/preview/media/med_8",
            Reply::Response(
                404,
                vec![("content-type".into(), "text/html".into())],
                vec![],
            ),
        );
    let err = rig.run(rig.client.preview_media("med_9")).unwrap_err();
    assert_eq!(
        err,
        Error::NoPreview {
            src: "med_9".into()
        }
    );
    assert_eq!(err.to_string(), "this server serves no preview of 'med_9'");
    assert_eq!(err.kind().as_str(), "no_preview");
    let err = rig.run(rig.client.preview_media("med_8")).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::NoPreview);
}

#[test]
fn a_picture_that_cannot_be_previewed_keeps_the_servers_words() {
    let rig = configured();
    let words = "'beach.jpg' cannot be previewed: the image data ends early";
    rig.net.expect(
        Method::Get,
        "/api/preview/media/med_2",
        Reply::code(422, 422, words),
    );
    let err = rig.run(rig.client.preview_media("med_2")).unwrap_err();
    assert!(err.to_string().ends_with(words), "{err}");
    assert_eq!(rig.client.failed_answer().map(|f| f.status), Some(422));
}

#[test]
fn a_preview_that_stalls_times_out() {
    let rig = configured();
    rig.net.expect(
        Method::Get,
        "/api/preview/media/med_3",
        Reply::Response(
            200,
            vec![("content-type".into(), "image/jpeg".into())],
            vec![BodyStep::Chunk(b"\xff\xd8".to_vec()), BodyStep::Hang],
        ),
    );
    let err = rig.run(rig.client.preview_media("med_3")).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Timeout);
    assert_eq!(rig.elapsed_ms(), 60_000);
}
