//! Quoting for ffmpeg filter graphs, which parse a value twice: once as a filter's option
//! (`key=value:key=value`) and once as part of the graph (`filter,filter;[label]…`).
//!
//! Rule (ffmpeg-filters, "Notes on filtergraph escaping"): inside an option value, `\`, `'` and
//! `:` are escaped with a backslash; the whole filter description is then escaped again for
//! the graph, where `\`, `'`, `[`, `]`, `,` and `;` are special.

/// Escapes a literal string (a file path) to stand as one option value in a filter graph.
pub(crate) fn value(text: &str) -> String {
    let option_level = backslash(text, &['\\', '\'', ':']);
    backslash(&option_level, &['\\', '\'', '[', ']', ',', ';'])
}

/// An expression in single quotes, so its commas do not split the graph.
///
/// Expressions are built by the planner from numbers and names, never from draft text, and
/// hold no quote.
pub(crate) fn expr(expression: &str) -> String {
    format!("'{expression}'")
}

/// A number of seconds written for ffmpeg: fixed decimals, no exponent.
pub(crate) fn seconds(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" {
        "0".into()
    } else {
        text.into()
    }
}

fn backslash(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_pass_unchanged() {
        assert_eq!(value("/usr/share/fonts/a.ttf"), "/usr/share/fonts/a.ttf");
    }

    #[test]
    fn special_characters_are_escaped_for_both_levels() {
        // ':' is special only to the option parser: one backslash, itself escaped for the graph.
        assert_eq!(value("a:b"), r"a\\:b");
        // ',' is special only to the graph parser.
        assert_eq!(value("a,b"), r"a\,b");
        // '\' and ''' are special to both: escaped twice.
        assert_eq!(value(r"a\b"), r"a\\\\b");
        assert_eq!(value("it's"), r"it\\\'s");
        assert_eq!(value("[x];y"), r"\[x\]\;y");
    }

    #[test]
    fn seconds_read_plainly() {
        assert_eq!(seconds(1.5), "1.5");
        assert_eq!(seconds(2.0), "2");
        assert_eq!(seconds(0.0), "0");
        assert_eq!(seconds(1.0 / 3.0), "0.333333");
        assert_eq!(seconds(1e-9), "0");
        assert_eq!(expr("between(t,1,2)"), "'between(t,1,2)'");
    }
}
