//! The `i2v-studio` binary: parses the command line, then serves until Ctrl-C or SIGTERM.
#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use i2v_studio::config::Config;
use i2v_studio::server::cli::{self, Command, USAGE};
use i2v_studio::server::credits_cli;
use i2v_studio::server::{Running, shutdown_signal, start};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => run(*config),
        Ok(Command::Help) => say(USAGE),
        Ok(Command::Version) => say(&format!("i2v-studio {}\n", env!("CARGO_PKG_VERSION"))),
        Ok(Command::Credits(command)) => match credits_cli::run(&command) {
            Ok(line) => say(&format!("{line}\n")),
            Err(err) => {
                complain(&err.to_string());
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            complain(&format!("{err}\nTry `i2v-studio --help`."));
            ExitCode::from(2)
        }
    }
}

fn run(config: Config) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            complain(&format!("cannot start the runtime: {err}"));
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let running: Running = start(config).await?;
        // The one line of stdout: scripts and tests read the URL from it.
        say(&format!("i2v-studio listening on {}\n", running.url()));
        shutdown_signal().await;
        running.shutdown().await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            complain(&err.to_string());
            ExitCode::FAILURE
        }
    }
}

/// Writes the program's output to stdout and flushes it, so a reading process sees it at once.
#[expect(clippy::print_stdout, reason = "stdout is this binary's output")]
fn say(text: &str) -> ExitCode {
    print!("{text}");
    match std::io::stdout().flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Writes an error for the person at the terminal.
#[expect(
    clippy::print_stderr,
    reason = "stderr is where a binary reports errors"
)]
fn complain(text: &str) {
    eprintln!("i2v-studio: {text}");
}
