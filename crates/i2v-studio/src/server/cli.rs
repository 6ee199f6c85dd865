//! The command line of the `i2v-studio` binary: flags to [`Config`].
//!
//! Flags take their value as the next argument or after `=` (`--port 9000`, `--port=9000`).
//! Durations are seconds and may have decimals (`--fault-token-ttl 0.5`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use crate::config::{Config, Dialect};

/// What the command line asks for.
#[derive(Debug, Clone)]
pub enum Command {
    /// Run the studio with this configuration.
    Run(Box<Config>),
    /// Print [`USAGE`].
    Help,
    /// Print the version.
    Version,
    /// Show or add a user's credits (`i2v-studio credits …`).
    Credits(super::credits_cli::CreditsCommand),
}

/// A command line that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CliError {
    /// A flag this program does not know.
    #[error("unknown flag `{0}`")]
    UnknownFlag(String),
    /// An argument that is not a flag.
    #[error("unexpected argument `{0}`")]
    UnexpectedArgument(String),
    /// A flag given without its value.
    #[error("`{0}` needs a value")]
    MissingValue(String),
    /// A switch given a value.
    #[error("`{0}` takes no value")]
    UnexpectedValue(String),
    /// A value that does not fit its flag.
    #[error("`{flag}`: `{value}` is not {expected}")]
    BadValue {
        /// The flag.
        flag: String,
        /// The value given.
        value: String,
        /// What the flag takes.
        expected: &'static str,
    },
}

/// The `--help` text.
pub const USAGE: &str = "\
i2v-studio: a local backend for the NemoVideo agent API

Usage: i2v-studio [FLAGS]
       i2v-studio credits show (--client-id ID | --bind BIND_ID) [--data-dir DIR]
       i2v-studio credits add N (--client-id ID | --bind BIND_ID) [--data-dir DIR]

Serving:
  --host ADDR                  address to listen on (default 127.0.0.1; `localhost` works)
  --port N                     port (default 8787; 0 picks a free one)
  --data-dir DIR               database, uploads and renders (default ./.i2v-studio)
  --web-root DIR               static files served at /
  --pkg-root DIR               the browser package served at /pkg/
  --public-url URL             web URL for links (default: the listening URL)
  --allow-origin URL           also let pages of this origin call the studio (repeatable)
  --dialect NAME               answer shapes: adk (default) or reference, NemoVideo's
                               published api-reference (docs/PROTOCOL.md §8)
  --allow-private-urls         let URL uploads fetch private and loopback addresses

Accounts and sessions:
  --token-ttl SECS             anonymous token lifetime (default 604800, 7 days)
  --tokens-per-address N       new tokens per source address per window (default 10; a
                               studio on a loopback address does not limit callers on
                               this machine unless this flag is given)
  --token-window SECS          that window (default 604800)
  --starter-credits N          credits of a new anonymous user (default 100)
  --free-credits               turns cost nothing (a personal studio; same as
                               --generate-cost 0 --edit-cost 0)
  --session-idle SECS          idle time before a session expires (default 86400)

Agent and renders:
  --generate-cost N            credits per generation turn (default 10)
  --edit-cost N                credits per edit turn (default 2)
  --max-upload-bytes N         largest upload (default 209715200)
  --max-user-media-bytes N     all the uploads of one user together (default 2147483648)
  --max-connections N          connections open at once; more wait (default 512)
  --header-read-timeout SECS   longest wait for a request's head, or idle between two (default 15)
  --silent-share F             share of edit turns answered silently, 0-1 (default 0.3)
  --seed N                     seed for everything random (decimal or 0x hex)
  --chunk-delay-ms MS          pause between streamed text chunks (default 40)
  --heartbeat-every SECS       pause between heartbeats (default 5)
  --render-workers N           render workers (default 0: one per two cores)
  --render-timeout SECS        longest render (default 600)
  --render-memory-mib MIB      most memory one ffmpeg may hold (default 4096; 0: no limit)

Fault injection (for testing clients):
  --fault-drop-stream-after N  drop every event stream after N events
  --fault-stall-stream SECS    send only heartbeats this long before a turn's events
  --fault-429-share F          share of API requests answered 429, 0-1
  --fault-5xx-share F          share of API requests answered 500/503, 0-1
  --fault-token-ttl SECS       tokens expire after this instead
  --fault-session-idle SECS    sessions expire after this idle time instead

  -h, --help                   this text
  -V, --version                the version

Logs go to stderr (filter with RUST_LOG); the listening URL is printed to stdout.
";

/// Reads the arguments (without the program name).
pub fn parse<I>(args: I) -> Result<Command, CliError>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    let mut config = Config {
        public_url: String::new(),
        ..Config::default()
    };
    let mut host = config.listen.ip();
    let mut port = config.listen.port();
    let mut args = args.into_iter().map(Into::into).peekable();
    if args.peek().is_some_and(|first| first == "credits") {
        let rest: Vec<String> = args.skip(1).collect();
        return super::credits_cli::parse(&rest).map(Command::Credits);
    }
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--allow-private-urls" => {
                if inline.is_some() {
                    return Err(CliError::UnexpectedValue(flag));
                }
                config.allow_private_urls = true;
                continue;
            }
            "--free-credits" => {
                if inline.is_some() {
                    return Err(CliError::UnexpectedValue(flag));
                }
                (config.generate_cost, config.edit_cost) = (0, 0);
                continue;
            }
            _ if !flag.starts_with('-') => return Err(CliError::UnexpectedArgument(arg)),
            _ => {}
        }
        // A missing value is only an error for a known flag: `--nope` is unknown, not short.
        let value = Value {
            text: inline.or_else(|| args.next()),
            flag: &flag,
        };
        let faults = &mut config.faults;
        match flag.as_str() {
            "--host" => host = value.host()?,
            "--port" => port = value.number("a port number")?,
            "--data-dir" => config.data_dir = value.path()?,
            "--web-root" => config.web_root = Some(value.path()?),
            "--pkg-root" => config.pkg_root = Some(value.path()?),
            "--public-url" => config.public_url = value.url()?,
            "--allow-origin" => config.allowed_origins.push(value.url()?),
            "--token-ttl" => config.token_ttl = value.seconds()?,
            "--tokens-per-address" => {
                config.tokens_per_address = value.number("a count")?;
                config.limit_local_tokens = true;
            }
            "--token-window" => config.token_window = value.seconds()?,
            "--starter-credits" => config.starter_credits = value.amount()?,
            "--session-idle" => config.session_idle = value.seconds()?,
            "--generate-cost" => config.generate_cost = value.amount()?,
            "--edit-cost" => config.edit_cost = value.amount()?,
            "--max-upload-bytes" => config.max_upload_bytes = value.number("a byte count")?,
            "--max-connections" => {
                config.connections.max_connections = value.number("a connection count")?;
            }
            "--max-user-media-bytes" => {
                config.max_user_media_bytes = value.number("a byte count")?;
            }
            "--silent-share" => config.silent_share = value.share()?,
            "--seed" => config.seed = value.seed()?,
            "--chunk-delay-ms" => {
                config.chunk_delay = Duration::from_millis(value.number("milliseconds")?);
            }
            "--heartbeat-every" => config.heartbeat_every = value.seconds()?,
            "--render-workers" => config.render_workers = value.number("a worker count")?,
            "--render-timeout" => config.render_timeout = value.seconds()?,
            "--render-memory-mib" => config.render_memory_mib = value.number("a size in MiB")?,
            "--header-read-timeout" => {
                config.connections.header_read_timeout = value.seconds()?;
            }
            "--dialect" => config.dialect = value.dialect()?,
            "--fault-drop-stream-after" => {
                faults.drop_stream_after = Some(value.number("an event count")?);
            }
            "--fault-stall-stream" => faults.stall_stream = Some(value.seconds()?),
            "--fault-429-share" => faults.rate_limit_share = value.share()?,
            "--fault-5xx-share" => faults.server_error_share = value.share()?,
            "--fault-token-ttl" => faults.token_ttl_override = Some(value.seconds()?),
            "--fault-session-idle" => faults.session_idle_override = Some(value.seconds()?),
            _ => return Err(CliError::UnknownFlag(flag.clone())),
        }
    }
    config.listen = SocketAddr::new(host, port);
    Ok(Command::Run(Box::new(config)))
}

/// A flag's value, read as the type the flag takes.
struct Value<'f> {
    text: Option<String>,
    flag: &'f str,
}

impl Value<'_> {
    fn text(&self) -> Result<&str, CliError> {
        self.text
            .as_deref()
            .ok_or_else(|| CliError::MissingValue(self.flag.to_owned()))
    }

    fn bad(&self, expected: &'static str) -> CliError {
        CliError::BadValue {
            flag: self.flag.to_owned(),
            value: self.text.clone().unwrap_or_default(),
            expected,
        }
    }

    fn number<T: FromStr>(&self, expected: &'static str) -> Result<T, CliError> {
        self.text()?.parse().map_err(|_| self.bad(expected))
    }

    fn path(&self) -> Result<PathBuf, CliError> {
        self.text().map(PathBuf::from)
    }

    fn host(&self) -> Result<IpAddr, CliError> {
        if self.text()? == "localhost" {
            return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        self.number("an IP address")
    }

    /// A credit amount: a whole number, not negative.
    fn amount(&self) -> Result<i64, CliError> {
        let amount: i64 = self.number("a credit amount")?;
        if amount < 0 {
            return Err(self.bad("a credit amount"));
        }
        Ok(amount)
    }

    /// Seconds, decimals allowed, not negative.
    fn seconds(&self) -> Result<Duration, CliError> {
        let seconds: f64 = self.number("a number of seconds")?;
        Duration::try_from_secs_f64(seconds).map_err(|_| self.bad("a number of seconds"))
    }

    /// A share from 0 to 1.
    fn share(&self) -> Result<f64, CliError> {
        let share: f64 = self.number("a share from 0 to 1")?;
        if (0.0..=1.0).contains(&share) {
            Ok(share)
        } else {
            Err(self.bad("a share from 0 to 1"))
        }
    }

    fn dialect(&self) -> Result<Dialect, CliError> {
        Dialect::parse(self.text()?).ok_or_else(|| self.bad("adk or reference"))
    }

    fn seed(&self) -> Result<u64, CliError> {
        let text = self.text()?;
        let parsed = match text.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => text.parse(),
        };
        parsed.map_err(|_| self.bad("a decimal or 0x hex number"))
    }

    fn url(&self) -> Result<String, CliError> {
        let text = self.text()?.trim_end_matches('/');
        let has_host = ["http://", "https://"]
            .iter()
            .filter_map(|scheme| text.strip_prefix(scheme))
            .any(|rest| !rest.is_empty());
        if has_host {
            Ok(text.to_owned())
        } else {
            Err(self.bad("an http(s) URL"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, CliError> {
        match parse(args.iter().copied())? {
            Command::Run(config) => Ok(*config),
            other => panic!("expected a run, got {other:?}"),
        }
    }

    #[test]
    fn no_flags_means_the_defaults_on_loopback() {
        let config = run(&[]).unwrap();
        let defaults = Config::default();
        assert_eq!(config.listen, "127.0.0.1:8787".parse().unwrap());
        assert_eq!(config.data_dir, PathBuf::from(".i2v-studio"));
        // Left empty so the server fills in the real listening URL.
        assert_eq!(config.public_url, "");
        assert_eq!(config.token_ttl, defaults.token_ttl);
        assert_eq!(config.faults, defaults.faults);
        assert!(!config.limit_local_tokens);
    }

    #[test]
    fn a_personal_studio_and_the_credits_command() {
        let free = run(&["--generate-cost", "5", "--free-credits"]).unwrap();
        assert_eq!((free.generate_cost, free.edit_cost), (0, 0));
        assert_eq!(
            parse(["--free-credits=yes"]).unwrap_err(),
            CliError::UnexpectedValue("--free-credits".into())
        );
        let Ok(Command::Credits(credits)) = parse(["credits", "add", "5", "--bind", "bnd_1"])
        else {
            panic!("expected the credits command");
        };
        assert_eq!(credits.add, Some(5));
        assert!(USAGE.contains("i2v-studio credits add N"));
    }

    #[test]
    fn every_flag_reaches_its_knob() {
        let config = run(&[
            "--host",
            "0.0.0.0",
            "--port=9000",
            "--data-dir",
            "/tmp/d",
            "--web-root",
            "web",
            "--pkg-root",
            "pkg",
            "--public-url",
            "https://example.test/",
            "--allow-origin",
            "https://app.test",
            "--allow-origin=http://other.test:81",
            "--allow-private-urls",
            "--token-ttl",
            "60",
            "--tokens-per-address",
            "3",
            "--token-window",
            "120",
            "--starter-credits",
            "5",
            "--session-idle",
            "1.5",
            "--generate-cost",
            "7",
            "--edit-cost",
            "1",
            "--max-connections",
            "64",
            "--max-user-media-bytes",
            "5000",
            "--max-upload-bytes",
            "1000",
            "--silent-share",
            "0",
            "--seed",
            "0x10",
            "--chunk-delay-ms",
            "0",
            "--heartbeat-every",
            "0.25",
            "--render-workers",
            "2",
            "--render-timeout",
            "30",
            "--render-memory-mib",
            "512",
            "--header-read-timeout",
            "2.5",
            "--dialect",
            "reference",
            "--fault-drop-stream-after",
            "4",
            "--fault-stall-stream",
            "2",
            "--fault-429-share",
            "0.5",
            "--fault-5xx-share=0.25",
            "--fault-token-ttl",
            "1",
            "--fault-session-idle",
            "0.5",
        ])
        .unwrap();
        assert_eq!(config.listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.data_dir, PathBuf::from("/tmp/d"));
        assert_eq!(config.web_root, Some(PathBuf::from("web")));
        assert_eq!(config.pkg_root, Some(PathBuf::from("pkg")));
        assert_eq!(config.public_url, "https://example.test");
        assert!(config.allow_private_urls);
        assert_eq!(config.token_ttl, Duration::from_secs(60));
        assert_eq!(config.tokens_per_address, 3);
        assert!(
            config.limit_local_tokens,
            "an explicit limit holds on loopback too"
        );
        assert_eq!(config.token_window, Duration::from_secs(120));
        assert_eq!(config.starter_credits, 5);
        assert_eq!(config.session_idle, Duration::from_millis(1500));
        assert_eq!((config.generate_cost, config.edit_cost), (7, 1));
        assert_eq!(config.max_upload_bytes, 1000);
        assert_eq!(config.connections.max_connections, 64);
        assert_eq!(
            config.allowed_origins,
            ["https://app.test", "http://other.test:81"]
        );
        assert_eq!(config.max_user_media_bytes, 5000);
        assert_eq!(config.silent_share, 0.0);
        assert_eq!(config.seed, 16);
        assert_eq!(config.chunk_delay, Duration::ZERO);
        assert_eq!(config.heartbeat_every, Duration::from_millis(250));
        assert_eq!(config.render_workers, 2);
        assert_eq!(config.render_timeout, Duration::from_secs(30));
        assert_eq!(config.render_memory_mib, 512);
        assert_eq!(
            config.connections.header_read_timeout,
            Duration::from_millis(2500)
        );
        assert_eq!(config.dialect, Dialect::Reference);
        let faults = &config.faults;
        assert_eq!(faults.drop_stream_after, Some(4));
        assert_eq!(faults.stall_stream, Some(Duration::from_secs(2)));
        assert_eq!(faults.rate_limit_share, 0.5);
        assert_eq!(faults.server_error_share, 0.25);
        assert_eq!(faults.token_ttl_override, Some(Duration::from_secs(1)));
        assert_eq!(
            faults.session_idle_override,
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn help_and_version_win_over_everything() {
        assert!(matches!(
            parse(["--port", "1", "--help"]),
            Ok(Command::Help)
        ));
        assert!(matches!(parse(["-h"]), Ok(Command::Help)));
        assert!(matches!(parse(["-V"]), Ok(Command::Version)));
        assert!(USAGE.contains("--fault-session-idle"));
    }

    #[test]
    fn localhost_is_loopback() {
        assert_eq!(
            run(&["--host", "localhost"]).unwrap().listen.ip(),
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        );
    }

    #[test]
    fn bad_command_lines_say_what_is_wrong() {
        let bad = |flag: &str, value: &str| CliError::BadValue {
            flag: flag.into(),
            value: value.into(),
            expected: match flag {
                "--port" => "a port number",
                "--host" => "an IP address",
                "--fault-429-share" => "a share from 0 to 1",
                "--token-ttl" => "a number of seconds",
                "--seed" => "a decimal or 0x hex number",
                "--edit-cost" => "a credit amount",
                "--dialect" => "adk or reference",
                _ => "an http(s) URL",
            },
        };
        let cases: &[(&[&str], CliError)] = &[
            (&["--nope"], CliError::UnknownFlag("--nope".into())),
            (&["--nope=1"], CliError::UnknownFlag("--nope".into())),
            (
                &["--port", "1", "--nope"],
                CliError::UnknownFlag("--nope".into()),
            ),
            (&["--data-dir"], CliError::MissingValue("--data-dir".into())),
            (&["serve"], CliError::UnexpectedArgument("serve".into())),
            (&["--port"], CliError::MissingValue("--port".into())),
            (
                &["--allow-private-urls=yes"],
                CliError::UnexpectedValue("--allow-private-urls".into()),
            ),
            (&["--port", "70000"], bad("--port", "70000")),
            (&["--port", "-1"], bad("--port", "-1")),
            (&["--host", "example.com"], bad("--host", "example.com")),
            (
                &["--fault-429-share", "1.5"],
                bad("--fault-429-share", "1.5"),
            ),
            (
                &["--fault-429-share", "NaN"],
                bad("--fault-429-share", "NaN"),
            ),
            (&["--token-ttl", "-3"], bad("--token-ttl", "-3")),
            (&["--token-ttl", "inf"], bad("--token-ttl", "inf")),
            (&["--seed", "0xZZ"], bad("--seed", "0xZZ")),
            (&["--edit-cost", "-2"], bad("--edit-cost", "-2")),
            (&["--dialect", "ADK"], bad("--dialect", "ADK")),
            (&["--public-url", "ftp://x"], bad("--public-url", "ftp://x")),
            (&["--public-url", "http://"], bad("--public-url", "http://")),
        ];
        for (args, expected) in cases {
            assert_eq!(run(args).unwrap_err(), *expected, "{args:?}");
        }
    }
}
