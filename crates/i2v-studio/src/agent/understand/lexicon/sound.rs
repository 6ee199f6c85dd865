//! Music and its loudness.

/// Background music.
pub(in crate::agent::understand) const MUSIC: &[&str] = &[
    "music", "song*", "soundtrack*", "bgm", "background track", "tune*", "melody", "audio",
    "backing track", "音乐", "配乐", "背景音乐", "背景乐", "歌", "歌曲", "曲子", "旋律", "音频", "换一首", "换首", "另一首",
    "música", "música de fondo", "canción", "canciones", "banda sonora", "melodía",
    "音楽", "曲", "ミュージック", "bgm", "バックミュージック",
];

/// Loudness.
pub(in crate::agent::understand) const VOLUME: &[&str] = &["volume", "音量", "声音", "volumen", "音量", "ボリューム"];

/// Music the person uploaded, named as music ("use my song").
pub(in crate::agent::understand) const OWN_MUSIC: &[&str] = &[
    "my song*", "my music", "my own music", "my audio", "my track", "我的音乐", "我的歌", "我上传的音乐",
    "我上传的歌", "自己的音乐",
    "mi canción", "mi música", "mis canciones", "la canción que subí",
    "私の曲", "自分の曲", "アップロードした曲", "私の音楽",
];

/// Words that make music talked about the person's own ("use the music I uploaded", "音乐换成
/// 我上传的"); alone they say nothing about music.
pub(in crate::agent::understand) const OWN: &[&str] = &[
    "uploaded", "i uploaded", "mine", "my own", "我上传的", "上传的", "自己的",
    "que subí", "mía", "mío",
    "アップロードした",
];

/// Asking for some other music than the current one.
pub(in crate::agent::understand) const ANOTHER: &[&str] = &[
    "another", "different", "other", "something else", "next", "换一首", "换首", "别的", "其他", "另一首",
    "换一个",
    "otra", "otra canción", "diferente", "distinta",
    "別の", "他の", "違う",
];
