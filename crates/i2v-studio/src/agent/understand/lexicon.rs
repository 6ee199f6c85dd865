//! The word lists: every phrase the rules look for, English and Chinese side by side, then
//! Spanish and Japanese (a line each, at the end of a list).
//!
//! Phrases are written as [`crate::agent::text::phrase`] reads them: English and Spanish words
//! separated by spaces (`*` ends a prefix; accents count either way, "música" is "musica"),
//! Chinese and Japanese as they are written, particles included (動画を作って: traditional and
//! Japanese forms of characters are folded on both sides, so 動画 matches as typed). Where one
//! list holds both a phrase and a longer one that starts the same way, the longer wins.

use i2v_core::draft::{Motion, Position, TransitionKind};

use super::{MotionStyle, Op};

/// Operations and the phrases that say them.
pub(super) const OPS: &[(Op, &[&str])] = &[
    (
        Op::Add,
        &[
            "add", "adding", "put in", "include", "insert", "attach", "give it", "with", "加", "添加",
            "加上", "加入", "加个", "加一个", "配上", "配", "插入", "放上", "来点", "来一首", "来个", "增加",
            "añade", "añadir", "añádele", "agrega", "agregar", "ponle", "pon", "incluye", "mete", "con", "追加", "追加して", "付けて", "つけて", "入れて", "加えて", "足して",
        ],
    ),
    (
        Op::Remove,
        &[
            "remove", "delete", "drop", "cut out", "get rid of", "take out", "take away",
            "take off", "erase", "lose", "without", "no", "turn off", "switch off", "disable",
            "skip", "删除", "删掉", "删了", "删", "去掉", "去除", "去了", "移除", "拿掉", "取消", "关掉", "关闭", "没有",
            "撤掉", "清除", "清空",
            "quita", "quitar", "quítale", "quitale", "elimina", "eliminar", "borra", "borrar", "saca", "sin", "削除", "削除して", "消して", "消す", "外して", "取って", "なし", "無し", "いらない", "不要",
            "オフ", "オフにして",
        ],
    ),
    (
        Op::Change,
        &[
            "change", "set", "switch to", "switch", "replace", "use", "using", "make", "try",
            "go with", "pick", "choose", "rename", "update", "edit", "want", "turn", "改", "改成",
            "改为", "换", "换成", "更换", "设置", "设为", "设成", "用", "使用", "变成", "换个", "调整", "选", "要", "调到",
            "调成", "don't like", "do not like", "hate", "不喜欢", "不好听",
            "cambia", "cambiar", "cámbiala", "usa", "usar", "utiliza", "quiero", "ponla", "にして", "に変えて", "変えて", "変更", "変更して", "使って", "に変更", "にする",
        ],
    ),
    (
        Op::Lower,
        &[
            "lower", "quieter", "softer", "turn down", "down", "decrease", "reduce", "less loud",
            "not so loud", "too loud", "quiet down", "调低", "调小", "小声", "降低", "小一点", "小点", "轻一点",
            "轻点", "低一点", "太吵", "太大声", "太大", "太响", "减小", "弱一点",
            "baja", "bajar", "bájale", "más baja", "más bajo", "más suave", "menos volumen", "demasiado alta", "小さく", "小さくして", "下げて", "小さめ", "うるさい",
            "muy alta", "muy fuerte", "está alta",
        ],
    ),
    (
        Op::Raise,
        &[
            "louder", "raise", "turn up", "up", "increase", "boost", "more volume", "too quiet",
            "too soft", "调高", "调大", "大声", "提高", "大一点", "大点", "响一点", "高一点", "加大", "增大", "太小声", "听不到",
            "听不清",
            "sube", "subir", "súbele", "más alta", "más alto", "más fuerte", "más volumen", "大きく", "大きくして", "上げて", "大きめ",
        ],
    ),
    (
        Op::Mute,
        &[
            "mute", "silence", "silent", "no sound", "静音", "消音", "关掉声音", "关闭声音", "没有声音",
            "silencia", "silenciar", "sin sonido", "ミュート", "ミュートして",
            "quita el sonido", "sin audio", "音を消して", "消音",
        ],
    ),
    (
        Op::Unmute,
        &[
            "unmute", "un mute", "取消静音", "恢复声音", "恢复音乐", "bring back the music",
            "restore the music",
            "quita el silencio", "activa el sonido", "ミュート解除", "ミュートを解除",
        ],
    ),
    (
        Op::Longer,
        &[
            "longer", "extend", "lengthen", "slower", "slow down", "加长", "延长", "拉长", "长一点", "长点",
            "慢一点", "慢点", "放慢",
            "más largo", "más larga", "alarga", "alargar", "長く", "長くして", "長めに",
            "más lentas", "más lenta", "más lento",
            "遅く", "遅くして", "ゆっくりに",
        ],
    ),
    (
        Op::Shorter,
        &[
            "shorter", "shorten", "trim", "faster", "speed up", "quicker", "缩短", "短一点", "短点", "快一点",
            "快点", "加快", "剪短",
            "más corto", "más corta", "acorta", "acortar", "短く", "短くして", "短めに",
            "más rápidas", "más rápida", "más rápido",
            "速く", "速くして",
        ],
    ),
];

/// Negations: removals by themselves ("不要音乐"), and they turn an add or change right after
/// them into a removal ("don't add music", "别加字幕").
pub(super) const NEGATIONS: &[&str] = &[
    "don't", "do not", "never", "不要", "别", "不用", "不需要", "不想要", "不想", "不必",
    "no quiero", "no pongas", "no añadas",
    "いらない",
];

/// Particles that make a verb before them a removal: "turn the music off", "take it out".
pub(super) const OFF_PARTICLES: &[&str] = &["off", "out", "away"];

/// Pictures, as things to point at ("the second photo", "第二张").
pub(super) const IMAGE_NOUNS: &[&str] = &[
    "image*", "photo*", "picture*", "pic", "pics", "clip", "clips", "slide", "slides", "shot",
    "shots", "one", "ones", "图片", "照片", "图", "张", "片段", "段", "幅", "画面",
    "foto", "fotos", "imagen*", "imágenes", "fotografía*", "diapositiva*",
    "写真", "画像", "枚", "枚目",
];

/// The video as a whole.
pub(super) const VIDEO_NOUNS: &[&str] = &[
    "video*", "slideshow*", "slide show", "movie", "film", "montage", "reel", "视频", "影片", "短片",
    "幻灯片", "相册", "短视频", "vlog", "成片",
    "vídeo*", "presentación", "película",
    "動画", "ビデオ", "ムービー", "スライドショー",
];

/// Background music.
pub(super) const MUSIC: &[&str] = &[
    "music", "song*", "soundtrack*", "bgm", "background track", "tune*", "melody", "audio",
    "backing track", "音乐", "配乐", "背景音乐", "背景乐", "歌", "歌曲", "曲子", "旋律", "音频", "换一首", "换首", "另一首",
    "música", "música de fondo", "canción", "canciones", "banda sonora", "melodía",
    "音楽", "曲", "ミュージック", "bgm", "バックミュージック",
];

/// Loudness.
pub(super) const VOLUME: &[&str] = &["volume", "音量", "声音", "volumen", "音量", "ボリューム"];

/// The title.
pub(super) const TITLE: &[&str] = &[
    "title", "titles", "heading", "headline", "title card", "标题", "片名", "题目", "大标题", "text",
    "words", "文字", "文本", "文案",
    "título", "títulos", "titular", "texto",
    "タイトル", "テキスト", "文字",
];

/// Captions and subtitles.
pub(super) const CAPTION: &[&str] = &[
    "caption*", "subtitle*", "subs", "text overlay*", "lower third*", "字幕", "说明文字", "文字说明", "配文",
    "注释",
    "subtítulo*", "leyenda*",
    "字幕", "キャプション", "テロップ",
];

/// Markers that name the title without quotes: what follows, to the end of the clause, is it.
pub(super) const NAMING: &[&str] = &[
    "titled", "called", "named", "saying", "that says", "which says", "title :", "标题为", "标题是",
    "标题叫做", "标题叫", "标题 :", "叫做", "叫", "名为", "写着", "改成", "改为",
    "titulado", "titulada", "llamado", "llamada", "que diga", "que dice", "título :",
    "タイトル :", "という",
];

/// Markers that give a caption's text without quotes ("字幕：海边").
pub(super) const CAPTION_NAMING: &[&str] = &[
    "caption :", "subtitle :", "字幕 :", "saying", "that says", "which says", "写着", "字幕为", "字幕是",
    "改成", "改为",
];

/// Naming the video itself, which sets its title ("call it 'Summer'", "命名为").
pub(super) const NAME_IT: &[&str] = &["call it", "name it", "title it", "命名为", "取名", "llámalo", "titúlalo", "名前は"];

/// Passing from one picture to the next.
pub(super) const TRANSITION: &[&str] = &[
    "transition*", "crossfade*", "cross fade*", "cross dissolve*", "dissolve*", "wipe*", "转场", "过渡",
    "切换效果", "切换", "淡入淡出", "溶解", "叠化", "渐变",
    "transición", "transiciones", "fundido encadenado", "fundidos encadenados",
    "トランジション", "切り替え", "場面転換", "つなぎ",
];

/// Words that ask for crossfades on their own ("smooth", "平滑"); they count as transitions
/// where no music, title or caption is being talked about.
pub(super) const SMOOTH: &[&str] = &[
    "smooth*", "fade", "fades", "fading", "平滑", "顺滑", "流畅", "柔和",
    "suave", "suaves", "fundido",
    "なめらか", "滑らか", "スムーズ",
];

/// Transitions by kind, the more specific phrases first in meaning; within
/// a clause the first kind found wins.
pub(super) const TRANSITION_KINDS: &[(TransitionKind, &[&str])] = &[
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
            "平滑", "柔和", "顺滑", "流畅", "淡入淡出", "交叉淡化", "渐变", "淡化", "suave", "suaves", "fundido", "fundidos", "fundido encadenado", "fundidos encadenados", "クロスフェード", "フェード", "なめらか", "滑らか", "スムーズ",
        ],
    ),
];

/// Asking for plain cuts between pictures.
pub(super) const CUTS: &[&str] = &[
    "hard cut*", "straight cut*", "jump cut*", "just cut*", "simple cut*", "直接切换", "硬切", "直切",
    "无转场", "无过渡",
    "corte directo", "cortes directos", "corte seco",
    "カットのみ", "カットで",
];

/// Camera movement over the pictures.
pub(super) const MOTION: &[&str] = &[
    "motion", "zoom*", "ken burns", "pan", "pans", "panning", "movement", "animation*", "animate*",
    "动效", "缩放", "推拉", "平移", "运镜", "镜头运动", "动画", "放大", "缩小", "推进", "拉远", "横移",
];

/// Asking for no movement at all.
pub(super) const STILL: &[&str] = &[
    "static", "still images", "still photos", "keep them still", "keep it still", "be still",
    "stay still", "no motion", "no movement", "静止", "不动", "无动效", "固定画面",
    "sin movimiento", "estáticas", "estáticos", "fijas",
    "動きなし", "静止",
];

/// Camera movements by kind; `zooms` and `pans` alternate directions from picture to picture.
pub(super) const MOTION_KINDS: &[(MotionStyle, &[&str])] = &[
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
pub(super) const PORTRAIT: &[&str] = &[
    "vertical*", "portrait", "tiktok", "tik tok", "reels", "shorts", "youtube shorts",
    "story format", "instagram story", "9 : 16", "竖屏", "竖版", "竖向", "竖的", "竖着", "竖", "抖音", "快手",
    "视频号",
    "formato vertical",
    "縦長", "縦型", "縦向き", "縦画面", "縦",
];
/// See [`PORTRAIT`].
pub(super) const SQUARE: &[&str] = &[
    "square", "1 : 1", "instagram post", "方形", "正方形", "方屏", "方的",
    "cuadrado", "cuadrada", "cuadrados",
    "正方形", "スクエア",
];
/// See [`PORTRAIT`].
pub(super) const LANDSCAPE: &[&str] = &[
    "landscape", "horizontal*", "widescreen", "wide screen", "wide", "16 : 9", "youtube", "横屏",
    "横版", "横向", "宽屏", "横的",
    "apaisado", "panorámico",
    "横長", "横型", "横向き", "横画面", "ワイド",
];

/// Music the person uploaded, named as music ("use my song").
pub(super) const OWN_MUSIC: &[&str] = &[
    "my song*", "my music", "my own music", "my audio", "my track", "我的音乐", "我的歌", "我上传的音乐",
    "我上传的歌", "自己的音乐",
    "mi canción", "mi música", "mis canciones", "la canción que subí",
    "私の曲", "自分の曲", "アップロードした曲", "私の音楽",
];
/// Words that make music talked about the person's own ("use the music I uploaded", "音乐换成
/// 我上传的"); alone they say nothing about music.
pub(super) const OWN: &[&str] = &[
    "uploaded", "i uploaded", "mine", "my own", "我上传的", "上传的", "自己的",
    "que subí", "mía", "mío",
    "アップロードした",
];

/// Asking for some other music than the current one.
pub(super) const ANOTHER: &[&str] = &[
    "another", "different", "other", "something else", "next", "换一首", "换首", "别的", "其他", "另一首",
    "换一个",
    "otra", "otra canción", "diferente", "distinta",
    "別の", "他の", "違う",
];

/// Making text larger or smaller.
pub(super) const BIGGER: &[&str] = &["bigger", "larger", "放大", "大一点", "大点", "大些", "más grande", "大きく"];
/// See [`BIGGER`].
pub(super) const SMALLER: &[&str] = &["smaller", "缩小", "小一点", "小点", "小些", "más pequeño", "más pequeña", "小さく"];

/// Markers of a length per picture.
pub(super) const EACH: &[&str] = &["each", "every", "per", "apiece", "每", "各", "cada", "por foto", "ずつ", "ごと", "それぞれ", "あたり", "につき"];
/// Markers of a length per picture when a picture noun is also there ("all photos 4 s").
pub(super) const ALL: &[&str] = &["all", "都", "所有", "全部", "todas", "todos", "全部", "すべて", "全て"];

/// Words for a clip's place when moving it.
pub(super) const START_PLACE: &[&str] = &[
    "start", "beginning", "front", "first", "top", "开头", "最前面", "最前", "前面", "开始", "第一位", "首位",
    "principio", "inicio", "comienzo", "primer lugar",
    "最初", "先頭", "はじめ",
];
/// See [`START_PLACE`].
pub(super) const END_PLACE: &[&str] = &[
    "end", "last", "back", "bottom", "最后", "末尾", "最后面", "结尾", "后面",
    "final", "fin", "último lugar",
    "最後", "末尾", "最後尾",
];

/// Moving, swapping and reversing pictures.
pub(super) const MOVE: &[&str] = &[
    "move", "put", "place", "bring", "移到", "移动", "挪到", "放到", "放在", "移", "挪", "调到",
    "mueve", "mover", "muévela", "pasa", "lleva",
    "移動", "移動して", "動かして", "移して",
    "pon", "ponla", "coloca", "colócala",
];
/// See [`MOVE`].
pub(super) const SWAP: &[&str] = &[
    "swap", "switch", "exchange", "trade places", "交换", "互换", "调换", "对调", "换位置", "换一下位置", "换下位置",
    "intercambia", "intercambiar", "cambia de lugar",
    "入れ替え", "入れ替えて", "交換",
];
/// Keeping only some pictures ("keep only the first three photos", "只保留前三张").
pub(super) const KEEP_ONLY: &[&str] = &[
    "keep only", "only keep", "just keep", "只保留", "只留", "只要",
    "solo", "sólo", "deja solo", "quédate con",
    "だけ残して", "だけにして", "のみ",
    "quiero solo", "deja solo", "deja sólo",
    "だけ残して", "だけにして", "だけ",
];
/// See [`MOVE`].
pub(super) const REVERSE: &[&str] = &[
    "reverse*", "backwards", "backward", "倒序", "反转", "颠倒", "倒过来", "反过来",
    "invierte", "invertir", "al revés", "orden inverso",
    "逆順", "逆に", "反転",
];

/// Asking for the new pictures to be added.
pub(super) const NEW_IMAGES: &[&str] = &[
    "new", "rest", "remaining", "other", "more", "all", "新", "其他", "其余", "剩下", "更多",
];

/// Questions about how to do something: answered with help, never acted on.
pub(super) const QUESTIONS: &[&str] = &[
    "how do i", "how can i", "how to", "how do you", "what is", "what does", "怎么", "如何", "怎样",
    "cómo puedo", "cómo se", "qué es",
    "どうやって", "どうすれば", "どうしたら",
];

/// Asking for the finished file, which the editor's Export button does.
pub(super) const EXPORT: &[&str] = &[
    "export", "download", "render", "save the video", "导出", "下载", "保存视频",
    "exporta", "exportar", "descarga", "descargar",
    "エクスポート", "書き出し", "書き出して", "ダウンロード",
];

/// Making a video from the pictures.
pub(super) const GENERATE: &[&str] = &[
    "make", "create", "generate", "build", "produce", "turn", "compile", "put together", "assemble",
    "生成", "制作", "做", "做成", "合成", "创建", "弄",
    "haz", "hazme", "hacer", "crea", "créame", "crear", "genera", "generar", "monta", "convierte",
    "作って", "作る", "作成", "作成して", "作りたい", "つくって", "生成して", "まとめて",
    "quiero",
];
/// Markers that the video asked for is a new one ("a video", "into a video", "一个视频"); not
/// 做成 alone, which also reshapes the current one (做成竖屏视频).
pub(super) const NEW_VIDEO: &[&str] = &[
    "a", "an", "new", "another", "into", "from", "these", "those", "一个", "一段", "一部", "新的", "这些",
    "把这些", "用这些",
    "un", "una", "nuevo", "nueva", "otro", "con estas", "de estas", "con las fotos", "con mis fotos",
    "新しい", "新しく", "写真で", "この写真で", "これらの写真で",
];
/// Asking to start over. "redo" and 重做 alone bring back what was undone ([`REDO`]); with the
/// video named they still mean a new one.
pub(super) const REGENERATE: &[&str] = &[
    "regenerate", "start over", "from scratch", "remake", "re make", "重新生成", "重新制作",
    "重来", "再做一个", "重新做", "redo the video", "redo the whole video", "redo the whole thing",
    "redo my video", "redo this video", "重做视频", "重做一个", "重做整个视频",
    "empieza de nuevo", "desde cero", "rehaz el vídeo", "vuelve a hacer el vídeo",
    "作り直して", "作り直し", "最初から作って",
];

/// Words that say nothing to act on by themselves: politeness, pronouns, filler. A clause made
/// of these alone is not reported as misunderstood.
pub(super) const FILLERS: &[&str] = &[
    "please", "pls", "plz", "thanks", "thank you", "thx", "ok", "okay", "hi", "hey", "hello", "can",
    "could", "would", "will", "you", "i", "me", "my", "we", "us", "our", "it", "its", "this",
    "that", "these", "those", "the", "a", "an", "just", "so", "now", "also", "too", "maybe", "like",
    "want", "wanna", "need", "let's", "lets", "let", "some", "bit", "little", "really", "very",
    "great", "nice", "cool", "good", "awesome", "perfect", "yes", "yeah", "sure", "hmm", "well",
    "请", "谢谢", "谢了", "好的", "好", "嗯", "哦", "啊", "吧", "呢", "吗", "呀", "了", "的", "帮我", "帮", "一下", "麻烦",
    "可以", "能", "你", "我", "我们", "这个", "那个", "这", "那", "把", "给", "再", "就", "很", "太好了", "不错", "行",
    "por favor", "porfa", "gracias", "vale", "hola", "el", "la", "los", "las", "lo", "un", "una", "de", "del", "me", "mi", "mis", "este", "esta", "que", "puedes", "podrías", "bien", "genial",
    "ください", "お願い", "お願いします", "して", "を", "に", "で", "の", "は", "が", "も", "て", "ね", "よ", "ちょっと", "少し", "もう少し",
    "こんにちは", "ありがとう", "ありがとうございます", "どうも", "はい", "いいね",
];

/// The 4:5 frame by name (ratios written in digits are read by `aspect`).
pub(super) const TALL: &[&str] = &[
    "instagram portrait", "portrait post", "instagram feed", "feed post", "ig portrait",
    "portrait instagram", "ins 竖版", "ins 竖屏",
];
/// The 4:3 frame by name.
pub(super) const CLASSIC: &[&str] = &[
    "classic tv", "classic television", "old tv", "old school tv", "old television", "tv format",
    "tv shape", "standard tv", "传统电视", "老电视", "经典电视", "电视比例",
];
/// Words that say a ratio in the clause is a frame shape.
pub(super) const RATIO_WORDS: &[&str] = &[
    "aspect*", "ratio", "format", "frame", "shape", "widescreen", "cinema*", "比例", "画幅", "尺寸", "画面",
    "宽高比", "屏",
    "formato", "relación de aspecto", "proporción",
    "比率", "アスペクト比", "画面比", "サイズ",
];
/// What stands between the two numbers of a ratio: `4:5`, `4/5`, `4x5`, `4 by 5`, `4比5`.
pub(super) const RATIO_SEPARATORS: &[&str] = &[":", "/", "x", "×", "by", "比"];

/// The pace of the video asked quicker: shorter pictures ("speed it up", "节奏快一点").
pub(super) const PACE_FASTER: &[&str] = &[
    "faster", "quicker", "speed up", "speed it up", "speed this up", "speed things up",
    "speed the video up", "pick up the pace", "faster pace", "quicker pace", "fast paced",
    "faster paced", "more fast paced", "snappier", "brisker", "too slow", "less slow", "快一点", "快点",
    "快些", "加快", "节奏快", "快节奏", "紧凑一点", "紧凑些", "太慢",
    "más rápido", "más rápida", "acelera", "acelerar", "ritmo más rápido",
    "テンポを速く", "テンポアップ", "速く", "速くして", "もっと速く",
];
/// The pace asked slower: longer pictures ("slow it down", "more relaxed pace", "慢一点").
pub(super) const PACE_SLOWER: &[&str] = &[
    "slower", "slow down", "slow it down", "slow this down", "slow things down",
    "slow the video down", "slower pace", "slow paced", "slower paced", "relaxed pace",
    "more relaxed", "more relaxed pace", "more leisurely", "leisurely", "less rushed",
    "calmer pace", "gentler pace", "too fast", "too quick", "too rushed", "慢一点", "慢点", "慢些", "放慢",
    "节奏慢", "慢节奏", "节奏舒缓", "舒缓一点", "太快", "太赶",
    "más lento", "más lenta", "más despacio", "ritmo más lento",
    "テンポを遅く", "ゆっくり", "遅く", "遅くして", "もっとゆっくり",
];

/// Fading the whole video in from black ("fade in from black at the start", "淡入开头").
pub(super) const FADE_IN: &[&str] = &[
    "fade in", "fades in", "fading in", "fade up", "fade from black", "fade up from black",
    "fade in from black", "from black", "淡入", "渐显", "从黑场", "从黑色", "黑场淡入",
    "fundido de entrada",
    "フェードイン",
];
/// Fading the whole video out ("fade out at the end", "结尾淡出").
pub(super) const FADE_OUT: &[&str] = &[
    "fade out", "fades out", "fading out", "fade away", "fade out to black", "淡出", "渐隐",
    "fundido de salida", "fundido final",
    "フェードアウト",
];
/// Fading to black, which means the video's end only where the end is named ("fade to black
/// at the end"); alone it is the transition of that name.
pub(super) const FADE_TO_BLACK: &[&str] = &[
    "fade to black", "fade into black", "fades to black", "fading to black", "cut to black", "渐黑",
    "黑场结束", "淡出到黑",
    "fundido a negro", "fundido en negro",
    "暗転",
];
/// The start of the video, for fades.
pub(super) const VIDEO_START: &[&str] = &[
    "start", "beginning", "opening", "open", "intro", "开头", "开始", "片头", "开场",
    "principio", "inicio", "comienzo",
    "最初", "冒頭", "始まり",
];
/// The end of the video, for fades.
pub(super) const VIDEO_END: &[&str] = &[
    "end", "ending", "close", "finish", "outro", "结尾", "结束", "片尾", "最后", "末尾",
    "final", "fin",
    "最後", "終わり", "ラスト",
];

/// Naming the video wherever it stands: the title's words follow ("titled Summer Trip", 名为…).
pub(super) const TITLED: &[&str] = &[
    "titled", "entitled", "with the title", "名为", "题为", "取名为", "取名叫", "命名为", "改名为",
    "改名叫", "改名成", "重命名为", "叫它", "就叫",
    "con el título", "con título", "titulado", "titulada", "con el nombre",
    "というタイトルの", "タイトルは",
];

/// "called", "named": naming the video only right after it ("a video called …", "视频叫…").
pub(super) const CALLED: &[&str] = &["called", "named", "叫做", "叫"];

/// What "called" and "named" must follow to name the video, besides a video noun.
pub(super) const IT: &[&str] = &["it", "this", "that", "它", "这个"];

/// Renaming the video: its new title follows ("rename it Summer Trip").
pub(super) const RENAME: &[&str] = &[
    "rename it to", "rename it as", "rename it", "rename this to", "rename this", "rename the video*",
    "rename the video* to", "rename the title to", "rename to", "rename as", "retitle it",
    "retitle it to", "retitle the video*", "retitle the video* to",
];

/// Words that lead from a title word to its new words ("change the title to …", 标题改成…).
pub(super) const TEXT_LINKS: &[&str] = &[
    "to", "to be", "to read", "to say", "as", "into", "is", "should be", "should say", "reads",
    ":", "为", "是", "改成", "改为", "换成", "设为", "叫", "叫做",
    "a", "por", "en",
    "に", "は", "を",
];

/// Words that end a title given without quotes ("a video called Summer Trip with calm music").
pub(super) const TEXT_ENDS: &[&str] = &[
    "with", "without", "and", "then", "using", "plus", "but", "please", "featuring", "set to",
    "con", "y", "sin", "luego",
    "にして", "に変えて", "に変更して", "に変更", "にする",
    "に", "へ",
];

/// Words that cannot begin a title given without quotes ("add a title at the end").
pub(super) const NOT_A_TEXT: &[&str] = &[
    "for", "at", "on", "over", "in", "to", "that", "which", "of", "from", "please", "too", "so",
    "a bit", "a little", "在", "放", "显示", "的",
    "para", "en", "de", "al",
    "追加", "付けて", "つけて", "入れて", "削除", "消して", "変更", "にして", "して", "表示", "を",
    "上に", "下に", "中央に", "真ん中に", "上へ", "下へ", "大きく", "小さく",
];

/// Where a text sits in the frame.
pub(super) const TEXT_POSITIONS: &[(Position, &[&str])] = &[
    (
        Position::Top,
        &[
            "top", "the top", "upper part", "顶部", "顶端", "上方", "上部", "最上面", "最上方",
            "在上面", "到上面", "放上面", "上边",
            "arriba", "parte superior", "上部", "画面の上", "上に",
        ],
    ),
    (
        Position::Bottom,
        &[
            "bottom", "the bottom", "lower part", "底部", "底端", "下方", "下部", "最下面", "最下方",
            "在下面", "到下面", "放下面", "下边",
            "abajo", "parte inferior", "下部", "画面の下", "下に",
        ],
    ),
    (
        Position::Center,
        &[
            "center", "centre", "centered", "centred", "middle", "the middle", "the center",
            "the centre", "中间", "中央", "正中", "正中间", "居中", "中部",
            "centro", "el centro", "en el centro", "medio", "中央", "真ん中", "中心",
        ],
    ),
];

/// Words that lead to a place or a colour ("at the top", "in red", "to the bottom").
pub(super) const LOOK_LINKS: &[&str] = &["at", "to", "in", "on", "into", "at the", "to the", "in the", "on the"];

/// Colours by the English name the core reads (`i2v_core::draft::color_hex`), and how people say
/// them.
pub(super) const COLOURS: &[(&str, &[&str])] = &[
    ("white", &["white", "白色", "blanco", "blanca", "白", "白色"]),
    ("black", &["black", "黑色", "negro", "negra", "黒", "黒色"]),
    ("red", &["red", "红色", "大红色", "rojo", "roja", "赤", "赤色"]),
    ("green", &["green", "绿色", "verde", "緑", "緑色"]),
    ("blue", &["blue", "蓝色", "azul", "青", "青色"]),
    ("yellow", &["yellow", "黄色", "amarillo", "amarilla", "黄色"]),
    ("orange", &["orange", "橙色", "橘色", "橘黄色", "naranja", "オレンジ"]),
    ("pink", &["pink", "粉色", "粉红色", "rosa", "ピンク"]),
    ("purple", &["purple", "violet", "紫色", "morado", "morada", "紫", "紫色"]),
    ("gray", &["gray", "grey", "灰色", "gris", "グレー", "灰色"]),
    ("cyan", &["cyan", "青色", "cian", "シアン"]),
    ("gold", &["gold", "golden", "金色", "金黄色", "dorado", "dorada", "金色"]),
];

/// The size of a text as a number ("font size 96", "字号96").
pub(super) const FONT_SIZE: &[&str] = &[
    "font size", "font size of", "font size to", "text size", "text size to", "size", "size to",
    "字号", "字体大小", "字的大小", "字号为", "字号改成", "字号调到", "字体大小为", "字体大小改成",
];

/// Moments to show a text at: the opening.
pub(super) const AT_START: &[&str] = &[
    "at the start", "at the very start", "at the beginning", "at the very beginning",
    "at the start of the video*", "at the beginning of the video*", "in the beginning",
    "开头", "片头", "一开始", "视频开始",
    "al principio", "al inicio", "al comienzo",
    "最初に", "冒頭に",
];

/// Moments to show a text at: the end.
pub(super) const AT_END: &[&str] = &[
    "at the end", "at the very end", "at the end of the video*", "to the end", "end of the video*",
    "as the ending", "as an ending", "结尾", "片尾", "末尾", "结尾处", "结束时", "结束的时候",
    "在最后", "最后面",
    "al final", "al final del vídeo",
    "最後に", "終わりに", "ラストに",
];

/// The last stretch of the video, before its length ("the last 3 seconds", "最后3秒").
pub(super) const LAST_STRETCH: &[&str] = &[
    "last", "final", "the last", "the final", "最后", "结尾", "末尾", "结尾的", "最后的",
];

/// The first stretch of the video, before its length ("the first 2 seconds", "前2秒").
pub(super) const FIRST_STRETCH: &[&str] = &["first", "the first", "opening", "前", "开头"];

/// Words that begin a stretch of time ("from 2 to 5 seconds", "从第2秒到第5秒").
pub(super) const TIME_FROM: &[&str] = &["from", "between", "从", "在"];

/// Words between the two ends of a stretch of time.
pub(super) const TIME_TO: &[&str] = &[
    "to", "until", "till", "through", "and", "~", "–", "—", "到", "至",
];

/// Words that put a text on a picture ("over photo 3", "在第三张上").
pub(super) const ON_PICTURE: &[&str] = &[
    "on", "over", "onto", "across", "during", "for", "to", "in", "at", "在", "给",
];

/// Taking back the last change, wherever it stands in the clause ("please undo the title
/// change", "撤销上一步").
pub(super) const UNDO: &[&str] = &[
    "undo", "un do", "撤销", "撤回", "撤消", "恢复上一步", "回到上一步", "返回上一步",
    "退回上一步", "回退", "退回", "后退一步",
    "deshacer", "deshaz", "deshazlo",
    "元に戻して", "元に戻す", "元に戻", "取り消し", "取り消して", "アンドゥ",
];
/// Bringing back what was undone ("redo", "重做").
pub(super) const REDO: &[&str] = &[
    "redo", "re do", "重做", "恢复撤销", "取消撤销", "撤销撤销", "反撤销",
    "rehacer", "rehaz", "rehazlo",
    "やり直し", "やり直して", "リドゥ",
];
/// Taking back the last change, but only as the whole clause give or take [`HISTORY_FILLERS`]:
/// the same words also move pictures ("put the first photo back") or name a shape ("revert to
/// landscape").
pub(super) const UNDO_WHOLE: &[&str] = &[
    "go back", "revert", "put it back", "put that back", "put back", "change it back",
    "change that back", "set it back", "take it back", "take that back", "roll back",
    "rollback", "restore", "回到之前", "回到原来", "回到刚才", "恢复原样", "恢复原状", "恢复之前",
    "恢复到之前", "恢复刚才", "改回来", "改回去", "变回来", "变回去", "还原", "上一步",
];
/// Words that may stand around an undo or a redo without being another instruction ("go back to
/// how it was before, please", "帮我回到之前的样子吧").
pub(super) const HISTORY_FILLERS: &[&str] = &[
    "please", "pls", "can you", "could you", "would you", "just", "now", "that", "this", "it",
    "them", "those", "the", "a", "my", "last", "latest", "previous", "recent", "most recent",
    "one", "change", "changes", "edit", "edits", "step", "steps", "thing", "things", "to", "how",
    "it was", "it looked", "the way", "before", "earlier", "version", "state", "again", "thanks",
    "thank you", "ok", "okay", "hey", "oops", "actually", "i", "want", "let's", "lets", "back", "请", "帮我", "给我", "把", "它", "这个", "那个", "一下", "的", "样子", "那样",
    "状态", "版本", "效果", "吧", "了", "啊", "呀", "吗", "我", "想", "要", "还是", "算了",
    "之前", "刚才", "原来", "一步", "修改", "操作",
    "por favor", "el", "la", "lo", "eso", "último", "cambio", "cambios", "paso", "pasos", "otra vez", "de nuevo",
    "して", "ください", "を", "に", "直前", "の", "変更", "お願い", "お願いします", "さっき", "前", "ね", "よ",
];
/// What a count of changes is counted in ("the last two changes", "3 steps", "两步").
pub(super) const COUNT_NOUNS: &[&str] = &[
    "change", "changes", "edit", "edits", "step", "steps", "time", "times", "thing", "things",
    "action", "actions", "move", "moves", "步", "次", "下", "个修改", "处修改", "个操作", "项修改",
    "cambio", "cambios", "paso", "pasos", "veces",
    "回", "件", "ステップ",
    "últimos cambios", "últimos pasos",
    "つ", "個",
];
/// Counts said in one word ("undo twice").
pub(super) const COUNT_WORDS: &[(usize, &[&str])] = &[
    (1, &["once"]),
    (2, &["twice", "a couple", "couple"]),
    (3, &["thrice"]),
];
/// Every change there is ("undo everything", "全部撤销").
pub(super) const EVERY_CHANGE: &[&str] = &[
    "everything", "all", "all of it", "all changes", "all the changes", "全部", "所有", "一切",
    "所有修改", "全部修改",
    "todo", "todos los cambios",
    "全部", "すべて", "全て",
];
/// Words after which a number counts changes without a count noun ("the last two", 最近两个).
pub(super) const COUNT_LEADS: &[&str] = &[
    "last", "previous", "past", "latest", "最后", "最近", "上", "前",
];
