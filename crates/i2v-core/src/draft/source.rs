//! Where a segment's media comes from (`m.src`): the built-in library, an upload, or a URL.
//!
//! Rules (ours, `docs/PROTOCOL.md` §5): `library:<key>` names a track of the backend's built-in
//! music library; `http://` or `https://` (any case) is a file on the web; anything else is the
//! id of an upload (`med_…`, or the hash or URL the api-reference dialect answers with). A blank
//! `src` is no source.

/// How a `src` points into the built-in music library: `library:lofi`.
pub const LIBRARY_PREFIX: &str = "library:";

/// Where a segment's media comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaSource<'a> {
    /// A track of the built-in library, by key (`lofi`).
    Library(&'a str),
    /// An uploaded file, by the id the upload answered with.
    Upload(&'a str),
    /// A file on the web.
    Url(&'a str),
}

impl<'a> MediaSource<'a> {
    /// Reads a `src`; `None` when it is blank.
    pub fn read(src: &'a str) -> Option<MediaSource<'a>> {
        let src = src.trim();
        if src.is_empty() {
            return None;
        }
        if let Some(key) = src.strip_prefix(LIBRARY_PREFIX) {
            return Some(MediaSource::Library(key));
        }
        let scheme = src.split_once("://").map(|(scheme, _)| scheme);
        if scheme.is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
        {
            return Some(MediaSource::Url(src));
        }
        Some(MediaSource::Upload(src))
    }

    /// The `src` that names library track `key`.
    pub fn library_src(key: &str) -> String {
        format!("{LIBRARY_PREFIX}{key}")
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn sources_read_by_their_form() {
        assert_eq!(
            MediaSource::read("library:lofi"),
            Some(MediaSource::Library("lofi"))
        );
        assert_eq!(
            MediaSource::read("med_1"),
            Some(MediaSource::Upload("med_1"))
        );
        assert_eq!(
            MediaSource::read("HTTPS://cdn.example/a.jpg"),
            Some(MediaSource::Url("HTTPS://cdn.example/a.jpg"))
        );
        assert_eq!(
            MediaSource::read("ftp://x"),
            Some(MediaSource::Upload("ftp://x"))
        );
        assert_eq!(MediaSource::read("  "), None);
        assert_eq!(MediaSource::library_src("calm"), "library:calm");
    }
}
