//! A file on disk as an upload source: opened once, its size from metadata, read in chunks.

use futures_util::StreamExt;
use i2v_core::Error;
use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{BodyStream, BoxFuture, TransportError, UploadFile};
use tokio_util::io::ReaderStream;

/// How much of a file is read at a time: large enough that a 200 MB upload is a few thousand
/// reads, small enough that memory stays flat whatever the file's size.
const READ_CHUNK: usize = 256 * 1024;

/// Opens the file at `path` to upload it as `name`; a path that cannot be read is an
/// [`Error::InvalidInput`] naming the path and the reason in plain words.
pub(crate) async fn open(name: String, path: &str) -> Result<UploadFile, Error> {
    let unreadable = |reason: String| Error::InvalidInput {
        message: format!("cannot read {path}: {reason}"),
    };
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|err| unreadable(reason(&err)))?;
    let metadata = file
        .metadata()
        .await
        .map_err(|err| unreadable(reason(&err)))?;
    if metadata.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    Ok(UploadFile {
        name,
        size: metadata.len(),
        source: UploadSource::Stream(Box::new(FileStream {
            path: path.to_owned(),
            chunks: ReaderStream::with_capacity(file, READ_CHUNK),
        })),
    })
}

/// An I/O error as a person would say it.
fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => err.to_string(),
    }
}

/// An open file, read chunk by chunk.
///
/// Cancel-safe: `ReaderStream` keeps a read in progress inside itself, so a dropped
/// `next_chunk` future loses nothing.
struct FileStream {
    path: String,
    chunks: ReaderStream<tokio::fs::File>,
}

impl BodyStream for FileStream {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(async move {
            let chunk = self.chunks.next().await?;
            Some(chunk.map(Vec::from).map_err(|err| {
                TransportError::maybe_sent(format!(
                    "reading {} failed: {}",
                    self.path,
                    reason(&err)
                ))
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a test runtime")
    }

    fn temp_dir(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("i2v-node-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn streams_a_file_in_bounded_chunks() {
        let dir = temp_dir("stream");
        let path = dir.join("big.png");
        let bytes: Vec<u8> = (0..READ_CHUNK * 2 + 17).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("write");
        let read = runtime().block_on(async {
            let file = open("big.png".into(), path.to_str().expect("utf-8 path"))
                .await
                .expect("opens");
            assert_eq!(file.size, bytes.len() as u64);
            let UploadSource::Stream(mut stream) = file.source else {
                panic!("a file is streamed");
            };
            let mut read = Vec::new();
            while let Some(chunk) = stream.next_chunk().await {
                let chunk = chunk.expect("chunk");
                assert!(chunk.len() <= READ_CHUNK);
                read.extend(chunk);
            }
            read
        });
        assert!(read == bytes);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_missing_file_or_a_folder_is_invalid_input_in_plain_words() {
        let dir = temp_dir("missing");
        let missing = dir.join("nope.jpg");
        runtime().block_on(async {
            for (path, words) in [
                (missing.to_str().expect("utf-8"), "no such file"),
                (dir.to_str().expect("utf-8"), "it is a folder"),
            ] {
                let err = open("x.jpg".into(), path).await.expect_err("unreadable");
                let Error::InvalidInput { message } = err else {
                    panic!("{err:?}");
                };
                assert!(
                    message.contains(path) && message.contains(words),
                    "{message}"
                );
            }
        });
        std::fs::remove_dir_all(dir).ok();
    }
}
