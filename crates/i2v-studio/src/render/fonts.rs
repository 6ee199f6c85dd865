//! The fonts titles and captions are drawn with: DejaVu Sans for Latin text, WenQuanYi Zen Hei
//! for Chinese (and any text with CJK characters, whose Latin glyphs it also has).
//!
//! Found at their Debian paths first, then through `fontconfig` (`fc-match`), whose answer is
//! only taken when it names the family asked for: fc-match always answers something.

use std::path::{Path, PathBuf};
use std::process::Command;

use i2v_core::timeline::Face;

use super::error::RenderError;

/// Where Debian's `fonts-dejavu-core` puts DejaVu Sans.
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
/// Where Debian's `fonts-dejavu-core` puts DejaVu Sans Bold.
const DEJAVU_BOLD: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
/// Where Debian's `fonts-wqy-zenhei` puts WenQuanYi Zen Hei.
const ZENHEI: &str = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

/// The font files a render may need; a missing one only matters when a text needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fonts {
    /// DejaVu Sans, for captions.
    pub regular: Option<PathBuf>,
    /// DejaVu Sans Bold, for titles (captions' font stands in when missing).
    pub bold: Option<PathBuf>,
    /// WenQuanYi Zen Hei, for text with CJK characters.
    pub cjk: Option<PathBuf>,
}

impl Fonts {
    /// Looks for the fonts on this machine.
    pub fn discover() -> Fonts {
        Fonts {
            regular: find(DEJAVU, "DejaVu Sans", ""),
            bold: find(DEJAVU_BOLD, "DejaVu Sans", ":bold"),
            cjk: find(ZENHEI, "WenQuanYi Zen Hei", ""),
        }
    }

    /// The font file of a face (`i2v_core::timeline::Text::face` picks it: CJK text needs Zen
    /// Hei, titles are bold); captions' font stands in for a missing bold.
    pub fn for_face(&self, face: Face) -> Result<&Path, RenderError> {
        let missing = |family, package| RenderError::FontMissing { family, package };
        let file = match face {
            Face::Cjk => {
                return self
                    .cjk
                    .as_deref()
                    .ok_or(missing("WenQuanYi Zen Hei", "fonts-wqy-zenhei"));
            }
            Face::Bold => self.bold.as_deref().or(self.regular.as_deref()),
            Face::Regular => self.regular.as_deref(),
        };
        file.ok_or(missing("DejaVu Sans", "fonts-dejavu-core"))
    }
}

/// A font file: the known path when it exists, else what fc-match finds for the family.
fn find(known: &str, family: &str, style: &str) -> Option<PathBuf> {
    let known = Path::new(known);
    if known.is_file() {
        return Some(known.to_path_buf());
    }
    let output = Command::new("fc-match")
        .arg("--format=%{family}\n%{file}")
        .arg(format!("{family}{style}"))
        .output()
        .ok()?;
    let answer = String::from_utf8(output.stdout).ok()?;
    let (families, file) = answer.split_once('\n')?;
    let wanted = family.to_lowercase();
    let matches = families
        .split(',')
        .any(|name| name.trim().to_lowercase() == wanted);
    let file = PathBuf::from(file.trim());
    (matches && file.is_file()).then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts {
            regular: Some("/r.ttf".into()),
            bold: Some("/b.ttf".into()),
            cjk: Some("/c.ttc".into()),
        }
    }

    #[test]
    fn text_picks_its_font() {
        let fonts = fonts();
        assert_eq!(fonts.for_face(Face::Bold), Ok(Path::new("/b.ttf")));
        assert_eq!(fonts.for_face(Face::Regular), Ok(Path::new("/r.ttf")));
        assert_eq!(fonts.for_face(Face::Cjk), Ok(Path::new("/c.ttc")));
    }

    #[test]
    fn a_missing_font_is_named_with_its_package() {
        let latin_only = Fonts {
            cjk: None,
            ..fonts()
        };
        assert_eq!(
            latin_only.for_face(Face::Cjk),
            Err(RenderError::FontMissing {
                family: "WenQuanYi Zen Hei",
                package: "fonts-wqy-zenhei"
            })
        );
        let no_bold = Fonts {
            bold: None,
            ..fonts()
        };
        assert_eq!(no_bold.for_face(Face::Bold), Ok(Path::new("/r.ttf")));
        assert!(Fonts::default().for_face(Face::Regular).is_err());
    }

    #[test]
    fn the_debian_fonts_are_found_here() {
        // The studio's set-up installs fonts-dejavu-core and fonts-wqy-zenhei.
        let fonts = Fonts::discover();
        assert!(fonts.regular.is_some(), "{fonts:?}");
        assert!(fonts.bold.is_some(), "{fonts:?}");
        assert!(fonts.cjk.is_some(), "{fonts:?}");
    }
}
