//! The client's configuration from the options object the shell builds (`config`).
//!
//! The shell has already filled in the platform's defaults (environment variables, stored
//! client ids); what is still missing here takes the core's defaults. Unknown keys are ignored
//! so that an older addon accepts a newer shell's options. The bindings convert the JS objects
//! into `serde_json::Value`s with their serde support; this module checks them, so both
//! bindings accept and refuse the same options with the same words.

use std::time::Duration;

use i2v_core::Error;
use i2v_core::client::{
    Attribution, CallOptions, Config, ExportOptions, Timing, Token, language_tag,
};
use i2v_core::json::quoted;
use serde_json::{Map, Value};

/// Reads the shell's `config`: `{apiUrl, webUrl, token?, clientId?, attribution: {source?, version?,
/// platform?, installPath?}, language?, locales?: [], timing: {…Ms}, seed: "<16 hex>"}`.
pub fn from_value(value: Value) -> Result<Config, Error> {
    let Value::Object(fields) = value else {
        return Err(invalid("the options must be an object".into()));
    };
    let defaults = Config::default();
    let url = |name: &str, fallback: &str| -> Result<String, Error> {
        let url = string(&fields, name)?.unwrap_or_else(|| fallback.to_owned());
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid(format!(
                "{name} must be an http(s) URL, not {}",
                quoted(&url)
            )));
        }
        Ok(url.trim_end_matches('/').to_owned())
    };
    Ok(Config {
        api_url: url("apiUrl", &defaults.api_url)?,
        web_url: url("webUrl", &defaults.web_url)?,
        token: string(&fields, "token")?
            .filter(|token| !token.is_empty())
            .map(Token::new),
        client_id: string(&fields, "clientId")?.filter(|id| !id.is_empty()),
        attribution: attribution(fields.get("attribution"))?,
        language: language(&fields)?.unwrap_or(defaults.language),
        timing: overall(&fields, timing(fields.get("timing"))?)?,
        seed: seed(&fields)?,
    })
}

fn invalid(message: String) -> Error {
    Error::InvalidInput {
        message: format!("client options: {message}"),
    }
}

/// The session language: `language` as the caller gave it (which must be a language tag or
/// locale), else that of the first of the platform's `locales` that names one.
fn language(fields: &Map<String, Value>) -> Result<Option<String>, Error> {
    if let Some(given) = string(fields, "language")? {
        return language_tag(&given).map(Some).ok_or_else(|| {
            invalid(format!(
                "language must be a language tag such as en or zh-CN, not {}",
                quoted(&given)
            ))
        });
    }
    Ok(match fields.get("locales") {
        Some(Value::Array(locales)) => locales
            .iter()
            .filter_map(Value::as_str)
            .find_map(language_tag),
        _ => None,
    })
}

/// The options of one call (`{timeoutMs?}`), as the shell sends them before the call.
pub fn call_options(value: &Value) -> Result<CallOptions, Error> {
    let timeout = match value.get("timeoutMs") {
        None | Some(Value::Null) => None,
        Some(ms) => Some(positive_millis(ms, "timeout")?),
    };
    Ok(CallOptions { timeout })
}

/// The options of an export (`{format?, resolution?, fps?, quality?}`): each a word or a
/// number (`"webm"`, `"720p"`, `720`, `"4k"`, `60`), checked by the core against the output
/// contract; absent and `null` keep the core's defaults.
pub fn export_options(value: &Value) -> Result<ExportOptions, Error> {
    let invalid = |message: String| Error::InvalidInput {
        message: format!("export options: {message}"),
    };
    let mut options = ExportOptions::default();
    for name in ["format", "resolution", "fps", "quality"] {
        let word = match value.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(_) => return Err(invalid(format!("{name} must be a string or a number"))),
        };
        options.set(name, &word)?;
    }
    Ok(options)
}

/// A number of milliseconds above 0, as a duration.
fn positive_millis(value: &Value, name: &str) -> Result<Duration, Error> {
    value
        .as_f64()
        .filter(|ms| ms.is_finite() && *ms > 0.0 && *ms <= 1e12)
        .map(|ms| Duration::from_millis(ms.round().max(1.0) as u64))
        .ok_or_else(|| invalid(format!("{name} must be a number of milliseconds above 0")))
}

/// A string field; `null` and absence are both `None`.
fn string(fields: &Map<String, Value>, name: &str) -> Result<Option<String>, Error> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(invalid(format!("{name} must be a string"))),
    }
}

fn attribution(value: Option<&Value>) -> Result<Attribution, Error> {
    let mut attribution = Attribution::default();
    let Some(Value::Object(fields)) = value else {
        return match value {
            None | Some(Value::Null) => Ok(attribution),
            Some(_) => Err(invalid("attribution must be an object".into())),
        };
    };
    if let Some(source) = string(fields, "source")? {
        attribution.source = source;
    }
    if let Some(version) = string(fields, "version")? {
        attribution.version = version;
    }
    // No platform named: the core's rule reads it from where the package is installed.
    match (string(fields, "platform")?, string(fields, "installPath")?) {
        (Some(platform), _) => attribution.platform = platform,
        (None, Some(path)) => attribution.platform = Attribution::platform_from_path(&path).into(),
        (None, None) => {}
    }
    Ok(attribution)
}

/// The client-wide settings that the JS convention puts beside `timing` (openai-node's): a
/// `timeout` (ms) for every request, and `maxRetries` after the first attempt.
fn overall(fields: &Map<String, Value>, mut timing: Timing) -> Result<Timing, Error> {
    if let Some(ms) = fields.get("timeout").filter(|v| !v.is_null()) {
        timing.request_timeout = positive_millis(ms, "timeout")?;
    }
    if let Some(retries) = fields.get("maxRetries").filter(|v| !v.is_null()) {
        let retries = retries
            .as_u64()
            .filter(|n| *n <= 100)
            .ok_or_else(|| invalid("maxRetries must be a whole number from 0 to 100".into()))?;
        timing.retry_attempts = u32::try_from(retries).unwrap_or(100) + 1;
    }
    Ok(timing)
}

/// The waits, each overriding the protocol's default when given.
fn timing(value: Option<&Value>) -> Result<Timing, Error> {
    let mut timing = Timing::default();
    let fields = match value {
        None | Some(Value::Null) => return Ok(timing),
        Some(Value::Object(fields)) => fields,
        Some(_) => return Err(invalid("timing must be an object".into())),
    };
    let number = |name: &str| -> Result<Option<u64>, Error> {
        match fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_f64()
                .filter(|n| n.is_finite() && *n >= 0.0 && *n <= 1e15)
                .map(|n| Some(n.round() as u64))
                .ok_or_else(|| invalid(format!("timing.{name} must be a number of at least 0"))),
        }
    };
    let millis = |name: &str, slot: &mut Duration| -> Result<(), Error> {
        if let Some(ms) = number(name)? {
            *slot = Duration::from_millis(ms);
        }
        Ok(())
    };
    let count = |name: &str, slot: &mut u32| -> Result<(), Error> {
        if let Some(n) = number(name)? {
            *slot = u32::try_from(n).unwrap_or(u32::MAX);
        }
        Ok(())
    };
    millis("stillWorkingAfterMs", &mut timing.still_working_after)?;
    millis("stillWorkingEveryMs", &mut timing.still_working_every)?;
    millis("heartbeatTimeoutMs", &mut timing.heartbeat_timeout)?;
    millis("disconnectFirstWaitMs", &mut timing.disconnect_first_wait)?;
    millis("disconnectNextWaitMs", &mut timing.disconnect_next_wait)?;
    count("disconnectMaxPolls", &mut timing.disconnect_max_polls)?;
    millis("exportPollIntervalMs", &mut timing.export_poll_interval)?;
    count("exportMaxPolls", &mut timing.export_max_polls)?;
    count("retryAttempts", &mut timing.retry_attempts)?;
    millis("retryBaseBackoffMs", &mut timing.retry_base_backoff)?;
    millis("retryMaxBackoffMs", &mut timing.retry_max_backoff)?;
    millis("rateLimitMaxWaitMs", &mut timing.rate_limit_max_wait)?;
    millis("requestTimeoutMs", &mut timing.request_timeout)?;
    Ok(timing)
}

/// The platform's entropy: 16 hex digits (a JS number cannot hold 64 bits).
fn seed(fields: &Map<String, Value>) -> Result<u64, Error> {
    match string(fields, "seed")? {
        None => Ok(0),
        Some(hex) => u64::from_str_radix(&hex, 16)
            .map_err(|_| invalid("seed must be up to 16 hex digits".into())),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// The options of `text`, as a binding would hand them over.
    fn json(text: &str) -> Value {
        serde_json::from_str(text).expect("json")
    }

    fn from_json(text: &str) -> Result<Config, Error> {
        from_value(json(text))
    }

    fn call_options(text: &str) -> Result<CallOptions, Error> {
        super::call_options(&json(text))
    }

    #[test]
    fn options_fill_the_config_and_defaults_stay() {
        let config = from_json(
            r#"{"apiUrl":"http://127.0.0.1:9/","token":"nmv_usr_x","clientId":"c1",
                "attribution":{"platform":"cursor"},"timing":{"exportPollIntervalMs":250,
                "exportMaxPolls":7},"seed":"00000000000000ff","future":true}"#,
        )
        .expect("config");
        assert_eq!(config.api_url, "http://127.0.0.1:9");
        assert_eq!(config.web_url, Config::default().web_url);
        assert_eq!(config.token.as_ref().map(Token::expose), Some("nmv_usr_x"));
        assert_eq!(config.client_id.as_deref(), Some("c1"));
        assert_eq!(config.attribution.platform, "cursor");
        assert_eq!(config.attribution.source, Attribution::default().source);
        assert_eq!(
            config.timing.export_poll_interval,
            Duration::from_millis(250)
        );
        assert_eq!(config.timing.export_max_polls, 7);
        assert_eq!(
            config.timing.heartbeat_timeout,
            Timing::default().heartbeat_timeout
        );
        assert_eq!(config.seed, 255);
        let installed = from_json(r#"{"attribution":{"installPath":"/h/.clawhub/skills/x/p.js"}}"#)
            .expect("config");
        assert_eq!(installed.attribution.platform, "clawhub");
    }

    #[test]
    fn timeouts_and_retries_the_js_way() {
        let config = from_json(r#"{"timeout":2500,"maxRetries":0}"#).expect("config");
        assert_eq!(config.timing.request_timeout, Duration::from_millis(2500));
        assert_eq!(config.timing.retry_attempts, 1);
        let defaults = from_json("{}").expect("config");
        assert_eq!(defaults.timing, Timing::default());
        for bad in [
            r#"{"timeout":0}"#,
            r#"{"timeout":-1}"#,
            r#"{"maxRetries":1.5}"#,
        ] {
            assert_eq!(
                from_json(bad).expect_err(bad).kind().as_str(),
                "invalid_input"
            );
        }
        assert_eq!(
            call_options(r#"{"timeoutMs":300}"#)
                .expect("options")
                .timeout,
            Some(Duration::from_millis(300))
        );
        assert_eq!(call_options("{}").expect("options"), CallOptions::default());
        assert!(call_options(r#"{"timeoutMs":"soon"}"#).is_err());
    }

    #[test]
    fn the_language_is_given_or_comes_from_the_locale() {
        let language = |text: &str| from_json(text).map(|config| config.language);
        assert_eq!(language("{}").as_deref(), Ok("en"));
        assert_eq!(
            language(r#"{"locales":["zh_CN.UTF-8","en-US"]}"#).as_deref(),
            Ok("zh-CN")
        );
        // A locale that says nothing (`C`) is passed over; none at all keeps the default.
        assert_eq!(
            language(r#"{"locales":["C.UTF-8","ja-JP"]}"#).as_deref(),
            Ok("ja")
        );
        assert_eq!(language(r#"{"locales":["C", 5]}"#).as_deref(), Ok("en"));
        // A given language wins.
        assert_eq!(
            language(r#"{"language":"es","locales":["zh-TW"]}"#).as_deref(),
            Ok("es")
        );
        let err = language(r#"{"language":"klingon!"}"#).expect_err("not a tag");
        assert_eq!(err.kind().as_str(), "invalid_input");
    }

    #[test]
    fn bad_options_are_typed_errors_that_never_echo_the_token() {
        for text in [
            "[]",
            r#"{"apiUrl":"ftp://x"}"#,
            r#"{"timing":{"heartbeatTimeoutMs":-1}}"#,
            r#"{"token":5}"#,
            r#"{"seed":"zz"}"#,
        ] {
            let err = from_json(text).expect_err(text);
            assert_eq!(err.kind().as_str(), "invalid_input", "{text}");
        }
        let err = from_json(r#"{"token":"nmv_usr_secret","apiUrl":"nope"}"#).expect_err("url");
        assert!(!err.to_string().contains("secret"));
    }
}
