//! The studio's secret: 128 random bits made on first start and kept in `studio.secret`
//! (readable by its owner only), from which download keys derive, so they survive restarts.

use std::io::Write;
use std::path::Path;

/// The file the secret lives in, in the data dir.
const FILE_NAME: &str = "studio.secret";

/// Reads the secret, making and saving one (atomically) when there is none yet.
pub(crate) fn load_secret(data_dir: &Path) -> std::io::Result<[u64; 2]> {
    let path = data_dir.join(FILE_NAME);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) if bytes.len() == 16 => bytes,
        _ => {
            let mut fresh = [0u8; 16];
            getrandom::fill(&mut fresh).map_err(|err| std::io::Error::other(err.to_string()))?;
            let temp = path.with_extension("tmp");
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&temp)?;
            file.write_all(&fresh)?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)?;
            fresh.to_vec()
        }
    };
    let word = |at: usize| {
        let mut array = [0u8; 8];
        array.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(array)
    };
    Ok([word(0), word(8)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_made_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("i2v-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = load_secret(&dir).unwrap();
        assert_eq!(load_secret(&dir).unwrap(), first);
        assert_ne!(first, [0, 0]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
