//! Running ffmpeg: progress from `-progress pipe:1`, the error output kept for a reason, the
//! peak memory read from `/proc`, and a stop on cancel or at the deadline.
//!
//! Where util-linux's `prlimit` is there, ffmpeg runs under a limit on its data memory
//! (`RLIMIT_DATA`: the heap and every private writable mapping, which is what a decode bomb or
//! a runaway graph grows; unlike `RLIMIT_AS` it does not count the address space glibc and x264
//! reserve per thread, which is several times the memory used on a many-core machine). An
//! allocation past the limit fails, ffmpeg says "Cannot allocate memory", and the render fails
//! with [`RenderError::OverMemory`].
//!
//! ffmpeg dies with the studio: `kill_on_drop` covers a studio that stops, and where
//! util-linux's `setpriv` is there (Debian has it) ffmpeg is started through it with a
//! parent-death signal, so that a studio killed outright (`kill -9`, a crash) leaves no render
//! running on. `setpriv` execs ffmpeg in its own process, so its pid (read for memory) is
//! ffmpeg's.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::super::error::RenderError;
use super::stderr;

/// How much of ffmpeg's error output is kept (its end, where the failure is).
const STDERR_KEPT: usize = 64 * 1024;
/// How often the child's memory is sampled.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// Where util-linux's `setpriv` and `prlimit` live on Debian.
const SETPRIV: &str = "/usr/bin/setpriv";
const PRLIMIT: &str = "/usr/bin/prlimit";

/// The helpers a command is started through, each used only where it is installed.
struct Launchers<'a> {
    /// Sets the parent-death signal.
    setpriv: &'a str,
    /// Sets the memory limit.
    prlimit: &'a str,
}

/// The launchers at their Debian paths.
const LAUNCHERS: Launchers<'static> = Launchers {
    setpriv: SETPRIV,
    prlimit: PRLIMIT,
};

/// The command that starts `program`: through `setpriv` with a parent-death signal and through
/// `prlimit` with `memory_limit` (bytes) where each is there, else directly. Each execs the
/// next, so the child's pid is the program's.
fn command(program: &Path, memory_limit: Option<u64>, launchers: &Launchers<'_>) -> Command {
    let mut words: Vec<std::ffi::OsString> = Vec::new();
    if Path::new(launchers.setpriv).is_file() {
        words.extend([
            launchers.setpriv.into(),
            "--pdeathsig".into(),
            "KILL".into(),
        ]);
        words.push("--".into());
    }
    if let Some(bytes) = memory_limit.filter(|_| Path::new(launchers.prlimit).is_file()) {
        words.extend([launchers.prlimit.into(), format!("--data={bytes}").into()]);
        words.push("--".into());
    }
    words.push(program.into());
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]);
    command
}

/// Whether ffmpeg's error output says an allocation failed: memory itself, or a thread's stack
/// (x264 says "pthread_create failed: Resource temporarily unavailable").
fn out_of_memory(errors: &str) -> bool {
    [
        "Cannot allocate memory",
        "Out of memory",
        "pthread_create failed",
    ]
    .iter()
    .any(|sign| errors.contains(sign))
}

/// Whether `program` names a file, directly or through `PATH`: checked before starting it, since
/// through `setpriv` a missing program is no longer an error of the start itself.
fn runnable(program: &Path) -> bool {
    if program.components().count() > 1 {
        return program.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// What a finished ffmpeg run measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FfmpegRun {
    /// The child's peak resident memory (Linux `VmHWM`), when it could be read.
    pub peak_memory_bytes: Option<u64>,
}

/// How a run is watched and stopped.
pub struct Control<'a> {
    /// Called with the share done, 0 to 100, as ffmpeg reports it.
    pub progress: &'a mut (dyn FnMut(u8) + Send),
    /// Stops the run when cancelled.
    pub cancel: &'a CancellationToken,
    /// Stops the run when reached.
    pub deadline: Instant,
    /// What the time limit was, for the message.
    pub limit: Duration,
    /// The most memory ffmpeg may hold, in bytes (`None`: no limit).
    pub memory_limit: Option<u64>,
}

/// Runs ffmpeg to the end, in directory `dir` where one is given (a segment job's paths are
/// relative to its own); `duration_ms` is the output's length (for progress) and `inputs` name
/// the input files (for the failure reason).
pub(crate) async fn run(
    program: &Path,
    dir: Option<&Path>,
    args: &[String],
    duration_ms: u64,
    inputs: &[(String, String)],
    control: Control<'_>,
) -> Result<FfmpegRun, RenderError> {
    if !runnable(program) {
        return Err(RenderError::ToolMissing {
            tool: "ffmpeg".into(),
            package: "ffmpeg",
        });
    }
    let mut command = command(program, control.memory_limit, &LAUNCHERS);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => RenderError::ToolMissing {
                tool: "ffmpeg".into(),
                package: "ffmpeg",
            },
            _ => RenderError::io("starting ffmpeg", &err),
        })?;
    let pid = child.id();
    let stderr_task = child.stderr.take().map(|pipe| tokio::spawn(tail(pipe)));
    let mut lines = child.stdout.take().map(|pipe| BufReader::new(pipe).lines());
    let mut peak: Option<u64> = None;
    // The first sample waits one interval: a process sampled straight after exec has not yet
    // loaded anything, and a figure from then would understate its peak.
    let mut ticker = tokio::time::interval_at(Instant::now() + SAMPLE_EVERY, SAMPLE_EVERY);
    let total_us = duration_ms.saturating_mul(1000).max(1);
    let status = loop {
        tokio::select! {
            status = child.wait() => break status,
            line = next_line(&mut lines) => match line {
                Some(line) => {
                    if let Some(done) = progress_of(&line, total_us) {
                        (control.progress)(done);
                    }
                }
                None => lines = None,
            },
            _ = ticker.tick() => {
                if let Some(bytes) = pid.and_then(peak_memory) {
                    peak = Some(peak.map_or(bytes, |p| p.max(bytes)));
                }
            }
            () = control.cancel.cancelled() => {
                stop(&mut child).await;
                return Err(RenderError::Cancelled);
            }
            () = tokio::time::sleep_until(control.deadline) => {
                stop(&mut child).await;
                return Err(RenderError::timed_out(control.limit));
            }
        }
    };
    let status = status.map_err(|err| RenderError::io("waiting for ffmpeg", &err))?;
    if status.success() {
        return Ok(FfmpegRun {
            peak_memory_bytes: peak,
        });
    }
    let errors = match stderr_task {
        Some(task) => task.await.unwrap_or_default(),
        None => String::new(),
    };
    if let Some(bytes) = control.memory_limit.filter(|_| out_of_memory(&errors)) {
        return Err(RenderError::OverMemory {
            limit_mib: bytes >> 20,
        });
    }
    Err(RenderError::Ffmpeg {
        reason: stderr::reason(&errors, inputs),
    })
}

/// The next line of the progress pipe; waits forever once the pipe is closed, so that the
/// loop above keeps waiting for the exit instead.
async fn next_line<R: AsyncRead + Unpin>(
    lines: &mut Option<tokio::io::Lines<BufReader<R>>>,
) -> Option<String> {
    match lines {
        Some(lines) => lines.next_line().await.ok().flatten(),
        None => std::future::pending().await,
    }
}

/// The share done from one `-progress` line (`out_time_us=12345678`), 0 to 99: 100 is for a
/// render that is really finished.
pub(crate) fn progress_of(line: &str, total_us: u64) -> Option<u8> {
    let value = line
        .strip_prefix("out_time_us=")
        .or_else(|| line.strip_prefix("out_time_ms="))?; // also microseconds, despite the name
    let done: u64 = value.trim().parse().ok()?;
    let share = done.saturating_mul(100) / total_us.max(1);
    Some(u8::try_from(share.min(99)).unwrap_or(99))
}

/// The last [`STDERR_KEPT`] bytes of a pipe, read to its end so the child never blocks on it.
async fn tail<R: AsyncRead + Unpin>(mut pipe: R) -> String {
    let mut kept: Vec<u8> = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match pipe.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => {
                kept.extend_from_slice(buffer.get(..read).unwrap_or_default());
                if kept.len() > STDERR_KEPT {
                    kept.drain(..kept.len() - STDERR_KEPT);
                }
            }
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// Kills the child and reaps it.
async fn stop(child: &mut Child) {
    let _ = child.start_kill();
    let _ = child.wait().await;
}

/// A process's peak resident memory, from `VmHWM` in `/proc/<pid>/status` (Linux only).
fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib.saturating_mul(1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_become_a_share() {
        assert_eq!(progress_of("out_time_us=5000000", 10_000_000), Some(50));
        assert_eq!(progress_of("out_time_ms=2500000", 10_000_000), Some(25));
        assert_eq!(progress_of("out_time_us=20000000", 10_000_000), Some(99));
        assert_eq!(progress_of("out_time_us=N/A", 10_000_000), None);
        assert_eq!(progress_of("frame=12", 10_000_000), None);
        assert_eq!(progress_of("out_time_us=1", 0), Some(99));
    }

    #[test]
    fn launchers_chain_where_each_is_there() {
        let words = |command: &Command| -> Vec<String> {
            let std = command.as_std();
            std::iter::once(std.get_program())
                .chain(std.get_args())
                .map(|word| word.to_string_lossy().into_owned())
                .collect()
        };
        let ffmpeg = Path::new("ffmpeg");
        let both = command(ffmpeg, Some(1 << 30), &LAUNCHERS);
        assert_eq!(
            words(&both),
            [
                SETPRIV,
                "--pdeathsig",
                "KILL",
                "--",
                PRLIMIT,
                "--data=1073741824",
                "--",
                "ffmpeg"
            ]
        );
        let unlimited = command(ffmpeg, None, &LAUNCHERS);
        assert_eq!(
            words(&unlimited),
            [SETPRIV, "--pdeathsig", "KILL", "--", "ffmpeg"]
        );
        let missing = Launchers {
            setpriv: "/nonexistent/setpriv",
            prlimit: "/nonexistent/prlimit",
        };
        assert_eq!(words(&command(ffmpeg, Some(1 << 30), &missing)), ["ffmpeg"]);
    }

    /// A graph that needs far more than 64 MiB (a 4K picture blurred at 8K) fails as over its
    /// memory, not as an ffmpeg failure; the same graph without a limit is not what is tested
    /// here (it would take seconds), only that the limit is the reason.
    #[tokio::test]
    async fn a_run_past_its_memory_limit_fails_naming_the_limit() {
        assert!(
            Path::new(PRLIMIT).is_file(),
            "util-linux's prlimit is on every machine the studio supports"
        );
        let args: Vec<String> = [
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=3840x2160:d=1",
            "-vf",
            "scale=7680:4320,gblur=sigma=20",
            "-f",
            "null",
            "-",
        ]
        .map(String::from)
        .to_vec();
        let cancel = CancellationToken::new();
        let control = Control {
            progress: &mut |_| {},
            cancel: &cancel,
            deadline: Instant::now() + Duration::from_secs(60),
            limit: Duration::from_secs(60),
            memory_limit: Some(64 << 20),
        };
        let result = run(Path::new("ffmpeg"), None, &args, 1000, &[], control).await;
        assert_eq!(result, Err(RenderError::OverMemory { limit_mib: 64 }));
        assert_eq!(
            result.unwrap_err().to_string(),
            "the render needed more than its memory limit of 64 MiB and was stopped"
        );
    }

    #[test]
    fn this_process_has_a_peak() {
        let peak = peak_memory(std::process::id());
        assert!(peak.is_some_and(|bytes| bytes > 1024 * 1024), "{peak:?}");
    }
}
