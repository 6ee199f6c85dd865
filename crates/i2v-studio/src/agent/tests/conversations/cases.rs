//! The labelled conversations (see the parent module). Written as people type, several per kind,
//! in English and Chinese and in other languages; `pending` marks what the agent does not do yet.

use super::Expect::*;
use super::Kind::*;
use super::{Case, Expect, Kind};

const MADE: &[&str] = &["make a video"];
const MADE_ZH: &[&str] = &["做一个视频"];
const MADE_ES: &[&str] = &["haz un vídeo"];
const MADE_JA: &[&str] = &["動画を作って"];

const fn case(
    language: &'static str,
    kind: Kind,
    setup: &'static [&'static str],
    say: &'static str,
    expect: &'static [Expect],
) -> Case {
    Case {
        language,
        kind,
        setup,
        say,
        expect,
        pending: false,
    }
}

const fn pending(
    language: &'static str,
    kind: Kind,
    setup: &'static [&'static str],
    say: &'static str,
    expect: &'static [Expect],
) -> Case {
    Case {
        language,
        kind,
        setup,
        say,
        expect,
        pending: true,
    }
}

/// Every case.
pub(super) const CASES: &[Case] = &[
    // Honesty: nothing is claimed that the draft does not show.
    case("en", Honesty, MADE, "make it 9 seconds", &[Unchanged, Says("The video is already 9 seconds long.")]),
    case("en", Honesty, MADE, "sync the cuts to the beat", &[Unchanged, Says("I didn't understand 'sync the cuts to the beat'"), DoesNotSay("already")]),
    case("en", Honesty, MADE, "use crossfades please", &[Unchanged, Says("The transitions are already crossfades (0.8 s each).")]),
    case("en", Honesty, &["make a video", "mute the music"], "mute the music", &[Unchanged, Says("The music is already muted.")]),
    case("en", Honesty, MADE, "add calm music and some sparkles", &[Changed, Music("Calm"), Says("I didn't understand 'some sparkles'")]),
    case("en", Honesty, MADE, "change the title to Summer Trip", &[Title("Summer Trip"), DoesNotSay("already")]),
    case("en", Honesty, MADE, "can you turn the music off?", &[NoMusic, DoesNotSay("already")]),
    case("zh", Honesty, MADE_ZH, "视频改成9秒", &[Unchanged, Says("视频已经是9秒了。")]),
    case("zh", Honesty, MADE_ZH, "加点闪光特效", &[Unchanged, Says("我没看懂“加点闪光特效”"), DoesNotSay("已经")]),
    case("zh", Honesty, MADE_ZH, "转场用淡入淡出", &[Unchanged, Says("转场已经是淡入淡出")]),
    // Wrong edits: the right thing changes.
    case("en", WrongEdit, MADE, "make it faster", &[Changed, LengthBelow(9000), Music("our_song.mp3")]),
    case("en", WrongEdit, MADE, "add the text 'Thanks for watching' at the end", &[Text("Thanks for watching", 6000, 9000)]),
    case("en", WrongEdit, MADE, "fade to black at the end", &[Changed, Says("black"), DoesNotSay("Transitions are now")]),
    case("zh", WrongEdit, MADE_ZH, "节奏快一点", &[Changed, LengthBelow(9000)]),
    case("en", WrongEdit, MADE, "fade in from black at the start", &[Changed, Says("fades in from black"), Length(9000)]),
    case("zh", WrongEdit, MADE_ZH, "结尾淡出", &[Changed, Length(9000)]),
    case("en", WrongEdit, MADE, "slow it down a bit", &[Changed, Music("our_song.mp3"), DoesNotSay("Calm")]),
    case("en", Honesty, &["make a video", "fade out at the end"], "fade out at the end", &[Unchanged, Says("The video already fades out to black (1 s).")]),
    case("en", WrongEdit, MADE, "make the music quieter", &[Changed, Length(9000), Says("volume is now 21%")]),
    case("zh", WrongEdit, MADE_ZH, "音乐小声一点", &[Changed, Length(9000)]),
    case("zh", WrongEdit, MADE_ZH, "在结尾加上文字“谢谢观看”", &[Text("谢谢观看", 6000, 9000)]),
    case("en", WrongEdit, &["make a video called Trip"], "move the title to the top and make it red", &[Changed, Title("Trip"), Says("red")]),
    case("en", Honesty, &["make a video called Trip", "make the title red"], "make the title red", &[Unchanged, Says("The title is already #FF3B30.")]),
    // Dropped parts: every part is done or said not to be.
    case("zh", Dropped, &[], "做一个叫夏日回忆的视频", &[Title("夏日回忆")]),
    case("en", Dropped, &[], "make a video called Summer Trip", &[Title("Summer Trip")]),
    case("en", Dropped, &[], "make a video", &[NoTitle]),
    pending("en", Dropped, &[], "make a 20 secnd video", &[Length(20000)]),
    case("en", Dropped, &[], "make a 20 second video with a title 'Road Trip'", &[Length(20000), Title("Road Trip")]),
    case("zh", Dropped, &[], "做一个15秒的视频，标题“夏日回忆”", &[Length(15000), Title("夏日回忆")]),
    case("zh", Dropped, &[], "做一个视频，标题是夏日回忆", &[Title("夏日回忆")]),
    // Phrasing: casual, long-winded, numbers as words.
    case("en", Phrasing, &[], "hey could you pls make these into a 15 second slideshow with some chill music, thx", &[Length(15000), Music("Lo-fi")]),
    case("en", Phrasing, MADE, "make each photo five seconds", &[Each(5000)]),
    case("en", Phrasing, MADE, "each photo should stay up for five seconds", &[Each(5000)]),
    case("zh", Phrasing, MADE_ZH, "每张图片两秒", &[Each(2000)]),
    pending("en", Phrasing, MADE, "fill the frame, no blurry borders", &[Changed]),
    case("en", Phrasing, MADE, "remvoe the music", &[NoMusic]),
    case("en", Phrasing, MADE, "make it vertcal", &[Frame(1080, 1920)]),
    case("en", Phrasing, &[], "make a 20 secnods video", &[Length(20000)]),
    case("en", Phrasing, MADE, "remove the trasnitions", &[Says("Removed the transitions")]),
    // Photos by name, position and range.
    case("en", Photos, MADE, "move the last photo to the start", &[Order(&[3, 1, 2])]),
    case("en", Photos, MADE, "swap photos 1 and 3", &[Order(&[3, 2, 1])]),
    case("zh", Photos, MADE_ZH, "删除第二张", &[Order(&[1, 3])]),
    case("en", Photos, MADE, "get rid of the first picture", &[PhotoCount(2), Order(&[2, 3])]),
    case("en", Photos, MADE, "remove the motorbike one", &[Order(&[1, 3])]),
    case("en", Photos, MADE, "put the one with the beach last", &[Order(&[2, 3, 1])]),
    case("en", Photos, MADE, "delete city_night.jpg", &[Order(&[1, 2])]),
    case("en", Photos, &[], "make a video from the first two photos", &[Order(&[1, 2])]),
    case("en", Photos, &[], "make a 10 second video from photos 1 and 3", &[Order(&[1, 3]), Length(10000)]),
    case("en", Photos, MADE, "keep photos 2 to 3 only", &[Order(&[2, 3])]),
    case("en", Photos, MADE, "remove all but the last photo", &[Order(&[3])]),
    case("zh", Photos, MADE_ZH, "删掉有摩托车的那张", &[Order(&[1, 3])]),
    case("zh", Photos, &[], "用前两张做一个视频", &[Order(&[1, 2])]),
    case("zh", Photos, MADE_ZH, "只保留第2到第3张", &[Order(&[2, 3])]),
    case("en", Photos, MADE, "make the bike photo 5 seconds", &[Length(11000)]),
    // Undo and redo.
    case("en", Undo, &["make a video", "make it 12 seconds"], "undo", &[Length(9000)]),
    case("en", Undo, &["make a video", "make it 12 seconds"], "go back to how it was before", &[Length(9000)]),
    case("zh", Undo, &["做一个视频", "视频改成12秒"], "撤销", &[Length(9000)]),
    case("en", Undo, &["make a video", "make it 12 seconds", "make it vertical"], "undo the last two changes", &[Length(9000), Frame(1920, 1080)]),
    case("en", Undo, &["make a video", "make it 12 seconds", "undo"], "redo", &[Length(12000)]),
    case("en", Undo, MADE, "oops, put it back", &[Changed]),
    case("zh", Undo, &["做一个视频", "视频改成12秒", "撤销"], "重做", &[Length(12000)]),
    case("en", Undo, &[], "undo", &[Unchanged, DoesNotSay("already")]),
    // Frame shapes.
    case("en", Canvas, MADE, "make it vertical for TikTok", &[Frame(1080, 1920)]),
    case("zh", Canvas, MADE_ZH, "改成竖屏", &[Frame(1080, 1920)]),
    case("en", Canvas, MADE, "make it square", &[Frame(1080, 1080)]),
    case("zh", Canvas, MADE_ZH, "改成4比5", &[Frame(1080, 1350)]),
    case("en", Canvas, MADE, "make it 4:5 for instagram", &[Frame(1080, 1350)]),
    case("en", Canvas, MADE, "make it 4:3", &[Frame(1440, 1080)]),
    case("en", Canvas, MADE, "make it 21:9", &[Unchanged, DoesNotSay("already")]),
    // Other languages.
    case("es", Language, &[], "haz un video de 20 segundos", &[Length(20000)]),
    case("ja", Language, &[], "20秒の動画を作って", &[Length(20000), DoesNotSay("我")]),
    case("fr", Language, &[], "fais une vidéo de 20 secondes", &[Unchanged, Says("I understand English, Chinese")]),
    case("de", Language, &[], "mach bitte ein Video", &[Unchanged, Says("can't read German")]),
    case("it", Language, MADE, "metti la musica più bassa per favore", &[Unchanged, Says("can't read Italian")]),
    case("es", Language, MADE, "pon música tranquila", &[Music("Calm")]),
    // Spanish and Japanese: (1) making a video.
    case("es", Language, &[], "haz un video", &[Changed, Length(9000), Says("Convertí tus 3 fotos"), DoesNotSay("I ")]),
    case("es", Language, &[], "crea un vídeo de 20 segundos con música tranquila", &[Length(20000), Music("Calm"), Says("20 segundos")]),
    case("es", Language, &[], "hazme una presentación con mis fotos, por favor", &[Changed, Says("Revísalo en la línea de tiempo")]),
    case("ja", Language, &[], "写真で動画を作成して", &[Changed, Length(9000), Says("3枚の写真から9秒の動画を作りました")]),
    case("ja", Language, &[], "動画を作って", &[Changed, Says("エクスポートボタン"), DoesNotSay("我")]),
    case("ja", Language, MADE_JA, "新しい動画を作って", &[Length(9000), Says("動画を作りました")]),
    // (2) Lengths: the whole video and each photo, in digits and words.
    case("es", Phrasing, MADE_ES, "que dure veinte segundos", &[Length(20000), Says("El vídeo dura ahora 20 segundos")]),
    case("es", Phrasing, MADE_ES, "cada foto 4 segundos", &[Each(4000), Says("Cada foto se muestra ahora 4 segundos")]),
    case("es", Phrasing, &[], "haz un vídeo de treinta segundos", &[Length(30000)]),
    case("ja", Phrasing, MADE_JA, "二十秒にして", &[Length(20000), Says("動画の長さを20秒にしました")]),
    case("ja", Phrasing, MADE_JA, "3秒ずつ", &[Each(3000), Says("すでに3秒")]),
    case("ja", Phrasing, MADE_JA, "各写真を4秒にして", &[Each(4000), Says("各写真を4秒ずつ表示します")]),
    // (3) Frame shapes.
    case("es", Canvas, MADE_ES, "hazlo vertical", &[Frame(1080, 1920), Says("vertical 9:16")]),
    case("es", Canvas, MADE_ES, "formato cuadrado", &[Frame(1080, 1080)]),
    case("es", Canvas, MADE_ES, "ponlo en 9:16", &[Frame(1080, 1920)]),
    case("ja", Canvas, MADE_JA, "縦長にして", &[Frame(1080, 1920), Says("画面比率を9:16")]),
    case("ja", Canvas, MADE_JA, "正方形に変更して", &[Frame(1080, 1080)]),
    case("ja", Canvas, MADE_JA, "横長で", &[Unchanged, Says("すでに横長")]),
    // (4) Music.
    case("es", WrongEdit, MADE_ES, "quita la música", &[NoMusic, Says("Quité la música de fondo.")]),
    case("es", WrongEdit, MADE_ES, "baja la música", &[Changed, Length(9000), Says("El volumen de la música es ahora 21%")]),
    case("es", WrongEdit, MADE_ES, "sube el volumen", &[Changed, Says("53%")]),
    case("es", WrongEdit, MADE_ES, "música alegre", &[Music("Upbeat")]),
    case("ja", WrongEdit, MADE_JA, "音楽を小さく", &[Changed, Length(9000), Says("音量を21%")]),
    case("ja", WrongEdit, MADE_JA, "BGMを消して", &[NoMusic, Says("BGMを削除しました")]),
    case("ja", WrongEdit, MADE_JA, "穏やかな音楽にして", &[Music("Calm")]),
    case("ja", WrongEdit, MADE_JA, "音楽を大きくして", &[Changed, Says("53%")]),
    // (5) Title and text.
    case("es", Dropped, &[], "haz un vídeo con el título 'Verano'", &[Title("Verano"), Says("el título 'Verano'")]),
    case("es", Dropped, MADE_ES, "cambia el título a 'Playa'", &[Title("Playa")]),
    case("es", Dropped, &["haz un vídeo con el título 'Verano'"], "quita el título", &[NoTitle, Says("Quité el título.")]),
    case("ja", Dropped, MADE_JA, "タイトルを「夏」に", &[Title("夏"), Says("タイトル「夏」")]),
    case("ja", Dropped, &[], "「夏休み」というタイトルの動画を作って", &[Title("夏休み")]),
    case("ja", Dropped, &["動画を作って", "タイトルを「夏」に"], "タイトルを削除して", &[NoTitle]),
    // (6) Transitions.
    case("es", WrongEdit, MADE_ES, "sin transiciones", &[Says("Quité las transiciones")]),
    case("es", WrongEdit, MADE_ES, "usa fundidos a negro", &[Says("fundidos a negro")]),
    case("ja", WrongEdit, MADE_JA, "トランジションなし", &[Says("トランジションを外しました")]),
    case("ja", WrongEdit, MADE_JA, "トランジションをスライドにして", &[Says("スライド")]),
    // (7) Order and removal.
    case("es", Photos, MADE_ES, "quita la segunda foto", &[Order(&[1, 3]), Says("Quité la foto 2")]),
    case("es", Photos, MADE_ES, "mueve la última al principio", &[Order(&[3, 1, 2])]),
    case("es", Photos, MADE_ES, "intercambia las fotos 1 y 3", &[Order(&[3, 2, 1])]),
    case("ja", Photos, MADE_JA, "2枚目を削除", &[Order(&[1, 3]), Says("2枚目を削除しました")]),
    case("ja", Photos, MADE_JA, "最後の写真を最初に移動して", &[Order(&[3, 1, 2])]),
    case("ja", Photos, MADE_JA, "二枚目を消して", &[Order(&[1, 3])]),
    // (8) Undo and redo.
    case("es", Undo, &["haz un vídeo", "que dure 12 segundos"], "deshacer", &[Length(9000), Says("Deshice")]),
    case("es", Undo, &["haz un vídeo", "que dure 12 segundos", "deshacer"], "rehacer", &[Length(12000)]),
    case("es", Undo, &[], "deshacer", &[Unchanged, Says("No hay nada que deshacer")]),
    case("ja", Undo, &["動画を作って", "12秒にして"], "元に戻して", &[Length(9000), Says("元に戻しました")]),
    case("ja", Undo, &["動画を作って", "12秒にして", "元に戻して"], "やり直し", &[Length(12000)]),
    case("ja", Undo, &[], "元に戻して", &[Unchanged, Says("元に戻せる変更はありません")]),
    case("es", Undo, &["haz un vídeo", "que dure 12 segundos", "hazlo vertical"], "deshaz los dos últimos cambios", &[Length(9000), Frame(1920, 1080)]),
    case("ja", Undo, &["動画を作って", "12秒にして", "縦長にして"], "2つ元に戻して", &[Length(9000), Frame(1920, 1080)]),
    // Wordings found by trying: 動画 is a video (Chinese 动画 is animation), thanks are no
    // instruction, a single Spanish word is Spanish.
    case("ja", Canvas, MADE_JA, "動画を縦長にして", &[Frame(1080, 1920), DoesNotSay("動き")]),
    case("ja", Phrasing, MADE_JA, "1枚あたり2秒にして", &[Each(2000)]),
    case("ja", Language, MADE_JA, "ありがとう", &[Unchanged, DoesNotSay("理解できなかった")]),
    case("es", Photos, MADE_ES, "invierte el orden", &[Order(&[3, 2, 1]), Says("Invertí el orden")]),
    case("es", Language, &[], "hola", &[Unchanged, Says("Hago vídeos con tus fotos")]),
    case("es", Canvas, MADE_ES, "formato 4:5", &[Frame(1080, 1350), Says("El formato es ahora")]),
    case("es", Language, &[], "haz un video con las fotos, que cada una dure 3 segundos", &[Length(9000), DoesNotSay("ya están")]),
    case("es", WrongEdit, MADE_ES, "la música está muy alta", &[Changed, Says("21%")]),
    case("es", WrongEdit, MADE_ES, "otra canción", &[Music("Lo-fi"), Says("La música de fondo es ahora Lo-fi")]),
    case("es", WrongEdit, MADE_ES, "transiciones más rápidas", &[Changed, Length(9000), Says("0,4 s cada una")]),
    case("es", Photos, MADE_ES, "quita las fotos 1 y 2", &[Order(&[3]), Says("queda 1 foto")]),
    case("es", Photos, MADE_ES, "pon la primera foto después de la segunda", &[Order(&[2, 1, 3])]),
    case("ja", WrongEdit, MADE_JA, "別の曲にして", &[Music("Lo-fi")]),
    case("ja", WrongEdit, MADE_JA, "トランジションを1秒にして", &[Length(9000), Says("各1秒")]),
    case("ja", WrongEdit, MADE_JA, "音楽をオフにして", &[NoMusic]),
    case("ja", Photos, MADE_JA, "1枚目と2枚目を削除して", &[Order(&[3])]),
    case("ja", Dropped, &[], "「夏」というタイトルで30秒の動画を作って", &[Title("夏"), Length(30000)]),
    case("ja", Canvas, &[], "縦長の動画を作って、音楽はアップテンポで", &[Frame(1080, 1920), Music("Upbeat")]),
    case("es", Language, &[], "Quiero un video de mis fotos", &[Changed, Says("Convertí tus 3 fotos")]),
    case("es", Phrasing, MADE_ES, "hazlo de 1 minuto y 30 segundos", &[Length(90000)]),
    case("es", Phrasing, MADE_ES, "cada imagen 2,5 segundos", &[Each(2500), Says("2,5 segundos (7,5 segundos en total)")]),
    case("es", Canvas, MADE_ES, "cámbialo a horizontal", &[Unchanged, Says("El vídeo ya es horizontal.")]),
    case("es", WrongEdit, MADE_ES, "quita el sonido", &[Says("Silencié la música.")]),
    case("ja", Dropped, MADE_JA, "タイトルを追加して", &[NoTitle, Says("タイトルは何にしますか")]),
    case("ja", Phrasing, MADE_JA, "写真1枚につき5秒", &[Each(5000)]),
    case("ja", Undo, MADE_JA, "取り消して", &[Changed, NoMusic]),
    // A message of Chinese characters alone reads as Chinese: 正方形 is answered in Chinese.
    case("ja", Language, MADE_JA, "正方形", &[Frame(1080, 1080)]),
];
