//! Edits, undos and redos in any order: after every turn the store holds what the plan says,
//! so the agent's picture of the history (`agent::history`) never drifts from the store's.

use std::time::Duration;

use i2v_core::draft::Draft;
use proptest::prelude::*;

use super::{Prices, TurnAsk, TurnRules, save_step, start};
use crate::store::testing::{TempStore, image_record, rules};

const RULES: TurnRules = TurnRules {
    prices: Prices {
        generate: 0,
        edit: 0,
    },
    seed: 7,
    silent_share: 0.0,
    session_idle: Duration::from_secs(3600),
};

/// What a person may say between undos.
const MESSAGES: &[&str] = &[
    "undo",
    "redo",
    "undo twice",
    "redo 2",
    "undo everything",
    "redo everything",
    "撤销",
    "重做",
    "go back to how it was before",
    "make it vertical",
    "make it square",
    "make it 20 seconds",
    "add a title 'Trip'",
    "lower the music",
    "make it 20 seconds, then undo",
    "undo, then remove the music",
    "undo, make it landscape, redo",
    "make a video",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_store_holds_what_every_plan_says(
        said in prop::collection::vec(prop::sample::select(MESSAGES), 1..10)
    ) {
        let temp = TempStore::new();
        let issued = temp.store.issue_anonymous_token("c", "a", &rules(), 0);
        let user = issued.expect("issue a token").user;
        let session = temp.store.create_session(user.id, "p", "en", 0).unwrap();
        for n in 0..3 {
            let record = image_record(&session.session_id, &format!("photo{n}.jpg"));
            temp.store.add_media(&record).unwrap();
        }
        for (turn, message) in std::iter::once("make a video").chain(said).enumerate() {
            let ask = TurnAsk { user: &user, session_id: &session.session_id, message };
            let now = i64::try_from(turn).unwrap_or(0);
            let started = start(&temp.store, &RULES, ask, || turn as u64, now).unwrap();
            let canvas_before = temp.store.canvas(&session.session_id).unwrap();
            for step in &started.plan.steps {
                save_step(&temp.store, &session.session_id, step, now).unwrap();
            }
            started.charge.settle(&temp.store, true).unwrap();
            let stored = temp.store.latest_draft(&session.session_id).unwrap();
            let stored = stored.map(|s| Draft::parse(&s.json).unwrap());
            prop_assert_eq!(&stored, &started.plan.draft, "after {:?}", message);
            let canvas = temp.store.canvas(&session.session_id).unwrap();
            let planned = started.plan.canvas.unwrap_or(canvas_before);
            prop_assert_eq!(canvas, planned, "after {:?}", message);
            // The state the session stands at is the latest draft on the canvas.
            let history = temp.store.history(&session.session_id).unwrap();
            let current = history.entries.get(history.at).unwrap();
            prop_assert_eq!(Some(Draft::parse(&current.json).unwrap()), stored);
            prop_assert_eq!(current.canvas, canvas);
        }
    }
}
