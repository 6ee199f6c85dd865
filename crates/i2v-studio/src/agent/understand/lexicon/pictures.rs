//! Pictures: pointing at them, their places, moving, swapping, keeping, lengths per picture.

/// Pictures, as things to point at ("the second photo", "第二张").
pub(in crate::agent::understand) const IMAGE_NOUNS: &[&str] = &[
    "image*", "photo*", "picture*", "pic", "pics", "clip", "clips", "slide", "slides", "shot",
    "shots", "one", "ones", "图片", "照片", "图", "张", "片段", "段", "幅", "画面",
    "foto", "fotos", "imagen*", "imágenes", "fotografía*", "diapositiva*",
    "写真", "画像", "枚", "枚目",
];

/// Markers of a length per picture.
pub(in crate::agent::understand) const EACH: &[&str] = &["each", "every", "per", "apiece", "每", "各", "cada", "por foto", "ずつ", "ごと", "それぞれ", "あたり", "につき"];

/// Markers of a length per picture when a picture noun is also there ("all photos 4 s").
pub(in crate::agent::understand) const ALL: &[&str] = &["all", "都", "所有", "全部", "todas", "todos", "全部", "すべて", "全て"];

/// Words for a clip's place when moving it.
pub(in crate::agent::understand) const START_PLACE: &[&str] = &[
    "start", "beginning", "front", "first", "top", "开头", "最前面", "最前", "前面", "开始", "第一位", "首位",
    "principio", "inicio", "comienzo", "primer lugar",
    "最初", "先頭", "はじめ",
];

/// See [`START_PLACE`].
pub(in crate::agent::understand) const END_PLACE: &[&str] = &[
    "end", "last", "back", "bottom", "最后", "末尾", "最后面", "结尾", "后面",
    "final", "fin", "último lugar",
    "最後", "末尾", "最後尾",
];

/// Moving, swapping and reversing pictures.
pub(in crate::agent::understand) const MOVE: &[&str] = &[
    "move", "put", "place", "bring", "移到", "移动", "挪到", "放到", "放在", "移", "挪", "调到",
    "mueve", "mover", "muévela", "pasa", "lleva",
    "移動", "移動して", "動かして", "移して",
    "pon", "ponla", "coloca", "colócala",
];

/// See [`MOVE`].
pub(in crate::agent::understand) const SWAP: &[&str] = &[
    "swap", "switch", "exchange", "trade places", "交换", "互换", "调换", "对调", "换位置", "换一下位置", "换下位置",
    "intercambia", "intercambiar", "cambia de lugar",
    "入れ替え", "入れ替えて", "交換",
];

/// Keeping only some pictures ("keep only the first three photos", "只保留前三张").
pub(in crate::agent::understand) const KEEP_ONLY: &[&str] = &[
    "keep only", "only keep", "just keep", "只保留", "只留", "只要",
    "solo", "sólo", "deja solo", "quédate con",
    "だけ残して", "だけにして", "のみ",
    "quiero solo", "deja solo", "deja sólo",
    "だけ残して", "だけにして", "だけ",
];

/// See [`MOVE`].
pub(in crate::agent::understand) const REVERSE: &[&str] = &[
    "reverse*", "backwards", "backward", "倒序", "反转", "颠倒", "倒过来", "反过来",
    "invierte", "invertir", "al revés", "orden inverso",
    "逆順", "逆に", "反転",
];

/// Asking for the new pictures to be added.
pub(in crate::agent::understand) const NEW_IMAGES: &[&str] = &[
    "new", "rest", "remaining", "other", "more", "all", "新", "其他", "其余", "剩下", "更多",
];
