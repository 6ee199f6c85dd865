//! Titles named anywhere, texts placed at a time beside the title, and how a title looks.

use i2v_core::draft::{Draft, Meta, Position, Span, Track, TrackRole};
use serde_json::json;

use super::support::{final_draft, first_meta, made, photos, role, step_names, titled, turn};
use crate::agent::{Cost, TurnKind};

/// The tracks of texts placed on the timeline (text tracks that are neither title nor captions).
fn placed(draft: &Draft) -> impl Iterator<Item = &Track> {
    draft
        .tracks()
        .iter()
        .filter(|t| t.role() == TrackRole::Text)
}

/// The placed texts, by start: (words, start, end).
fn texts(draft: &Draft) -> Vec<(String, u64, u64)> {
    let mut found: Vec<(String, u64, u64)> = placed(draft)
        .flat_map(|track| track.spans().zip(track.segments()))
        .map(|(span, s)| {
            let text = s.meta().and_then(Meta::text).unwrap_or("").to_owned();
            (text, span.start_ms, span.end_ms)
        })
        .collect();
    found.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    found
}

/// The metadata of the placed text with these words.
fn placed_meta<'a>(draft: &'a Draft, words: &str) -> Option<&'a Meta> {
    placed(draft)
        .flat_map(Track::segments)
        .filter_map(|s| s.meta())
        .find(|meta| meta.text() == Some(words))
}

fn title_text(draft: &Draft) -> Option<&str> {
    first_meta(draft, "title").and_then(Meta::text)
}

fn title_span(draft: &Draft) -> Option<Span> {
    role(draft, "title").and_then(Track::extent)
}

#[test]
fn the_demos_prompt_names_its_video() {
    // tests/e2e/demo.test.mjs expects three tracks, the title "My Video" among them.
    let plan = turn(
        "turn these images into a 6-second video called My Video with smooth transitions and \
         background music",
        None,
        &photos(3),
    );
    let draft = final_draft(&plan);
    assert_eq!(title_text(&draft), Some("My Video"));
    assert_eq!(draft.tracks().len(), 3);
    assert!(plan.reply.contains("6-second video"), "{}", plan.reply);
}

#[test]
fn a_video_named_in_the_message_gets_that_title() {
    let plan = turn(
        "make a video called Summer Trip with calm music",
        None,
        &photos(3),
    );
    assert_eq!(plan.kind, TurnKind::Generate);
    let draft = final_draft(&plan);
    assert_eq!(title_text(&draft), Some("Summer Trip"));
    assert_eq!(first_meta(&draft, "bgm").and_then(Meta::name), Some("Calm"));
    assert!(
        plan.reply.contains("the title 'Summer Trip'"),
        "{}",
        plan.reply
    );
    let chinese = turn("做一个名为夏日旅行的视频", None, &photos(3));
    assert_eq!(title_text(&final_draft(&chinese)), Some("夏日旅行"));
    assert!(
        chinese.reply.contains("标题“夏日旅行”"),
        "{}",
        chinese.reply
    );
}

#[test]
fn a_new_title_without_quotes_changes_the_title() {
    let (draft, media) = titled(3);
    for message in [
        "change the title to Summer Trip",
        "rename it Summer Trip",
        "把标题改成Summer Trip",
    ] {
        let plan = turn(message, Some(&draft), &media);
        assert_eq!(plan.cost(), Cost::Edit, "{message}");
        assert_eq!(title_text(&final_draft(&plan)), Some("Summer Trip"));
        assert!(!plan.reply.contains("already"), "{}", plan.reply);
        assert!(plan.reply.contains("Summer Trip"), "{}", plan.reply);
    }
    // Where there was no title, it is added, and the reply says from when to when.
    let (bare, media) = made(3);
    let added = turn("rename it Summer Trip", Some(&bare), &media);
    assert_eq!(
        title_span(&final_draft(&added)),
        Some(Span {
            start_ms: 0,
            end_ms: 3_000
        })
    );
    assert!(
        added
            .reply
            .contains("Added the title 'Summer Trip', shown from 0 to 3 s."),
        "{}",
        added.reply
    );
}

#[test]
fn text_at_the_end_keeps_the_opening_title() {
    let (draft, media) = titled(3);
    let plan = turn("add the text 'The End' at the end", Some(&draft), &media);
    assert_eq!(step_names(&plan), ["add_text"]);
    let after = final_draft(&plan);
    assert_eq!(title_text(&after), Some("My Video"));
    assert_eq!(
        title_span(&after),
        Some(Span {
            start_ms: 0,
            end_ms: 3_000
        })
    );
    assert_eq!(texts(&after), [("The End".to_owned(), 6_000, 9_000)]);
    let meta = placed_meta(&after, "The End").expect("a placed text");
    assert_eq!(
        (meta.position(), meta.color(), meta.font_size()),
        (Some(Position::Center), Some("#FFFFFF"), Some(72.0))
    );
    assert!(
        plan.reply
            .contains("Added the text 'The End' at the end, from 6 to 9 s."),
        "{}",
        plan.reply
    );
    assert!(
        after
            .summary()
            .ends_with("3. Title: \"My Video\" (0-3s) 4. Text: \"The End\" (6-9s)"),
        "{}",
        after.summary()
    );
    let chinese = turn("最后2秒显示“再见”", Some(&draft), &media);
    assert_eq!(
        texts(&final_draft(&chinese)),
        [("再见".to_owned(), 7_000, 9_000)]
    );
    assert!(
        chinese.reply.contains("在结尾（7到9秒）加上了文字“再见”。"),
        "{}",
        chinese.reply
    );
}

#[test]
fn placed_texts_follow_the_conventions_exactly() {
    let (draft, media) = made(3);
    let ended = final_draft(&turn("add 'The End' at the end", Some(&draft), &media));
    let both = final_draft(&turn(
        "put 'Lake' over the first photo",
        Some(&ended),
        &media,
    ));
    let value = both.to_value();
    assert_eq!(
        value["t"][2],
        json!({"tt": 7, "m": {"role": "outro"}, "sg": [
            {"s": 6000, "d": 3000, "m": {"text": "The End", "position": "center",
                "color": "#FFFFFF", "font_size": 72, "fade_in": 400, "fade_out": 400}}
        ]})
    );
    assert_eq!(
        value["t"][3],
        json!({"tt": 7, "sg": [
            {"s": 0, "d": 3000, "m": {"text": "Lake", "position": "center",
                "color": "#FFFFFF", "font_size": 72, "fade_in": 400, "fade_out": 400}}
        ]})
    );
    assert!(
        both.summary()
            .ends_with("3. Text: \"The End\" (6-9s) 4. Text: \"Lake\" (0-3s)"),
        "{}",
        both.summary()
    );
}

#[test]
fn texts_over_a_picture_or_a_stretch_of_time() {
    let (draft, media) = titled(4);
    let over = turn("put 'Beach' over photo 3", Some(&draft), &media);
    assert_eq!(
        texts(&final_draft(&over)),
        [("Beach".to_owned(), 6_000, 9_000)]
    );
    assert!(
        over.reply
            .contains("Added the text 'Beach' over photo 3, from 6 to 9 s."),
        "{}",
        over.reply
    );
    let stretch = turn("第2秒到第5秒显示“你好”", Some(&draft), &media);
    let after = final_draft(&stretch);
    assert_eq!(texts(&after), [("你好".to_owned(), 2_000, 5_000)]);
    // It shows with the title (0–3 s), so it sits below it.
    let meta = placed_meta(&after, "你好");
    assert_eq!(meta.and_then(Meta::position), Some(Position::Bottom));
    assert!(
        stretch.reply.contains("在2到5秒加上了文字“你好”。"),
        "{}",
        stretch.reply
    );
    assert!(stretch.reply.contains("画面底部"), "{}", stretch.reply);
    // A stretch past the end is cut there; one starting past it is refused.
    let cut = turn("show 'Bye' from 10 to 20 seconds", Some(&draft), &media);
    assert_eq!(
        texts(&final_draft(&cut)),
        [("Bye".to_owned(), 10_000, 12_000)]
    );
    let past = turn("show 'Bye' from 15 to 20 seconds", Some(&draft), &media);
    assert_eq!(past.cost(), Cost::Free);
    assert!(past.reply.contains("12 seconds"), "{}", past.reply);
    let none = turn("put 'Beach' over photo 9", Some(&draft), &media);
    assert!(none.reply.contains("There's no photo 9"), "{}", none.reply);
}

#[test]
fn a_new_text_replaces_the_placed_text_it_overlaps() {
    let (draft, media) = titled(3);
    let first = final_draft(&turn("add 'The End' at the end", Some(&draft), &media));
    let plan = turn(
        "add 'Thanks for watching' for the last 2 seconds",
        Some(&first),
        &media,
    );
    assert_eq!(
        texts(&final_draft(&plan)),
        [("Thanks for watching".to_owned(), 7_000, 9_000)]
    );
    assert!(
        plan.reply.contains("It replaces 'The End'."),
        "{}",
        plan.reply
    );
}

#[test]
fn placed_texts_follow_the_pictures() {
    let (draft, media) = titled(3);
    let ended = final_draft(&turn("add 'The End' at the end", Some(&draft), &media));
    let over = final_draft(&turn(
        "put 'Lake' over the first photo",
        Some(&ended),
        &media,
    ));
    // Longer: the end text moves to the new end, the text over photo 1 stays with it.
    let longer = final_draft(&turn("make it 15 seconds", Some(&over), &media));
    assert_eq!(
        texts(&longer),
        [
            ("Lake".to_owned(), 0, 5_000),
            ("The End".to_owned(), 12_000, 15_000)
        ]
    );
    // Reversed: the text over photo 1 goes with it to the end.
    let reversed = final_draft(&turn("reverse the order", Some(&over), &media));
    assert_eq!(
        texts(&reversed),
        [
            ("Lake".to_owned(), 6_000, 9_000),
            ("The End".to_owned(), 6_000, 9_000)
        ]
    );
}

#[test]
fn the_title_moves_changes_colour_and_size() {
    let (draft, media) = titled(3);
    let top = turn("move the title to the top", Some(&draft), &media);
    assert_eq!(
        first_meta(&final_draft(&top), "title").and_then(Meta::position),
        Some(Position::Top)
    );
    assert!(
        top.reply
            .contains("The title now sits at the top of the frame."),
        "{}",
        top.reply
    );
    let red = turn("make the title red", Some(&draft), &media);
    assert_eq!(
        first_meta(&final_draft(&red), "title").and_then(Meta::color),
        Some("#FF3B30")
    );
    assert!(
        red.reply.contains("The title is now red (#FF3B30)."),
        "{}",
        red.reply
    );
    let hex = turn("标题改成#ff0000", Some(&draft), &media);
    assert_eq!(
        first_meta(&final_draft(&hex), "title").and_then(Meta::color),
        Some("#FF0000")
    );
    assert!(hex.reply.contains("标题已改成#FF0000。"), "{}", hex.reply);
    let zh = turn(
        "标题放在顶部，标题改成红色，标题大一点",
        Some(&draft),
        &media,
    );
    let meta = first_meta(&final_draft(&zh), "title")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (meta.position(), meta.color(), meta.font_size()),
        (Some(Position::Top), Some("#FF3B30"), Some(90.0))
    );
    assert!(
        zh.reply.contains("标题已移到画面顶部。")
            && zh.reply.contains("标题已改成红色（#FF3B30）。"),
        "{}",
        zh.reply
    );
    let sized = turn("set the title font size to 300", Some(&draft), &media);
    assert_eq!(
        first_meta(&final_draft(&sized), "title").and_then(Meta::font_size),
        Some(200.0),
        "at most 200 px"
    );
    let again = turn("make the title white", Some(&draft), &media);
    assert_eq!(again.cost(), Cost::Free, "already white");
    let (bare, media) = made(2);
    let no_title = turn("make the title red", Some(&bare), &media);
    assert!(
        no_title.reply.contains("There's no title yet"),
        "{}",
        no_title.reply
    );
}

#[test]
fn the_title_moved_off_the_opening_becomes_a_placed_text() {
    let (draft, media) = titled(3);
    let plan = turn("move the title to the end", Some(&draft), &media);
    let after = final_draft(&plan);
    assert!(role(&after, "title").is_none());
    assert_eq!(texts(&after), [("My Video".to_owned(), 6_000, 9_000)]);
    assert!(
        plan.reply
            .contains("Moved the title 'My Video' to the end: it now shows from 6 to 9 s."),
        "{}",
        plan.reply
    );
}

#[test]
fn placed_texts_restyled_and_removed() {
    let (draft, media) = titled(3);
    let ended = final_draft(&turn("add 'The End' at the end", Some(&draft), &media));
    let yellow = turn("make the text at the end yellow", Some(&ended), &media);
    let yellowed = final_draft(&yellow);
    let meta = placed_meta(&yellowed, "The End");
    assert_eq!(meta.and_then(Meta::color), Some("#FFD60A"));
    assert!(
        yellow
            .reply
            .contains("The text from 6 to 9 s is now yellow (#FFD60A)."),
        "{}",
        yellow.reply
    );
    let removed = turn("删除结尾的文字", Some(&ended), &media);
    let after = final_draft(&removed);
    assert_eq!(placed(&after).count(), 0, "the emptied track goes");
    assert_eq!(title_text(&after), Some("My Video"), "the title stays");
    assert!(
        removed.reply.contains("已删除6到9秒的文字“The End”。"),
        "{}",
        removed.reply
    );
    let nothing = turn("remove the text at the end", Some(&draft), &media);
    assert_eq!(nothing.cost(), Cost::Free);
    assert!(
        nothing
            .reply
            .contains("There's no text shown from 6 to 9 s."),
        "{}",
        nothing.reply
    );
    let wordless = turn("add a text at the end", Some(&draft), &media);
    assert_eq!(wordless.cost(), Cost::Free);
    assert!(
        wordless.reply.contains("What should the text say?"),
        "{}",
        wordless.reply
    );
}
