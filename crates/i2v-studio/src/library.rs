//! The built-in music library's catalogue: which beds there are, by key and display name.
//!
//! The agent's words for each bed ([`crate::agent::LIBRARY`]) and the renderer's composition of
//! each ([`crate::render::music`]) are keyed by [`Bed`], so a new bed is one variant the compiler
//! chases through both. A draft names a bed with `src` = `library:<key>` (the core's
//! `MediaSource::Library`) and `name` = its display name.

use i2v_core::draft::MediaSource;

/// One bed of the built-in library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bed {
    /// `lofi`, "Lo-fi".
    Lofi,
    /// `upbeat`, "Upbeat".
    Upbeat,
    /// `calm`, "Calm".
    Calm,
    /// `cinematic`, "Cinematic".
    Cinematic,
}

impl Bed {
    /// Every bed, in the order "another track" walks through them.
    pub const ALL: [Bed; 4] = [Bed::Lofi, Bed::Upbeat, Bed::Calm, Bed::Cinematic];

    /// Its key, as `src` names it after `library:`.
    pub fn key(self) -> &'static str {
        match self {
            Bed::Lofi => "lofi",
            Bed::Upbeat => "upbeat",
            Bed::Calm => "calm",
            Bed::Cinematic => "cinematic",
        }
    }

    /// Its display name, written into the draft's `name`.
    pub fn name(self) -> &'static str {
        match self {
            Bed::Lofi => "Lo-fi",
            Bed::Upbeat => "Upbeat",
            Bed::Calm => "Calm",
            Bed::Cinematic => "Cinematic",
        }
    }

    /// The bed with this key, if there is one.
    pub fn from_key(key: &str) -> Option<Bed> {
        Bed::ALL.into_iter().find(|bed| bed.key() == key)
    }

    /// The draft's `src` for this bed: `library:<key>`.
    pub fn src(self) -> String {
        MediaSource::library_src(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_and_sources_point_into_the_library() {
        for bed in Bed::ALL {
            assert_eq!(Bed::from_key(bed.key()), Some(bed));
            assert_eq!(
                MediaSource::read(&bed.src()),
                Some(MediaSource::Library(bed.key()))
            );
        }
        assert_eq!(Bed::from_key("polka"), None);
        assert_eq!(Bed::Calm.src(), "library:calm");
    }
}
