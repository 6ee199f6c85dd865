//! The sentences about titles and texts placed on the timeline, in each language the agent
//! answers in.
//!
//! Each says exactly what changed: the words, where they sit in the frame, and from when to when
//! they show.

use i2v_core::draft::{Position, Span};

use super::phrases::secs;
use crate::agent::outcome::{Look, Placed, PlacedAt};
use crate::agent::types::Language;
use crate::agent::understand::Colour;

/// "from 27 to 30 s", "27到30秒".
fn stretch(language: Language, span: Span) -> String {
    let (from, to) = (secs(span.start_ms), secs(span.end_ms));
    match language {
        Language::English => format!("from {from} to {to} s"),
        Language::Chinese => format!("{from}到{to}秒"),
        Language::Spanish => format!("de {} a {} s", from.replace('.', ","), to.replace('.', ",")),
        Language::Japanese => format!("{from}〜{to}秒"),
    }
}

/// A place in the frame: "at the top of the frame", "画面顶部".
fn place(language: Language, position: Position) -> &'static str {
    match (language, position) {
        (Language::English, Position::Top) => "at the top of the frame",
        (Language::English, Position::Center) => "in the middle of the frame",
        (Language::English, Position::Bottom) => "at the bottom of the frame",
        (Language::Chinese, Position::Top) => "画面顶部",
        (Language::Chinese, Position::Center) => "画面中间",
        (Language::Chinese, Position::Bottom) => "画面底部",
        (Language::Spanish, Position::Top) => "en la parte superior del encuadre",
        (Language::Spanish, Position::Center) => "en el centro del encuadre",
        (Language::Spanish, Position::Bottom) => "en la parte inferior del encuadre",
        (Language::Japanese, Position::Top) => "画面の上",
        (Language::Japanese, Position::Center) => "画面の中央",
        (Language::Japanese, Position::Bottom) => "画面の下",
    }
}

/// A colour: "red (#FF3B30)", "红色（#FF3B30）", or the digits where it was given so.
fn colour(language: Language, colour: &Colour) -> String {
    let hex = &colour.hex;
    let Some(name) = colour.name else {
        return format!("#{hex}");
    };
    match language {
        Language::English => format!("{name} (#{hex})"),
        Language::Chinese => format!("{}（#{hex}）", chinese_colour(name)),
        Language::Spanish => format!("{} (#{hex})", other_colour(name).0),
        Language::Japanese => format!("{}（#{hex}）", other_colour(name).1),
    }
}

/// The Chinese for the colour names the agent understands.
fn chinese_colour(name: &str) -> &str {
    match name {
        "white" => "白色",
        "black" => "黑色",
        "red" => "红色",
        "green" => "绿色",
        "blue" => "蓝色",
        "yellow" => "黄色",
        "orange" => "橙色",
        "pink" => "粉色",
        "purple" => "紫色",
        "gray" => "灰色",
        "cyan" => "青色",
        "gold" => "金色",
        other => other,
    }
}

/// The Spanish and Japanese for the colour names the agent understands.
fn other_colour(name: &str) -> (&str, &str) {
    match name {
        "white" => ("blanco", "白"),
        "black" => ("negro", "黒"),
        "red" => ("rojo", "赤"),
        "green" => ("verde", "緑"),
        "blue" => ("azul", "青"),
        "yellow" => ("amarillo", "黄色"),
        "orange" => ("naranja", "オレンジ"),
        "pink" => ("rosa", "ピンク"),
        "purple" => ("morado", "紫"),
        "gray" => ("gris", "グレー"),
        "cyan" => ("cian", "シアン"),
        "gold" => ("dorado", "金色"),
        other => (other, other),
    }
}

/// "'A'", "'A' and 'B'"; "“A”", "“A”和“B”".
fn quoted(language: Language, texts: &[String]) -> String {
    let quoted: Vec<String> = texts
        .iter()
        .map(|text| match language {
            Language::English | Language::Spanish => format!("'{text}'"),
            Language::Chinese => format!("“{text}”"),
            Language::Japanese => format!("「{text}」"),
        })
        .collect();
    match (language, quoted.split_last()) {
        (_, None) => String::new(),
        (_, Some((last, []))) => last.clone(),
        (Language::English, Some((last, rest))) => format!("{} and {last}", rest.join(", ")),
        (Language::Chinese, Some((last, rest))) => format!("{}和{last}", rest.join("、")),
        (Language::Spanish, Some((last, rest))) => format!("{} y {last}", rest.join(", ")),
        (Language::Japanese, Some((last, rest))) => format!("{}と{last}", rest.join("、")),
    }
}

/// A new title: "Added the title 'Summer', shown from 0 to 3 s."
pub(super) fn title_added(language: Language, text: &str, end_ms: u64) -> String {
    let shown = stretch(
        language,
        Span {
            start_ms: 0,
            end_ms,
        },
    );
    match language {
        Language::English => format!("Added the title '{text}', shown {shown}."),
        Language::Chinese => format!("加上了标题“{text}”，在{shown}显示。"),
        Language::Spanish => format!("Añadí el título '{text}', visible {shown}."),
        Language::Japanese => format!("タイトル「{text}」を付けました（{shown}に表示）。"),
    }
}

/// The title's new place or colour (its size has its own sentence).
pub(super) fn title_look(language: Language, look: &Look) -> String {
    match (language, look) {
        (Language::English, Look::Position(position)) => {
            format!("The title now sits {}.", place(language, *position))
        }
        (Language::English, Look::Color(c)) => format!("The title is now {}.", colour(language, c)),
        (Language::English, Look::Size(size)) => format!("The title's font size is now {size}."),
        (Language::Chinese, Look::Position(position)) => {
            format!("标题已移到{}。", place(language, *position))
        }
        (Language::Chinese, Look::Color(c)) => format!("标题已改成{}。", colour(language, c)),
        (Language::Chinese, Look::Size(size)) => format!("标题字号已调到{size}。"),
        (Language::Spanish, Look::Position(position)) => {
            format!("El título está ahora {}.", place(language, *position))
        }
        (Language::Spanish, Look::Color(c)) => {
            format!("El título es ahora {}.", colour(language, c))
        }
        (Language::Spanish, Look::Size(size)) => {
            format!("El tamaño de letra del título es ahora {size}.")
        }
        (Language::Japanese, Look::Position(position)) => {
            format!("タイトルを{}に移動しました。", place(language, *position))
        }
        (Language::Japanese, Look::Color(c)) => {
            format!("タイトルを{}にしました。", colour(language, c))
        }
        (Language::Japanese, Look::Size(size)) => {
            format!("タイトルの文字サイズを{size}にしました。")
        }
    }
}

/// A text placed beside the title, or the title moved off the opening (`moved`).
pub(super) fn placed(language: Language, placed: &Placed, moved: bool) -> String {
    let shown = stretch(language, placed.span);
    let text = &placed.text;
    let mut sentence = match (language, placed.at, moved) {
        (Language::English, PlacedAt::End, false) => {
            format!("Added the text '{text}' at the end, {shown}.")
        }
        (Language::English, PlacedAt::Picture(n), false) => {
            format!("Added the text '{text}' over photo {n}, {shown}.")
        }
        (Language::English, PlacedAt::Stretch, false) => {
            format!("Added the text '{text}' {shown}.")
        }
        (Language::English, PlacedAt::End, true) => {
            format!("Moved the title '{text}' to the end: it now shows {shown}.")
        }
        (Language::English, PlacedAt::Picture(n), true) => {
            format!("Moved the title '{text}' over photo {n}: it now shows {shown}.")
        }
        (Language::English, PlacedAt::Stretch, true) => {
            format!("Moved the title '{text}': it now shows {shown}.")
        }
        (Language::Chinese, PlacedAt::End, false) => {
            format!("在结尾（{shown}）加上了文字“{text}”。")
        }
        (Language::Chinese, PlacedAt::Picture(n), false) => {
            format!("在第{n}张上（{shown}）加上了文字“{text}”。")
        }
        (Language::Chinese, PlacedAt::Stretch, false) => {
            format!("在{shown}加上了文字“{text}”。")
        }
        (Language::Chinese, PlacedAt::End, true) => {
            format!("标题“{text}”已移到结尾，现在在{shown}显示。")
        }
        (Language::Chinese, PlacedAt::Picture(n), true) => {
            format!("标题“{text}”已移到第{n}张上，现在在{shown}显示。")
        }
        (Language::Chinese, PlacedAt::Stretch, true) => {
            format!("标题“{text}”现在在{shown}显示。")
        }
        (Language::Spanish, PlacedAt::End, false) => {
            format!("Añadí el texto '{text}' al final, {shown}.")
        }
        (Language::Spanish, PlacedAt::Picture(n), false) => {
            format!("Añadí el texto '{text}' sobre la foto {n}, {shown}.")
        }
        (Language::Spanish, PlacedAt::Stretch, false) => {
            format!("Añadí el texto '{text}' {shown}.")
        }
        (Language::Spanish, PlacedAt::End, true) => {
            format!("Moví el título '{text}' al final: ahora se ve {shown}.")
        }
        (Language::Spanish, PlacedAt::Picture(n), true) => {
            format!("Moví el título '{text}' sobre la foto {n}: ahora se ve {shown}.")
        }
        (Language::Spanish, PlacedAt::Stretch, true) => {
            format!("Moví el título '{text}': ahora se ve {shown}.")
        }
        (Language::Japanese, PlacedAt::End, false) => {
            format!("最後（{shown}）にテキスト「{text}」を追加しました。")
        }
        (Language::Japanese, PlacedAt::Picture(n), false) => {
            format!("{n}枚目（{shown}）にテキスト「{text}」を追加しました。")
        }
        (Language::Japanese, PlacedAt::Stretch, false) => {
            format!("{shown}にテキスト「{text}」を追加しました。")
        }
        (Language::Japanese, PlacedAt::End, true) => {
            format!("タイトル「{text}」を最後に移動しました。{shown}に表示されます。")
        }
        (Language::Japanese, PlacedAt::Picture(n), true) => {
            format!("タイトル「{text}」を{n}枚目に移動しました。{shown}に表示されます。")
        }
        (Language::Japanese, PlacedAt::Stretch, true) => {
            format!("タイトル「{text}」は{shown}に表示されます。")
        }
    };
    let below_title = placed.position == Position::Bottom;
    match language {
        Language::English if below_title => {
            sentence.push_str(" It sits at the bottom, below the title shown at the same time.");
        }
        Language::Chinese if below_title => {
            sentence.push_str("它和标题同时出现，所以放在画面底部。")
        }
        Language::Spanish if below_title => sentence
            .push_str(" Está en la parte inferior, debajo del título que se ve al mismo tiempo."),
        Language::Japanese if below_title => {
            sentence.push_str("同時に表示されるタイトルの下、画面の下に置きました。")
        }
        _ => {}
    }
    if !placed.replaced.is_empty() {
        let replaced = quoted(language, &placed.replaced);
        match language {
            Language::English => sentence.push_str(&format!(" It replaces {replaced}.")),
            Language::Chinese => sentence.push_str(&format!("它替换了{replaced}。")),
            Language::Spanish => sentence.push_str(&format!(" Sustituye a {replaced}.")),
            Language::Japanese => sentence.push_str(&format!("{replaced}と置き換えました。")),
        }
    }
    sentence
}

/// The placed texts at a time restyled.
pub(super) fn texts_look(language: Language, look: &Look, span: Span) -> String {
    let shown = stretch(language, span);
    match (language, look) {
        (Language::English, Look::Position(position)) => {
            format!("The text {shown} now sits {}.", place(language, *position))
        }
        (Language::English, Look::Color(c)) => {
            format!("The text {shown} is now {}.", colour(language, c))
        }
        (Language::English, Look::Size(size)) => {
            format!("The text {shown} now has font size {size}.")
        }
        (Language::Chinese, Look::Position(position)) => {
            format!("{shown}的文字已移到{}。", place(language, *position))
        }
        (Language::Chinese, Look::Color(c)) => {
            format!("{shown}的文字已改成{}。", colour(language, c))
        }
        (Language::Chinese, Look::Size(size)) => format!("{shown}的文字字号已调到{size}。"),
        (Language::Spanish, Look::Position(position)) => {
            format!(
                "El texto {shown} está ahora {}.",
                place(language, *position)
            )
        }
        (Language::Spanish, Look::Color(c)) => {
            format!("El texto {shown} es ahora {}.", colour(language, c))
        }
        (Language::Spanish, Look::Size(size)) => {
            format!("El texto {shown} tiene ahora tamaño de letra {size}.")
        }
        (Language::Japanese, Look::Position(position)) => {
            format!(
                "{shown}のテキストを{}に移動しました。",
                place(language, *position)
            )
        }
        (Language::Japanese, Look::Color(c)) => {
            format!("{shown}のテキストを{}にしました。", colour(language, c))
        }
        (Language::Japanese, Look::Size(size)) => {
            format!("{shown}のテキストの文字サイズを{size}にしました。")
        }
    }
}

/// Placed texts removed.
pub(super) fn texts_removed(language: Language, texts: &[String], span: Span) -> String {
    let shown = stretch(language, span);
    let words = quoted(language, texts);
    match language {
        Language::English => format!("Removed the text {words} ({shown})."),
        Language::Chinese => format!("已删除{shown}的文字{words}。"),
        Language::Spanish => format!("Quité el texto {words} ({shown})."),
        Language::Japanese => format!("{shown}のテキスト{words}を削除しました。"),
    }
}

/// Asks what the title should say: a title is only ever the person's own words.
pub(super) fn title_wanted(language: Language) -> String {
    match language {
        Language::English => {
            "What should the title say? For example: add the title 'Summer Trip'.".to_owned()
        }
        Language::Chinese => "标题要写什么？例如可以说：加标题「夏日旅行」。".to_owned(),
        Language::Spanish => {
            "¿Qué debe decir el título? Por ejemplo: con el título 'Viaje de verano'.".to_owned()
        }
        Language::Japanese => {
            "タイトルは何にしますか？例えば「タイトルを「夏の旅」に」と言ってください。".to_owned()
        }
    }
}

/// Asks what a text placed at a time should say.
pub(super) fn text_wanted(language: Language) -> String {
    match language {
        Language::English => "What should the text say? Put it in quotes, for example: add \
                              'The End' at the end."
            .to_owned(),
        Language::Chinese => {
            "文字要写什么？请用引号写出来，例如：在结尾加上「谢谢观看」。".to_owned()
        }
        Language::Spanish => "¿Qué debe decir el texto? Escríbelo entre comillas, por ejemplo: \
                              añade 'Fin' al final."
            .to_owned(),
        Language::Japanese => {
            "テキストは何にしますか？かぎ括弧で書いてください。例：最後に「おわり」を追加。"
                .to_owned()
        }
    }
}

/// Nothing placed at that time to change or remove.
pub(super) fn no_texts_there(language: Language, span: Span) -> String {
    let shown = stretch(language, span);
    match language {
        Language::English => format!("There's no text shown {shown}."),
        Language::Chinese => format!("{shown}没有文字。"),
        Language::Spanish => format!("No hay ningún texto {shown}."),
        Language::Japanese => format!("{shown}にテキストはありません。"),
    }
}
