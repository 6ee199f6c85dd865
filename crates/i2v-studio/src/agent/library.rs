//! The words that ask for each bed of the built-in music library ([`Bed`], whose catalogue of
//! keys and names is the studio's [`crate::library`]).
//!
//! A draft names a library track with `src` = `library:<key>` and `name` = its display name
//! (`library:lofi`, "Lo-fi"); the renderer maps the key to its sound. How `src` points into the
//! library is the core's rule ([`MediaSource`]).

use i2v_core::draft::MediaSource;

use crate::library::Bed;

/// One track of the built-in library, with the words that ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryTrack {
    /// The bed it plays.
    pub bed: Bed,
    /// Words that ask for it only where music is talked about ("relaxing music", "史诗音乐").
    pub(crate) moods: &'static [&'static str],
    /// Words that ask for it on their own ("make it lo-fi").
    pub(crate) names: &'static [&'static str],
}

/// The music volume a draft starts with.
pub const DEFAULT_VOLUME: f64 = 0.35;

/// The library, in the order "another track" walks through it.
pub const LIBRARY: [LibraryTrack; 4] = [
    LibraryTrack {
        bed: Bed::Lofi,
        moods: &[
            "chill*",
            "jazzy",
            "jazz",
            "study",
            "beats",
            "低保真",
            "慵懒",
            "爵士",
            "chill",
            "ローファイ",
        ],
        names: &["lofi", "lo fi", "chillhop"],
    },
    LibraryTrack {
        bed: Bed::Upbeat,
        moods: &[
            "energetic",
            "happy",
            "cheerful",
            "fun",
            "lively",
            "party",
            "dance",
            "pop",
            "bright",
            "exciting",
            "动感",
            "欢快",
            "活泼",
            "快乐",
            "开心",
            "节奏感",
            "热闹",
            "嗨",
            "轻快",
            "愉快",
            "alegre",
            "animada",
            "animado",
            "enérgica",
            "movida",
            "明るい",
            "元気",
            "アップテンポ",
            "楽しい",
        ],
        names: &["upbeat", "up beat"],
    },
    LibraryTrack {
        bed: Bed::Calm,
        moods: &[
            "calm*",
            "relax*",
            "peaceful",
            "soft",
            "gentle",
            "quiet",
            "ambient",
            "piano",
            "soothing",
            "mellow",
            "slow",
            "sad",
            "emotional",
            "轻松",
            "安静",
            "抒情",
            "舒缓",
            "平静",
            "温柔",
            "柔和",
            "宁静",
            "钢琴",
            "放松",
            "治愈",
            "伤感",
            "tranquila",
            "tranquilo",
            "relajante",
            "穏やか",
            "落ち着いた",
            "静か",
            "癒し",
            "リラックス",
        ],
        names: &["calm"],
    },
    LibraryTrack {
        bed: Bed::Cinematic,
        moods: &[
            "epic",
            "dramatic",
            "orchestral",
            "movie",
            "film",
            "trailer",
            "grand",
            "inspiring",
            "史诗",
            "电影",
            "大气",
            "震撼",
            "宏大",
            "磅礴",
            "激昂",
            "电影感",
            "épica",
            "épico",
            "cinematográfica",
            "壮大",
            "映画",
            "エピック",
        ],
        names: &["cinematic"],
    },
];

/// The track with this key.
pub fn by_key(key: &str) -> Option<&'static LibraryTrack> {
    let bed = Bed::from_key(key)?;
    LIBRARY.iter().find(|track| track.bed == bed)
}

/// The track a draft's `src` points at (`library:calm`), if it points into the library.
pub fn by_src(src: &str) -> Option<&'static LibraryTrack> {
    match MediaSource::read(src)? {
        MediaSource::Library(key) => by_key(key),
        MediaSource::Upload(_) | MediaSource::Url(_) => None,
    }
}

/// The track after `key` in the library, wrapping around (the first for an unknown key).
pub(crate) fn after(key: Option<&str>) -> &'static LibraryTrack {
    let position = key.and_then(|key| LIBRARY.iter().position(|track| track.key() == key));
    let next = position.map_or(0, |i| (i + 1) % LIBRARY.len());
    LIBRARY.get(next).unwrap_or(&LIBRARY[0])
}

impl LibraryTrack {
    /// Its key: `lofi`, `upbeat`, `calm`, `cinematic`.
    pub fn key(&self) -> &'static str {
        self.bed.key()
    }

    /// Its display name, written into the draft: "Lo-fi", "Upbeat", "Calm", "Cinematic".
    pub fn name(&self) -> &'static str {
        self.bed.name()
    }

    /// The draft's `src` for this track: `library:<key>`.
    pub fn src(&self) -> String {
        self.bed.src()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_names_and_sources_are_exact() {
        let beds: Vec<Bed> = LIBRARY.iter().map(|t| t.bed).collect();
        assert_eq!(
            beds,
            Bed::ALL,
            "words for every bed, in the catalogue's order"
        );
        let pairs: Vec<(&str, &str)> = LIBRARY.iter().map(|t| (t.key(), t.name())).collect();
        assert_eq!(
            pairs,
            [
                ("lofi", "Lo-fi"),
                ("upbeat", "Upbeat"),
                ("calm", "Calm"),
                ("cinematic", "Cinematic")
            ]
        );
        assert_eq!(by_src("library:calm").map(LibraryTrack::name), Some("Calm"));
        assert_eq!(by_src("med_1"), None);
        assert_eq!(
            by_key("upbeat").map(LibraryTrack::src),
            Some("library:upbeat".into())
        );
    }

    #[test]
    fn another_track_walks_the_library_in_a_circle() {
        assert_eq!(after(Some("lofi")).key(), "upbeat");
        assert_eq!(after(Some("cinematic")).key(), "lofi");
        assert_eq!(after(None).key(), "lofi");
        assert_eq!(after(Some("med_9")).key(), "lofi");
    }
}
