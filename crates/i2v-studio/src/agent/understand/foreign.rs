//! Messages in a language the agent does not read: recognised so that it answers honestly,
//! instead of acting on the few words it happens to know ("video", a number).
//!
//! Rule (ours): kana (ひらがな, カタカナ) make a message Japanese; otherwise the message is in a
//! Latin-script language when at least two of its words are that language's common small words
//! and they outnumber the English ones.

use crate::agent::text::tokens::{Tok, Token};

/// Common small words, by language: articles, prepositions, pronouns, "make", "video" words.
const LANGUAGES: &[(&str, &[&str])] = &[
    (
        "Spanish",
        &[
            "el",
            "la",
            "los",
            "las",
            "un",
            "una",
            "de",
            "del",
            "con",
            "por",
            "para",
            "que",
            "y",
            "haz",
            "hacer",
            "crea",
            "pon",
            "quita",
            "segundos",
            "fotos",
            "música",
            "musica",
            "título",
            "titulo",
            "vídeo",
            "más",
            "mas",
            "por favor",
        ],
    ),
    (
        "French",
        &[
            "le", "la", "les", "un", "une", "des", "du", "de", "avec", "pour", "et", "fais",
            "faire", "crée", "mets", "enlève", "secondes", "photos", "musique", "titre", "vidéo",
            "plus", "s'il", "vous", "plaît",
        ],
    ),
    (
        "German",
        &[
            "der", "die", "das", "ein", "eine", "einen", "mit", "und", "für", "fur", "mach",
            "mache", "bitte", "sekunden", "fotos", "bilder", "musik", "titel", "video", "mehr",
        ],
    ),
    (
        "Italian",
        &[
            "il", "lo", "la", "gli", "le", "un", "una", "di", "con", "per", "e", "fai", "crea",
            "metti", "togli", "secondi", "foto", "musica", "titolo", "più",
        ],
    ),
    (
        "Portuguese",
        &[
            "o",
            "a",
            "os",
            "as",
            "um",
            "uma",
            "de",
            "com",
            "para",
            "e",
            "faça",
            "faz",
            "crie",
            "coloque",
            "segundos",
            "fotos",
            "música",
            "título",
            "mais",
            "por favor",
        ],
    ),
];

/// English small words, which a mixed message ("make it 20 segundos") counts against the others.
const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "with", "of", "to", "make", "it", "for", "in", "on", "add", "please",
    "video", "photos", "music", "title", "seconds", "more", "remove", "change",
];

/// The language a message is written in when the agent does not read it.
pub(super) fn foreign_language(original: &str, tokens: &[Token]) -> Option<&'static str> {
    let kana = original
        .chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}'));
    if kana {
        return Some("Japanese");
    }
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|token| match &token.tok {
            Tok::Word(word) => Some(word.as_str()),
            _ => None,
        })
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let english = count(ENGLISH);
    LANGUAGES
        .iter()
        .map(|(name, list)| (*name, count(list)))
        .filter(|&(_, found)| found >= 2 && found > english)
        .max_by_key(|&(_, found)| found)
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    fn language(text: &str) -> Option<&'static str> {
        let message = read(text);
        foreign_language(text, &message.tokens)
    }

    #[test]
    fn other_languages_are_recognised() {
        assert_eq!(
            language("haz un video de 20 segundos con música"),
            Some("Spanish")
        );
        assert_eq!(language("fais une vidéo de 20 secondes"), Some("French"));
        assert_eq!(language("mach bitte ein Video mit Musik"), Some("German"));
        assert_eq!(language("20秒の動画を作って"), Some("Japanese"));
    }

    #[test]
    fn english_chinese_and_mixed_english_are_not_foreign() {
        assert_eq!(language("make a 20 second video with music"), None);
        assert_eq!(language("做一个20秒的视频"), None);
        assert_eq!(language("make it 20 segundos please"), None);
        assert_eq!(language("add the title 'La Dolce Vita'"), None);
    }
}
