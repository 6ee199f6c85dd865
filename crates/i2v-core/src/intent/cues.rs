//! Scope cues: the words around a keyword that say the person is not asking for it now.
//!
//! Rules, all confined to the keyword's own clause (see [`Tokens`] for what ends a clause):
//! - **Negation and deferral before**: a cue up to [`WINDOW`] tokens before the keyword cancels it
//!   ("don't export yet", "no need to upload", "before I export", "if I export now", "先别导出",
//!   "不用上传", "如果导出"). Look-alikes that are not negations are skipped ("not bad", "不错").
//! - **Deferral after**: a cue right after the keyword puts it off ("export later",
//!   "export once the music is in", "导出前", "导出的时候", "导出不了").
//! - **Sequencing**: `再` straight before a Chinese keyword, after a "first"/"done" word earlier in
//!   the clause (`先`, `完`, `好`, `等`, `后`, `了`), means "first that, then this" ("加完音乐再导出",
//!   "等音乐好了再导出"); alone it means "more" ("我想再传几张图"), and followed by "once" it means
//!   "again" ("再导出一次").
//! - **Questions** (export only, because a question must never start a render): a question word
//!   anywhere before the keyword, an auxiliary opening the clause, or a Chinese question tail after
//!   it ("how do I export?", "should I export now?", "怎么导出", "导出要多久"). Requests
//!   phrased as questions stay requests ("can you export it?", "能不能导出").
//! - **On-screen text**: words after "says", "titled", "should say", "写着", "叫" … up to the end
//!   of the clause are text the person wants shown, not commands ("a title saying export now").

use std::ops::Range;

use super::pattern::{Table, any_at};
use super::tokens::Tokens;

/// How many tokens before a keyword a negation may stand and still govern it.
pub(crate) const WINDOW: usize = 6;

/// Cues that cancel or defer a keyword after them.
static BEFORE: Table = Table::new(&[
    "not|don't|dont|never|no|without|cancel|won't|wont|shouldn't|can't|cant|cannot",
    "didn't|doesn't|isn't|aren't|wasn't|haven't|hasn't|nor|neither|skip|forget|avoid",
    "wait|before|until|till|unless|after|when|once|if|whether|later|already",
    "hold off",
    "instead of",
    "rather than",
    "too early",
    "别|不要|不用|不需要|无需|不必|先不|暂不|暂时不|还不|不急|没必要|不想|不能|甭|勿|没|不|未",
    "等等|等一下|等会|等|稍后|晚点|以后|回头|改天|改日|如果|要是|假如|之前|已经|已",
]);

/// Look-alikes of [`BEFORE`] cues that negate nothing; checked at the same position first.
static NOT_NEGATION: Table = Table::new(&[
    "not bad",
    "no problem",
    "no worries",
    "why not",
    "no doubt",
    "不错|不如|不少|不过|不断|不同|不仅|不管|不然|没问题|没错|等于|能不能|可不可以|要不",
]);

/// Cues shortly after a keyword that put it off.
static AFTER: Table =
    Table::new(&["yet|later|after|until|till|once|when|before|tomorrow|afterwards|eventually"]);

/// How far after a keyword an [`AFTER`] cue may stand.
const AFTER_WINDOW: usize = 4;

/// Chinese cues that put a keyword off or make it a report, only straight after it: Chinese
/// puts these right behind the verb ("导出前", "导出了吗"), and further on they belong to other
/// words ("余额不够了吗").
static RIGHT_AFTER: Table = Table::new(&[
    "前|之前|以前|的时候|时候|不了|失败|以后再|再说|等会|稍后|晚点|了吗|过吗|过了|了没|没有",
]);

/// Clauses that take back what came before them ("export. no, wait", "导出吧。算了").
static RETRACTIONS: Table = Table::new(&[
    "wait|nevermind",
    "hold on",
    "never mind",
    "scratch|cancel that",
    "actually no",
    "no wait",
    "not yet",
    "算了|等等|等一下|不对|先不|还是算了|先别",
]);

/// A retraction that is a whole clause by itself.
static BARE_RETRACTIONS: Table = Table::new(&["no|nope|nah|不|不要|别"]);

/// Question words that make a clause ask about export rather than ask for it.
static QUESTION_WORDS: Table = Table::new(&[
    "why|where|what|what's|whats|which|whether",
    "how",
    "is there",
    "怎么|怎样|如何|为什么|为啥|哪里|哪儿|在哪|什么时候|何时|是否|要不要|该不该|会不会|是不是",
]);

/// `how` phrases that are not how-to questions.
static NOT_QUESTION: Table = Table::new(&["how many|much|about"]);

/// Auxiliaries that turn a clause into a yes/no question when they open it and a subject follows
/// ("should I export", "is it ready to export"; "do the export" is an order).
static QUESTION_OPENERS: Table = Table::new(&[
    "is|are|was|were|does|do|did|has|have|had|should|shall|must|am i|you|we|it|they|this|that|there|u",
    "is|are|was|were|does|did|has|have|had|should|shall|must the|my|our",
]);

/// Tails after a Chinese or English export keyword that make it a question about export.
static QUESTION_TAILS: Table = Table::new(&[
    "cost|costs|take|takes|work|works|mean|means|free",
    "需要|要多久|多久|多长|怎么样|是什么|收费|要钱|花多少|免费|要花",
]);

/// Words after which the rest of the clause is text to show on screen.
static CONTENT_MARKERS: Table = Table::new(&[
    "says|saying|reads|reading|titled|entitled|called|named|labelled|labeled",
    "should|will|must|would|to|can|could|that|and say",
    "写着|写上|写成|叫做|叫|名为|名叫|标题为|标题是|内容为|内容是|文字是|文字为|文案是|文案为",
]);

/// Whether anything cancels, defers, sequences or takes back the keyword at `span`.
pub(crate) fn negated(tokens: &Tokens, span: &Range<usize>) -> bool {
    negated_before(tokens, span.start, WINDOW)
        || deferred_after(tokens, span.end)
        || sequenced(tokens, span)
        || retracted(tokens, span.end)
}

/// Whether a negation or deferral cue up to `window` tokens before `start` governs it.
pub(crate) fn negated_before(tokens: &Tokens, start: usize, window: usize) -> bool {
    let from = start.saturating_sub(window);
    (from..start).any(|j| {
        same_clause(tokens, j, start)
            && !inside_look_alike(tokens, j)
            && BEFORE.at(tokens, j).is_some_and(|end| end <= start)
    })
}

/// Whether token `j` belongs to a look-alike of a negation that starts at most two tokens
/// earlier ("不" inside "能不能").
fn inside_look_alike(tokens: &Tokens, j: usize) -> bool {
    (j.saturating_sub(2)..=j).any(|k| NOT_NEGATION.at(tokens, k).is_some_and(|end| end > j))
}

/// Whether a deferral cue stands shortly after `end`, in the same clause.
fn deferred_after(tokens: &Tokens, end: usize) -> bool {
    end > 0
        && (RIGHT_AFTER.at(tokens, end).is_some()
            || (end..end + AFTER_WINDOW)
                .any(|j| same_clause(tokens, j, end - 1) && AFTER.at(tokens, j).is_some()))
}

/// Whether a later clause takes the request back.
fn retracted(tokens: &Tokens, end: usize) -> bool {
    let Some(last) = end.checked_sub(1) else {
        return false;
    };
    let mut i = tokens.clause_range(last).end;
    while i < tokens.len() {
        if !tokens.is_text(i) {
            i += 1;
            continue;
        }
        let clause = tokens.clause_range(i);
        let opens = RETRACTIONS.at(tokens, i).is_some()
            || BARE_RETRACTIONS.at(tokens, i) == Some(clause.end);
        if opens {
            return true;
        }
        i = clause.end.max(i + 1);
    }
    false
}

/// Whether `再` before the keyword sequences it after something else in its clause.
fn sequenced(tokens: &Tokens, span: &Range<usize>) -> bool {
    let Some(zai) = span.start.checked_sub(1) else {
        return false;
    };
    let again = ["一次|一遍|一下|一个|一份"];
    let first = ["先|完|好|等|后|了"];
    tokens.text(zai) == "再"
        && (tokens.clause_range(zai).start..zai).any(|j| any_at(&first, tokens, j).is_some())
        && any_at(&again, tokens, span.end).is_none()
}

/// Whether the clause asks a question about the keyword at `span` instead of requesting it.
pub(crate) fn asked_about(tokens: &Tokens, span: &Range<usize>) -> bool {
    let clause = tokens.clause_range(span.start);
    let opener = QUESTION_OPENERS.at(tokens, clause.start).is_some();
    let question_word = (clause.start..span.start)
        .any(|j| QUESTION_WORDS.at(tokens, j).is_some() && NOT_QUESTION.at(tokens, j).is_none());
    let tail =
        same_clause(tokens, span.end, span.start) && QUESTION_TAILS.at(tokens, span.end).is_some();
    opener || question_word || tail
}

/// Whether the token at `start` sits in on-screen text that a content marker introduced.
pub(crate) fn in_content(tokens: &Tokens, start: usize) -> bool {
    let clause = tokens.clause_range(start);
    (clause.start..start).any(|j| {
        CONTENT_MARKERS
            .at(tokens, j)
            .is_some_and(|end| end <= start)
    })
}

fn same_clause(tokens: &Tokens, a: usize, b: usize) -> bool {
    tokens.is_text(a) && tokens.clause(a).is_some() && tokens.clause(a) == tokens.clause(b)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::intent::pattern::match_at;

    /// The span of the first token whose text is `word` (or of the run of characters `word`).
    fn span_of(tokens: &Tokens, word: &str) -> Range<usize> {
        (0..tokens.len())
            .find_map(|i| match_at(word, tokens, i).map(|end| i..end))
            .expect("the word is in the text")
    }

    fn is_negated(text: &str, word: &str) -> bool {
        let t = Tokens::new(text);
        negated(&t, &span_of(&t, word))
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for table in [
            &BEFORE,
            &NOT_NEGATION,
            &AFTER,
            &RIGHT_AFTER,
            &RETRACTIONS,
            &BARE_RETRACTIONS,
            &QUESTION_WORDS,
            &NOT_QUESTION,
            &QUESTION_OPENERS,
            &QUESTION_TAILS,
            &CONTENT_MARKERS,
        ] {
            for pattern in table.patterns() {
                assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
            }
        }
    }

    #[test]
    fn negations_and_deferrals_before_a_keyword() {
        assert!(is_negated("don't export yet", "export"));
        assert!(is_negated("no need to upload anything", "upload"));
        assert!(is_negated("wait before you export", "export"));
        assert!(is_negated("先别导出", "导出"));
        assert!(is_negated("现在不用上传", "上传"));
        assert!(!is_negated("looks good, export", "export"));
    }

    #[test]
    fn negation_stays_in_its_clause_and_skips_look_alikes() {
        assert!(!is_negated(
            "I don't like the music, but export anyway",
            "export"
        ));
        assert!(!is_negated("not bad, export it", "export"));
        assert!(!is_negated("not bad export it", "export"));
        assert!(!is_negated("不错导出吧", "导出"));
        assert!(!is_negated("no problem export it", "export"));
        assert!(!is_negated("能不能导出", "导出"));
        assert!(!is_negated("可不可以导出", "导出"));
    }

    #[test]
    fn deferrals_after_a_keyword() {
        assert!(is_negated("export it later", "export"));
        assert!(is_negated("导出前把标题改大", "导出"));
        assert!(is_negated("导出的时候用竖屏", "导出"));
        assert!(!is_negated("export it now please", "export"));
    }

    #[test]
    fn later_clauses_can_take_a_request_back() {
        assert!(is_negated("Export. Actually no, wait.", "export"));
        assert!(is_negated("导出吧。算了", "导出"));
        assert!(is_negated("export it. no.", "export"));
        assert!(!is_negated("export it, no watermark", "export"));
        assert!(!is_negated("我的余额不够了吗", "余额"));
    }

    #[test]
    fn zai_sequences_unless_it_means_again() {
        assert!(is_negated("加完音乐再导出", "导出"));
        assert!(!is_negated("再导出一次", "导出"));
        assert!(!is_negated("好的再导出一次", "导出"));
        assert!(!is_negated("我想再传几张图", "传"));
        assert!(is_negated("等音乐好了再导出", "导出"));
    }

    #[test]
    fn questions_about_export_are_not_requests() {
        let asks = |text: &str, word: &str| {
            let t = Tokens::new(text);
            asked_about(&t, &span_of(&t, word))
        };
        assert!(asks("how do I export", "export"));
        assert!(asks("should I export now?", "export"));
        assert!(asks("is the video ready to export?", "export"));
        assert!(!asks("do the export", "export"));
        assert!(asks("怎么导出", "导出"));
        assert!(asks("导出要多久", "导出"));
        assert!(!asks("can you export it?", "export"));
        assert!(!asks("how about you export it", "export"));
        assert!(!asks("能不能导出", "导出"));
    }

    #[test]
    fn content_markers_make_the_rest_of_the_clause_text() {
        let t = Tokens::new("a title saying export now, then export");
        let first = span_of(&t, "export");
        assert!(in_content(&t, first.start));
        assert!(!in_content(&t, 7));
        let zh = Tokens::new("标题叫导出特惠");
        assert!(in_content(&zh, span_of(&zh, "导出").start));
    }
}
