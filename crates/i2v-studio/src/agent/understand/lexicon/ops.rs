//! Operations and the words around them: what a clause asks to do, negations, questions,
//! export, and words that say nothing.

use crate::agent::understand::Op;

/// Operations and the phrases that say them.
pub(in crate::agent::understand) const OPS: &[(Op, &[&str])] = &[
    (
        Op::Add,
        &[
            "add", "adding", "put in", "include", "insert", "attach", "give it", "with", "加", "添加",
            "加上", "加入", "加个", "加一个", "配上", "配", "插入", "放上", "来点", "来一首", "来个", "增加",
            "añade", "añadir", "añádele", "agrega", "agregar", "ponle", "pon", "incluye", "mete",
            "con", "追加", "追加して", "付けて", "つけて", "入れて", "加えて", "足して",
        ],
    ),
    (
        Op::Remove,
        &[
            "remove", "delete", "drop", "cut out", "get rid of", "take out", "take away",
            "take off", "erase", "lose", "without", "no", "turn off", "switch off", "disable",
            "skip", "删除", "删掉", "删了", "删", "去掉", "去除", "去了", "移除", "拿掉", "取消", "关掉", "关闭", "没有",
            "撤掉", "清除", "清空",
            "quita", "quitar", "quítale", "quitale", "elimina", "eliminar", "borra", "borrar",
            "saca", "sin", "削除", "削除して", "消して", "消す", "外して", "取って", "なし", "無し",
            "いらない", "不要",
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
            "cambia", "cambiar", "cámbiala", "usa", "usar", "utiliza", "quiero", "ponla", "にして",
            "に変えて", "変えて", "変更", "変更して", "使って", "に変更", "にする",
        ],
    ),
    (
        Op::Lower,
        &[
            "lower", "quieter", "softer", "turn down", "down", "decrease", "reduce", "less loud",
            "not so loud", "too loud", "quiet down", "调低", "调小", "小声", "降低", "小一点", "小点", "轻一点",
            "轻点", "低一点", "太吵", "太大声", "太大", "太响", "减小", "弱一点",
            "baja", "bajar", "bájale", "más baja", "más bajo", "más suave", "menos volumen",
            "demasiado alta", "小さく", "小さくして", "下げて", "小さめ", "うるさい",
            "muy alta", "muy fuerte", "está alta",
        ],
    ),
    (
        Op::Raise,
        &[
            "louder", "raise", "turn up", "up", "increase", "boost", "more volume", "too quiet",
            "too soft", "调高", "调大", "大声", "提高", "大一点", "大点", "响一点", "高一点", "加大", "增大", "太小声", "听不到",
            "听不清",
            "sube", "subir", "súbele", "más alta", "más alto", "más fuerte", "más volumen",
            "大きく", "大きくして", "上げて", "大きめ",
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
pub(in crate::agent::understand) const NEGATIONS: &[&str] = &[
    "don't", "do not", "never", "不要", "别", "不用", "不需要", "不想要", "不想", "不必",
    "no quiero", "no pongas", "no añadas",
    "いらない",
];

/// Particles that make a verb before them a removal: "turn the music off", "take it out".
pub(in crate::agent::understand) const OFF_PARTICLES: &[&str] = &["off", "out", "away"];

/// Questions about how to do something: answered with help, never acted on.
pub(in crate::agent::understand) const QUESTIONS: &[&str] = &[
    "how do i", "how can i", "how to", "how do you", "what is", "what does", "怎么", "如何", "怎样",
    "cómo puedo", "cómo se", "qué es",
    "どうやって", "どうすれば", "どうしたら",
];

/// Asking what the agent can do: the help text is the answer, so nothing is left not understood.
pub(in crate::agent::understand) const HELP: &[&str] = &[
    "help", "what can you do", "what can i do", "what can i ask", "what do you do",
    "帮助", "帮帮我", "你能做什么", "能做什么", "ayuda", "ayúdame", "qué puedes hacer",
    "ヘルプ", "何ができる", "助けて",
];

/// Asking for the finished file, which the editor's Export button does.
pub(in crate::agent::understand) const EXPORT: &[&str] = &[
    "export", "download", "render", "save the video", "导出", "下载", "保存视频",
    "exporta", "exportar", "descarga", "descargar",
    "エクスポート", "書き出し", "書き出して", "ダウンロード",
];

/// Words that say nothing to act on by themselves: politeness, pronouns, filler. A clause made
/// of these alone is not reported as misunderstood.
pub(in crate::agent::understand) const FILLERS: &[&str] = &[
    "please", "pls", "plz", "thanks", "thank you", "thx", "ok", "okay", "hi", "hey", "hello", "can",
    "could", "would", "will", "you", "i", "me", "my", "we", "us", "our", "it", "its", "this",
    "that", "these", "those", "the", "a", "an", "just", "so", "now", "also", "too", "maybe", "like",
    "want", "wanna", "need", "let's", "lets", "let", "some", "bit", "little", "really", "very",
    "great", "nice", "cool", "good", "awesome", "perfect", "yes", "yeah", "sure", "hmm", "well",
    "请", "谢谢", "谢了", "好的", "好", "嗯", "哦", "啊", "吧", "呢", "吗", "呀", "了", "的", "帮我", "帮", "一下", "麻烦",
    "可以", "能", "你", "我", "我们", "这个", "那个", "这", "那", "把", "给", "再", "就", "很", "太好了", "不错", "行",
    "por favor", "porfa", "gracias", "vale", "hola", "el", "la", "los", "las", "lo", "un", "una",
    "de", "del", "me", "mi", "mis", "este", "esta", "que", "puedes", "podrías", "bien", "genial",
    "ください", "お願い", "お願いします", "して", "を", "に", "で", "の", "は", "が", "も", "て",
    "ね", "よ", "ちょっと", "少し", "もう少し",
    "こんにちは", "ありがとう", "ありがとうございます", "どうも", "はい", "いいね",
];
