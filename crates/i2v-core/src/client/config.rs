//! The client's configuration, with the defaults of `docs/PROTOCOL.md` §1.
//!
//! Bindings fill it from their environment (`NEMO_API_URL`, `NEMO_TOKEN`, …); the core reads no
//! environment of its own.

use std::fmt;
use std::time::Duration;

/// The cloud's API base URL.
pub const DEFAULT_API_URL: &str = "https://mega-api-prod.nemovideo.ai";
/// The cloud's web URL, where claim and registration links point.
pub const DEFAULT_WEB_URL: &str = "https://nemovideo.com";
/// The attribution source every request names.
pub const ATTRIBUTION_SOURCE: &str = "image-to-video-editing-ai";
/// The attribution version every request names.
pub const ATTRIBUTION_VERSION: &str = "1.0.0";

/// A bearer token. Never printed: `Debug` and `Display` show only that one is there.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Token {
        Token(token.into())
    }

    /// The token itself, for the `Authorization` header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The attribution headers of `docs/PROTOCOL.md` §1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// `X-Skill-Source`.
    pub source: String,
    /// `X-Skill-Version`.
    pub version: String,
    /// `X-Skill-Platform`: `SKILL_SOURCE`, else detected from the install path.
    pub platform: String,
}

impl Default for Attribution {
    fn default() -> Attribution {
        Attribution {
            source: ATTRIBUTION_SOURCE.into(),
            version: ATTRIBUTION_VERSION.into(),
            platform: "unknown".into(),
        }
    }
}

impl Attribution {
    /// The platform named by an install path: `/.clawhub/` → `clawhub`, `/.cursor/skills/` →
    /// `cursor`, else `unknown`.
    pub fn platform_from_path(path: &str) -> &'static str {
        let path = path.replace('\\', "/");
        if path.contains("/.clawhub/") {
            "clawhub"
        } else if path.contains("/.cursor/skills/") {
            "cursor"
        } else {
            "unknown"
        }
    }
}

/// How long the client waits, and how often it tries, in each workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// Heartbeats only for this long → the first "still working" notice.
    pub still_working_after: Duration,
    /// Then one more notice every this long.
    pub still_working_every: Duration,
    /// Heartbeats only for this long → the turn times out.
    pub heartbeat_timeout: Duration,
    /// After a dropped stream: the wait before the first state fetch.
    pub disconnect_first_wait: Duration,
    /// After a dropped stream: the wait between later state fetches.
    pub disconnect_next_wait: Duration,
    /// After a dropped stream: unchanged fetches before giving up.
    pub disconnect_max_polls: u32,
    /// Export: the wait between status polls.
    pub export_poll_interval: Duration,
    /// Export: polls before giving up.
    pub export_max_polls: u32,
    /// Idempotent requests: attempts in all, the first included.
    pub retry_attempts: u32,
    /// Idempotent requests: the first backoff; it doubles up to `retry_max_backoff`.
    pub retry_base_backoff: Duration,
    /// Idempotent requests: the largest backoff.
    pub retry_max_backoff: Duration,
    /// 429: the longest `Retry-After` worth waiting for before the one retry; a longer wait
    /// (a daily quota, say) goes to the caller at once as the error, with the wait in it.
    pub rate_limit_max_wait: Duration,
    /// The most one request waits for its answer: a JSON answer read whole, an event stream
    /// opened (the stream itself then follows the heartbeat rules). Uploads, whose answer comes
    /// only once every byte is sent, wait as long as they take unless a call sets a timeout.
    pub request_timeout: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            still_working_after: Duration::from_secs(120),
            still_working_every: Duration::from_secs(120),
            heartbeat_timeout: Duration::from_secs(600),
            disconnect_first_wait: Duration::from_secs(30),
            disconnect_next_wait: Duration::from_secs(60),
            disconnect_max_polls: 5,
            export_poll_interval: Duration::from_secs(30),
            export_max_polls: 10,
            retry_attempts: 3,
            retry_base_backoff: Duration::from_millis(500),
            retry_max_backoff: Duration::from_secs(8),
            rate_limit_max_wait: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// Everything the client needs to know before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The API base URL, without a trailing slash.
    pub api_url: String,
    /// The web URL for claim and registration links, without a trailing slash.
    pub web_url: String,
    /// A configured token (`NEMO_TOKEN`): used as it is and never replaced silently.
    pub token: Option<Token>,
    /// The client id (a UUID) the anonymous token belongs to; generated when absent.
    pub client_id: Option<String>,
    /// The attribution headers.
    pub attribution: Attribution,
    /// The language the session is created in: a tag as [`language_tag`] writes it.
    pub language: String,
    /// Waits and attempts.
    pub timing: Timing,
    /// Entropy from the platform (for client ids, render ids and backoff jitter): bindings
    /// fill it from their secure random source.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            api_url: DEFAULT_API_URL.into(),
            web_url: DEFAULT_WEB_URL.into(),
            token: None,
            client_id: None,
            attribution: Attribution::default(),
            language: "en".into(),
            timing: Timing::default(),
            seed: 0,
        }
    }
}

/// The session language for a locale, in the form the api-reference asks for (`zh-CN`, `en`,
/// `ja`, `es`, …): the primary language subtag in lower case, and for Chinese also the written
/// form (`zh-TW` for traditional script or a Taiwan, Hong Kong or Macau region, else `zh-CN`).
///
/// Reads BCP 47 tags (`en-US`, `zh-Hant-HK`, from `navigator.language` or `Intl`) and POSIX
/// locales (`zh_CN.UTF-8`, `de_DE@euro`, from `LANG`). `None` for `C`, `POSIX`, the empty
/// string and anything whose first subtag is not 2–3 ASCII letters.
pub fn language_tag(locale: &str) -> Option<String> {
    let locale = locale.trim();
    let locale = locale.split(['.', '@']).next().unwrap_or_default();
    let mut subtags = locale.split(['-', '_']);
    let primary = subtags.next()?.to_ascii_lowercase();
    let letters =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    if !letters {
        return None;
    }
    if primary != "zh" {
        return Some(primary);
    }
    let traditional = subtags.any(|subtag| {
        ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|mark| subtag.eq_ignore_ascii_case(mark))
    });
    Some(if traditional { "zh-TW" } else { "zh-CN" }.to_owned())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn tokens_never_print() {
        let config = Config {
            token: Some(Token::new("nmv_usr_secret")),
            ..Config::default()
        };
        let shown = format!("{config:?} {}", Token::new("nmv_usr_secret"));
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn languages_from_locales() {
        for (locale, language) in [
            ("en-US", Some("en")),
            ("en_GB.UTF-8", Some("en")),
            ("zh-CN", Some("zh-CN")),
            ("zh_CN.UTF-8", Some("zh-CN")),
            ("zh", Some("zh-CN")),
            ("zh-Hans-SG", Some("zh-CN")),
            ("zh-TW", Some("zh-TW")),
            ("zh-Hant-HK", Some("zh-TW")),
            ("zh_HK.Big5", Some("zh-TW")),
            ("JA-jp", Some("ja")),
            ("es-419", Some("es")),
            ("de_DE@euro", Some("de")),
            ("fil-PH", Some("fil")),
            ("C", None),
            ("C.UTF-8", None),
            ("POSIX", None),
            ("", None),
            ("  ", None),
            ("12-34", None),
            ("english", None),
        ] {
            assert_eq!(language_tag(locale).as_deref(), language, "{locale:?}");
        }
    }

    #[test]
    fn platform_comes_from_the_install_path() {
        assert_eq!(
            Attribution::platform_from_path("/home/a/.clawhub/skills/i2v/index.js"),
            "clawhub"
        );
        assert_eq!(
            Attribution::platform_from_path("C:\\Users\\a\\.cursor\\skills\\i2v\\x.js"),
            "cursor"
        );
        assert_eq!(Attribution::platform_from_path("/usr/lib/node"), "unknown");
    }
}
