//! Spanish and Japanese instructions read into the same commands as English and Chinese ones.

use super::*;

fn generates(text: &str) -> bool {
    understand(text, &media(), false).generate
}

#[test]
fn the_language_is_told_apart() {
    let language = |text: &str| understand(text, &media(), true).language;
    assert_eq!(language("quita la música"), Language::Spanish);
    assert_eq!(language("音楽を消して"), Language::Japanese);
    assert_eq!(language("去掉音乐"), Language::Chinese);
    assert_eq!(language("remove the music"), Language::English);
    assert_eq!(
        understand("fais une vidéo", &media(), true).foreign,
        Some("French")
    );
    assert_eq!(understand("quita la música", &media(), true).foreign, None);
}

#[test]
fn making_a_video() {
    for text in [
        "haz un video",
        "crea un vídeo de 20 segundos con música tranquila",
        "convierte estas fotos en un vídeo",
        "20秒の動画を作って",
        "写真で動画を作成して",
        "スライドショーを作成してください",
    ] {
        assert!(generates(text), "{text}");
    }
    assert!(!understand("動画を縦長にして", &media(), true).generate);
    assert!(understand("新しい動画を作って", &media(), true).generate);
}

#[test]
fn lengths_in_digits_and_words() {
    assert_eq!(one("que dure veinte segundos"), Command::Total(20_000));
    assert_eq!(one("cada foto 3 segundos"), Command::Each(3_000));
    assert_eq!(one("二十秒にして"), Command::Total(20_000));
    assert_eq!(one("3秒ずつ"), Command::Each(3_000));
    assert_eq!(one("1枚あたり2秒にして"), Command::Each(2_000));
}

#[test]
fn shapes_music_and_titles() {
    assert_eq!(one("hazlo vertical"), Command::Aspect(Aspect::Portrait));
    assert_eq!(one("正方形にして"), Command::Aspect(Aspect::Square));
    assert_eq!(one("横長にして"), Command::Aspect(Aspect::Landscape));
    assert_eq!(one("quita la música"), Command::RemoveMusic);
    assert_eq!(one("BGMを消して"), Command::RemoveMusic);
    assert_eq!(one("音楽を小さく"), Command::Volume(VolumeChange::Lower));
    assert_eq!(one("sube el volumen"), Command::Volume(VolumeChange::Raise));
    assert_eq!(
        one("pon música tranquila"),
        Command::Music(MusicChoice::Library("calm"))
    );
    assert_eq!(
        one("タイトルを「夏」に"),
        Command::Title(TextChange::Set("夏".into()))
    );
    assert_eq!(
        one("cambia el título a 'Playa'"),
        Command::Title(TextChange::Set("Playa".into()))
    );
}

#[test]
fn pictures_and_history() {
    assert_eq!(
        one("quita la segunda foto"),
        Command::RemoveClips(vec![Nth(2)])
    );
    assert_eq!(one("2枚目を削除"), Command::RemoveClips(vec![Nth(2)]));
    assert_eq!(
        one("mueve la última al principio"),
        Command::MoveClip(Ordinal::FromEnd(1), Place::At(Nth(1)))
    );
    assert_eq!(
        one("最後の写真を最初に移動して"),
        Command::MoveClip(Ordinal::FromEnd(1), Place::At(Nth(1)))
    );
    assert_eq!(one("deshacer"), Command::Undo(1));
    assert_eq!(one("元に戻して"), Command::Undo(1));
    assert_eq!(one("やり直し"), Command::Redo(1));
    assert_eq!(one("rehacer"), Command::Redo(1));
}
