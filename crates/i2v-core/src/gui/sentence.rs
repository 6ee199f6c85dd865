//! One sentence: its clauses, the GUI steps among them, the clauses that lead into those steps,
//! and the sentence that remains.
//!
//! Rules:
//! - clauses are the tokenizer's, also split before "and", "so", "or", "并且", "然后" … (but
//!   never inside "drag and drop"), because a GUI step is often tacked onto content with "and";
//! - consecutive GUI clauses form a chain; the clauses right before a chain that only lead into
//!   it ([`super::leads`]) go with it, and the nearest purpose becomes the edit it stands for;
//! - a chain introduced by a wish, or holding one, is an offer: no action, and the chain reads
//!   "just tell me"; so is a chain of edit-like steps phrased as a capability ("you can drag
//!   clips to reorder them" → "just tell me what to change");
//! - "…, then click Apply" only confirms the step before it in the sentence: no second action;
//! - what remains keeps the backend's words: kept neighbours are copied as one slice, separate
//!   pieces are joined with a comma, a piece that now opens the sentence loses its joiner and
//!   gains a capital, and the sentence keeps its closing mark;
//! - a remainder of fewer than two words ("1.", "Tip:") is not a sentence: it goes too.

use std::ops::Range;

use super::GuiAction;
use super::detect::{self, Step};
use super::labels::Target;
use super::leads::{self, Lead};
use super::rewrite;
use crate::intent::pattern::Table;
use crate::intent::tokens::{Kind, Tokens};

/// What happens to a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop,
    Replace(String),
}

/// Translates one sentence: `None` when it has no GUI step, else the text that remains (empty
/// when nothing does), with the sentence's actions appended to `actions` (no repeats).
pub(crate) fn translate(body: &str, actions: &mut Vec<GuiAction>) -> Option<String> {
    let tokens = Tokens::new(body);
    let clauses = clauses(&tokens);
    let steps: Vec<Option<Step>> = clauses
        .iter()
        .map(|c| detect::detect(&tokens, c.clone()))
        .collect();
    if steps.iter().all(Option::is_none) {
        return None;
    }
    let chinese = rewrite::is_chinese(body);
    let mut fates = vec![Fate::Keep; clauses.len()];
    let mut acted = false;
    let mut k = 0;
    while k < clauses.len() {
        if steps.get(k).is_none_or(Option::is_none) {
            k += 1;
            continue;
        }
        let chain = k..(k..clauses.len())
            .find(|&c| steps.get(c).is_none_or(Option::is_none))
            .unwrap_or(clauses.len());
        let (purpose, wish) = take_leads(&tokens, &clauses, chain.start, &mut fates);
        let trailing_wish = chain
            .clone()
            .find_map(|c| Some((c, leads::wish_in(&tokens, clauses.get(c)?.clone())?)));
        for c in chain.clone() {
            set(&mut fates, c, Fate::Drop);
        }
        let capability = clauses
            .get(chain.start)
            .is_some_and(|c| leads::is_capability(&tokens, c.clone()))
            && chain.clone().all(|c| {
                steps
                    .get(c)
                    .is_some_and(|s| s.as_ref().is_some_and(edit_like))
            });
        if capability && !wish && trailing_wish.is_none() {
            set(
                &mut fates,
                chain.start,
                Fate::Replace(rewrite::tell_me_what(chinese).to_owned()),
            );
        } else if wish || trailing_wish.is_some() {
            let tell = rewrite::tell_me(chinese);
            let (at, text) = match trailing_wish {
                Some((c, i)) => {
                    let clause = clauses.get(c).cloned().unwrap_or_default();
                    let wish = rewrite::source(body, &tokens, i..clause.end)
                        .and_then(rewrite::as_message)
                        .unwrap_or_default();
                    (
                        c,
                        format!("{wish}{} {tell}", if chinese { "，" } else { "," }),
                    )
                }
                None => (chain.start, tell.to_owned()),
            };
            set(&mut fates, at, Fate::Replace(text));
        } else {
            for c in chain.clone() {
                let (Some(step), Some(clause)) =
                    (steps.get(c).and_then(Option::as_ref), clauses.get(c))
                else {
                    continue;
                };
                let bare_confirm = matches!(
                    step,
                    Step::Press {
                        target: Target::Confirm,
                        purpose: None,
                        ..
                    }
                ) && purpose.is_none();
                if bare_confirm && acted {
                    continue;
                }
                let purpose = purpose
                    .clone()
                    .and_then(|p| rewrite::purpose_message(body, &tokens, p));
                let action = action_for(step, body, &tokens, clause.clone(), purpose);
                acted = true;
                if !actions.contains(&action) {
                    actions.push(action);
                }
            }
        }
        k = chain.end;
    }
    let text = reassemble(body, &tokens, &clauses, &fates);
    let words = Tokens::new(&text);
    let enough = (0..words.len()).filter(|&i| words.is_text(i)).count() >= 2;
    Some(if enough { text } else { String::new() })
}

/// Marks the clauses that lead into the chain starting at `chain_start` as dropped (a wish
/// stays, to carry the offer); gives the nearest purpose and whether a wish leads in.
fn take_leads(
    tokens: &Tokens,
    clauses: &[Range<usize>],
    chain_start: usize,
    fates: &mut [Fate],
) -> (Option<Range<usize>>, bool) {
    let mut purpose = None;
    let mut j = chain_start;
    while let Some(p) = j.checked_sub(1) {
        if fates.get(p) != Some(&Fate::Keep) {
            break;
        }
        match clauses.get(p).and_then(|c| leads::lead(tokens, c.clone())) {
            Some(Lead::Wish) => return (purpose, true),
            Some(Lead::Purpose(range)) => {
                purpose.get_or_insert(range);
                set(fates, p, Fate::Drop);
            }
            Some(Lead::Condition) => set(fates, p, Fate::Drop),
            None => break,
        }
        j = p;
    }
    (purpose, false)
}

/// Whether a step would only edit or show the state, so that offering it runs nothing useful.
fn edit_like(step: &Step) -> bool {
    match step {
        Step::Drag { .. } | Step::Control { .. } => true,
        Step::Press { target, .. } | Step::Open(target) => matches!(
            target,
            Target::Generate | Target::Confirm | Target::State | Target::Unknown
        ),
        Step::DropFiles | Step::Preview | Step::Export | Step::Account => false,
    }
}

fn set(fates: &mut [Fate], k: usize, fate: Fate) {
    if let Some(f) = fates.get_mut(k) {
        *f = fate;
    }
}

/// The action that replaces `step`; `lead_purpose` is the purpose of a clause before it.
fn action_for(
    step: &Step,
    body: &str,
    tokens: &Tokens,
    clause: Range<usize>,
    lead_purpose: Option<String>,
) -> GuiAction {
    let own = |range: &Option<Range<usize>>| {
        range
            .clone()
            .and_then(|r| rewrite::purpose_message(body, tokens, r))
    };
    match step {
        Step::Press {
            target: Target::Generate | Target::Confirm,
            label,
            purpose,
        } => own(purpose)
            .or(lead_purpose)
            .or_else(|| {
                let label = label.clone()?;
                rewrite::as_message(rewrite::source(body, tokens, label)?)
            })
            .map_or(GuiAction::ShowState, GuiAction::SendEdit),
        Step::Press { target, .. } | Step::Open(target) => match target {
            Target::Export => GuiAction::Export,
            Target::Upload => GuiAction::Upload,
            Target::Credits => GuiAction::ShowCredits,
            Target::Timeline => GuiAction::ShowSummary,
            Target::Generate | Target::Confirm | Target::State | Target::Unknown => {
                GuiAction::ShowState
            }
        },
        Step::Drag { verb, purpose } => own(purpose)
            .or(lead_purpose)
            .or_else(|| rewrite::drag_message(body, tokens, clause, verb.clone()))
            .map_or(GuiAction::ShowState, GuiAction::SendEdit),
        Step::Control { purpose } => own(purpose)
            .or(lead_purpose)
            .map_or(GuiAction::ShowState, GuiAction::SendEdit),
        Step::DropFiles => GuiAction::Upload,
        Step::Preview => GuiAction::ShowSummary,
        Step::Export => GuiAction::Export,
        Step::Account => GuiAction::ShowCredits,
    }
}

/// Words that open a new clause for the translator, on top of the tokenizer's breaks.
static JOINERS: Table = Table::new(&["and|so|or|并|并且|接着|然后|而且|所以"]);

/// Joiners a piece may start with once the clause before it is gone.
static LEADING_JOINERS: Table =
    Table::new(&["and|so|or|then|also|but|并|并且|接着|然后|而且|所以|再"]);

/// The clauses of a sentence as token ranges, each holding at least one word or quote.
fn clauses(tokens: &Tokens) -> Vec<Range<usize>> {
    let mut list: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for i in 0..tokens.len() {
        let is_break = tokens.kind(i) == Some(Kind::Break);
        let opens = current.as_ref().is_some_and(|c| {
            is_break || tokens.clause(i) != tokens.clause(c.start) || joins_at(tokens, i)
        });
        if opens {
            list.extend(current.take());
        }
        if !is_break {
            current = Some(current.map_or(i..i + 1, |c| c.start..i + 1));
        }
    }
    list.extend(current);
    list
}

/// Whether a joiner at token `i` opens a clause ("drag and drop" stays whole).
fn joins_at(tokens: &Tokens, i: usize) -> bool {
    let drag_and_drop = tokens.text(i) == "and"
        && i.checked_sub(1).is_some_and(|p| tokens.text(p) == "drag")
        && tokens.text(i + 1) == "drop";
    !drag_and_drop && JOINERS.at(tokens, i).is_some()
}

/// The sentence with each clause's fate applied, in the backend's own words.
fn reassemble(body: &str, tokens: &Tokens, clauses: &[Range<usize>], fates: &[Fate]) -> String {
    let last = clauses.len().saturating_sub(1);
    let chinese = rewrite::is_chinese(body);
    let bytes = |k: usize| clause_bytes(tokens, clauses.get(k));
    // Pieces of the new sentence, each with the clauses it spans.
    let mut pieces: Vec<(Range<usize>, String)> = Vec::new();
    let mut k = 0;
    while k < clauses.len() {
        match fates.get(k) {
            Some(Fate::Replace(text)) => pieces.push((k..k + 1, text.clone())),
            Some(Fate::Keep) => {
                let first = k;
                while k < last && fates.get(k + 1) == Some(&Fate::Keep) {
                    k += 1;
                }
                // A piece that starts the sentence keeps its lead-in (a list marker); one that
                // ends it keeps the closing mark.
                let start = if first == 0 {
                    Some(0)
                } else {
                    bytes(first).map(|r| r.start)
                };
                let end = if k == last {
                    Some(body.len())
                } else {
                    bytes(k).map(|r| r.end)
                };
                let piece = start
                    .zip(end)
                    .and_then(|(s, e)| body.get(s..e))
                    .unwrap_or_default();
                pieces.push((first..k + 1, piece.to_owned()));
            }
            _ => {}
        }
        k += 1;
    }
    let mut out = String::new();
    let mut previous: Option<Range<usize>> = None;
    for (span, piece) in pieces {
        match &previous {
            None if span.start == 0 => out = piece,
            None => out = lead_in(&piece),
            Some(prev) => {
                // Neighbours keep the separator between them ("Tip: …"); others get a comma.
                let between = (prev.end == span.start)
                    .then(|| {
                        body.get(bytes(prev.end.checked_sub(1)?)?.end..bytes(span.start)?.start)
                    })
                    .flatten();
                out.push_str(between.unwrap_or(if chinese { "，" } else { ", " }));
                out.push_str(&piece);
            }
        }
        previous = Some(span);
    }
    if !out.is_empty() && fates.get(last) != Some(&Fate::Keep) {
        out.push_str(&terminal(body, tokens));
    }
    out
}

/// The bytes a clause covers in its sentence, from its first token to its last.
fn clause_bytes(tokens: &Tokens, clause: Option<&Range<usize>>) -> Option<Range<usize>> {
    let clause = clause?;
    let start = tokens.orig(clause.start)?.start;
    let end = tokens.orig(clause.end.checked_sub(1)?)?.end;
    Some(start..end)
}

/// A piece that now opens the sentence: without a leading joiner, with a capital letter.
fn lead_in(piece: &str) -> String {
    let tokens = Tokens::new(piece);
    let skip = LEADING_JOINERS
        .at(&tokens, 0)
        .and_then(|end| tokens.orig(end))
        .map_or(0, |r| r.start);
    i2v_text::capitalize(piece.get(skip..).unwrap_or(piece))
}

/// The closing mark of a sentence (`.`, `!`, `。` …), for a sentence whose last clause went.
fn terminal(body: &str, tokens: &Tokens) -> String {
    let last_word_end = (0..tokens.len())
        .rev()
        .find(|&i| tokens.kind(i) != Some(Kind::Break))
        .and_then(|i| tokens.orig(i))
        .map_or(body.len(), |r| r.end);
    body.get(last_word_end..)
        .unwrap_or_default()
        .chars()
        .filter(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？'))
        .take(1)
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn pieces(sentence: &str) -> Vec<&str> {
        let t = Tokens::new(sentence);
        clauses(&t)
            .into_iter()
            .filter_map(|c| rewrite::source(sentence, &t, c))
            .collect()
    }

    #[test]
    fn clauses_split_at_breaks_and_joiners_but_not_inside_drag_and_drop() {
        assert_eq!(
            pieces("I added music and you can preview it, then drag and drop the logo"),
            [
                "I added music",
                "and you can preview it",
                "then drag and drop the logo"
            ]
        );
        assert_eq!(
            pieces("已添加音乐，然后点击导出"),
            ["已添加音乐", "然后点击导出"]
        );
    }

    fn run(sentence: &str) -> (Option<String>, Vec<GuiAction>) {
        let mut actions = Vec::new();
        (translate(sentence, &mut actions), actions)
    }

    #[test]
    fn leads_go_with_their_step() {
        assert_eq!(
            run("When you're happy, click Export."),
            (Some(String::new()), vec![GuiAction::Export])
        );
        assert_eq!(
            run("To change the font, open the Text panel and select a font from the dropdown."),
            (
                Some(String::new()),
                vec![
                    GuiAction::ShowState,
                    GuiAction::SendEdit("Change the font".into())
                ]
            )
        );
    }

    #[test]
    fn offers_run_nothing() {
        assert_eq!(
            run("If you'd like to adjust it further, drag the volume slider."),
            (
                Some("If you'd like to adjust it further, just tell me.".into()),
                vec![]
            )
        );
        assert_eq!(
            run("Click \"Generate\" again if you want a different version."),
            (
                Some("If you want a different version, just tell me.".into()),
                vec![]
            )
        );
        assert_eq!(
            run("如果您想换一首歌，可以点击音乐面板。"),
            (Some("如果您想换一首歌，告诉我即可。".into()), vec![])
        );
    }

    #[test]
    fn capabilities_that_only_edit_are_offers() {
        assert_eq!(
            run(
                "Tip: you can drag clips on the timeline to reorder them, or right-click a clip to delete it."
            ),
            (Some("Tip: just tell me what to change.".into()), vec![])
        );
        assert_eq!(
            run("您可以拖动片段来调整顺序。"),
            (Some("告诉我想怎么改即可。".into()), vec![])
        );
        let (_, actions) = run("You can now export your video.");
        assert_eq!(actions, [GuiAction::Export]);
    }

    #[test]
    fn confirmations_ride_on_the_step_before() {
        let (_, actions) = run("Drag the logo to the corner and click Apply.");
        assert_eq!(
            actions,
            [GuiAction::SendEdit("Move the logo to the corner".into())]
        );
        let (_, actions) = run("Click Apply.");
        assert_eq!(actions, [GuiAction::SendEdit("Apply".into())]);
    }

    #[test]
    fn tiny_remainders_go() {
        assert_eq!(run("1. Click Export.").0.as_deref(), Some(""));
        assert_eq!(
            run("Tip: right-click a clip to delete it.").0.as_deref(),
            Some("")
        );
        assert_eq!(run("好的，点击导出。").0.as_deref(), Some("好的。"));
    }

    #[test]
    fn sentences_without_steps_are_untouched() {
        assert_eq!(run("I added music and a fade."), (None, vec![]));
    }
}
