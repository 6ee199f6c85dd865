//! Finding a short word in a short text, with less code than `str::contains`.
//!
//! `str::contains(&str)` brings the Two-Way search algorithm, about 2 KB gzipped of the browser
//! build, for the core's few checks of a server message or an install path for a fixed word.
//! Those texts are short, so comparing at every position costs nothing.

/// Whether `needle` occurs in `haystack` (an empty needle always does).
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        let texts = [
            "",
            "a",
            "render id in use",
            "in us",
            "/home/u/.cursor/skills/x",
            "ééin use",
        ];
        let words = ["", "in use", "/.cursor/skills/", "é", "x", "ab"];
        for text in texts {
            for word in words {
                assert_eq!(
                    contains(text, word),
                    text.contains(word),
                    "{text:?} {word:?}"
                );
            }
        }
    }
}
