//! The labelled set (`labelled.tsv`): measures [`route`] on varied English and Chinese messages.
//!
//! Each line is `set<TAB>action<TAB>options<TAB>text`. `set` is `dev` (written while the rules
//! were built) or `held` (written after the rules were done and measured once without changes,
//! see the file's header for that first measurement). `options` is `-`, or for export the whole
//! expected [`ExportOptions`] as space-separated items: a format (`mp4`), a resolution (`1080p`),
//! a frame rate (`60fps`), an aspect (`9:16`) and a quality (`q:high`); fields not listed must
//! be absent. A case is right
//! when both the action and, for export, the options match.

#![allow(
    clippy::print_stderr,
    reason = "the test reports its accuracy and misses"
)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

const DATA: &str = include_str!("labelled.tsv");

/// The accuracy the whole set must keep.
const MIN_ACCURACY: f64 = 0.95;

struct Case {
    line: usize,
    held_out: bool,
    action: Action,
    options: Option<ExportOptions>,
    text: &'static str,
}

fn parse_action(name: &str) -> Action {
    match name {
        "export" => Action::Export,
        "credits" => Action::Credits,
        "state" => Action::State,
        "upload" => Action::Upload,
        "chat" => Action::Chat,
        other => panic!("unknown action {other:?}"),
    }
}

fn parse_options(spec: &str) -> ExportOptions {
    let mut options = ExportOptions::default();
    for item in spec.split_whitespace().filter(|item| *item != "-") {
        let format = VideoFormat::from_name(item).filter(|f| f.as_str() == item);
        let quality = [
            Quality::Low,
            Quality::Medium,
            Quality::High,
            Quality::Preview,
        ]
        .into_iter()
        .find(|q| item.strip_prefix("q:") == Some(q.as_str()));
        if let Some(f) = format {
            options.format = Some(f);
        } else if let Some(q) = quality {
            options.quality = Some(q);
        } else if let Some(fps) = item.strip_suffix("fps").and_then(|n| n.parse().ok()) {
            options.fps = Some(FrameRate::from_fps(fps).expect("frame rate in range"));
        } else if let Some(lines) = item.strip_suffix('p').and_then(|n| n.parse().ok()) {
            options.resolution = Some(Resolution::from_lines(lines).expect("resolution in range"));
        } else if let Some((w, h)) = item.split_once(':') {
            let (w, h) = (w.parse().expect("ratio"), h.parse().expect("ratio"));
            options.aspect = Some(Aspect::from_ratio(w, h).expect("a known aspect"));
        } else {
            panic!("unknown option {item:?}");
        }
    }
    options
}

fn cases() -> Vec<Case> {
    DATA.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(n, line)| {
            let fields: Vec<&str> = line.splitn(4, '\t').collect();
            let [set, action, options, text] = fields[..] else {
                panic!("line {}: expected 4 tab-separated fields", n + 1);
            };
            assert!(set == "dev" || set == "held", "line {}: set {set:?}", n + 1);
            let action = parse_action(action);
            Case {
                line: n + 1,
                held_out: set == "held",
                action,
                options: (action == Action::Export).then(|| parse_options(options)),
                text,
            }
        })
        .collect()
}

fn is_right(case: &Case, got: &Intent) -> bool {
    got.action == case.action && got.export == case.options
}

#[test]
fn labelled_set_accuracy() {
    let cases = cases();
    let mut misses = Vec::new();
    let (mut right, mut held, mut held_right) = (0usize, 0usize, 0usize);
    for case in &cases {
        let got = route(case.text);
        let ok = is_right(case, &got);
        right += usize::from(ok);
        held += usize::from(case.held_out);
        held_right += usize::from(case.held_out && ok);
        if !ok {
            misses.push(format!(
                "  line {} ({}): {:?} → got {} {:?}, expected {} {:?}",
                case.line,
                if case.held_out { "held" } else { "dev" },
                case.text,
                got.action.as_str(),
                got.export,
                case.action.as_str(),
                case.options,
            ));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let overall = ratio(right, cases.len());
    eprintln!(
        "labelled set: {right}/{} right ({:.1}%), held-out {held_right}/{held} ({:.1}%)",
        cases.len(),
        overall * 100.0,
        ratio(held_right, held) * 100.0,
    );
    for miss in &misses {
        eprintln!("{miss}");
    }
    assert!(
        overall >= MIN_ACCURACY,
        "accuracy {overall:.3} below {MIN_ACCURACY}"
    );
}

#[test]
fn labelled_set_is_large_and_varied() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    for action in [
        Action::Export,
        Action::Credits,
        Action::State,
        Action::Upload,
        Action::Chat,
    ] {
        let n = cases.iter().filter(|c| c.action == action).count();
        assert!(n >= 15, "only {n} cases of {}", action.as_str());
    }
    let chinese = cases
        .iter()
        .filter(|c| c.text.chars().any(i2v_text::han::is_han))
        .count();
    assert!(chinese >= 40, "only {chinese} Chinese cases");
}
