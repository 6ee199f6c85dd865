//! Shared by the integration tests: a real `i2v-studio` process on a free loopback port with a
//! temporary data dir, and a small HTTP client for it.
//!
//! The process is killed and the data dir removed when the [`Studio`] is dropped. Its log
//! (stderr) goes to `studio.log` beside the data dir, so tests can check what was logged.
#![allow(dead_code, unreachable_pub)] // Each test binary uses its own part of the helpers.

pub mod sdk;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use i2v_core::client::UploadFile;
use i2v_core::client::multipart::UploadSource;
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// How long a studio may take to print its URL.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running studio process.
pub struct Studio {
    /// Its base URL, `http://127.0.0.1:<port>` (changes on relaunch).
    pub base: String,
    /// Its data dir.
    pub data_dir: PathBuf,
    root: PathBuf,
    args: Vec<String>,
    child: Option<Child>,
    http: reqwest::Client,
}

/// An HTTP answer, read whole.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body as text.
    pub text: String,
    /// The body as JSON (`Null` when it is not JSON).
    pub json: Value,
}

impl Reply {
    /// A response read whole: its body as text and, where it is JSON, as JSON.
    pub async fn read(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("read the body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    /// The envelope's `code` (`None` without one).
    pub fn code(&self) -> Option<i64> {
        self.json.get("code").and_then(Value::as_i64)
    }

    /// The envelope's `data`.
    pub fn data(&self) -> &Value {
        &self.json["data"]
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a success envelope and returns its data.
    pub fn ok(&self) -> &Value {
        assert_eq!(
            (self.status, self.code()),
            (200, Some(0)),
            "expected success, got {self:?}"
        );
        self.data()
    }

    /// Asserts an error with this HTTP status and envelope code.
    pub fn assert_error(&self, status: u16, code: i64) {
        assert_eq!(
            (self.status, self.code()),
            (status, Some(code)),
            "expected {code} (HTTP {status}), got {self:?}"
        );
    }
}

impl Studio {
    /// Starts a studio with these extra arguments (after `--port 0 --data-dir <temp>`).
    pub fn start(args: &[&str]) -> Studio {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "i2v-studio-it-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create the test's temp dir");
        let mut studio = Studio {
            base: String::new(),
            data_dir: root.join("data"),
            root,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            child: None,
            http: reqwest::Client::new(),
        };
        studio.launch();
        studio
    }

    /// The studio process's id (for reading its memory use from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Everything the studio has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.join("studio.log")).unwrap_or_default()
    }

    /// Stops the process with SIGTERM and waits for it to exit.
    pub fn stop(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the studio is running");
        let sent = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
        child.wait().expect("wait for the studio")
    }

    /// Kills the process with SIGKILL (no chance to clean up) and reaps it.
    pub fn kill(&mut self) {
        let mut child = self.child.take().expect("the studio is running");
        child.kill().expect("kill the studio");
        let _ = child.wait();
    }

    /// Starts the process again on the same data dir with the same arguments.
    pub fn relaunch(&mut self) {
        assert!(self.child.is_none(), "stop or kill the studio first");
        self.launch();
    }

    fn launch(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.root.join("studio.log"))
            .expect("open the studio log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_i2v-studio"))
            .args(["--port", "0", "--data-dir"])
            .arg(&self.data_dir)
            .args(&self.args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("spawn i2v-studio");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Reads every line, so the pipe never fills; the first URL line is the answer.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split("listening on ").nth(1) {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        self.child = Some(child);
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(url) => self.base = url,
            Err(_) => panic!("the studio did not start; its log:\n{}", self.log()),
        }
    }

    /// Any request; `token` goes in `Authorization: Bearer`.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.expect("the studio answers");
        Reply::read(response).await
    }

    /// `GET path` with an optional token.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::GET, path, token, &[], None).await
    }

    /// `POST path` with a JSON body and an optional token.
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, &[], Some(body.to_string()))
            .await
    }

    /// `POST /api/upload-video/nemo_agent/me/{session}` with a multipart `body` (see
    /// [`multipart_form`]); a failed request panics.
    pub async fn upload(&self, token: &str, session: &str, body: reqwest::Body) -> Reply {
        let response = self
            .http
            .post(format!(
                "{}/api/upload-video/nemo_agent/me/{session}",
                self.base
            ))
            .bearer_auth(token)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={UPLOAD_BOUNDARY}"),
            )
            .body(body)
            .send()
            .await;
        match response {
            Ok(response) => Reply::read(response).await,
            Err(err) => panic!("upload failed: {err}"),
        }
    }

    /// `POST /api/auth/anonymous-token` for `client_id`.
    pub async fn token_reply(&self, client_id: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/auth/anonymous-token",
            None,
            &[("X-Client-Id", client_id)],
            None,
        )
        .await
    }

    /// A token for `client_id` (asserts success).
    pub async fn token(&self, client_id: &str) -> String {
        let reply = self.token_reply(client_id).await;
        reply.ok()["token"].as_str().expect("a token").to_owned()
    }

    /// A new session for `token`: its `{task_id, session_id, bind_id}` (asserts success).
    pub async fn session(&self, token: &str) -> Value {
        self.post(
            "/api/tasks/me/with-session/nemo_agent",
            Some(token),
            serde_json::json!({"task_name": "project", "language": "en"}),
        )
        .await
        .ok()
        .clone()
    }

    /// A new user with a fresh session: its token and session id.
    pub async fn connected(&self, client_id: &str) -> (String, String) {
        let token = self.token(client_id).await;
        let session = self.session(&token).await["session_id"]
            .as_str()
            .expect("a session id")
            .to_owned();
        (token, session)
    }

    /// `GET` the state of `session_id`.
    pub async fn state(&self, token: &str, session_id: &str) -> Reply {
        self.get(
            &format!("/api/state/nemo_agent/me/{session_id}/latest"),
            Some(token),
        )
        .await
    }
}

impl Drop for Studio {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A temporary directory for files a test serves (a web root, a package), removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new, empty directory.
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "i2v-studio-it-{}-{name}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }

    /// Writes a file into it.
    pub fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).expect("write a test file");
    }

    /// Its path as an argument.
    pub fn arg(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A real picture made by ffmpeg: `color` at `size`, as an upload of the bytes of `name` (whose
/// extension picks the format).
pub fn picture(dir: &std::path::Path, name: &str, color: &str, size: &str) -> UploadFile {
    let path = dir.join(name);
    let status = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("color={color}:s={size}"))
        .args(["-frames:v", "1"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let bytes = std::fs::read(&path).expect("the picture ffmpeg wrote");
    UploadFile {
        name: name.into(),
        size: bytes.len() as u64,
        source: UploadSource::Bytes(bytes),
    }
}

/// A whole PNG of one colour, `width`x`height`, made by ffmpeg: the studio decodes every uploaded
/// picture, so a header alone would be refused.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let output = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-nostdin", "-f", "lavfi", "-i"])
        // Scaled from a size every pixel format takes: ffmpeg's colour source refuses 1x1.
        .arg(format!(
            "color=c=teal:s=16x16,format=rgb24,scale={width}:{height}"
        ))
        .args(["-frames:v", "1", "-c:v", "png", "-f", "image2pipe", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(output.status.success(), "ffmpeg made no PNG");
    output.stdout
}

/// The boundary of the tests' multipart uploads.
pub const UPLOAD_BOUNDARY: &str = "i2v-test-boundary";

/// The head of one `files` part named `name`.
pub fn upload_part_head(name: &str, mime: &str) -> String {
    format!(
        "--{UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n"
    )
}

/// A multipart body of `files` parts, each `(name, bytes)`.
pub fn multipart_form(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend(upload_part_head(name, "application/octet-stream").into_bytes());
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{UPLOAD_BOUNDARY}--\r\n").into_bytes());
    body
}
