//! The video as a whole: making one, its transitions, camera motion, frame shape, pace and fades.

use i2v_core::draft::{Motion, TransitionKind};
use crate::agent::understand::MotionStyle;

/// The video as a whole.
pub(in crate::agent::understand) const VIDEO_NOUNS: &[&str] = &[
    "video*", "slideshow*", "slide show", "movie", "film", "montage", "reel", "视频", "影片", "短片",
    "幻灯片", "相册", "短视频", "vlog", "成片",
    "vídeo*", "presentación", "película",
    "動画", "ビデオ", "ムービー", "スライドショー",
];

/// Passing from one picture to the next.
pub(in crate::agent::understand) const TRANSITION: &[&str] = &[
    "transition*", "crossfade*", "cross fade*", "cross dissolve*", "dissolve*", "wipe*", "转场", "过渡",
    "切换效果", "切换", "淡入淡出", "溶解", "叠化", "渐变",
    "transición", "transiciones", "fundido encadenado", "fundidos encadenados",
    "トランジション", "切り替え", "場面転換", "つなぎ",
];

/// Words that ask for crossfades on their own ("smooth", "平滑"); they count as transitions
/// where no music, title or caption is being talked about.
pub(in crate::agent::understand) const SMOOTH: &[&str] = &[
    "smooth*", "fade", "fades", "fading", "平滑", "顺滑", "流畅", "柔和",
    "suave", "suaves", "fundido",
    "なめらか", "滑らか", "スムーズ",
];

/// Transitions by kind, the more specific phrases first in meaning; within
/// a clause the first kind found wins.
pub(in crate::agent::understand) const TRANSITION_KINDS: &[(TransitionKind, &[&str])] = &[
    (
        TransitionKind::FadeBlack,
        &["fade to black", "fade through black", "black", "黑场", "fundido a negro", "a negro", "黒", "暗転"],
    ),
    (
        TransitionKind::FadeWhite,
        &[
            "fade to white", "fade through white", "flash", "white", "闪白", "白场",
            "fundido a blanco", "a blanco", "白",
        ],
    ),
    (
        TransitionKind::SlideLeft,
        &[
            "slide left", "slide to the left", "slideleft", "向左滑", "左滑",
        ],
    ),
    (
        TransitionKind::SlideRight,
        &[
            "slide right", "slide to the right", "slideright", "向右滑", "右滑",
        ],
    ),
    (
        TransitionKind::SlideUp,
        &["slide up", "slideup", "向上滑", "上滑"],
    ),
    (
        TransitionKind::SlideDown,
        &["slide down", "slidedown", "向下滑", "下滑"],
    ),
    (
        TransitionKind::WipeLeft,
        &["wipe left", "wipeleft", "向左擦"],
    ),
    (
        TransitionKind::WipeRight,
        &["wipe right", "wiperight", "向右擦"],
    ),
    (
        TransitionKind::CircleOpen,
        &[
            "circle open", "circleopen", "circle", "iris", "圆形", "圆圈",
        ],
    ),
    (
        TransitionKind::CircleClose,
        &["circle close", "circleclose"],
    ),
    (TransitionKind::Pixelize, &["pixel*", "像素", "马赛克", "pixelado", "ピクセル"]),
    (TransitionKind::Radial, &["radial", "clock", "时钟", "径向"]),
    (TransitionKind::ZoomIn, &["zoom*", "缩放", "放大", "ズーム"]),
    (TransitionKind::Dissolve, &["dissolve*", "溶解", "叠化", "disolución", "disolver", "ディゾルブ"]),
    (
        TransitionKind::SlideLeft,
        &["slide", "slides", "sliding", "push", "滑动", "推移", "滑入", "deslizar", "deslizamiento*", "スライド"],
    ),
    (TransitionKind::WipeLeft, &["wipe", "wipes", "擦除", "barrido", "barridos", "ワイプ"]),
    (
        TransitionKind::Fade,
        &[
            "smooth*", "soft", "gentle", "crossfade*", "cross fade*", "fade", "fades", "fading",
            "平滑", "柔和", "顺滑", "流畅", "淡入淡出", "交叉淡化", "渐变", "淡化", "suave",
            "suaves", "fundido", "fundidos", "fundido encadenado", "fundidos encadenados",
            "クロスフェード", "フェード", "なめらか", "滑らか", "スムーズ",
        ],
    ),
];

/// Asking for plain cuts between pictures.
pub(in crate::agent::understand) const CUTS: &[&str] = &[
    "hard cut*", "straight cut*", "jump cut*", "just cut*", "simple cut*", "直接切换", "硬切", "直切",
    "无转场", "无过渡",
    "corte directo", "cortes directos", "corte seco",
    "カットのみ", "カットで",
];

/// Camera movement over the pictures.
pub(in crate::agent::understand) const MOTION: &[&str] = &[
    "motion", "zoom*", "ken burns", "pan", "pans", "panning", "movement", "animation*", "animate*",
    "动效", "缩放", "推拉", "平移", "运镜", "镜头运动", "动画", "放大", "缩小", "推进", "拉远", "横移",
];

/// Asking for no movement at all.
pub(in crate::agent::understand) const STILL: &[&str] = &[
    "static", "still images", "still photos", "keep them still", "keep it still", "be still",
    "stay still", "no motion", "no movement", "静止", "不动", "无动效", "固定画面",
    "sin movimiento", "estáticas", "estáticos", "fijas",
    "動きなし", "静止",
];

/// Camera movements by kind; `zooms` and `pans` alternate directions from picture to picture.
pub(in crate::agent::understand) const MOTION_KINDS: &[(MotionStyle, &[&str])] = &[
    (
        MotionStyle::Fixed(Motion::ZoomIn),
        &["zoom in", "zooming in", "push in", "放大", "推进", "拉近"],
    ),
    (
        MotionStyle::Fixed(Motion::ZoomOut),
        &[
            "zoom out", "zooming out", "pull out", "pull back", "缩小", "拉远",
        ],
    ),
    (
        MotionStyle::Fixed(Motion::PanLeft),
        &[
            "pan left", "pan to the left", "panning left", "向左平移", "左移",
        ],
    ),
    (
        MotionStyle::Fixed(Motion::PanRight),
        &[
            "pan right", "pan to the right", "panning right", "向右平移", "右移",
        ],
    ),
    (
        MotionStyle::Pans,
        &["pan", "pans", "panning", "平移", "横移"],
    ),
    (
        MotionStyle::Zooms,
        &[
            "zoom*", "ken burns", "缩放", "推拉", "motion", "movement", "动效", "运镜",
        ],
    ),
];

/// Frame shapes.
pub(in crate::agent::understand) const PORTRAIT: &[&str] = &[
    "vertical*", "portrait", "tiktok", "tik tok", "reels", "shorts", "youtube shorts",
    "story format", "instagram story", "9 : 16", "竖屏", "竖版", "竖向", "竖的", "竖着", "竖", "抖音", "快手",
    "视频号",
    "formato vertical",
    "縦長", "縦型", "縦向き", "縦画面", "縦",
];

/// See [`PORTRAIT`].
pub(in crate::agent::understand) const SQUARE: &[&str] = &[
    "square", "1 : 1", "instagram post", "方形", "正方形", "方屏", "方的",
    "cuadrado", "cuadrada", "cuadrados",
    "正方形", "スクエア",
];

/// See [`PORTRAIT`].
pub(in crate::agent::understand) const LANDSCAPE: &[&str] = &[
    "landscape", "horizontal*", "widescreen", "wide screen", "wide", "16 : 9", "youtube", "横屏",
    "横版", "横向", "宽屏", "横的",
    "apaisado", "panorámico",
    "横長", "横型", "横向き", "横画面", "ワイド",
];

/// Making a video from the pictures.
pub(in crate::agent::understand) const GENERATE: &[&str] = &[
    "make", "create", "generate", "build", "produce", "turn", "compile", "put together", "assemble",
    "生成", "制作", "做", "做成", "合成", "创建", "弄",
    "haz", "hazme", "hacer", "crea", "créame", "crear", "genera", "generar", "monta", "convierte",
    "作って", "作る", "作成", "作成して", "作りたい", "つくって", "生成して", "まとめて",
    "quiero",
];

/// Markers that the video asked for is a new one ("a video", "into a video", "一个视频"); not
/// 做成 alone, which also reshapes the current one (做成竖屏视频).
pub(in crate::agent::understand) const NEW_VIDEO: &[&str] = &[
    "a", "an", "new", "another", "into", "from", "these", "those", "一个", "一段", "一部", "新的", "这些",
    "把这些", "用这些",
    "un", "una", "nuevo", "nueva", "otro", "con estas", "de estas", "con las fotos",
    "con mis fotos",
    "新しい", "新しく", "写真で", "この写真で", "これらの写真で",
    "otra vez", "de nuevo",
    "もう一度", "もう一回", "再度", "改めて",
];

/// Asking to start over. "redo" and 重做 alone bring back what was undone ([`REDO`](super::REDO)); with the
/// video named they still mean a new one.
pub(in crate::agent::understand) const REGENERATE: &[&str] = &[
    "regenerate", "start over", "from scratch", "remake", "re make", "重新生成", "重新制作",
    "重来", "再做一个", "重新做", "redo the video", "redo the whole video", "redo the whole thing",
    "redo my video", "redo this video", "重做视频", "重做一个", "重做整个视频",
    "empieza de nuevo", "desde cero", "rehaz el vídeo", "vuelve a hacer el vídeo",
    "作り直して", "作り直し", "最初から作って",
];

/// The 4:5 frame by name (ratios written in digits are read by `aspect`).
pub(in crate::agent::understand) const TALL: &[&str] = &[
    "instagram portrait", "portrait post", "instagram feed", "feed post", "ig portrait",
    "portrait instagram", "ins 竖版", "ins 竖屏",
];

/// The 4:3 frame by name.
pub(in crate::agent::understand) const CLASSIC: &[&str] = &[
    "classic tv", "classic television", "old tv", "old school tv", "old television", "tv format",
    "tv shape", "standard tv", "传统电视", "老电视", "经典电视", "电视比例",
];

/// Words that say a ratio in the clause is a frame shape.
pub(in crate::agent::understand) const RATIO_WORDS: &[&str] = &[
    "aspect*", "ratio", "format", "frame", "shape", "widescreen", "cinema*", "比例", "画幅", "尺寸", "画面",
    "宽高比", "屏",
    "formato", "relación de aspecto", "proporción",
    "比率", "アスペクト比", "画面比", "サイズ",
];

/// What stands between the two numbers of a ratio: `4:5`, `4/5`, `4x5`, `4 by 5`, `4比5`.
pub(in crate::agent::understand) const RATIO_SEPARATORS: &[&str] = &[":", "/", "x", "×", "by", "比"];

/// The pace of the video asked quicker: shorter pictures ("speed it up", "节奏快一点").
pub(in crate::agent::understand) const PACE_FASTER: &[&str] = &[
    "faster", "quicker", "speed up", "speed it up", "speed this up", "speed things up",
    "speed the video up", "pick up the pace", "faster pace", "quicker pace", "fast paced",
    "faster paced", "more fast paced", "snappier", "brisker", "too slow", "less slow", "快一点", "快点",
    "快些", "加快", "节奏快", "快节奏", "紧凑一点", "紧凑些", "太慢",
    "más rápido", "más rápida", "acelera", "acelerar", "ritmo más rápido",
    "テンポを速く", "テンポアップ", "速く", "速くして", "もっと速く",
];

/// The pace asked slower: longer pictures ("slow it down", "more relaxed pace", "慢一点").
pub(in crate::agent::understand) const PACE_SLOWER: &[&str] = &[
    "slower", "slow down", "slow it down", "slow this down", "slow things down",
    "slow the video down", "slower pace", "slow paced", "slower paced", "relaxed pace",
    "more relaxed", "more relaxed pace", "more leisurely", "leisurely", "less rushed",
    "calmer pace", "gentler pace", "too fast", "too quick", "too rushed", "慢一点", "慢点", "慢些", "放慢",
    "节奏慢", "慢节奏", "节奏舒缓", "舒缓一点", "太快", "太赶",
    "más lento", "más lenta", "más despacio", "ritmo más lento",
    "テンポを遅く", "ゆっくり", "遅く", "遅くして", "もっとゆっくり",
];

/// Fading the whole video in from black ("fade in from black at the start", "淡入开头").
pub(in crate::agent::understand) const FADE_IN: &[&str] = &[
    "fade in", "fades in", "fading in", "fade up", "fade from black", "fade up from black",
    "fade in from black", "from black", "fade the video in", "fade it in", "淡入", "渐显", "从黑场",
    "从黑色", "黑场淡入",
    "fundido de entrada",
    "フェードイン",
];

/// Fading the whole video out ("fade out at the end", "结尾淡出").
pub(in crate::agent::understand) const FADE_OUT: &[&str] = &[
    "fade out", "fades out", "fading out", "fade away", "fade out to black", "fade the video out",
    "fade it out", "淡出", "渐隐",
    "fundido de salida", "fundido final",
    "フェードアウト",
];

/// Fading to black, which means the video's end only where the end is named ("fade to black
/// at the end"); alone it is the transition of that name.
pub(in crate::agent::understand) const FADE_TO_BLACK: &[&str] = &[
    "fade to black", "fade into black", "fades to black", "fading to black", "cut to black", "渐黑",
    "黑场结束", "淡出到黑",
    "fundido a negro", "fundido en negro",
    "暗転",
];

/// The start of the video, for fades.
pub(in crate::agent::understand) const VIDEO_START: &[&str] = &[
    "start", "beginning", "opening", "open", "intro", "开头", "开始", "片头", "开场",
    "principio", "inicio", "comienzo",
    "最初", "冒頭", "始まり",
];

/// The end of the video, for fades.
pub(in crate::agent::understand) const VIDEO_END: &[&str] = &[
    "end", "ending", "close", "finish", "outro", "结尾", "结束", "片尾", "最后", "末尾",
    "final", "fin",
    "最後", "終わり", "ラスト",
];

/// The pictures asked to cover the frame ("fill the frame", "no blurry borders").
pub(in crate::agent::understand) const FIT_COVER: &[&str] = &[
    "fill the frame", "fill the screen", "fills the frame", "fill the whole frame", "full frame",
    "full screen", "fullscreen", "crop to fill", "no blurry borders", "no blurred borders",
    "no blur borders", "no blurry edges", "no blurry background", "no blurred background",
    "no borders", "no black bars", "without borders", "edge to edge",
    "铺满", "填满画面", "填满", "满屏", "全屏", "不要模糊边", "不要模糊背景", "不要黑边", "去掉黑边", "去掉模糊边",
    "llenar el encuadre", "llena el encuadre", "llenen el encuadre", "pantalla completa", "sin bordes borrosos", "sin bordes", "sin barras negras", "sin fondo borroso",
    "画面いっぱい", "全画面", "ぼかしなし", "黒い帯なし", "余白なし",
];
/// The whole picture asked to show, bars where the shapes differ ("show the whole photo").
pub(in crate::agent::understand) const FIT_CONTAIN: &[&str] = &[
    "show the whole photo", "show the whole picture", "show the whole image", "whole photo",
    "whole picture", "no cropping", "don't crop", "do not crop", "letterbox", "black bars",
    "显示完整", "完整显示", "不要裁剪", "不要裁切", "加黑边",
    "la foto entera", "las fotos enteras", "foto completa", "fotos completas", "sin recortar", "no recortes",
    "全体を表示", "全体が見える", "切り取らない", "トリミングしない",
];
/// The blurred background asked for again.
pub(in crate::agent::understand) const FIT_BLUR: &[&str] = &[
    "blurred background", "blurry background", "blur the background", "blurred borders",
    "模糊背景", "背景模糊",
    "fondo borroso", "fondo desenfocado",
    "背景をぼかし", "ぼかした背景",
];
