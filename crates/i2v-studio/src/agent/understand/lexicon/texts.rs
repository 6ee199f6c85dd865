//! Titles, captions and texts placed at a time: naming them, where they sit, their look, when they show.

use i2v_core::draft::Position;

/// The title.
pub(in crate::agent::understand) const TITLE: &[&str] = &[
    "title", "titles", "heading", "headline", "title card", "标题", "片名", "题目", "大标题", "text",
    "words", "文字", "文本", "文案",
    "título", "títulos", "titular", "texto",
    "タイトル", "テキスト", "文字",
];

/// Captions and subtitles.
pub(in crate::agent::understand) const CAPTION: &[&str] = &[
    "caption*", "subtitle*", "subs", "text overlay*", "lower third*", "字幕", "说明文字", "文字说明", "配文",
    "注释",
    "subtítulo*", "leyenda*",
    "字幕", "キャプション", "テロップ",
];

/// Markers that name the title without quotes: what follows, to the end of the clause, is it.
pub(in crate::agent::understand) const NAMING: &[&str] = &[
    "titled", "called", "named", "saying", "that says", "which says", "title :", "标题为", "标题是",
    "标题叫做", "标题叫", "标题 :", "叫做", "叫", "名为", "写着", "改成", "改为",
    "titulado", "titulada", "llamado", "llamada", "que diga", "que dice", "título :",
    "タイトル :", "という",
];

/// Markers that give a caption's text without quotes ("字幕：海边").
pub(in crate::agent::understand) const CAPTION_NAMING: &[&str] = &[
    "caption :", "subtitle :", "字幕 :", "saying", "that says", "which says", "写着", "字幕为", "字幕是",
    "改成", "改为",
];

/// Naming the video itself, which sets its title ("call it 'Summer'", "命名为").
pub(in crate::agent::understand) const NAME_IT: &[&str] = &["call it", "name it", "title it", "命名为", "取名", "llámalo", "titúlalo", "名前は"];

/// Making text larger or smaller.
pub(in crate::agent::understand) const BIGGER: &[&str] = &["bigger", "larger", "放大", "大一点", "大点", "大些", "más grande", "大きく"];

/// See [`BIGGER`].
pub(in crate::agent::understand) const SMALLER: &[&str] = &["smaller", "缩小", "小一点", "小点", "小些", "más pequeño", "más pequeña", "小さく"];

/// Naming the video wherever it stands: the title's words follow ("titled Summer Trip", 名为…).
pub(in crate::agent::understand) const TITLED: &[&str] = &[
    "titled", "entitled", "with the title", "名为", "题为", "取名为", "取名叫", "命名为", "改名为",
    "改名叫", "改名成", "重命名为", "叫它", "就叫",
    "con el título", "con título", "titulado", "titulada", "con el nombre",
    "というタイトルの", "タイトルは",
];

/// "called", "named": naming the video only right after it ("a video called …", "视频叫…").
pub(in crate::agent::understand) const CALLED: &[&str] = &["called", "named", "叫做", "叫"];

/// What "called" and "named" must follow to name the video, besides a video noun.
pub(in crate::agent::understand) const IT: &[&str] = &["it", "this", "that", "它", "这个"];

/// Renaming the video: its new title follows ("rename it Summer Trip").
pub(in crate::agent::understand) const RENAME: &[&str] = &[
    "rename it to", "rename it as", "rename it", "rename this to", "rename this",
    "rename the video*",
    "rename the video* to", "rename the title to", "rename to", "rename as", "retitle it",
    "retitle it to", "retitle the video*", "retitle the video* to",
];

/// Words that lead from a title word to its new words ("change the title to …", 标题改成…).
pub(in crate::agent::understand) const TEXT_LINKS: &[&str] = &[
    "to", "to be", "to read", "to say", "as", "into", "is", "should be", "should say", "reads",
    ":", "为", "是", "改成", "改为", "换成", "设为", "叫", "叫做",
    "a", "por", "en",
    "に", "は", "を",
];

/// Words that end a title given without quotes ("a video called Summer Trip with calm music").
pub(in crate::agent::understand) const TEXT_ENDS: &[&str] = &[
    "with", "without", "and", "then", "using", "plus", "but", "please", "featuring", "set to",
    "con", "y", "sin", "luego",
    "にして", "に変えて", "に変更して", "に変更", "にする",
    "に", "へ",
];

/// Words that cannot begin a title given without quotes ("add a title at the end").
pub(in crate::agent::understand) const NOT_A_TEXT: &[&str] = &[
    "for", "at", "on", "over", "in", "to", "that", "which", "of", "from", "please", "too", "so",
    "a bit", "a little", "在", "放", "显示", "的",
    "para", "en", "de", "al",
    "追加", "付けて", "つけて", "入れて", "削除", "消して", "変更", "にして", "して", "表示", "を",
    "上に", "下に", "中央に", "真ん中に", "上へ", "下へ", "大きく", "小さく",
];

/// Where a text sits in the frame.
pub(in crate::agent::understand) const TEXT_POSITIONS: &[(Position, &[&str])] = &[
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
pub(in crate::agent::understand) const LOOK_LINKS: &[&str] = &["at", "to", "in", "on", "into", "at the", "to the", "in the", "on the"];

/// Colours by the English name the core reads (`i2v_core::draft::color_hex`), and how people say
/// them.
pub(in crate::agent::understand) const COLOURS: &[(&str, &[&str])] = &[
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
pub(in crate::agent::understand) const FONT_SIZE: &[&str] = &[
    "font size", "font size of", "font size to", "text size", "text size to", "size", "size to",
    "字号", "字体大小", "字的大小", "字号为", "字号改成", "字号调到", "字体大小为", "字体大小改成",
];

/// Moments to show a text at: the opening.
pub(in crate::agent::understand) const AT_START: &[&str] = &[
    "at the start", "at the very start", "at the beginning", "at the very beginning",
    "at the start of the video*", "at the beginning of the video*", "in the beginning",
    "开头", "片头", "一开始", "视频开始",
    "al principio", "al inicio", "al comienzo",
    "最初に", "冒頭に",
];

/// Moments to show a text at: the end.
pub(in crate::agent::understand) const AT_END: &[&str] = &[
    "at the end", "at the very end", "at the end of the video*", "to the end", "end of the video*",
    "as the ending", "as an ending", "结尾", "片尾", "末尾", "结尾处", "结束时", "结束的时候",
    "在最后", "最后面",
    "al final", "al final del vídeo",
    "最後に", "終わりに", "ラストに",
];

/// The last stretch of the video, before its length ("the last 3 seconds", "最后3秒").
pub(in crate::agent::understand) const LAST_STRETCH: &[&str] = &[
    "last", "final", "the last", "the final", "最后", "结尾", "末尾", "结尾的", "最后的",
];

/// The first stretch of the video, before its length ("the first 2 seconds", "前2秒").
pub(in crate::agent::understand) const FIRST_STRETCH: &[&str] = &["first", "the first", "opening", "前", "开头"];

/// Words that begin a stretch of time ("from 2 to 5 seconds", "从第2秒到第5秒").
pub(in crate::agent::understand) const TIME_FROM: &[&str] = &["from", "between", "从", "在"];

/// Words between the two ends of a stretch of time.
pub(in crate::agent::understand) const TIME_TO: &[&str] = &[
    "to", "until", "till", "through", "and", "~", "–", "—", "到", "至",
];

/// Words that put a text on a picture ("over photo 3", "在第三张上").
pub(in crate::agent::understand) const ON_PICTURE: &[&str] = &[
    "on", "over", "onto", "across", "during", "for", "to", "in", "at", "在", "给",
];
