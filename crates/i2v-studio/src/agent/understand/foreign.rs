//! Which Latin-script language a message is in: Spanish, which the agent reads, or one it does
//! not (French, German, Italian, Portuguese), recognised so that it answers honestly instead of
//! acting on the few words it happens to know ("video", a number).
//!
//! Rule (ours): a message is in a Latin-script language when at least two of its words are that
//! language's common small words and they outnumber the English ones; where several languages
//! count as many, Spanish wins (they share "con", "una", "crea" …). Kana make a message Japanese
//! (`Message::language`), which the agent reads too.

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
            "video",
            "canción",
            "cada",
            "foto",
            "transiciones",
            "quitar",
            "cambia",
            "sin",
            "usa",
            "sube",
            "baja",
            "mueve",
            "intercambia",
            "segunda",
            "última",
            "principio",
            "hazlo",
            "ponlo",
            "cuadrado",
            "transición",
            "volumen",
            "dure",
            "fundidos",
            "fundido",
            "al",
            "las",
            "primeras",
            "últimas",
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

/// The Latin-script language a message is written in, by the rule above, if not English.
fn latin_language(tokens: &[Token]) -> Option<&'static str> {
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|token| match &token.tok {
            Tok::Word(word) => Some(word.as_str()),
            _ => None,
        })
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let english = count(ENGLISH);
    // `max_by_key` keeps the last of equals: the list is walked backwards so the first wins.
    LANGUAGES
        .iter()
        .rev()
        .map(|(name, list)| (*name, count(list)))
        .filter(|&(_, found)| found >= 2 && found > english)
        .max_by_key(|&(_, found)| found)
        .map(|(name, _)| name)
}

/// Spanish words that say a short instruction on their own ("deshacer"), where the rule above
/// needs two words.
const SPANISH_ALONE: &[&str] = &[
    "deshacer",
    "deshaz",
    "rehacer",
    "rehaz",
    "quita",
    "añade",
    "música",
    "vídeo",
    "transiciones",
    "hazlo",
    "ponlo",
    "hola",
    "gracias",
    "formato",
    "invierte",
    "orden",
    "fotos",
    "foto",
    "silencia",
    "exporta",
    "subtítulos",
    "título",
    "cuadrado",
    "segundos",
    "haz",
    "crea",
    "sube",
    "baja",
    "mueve",
    "elimina",
    "borra",
    "intercambia",
    "hazme",
    "pon",
    "usa",
    "sin",
    "otra",
    "canción",
    "transiciones",
    "cámbialo",
    "empieza",
    "nuevo",
    "vuelve",
    "quiero",
    "hazlo",
];

/// Whether a message is Spanish: by the rule above, or one of [`SPANISH_ALONE`] with no English.
pub(crate) fn is_spanish(tokens: &[Token]) -> bool {
    let alone = || {
        let words: Vec<&str> = tokens.iter().filter_map(Token::word).collect();
        words.iter().any(|w| SPANISH_ALONE.contains(w))
            // "a" is Spanish too ("cámbialo a horizontal").
            && !words.iter().any(|w| *w != "a" && ENGLISH.contains(w))
    };
    latin_language(tokens) == Some("Spanish") || alone()
}

/// The language a message is written in when the agent does not read it.
pub(super) fn foreign_language(tokens: &[Token]) -> Option<&'static str> {
    latin_language(tokens).filter(|&name| name != "Spanish")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    fn language(text: &str) -> Option<&'static str> {
        foreign_language(&read(text).tokens)
    }

    #[test]
    fn other_languages_are_recognised() {
        assert_eq!(language("fais une vidéo de 20 secondes"), Some("French"));
        assert_eq!(language("mach bitte ein Video mit Musik"), Some("German"));
        assert_eq!(
            language("fai un video con musica per favore"),
            Some("Italian")
        );
    }

    #[test]
    fn spanish_and_japanese_are_read_not_foreign() {
        for text in [
            "haz un video de 20 segundos con música",
            "crea un video con musica",
            "20秒の動画を作って",
        ] {
            assert_eq!(language(text), None, "{text}");
        }
        assert!(is_spanish(&read("crea un video con musica").tokens));
        assert!(is_spanish(&read("quita la música").tokens));
        assert!(is_spanish(&read("deshacer").tokens));
        assert!(!is_spanish(&read("undo").tokens));
    }

    #[test]
    fn english_chinese_and_mixed_english_are_not_foreign() {
        assert_eq!(language("make a 20 second video with music"), None);
        assert_eq!(language("做一个20秒的视频"), None);
        assert_eq!(language("make it 20 segundos please"), None);
        assert_eq!(language("add the title 'La Dolce Vita'"), None);
    }
}
