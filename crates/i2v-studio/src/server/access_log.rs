//! One log line per request: method, path, status, latency.
//!
//! Headers are never logged (the `Authorization` header holds the token), nor query strings.
//! Path segments that look like a token or a claim token are replaced before logging, so a
//! claim link opened in a browser leaves no usable key in the log.

use percent_encoding::percent_decode_str;
use std::borrow::Cow;
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Prefixes of path segments that are secrets.
const SECRET_PREFIXES: &[&str] = &["nmv_usr_", "clm_"];

/// Middleware: logs the request once its response has started.
pub(super) async fn log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = loggable_path(request.uri().path()).into_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(
        target: "i2v_studio::access",
        %method,
        %path,
        status = response.status().as_u16(),
        latency_ms,
    );
    response
}

/// The path with every secret-looking segment replaced by `<redacted>`.
///
/// A segment is judged as the router reads it, percent-decoded and in any case, so that
/// `%63lm_…` (`clm_…` written another way) is a secret too.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    let secret = |segment: &str| {
        let decoded = percent_decode_str(segment)
            .decode_utf8_lossy()
            .to_lowercase();
        SECRET_PREFIXES.iter().any(|p| decoded.starts_with(p))
    };
    if !path.split('/').any(secret) {
        return Cow::Borrowed(path);
    }
    let redacted: Vec<&str> = path
        .split('/')
        .map(|segment| {
            if secret(segment) {
                "<redacted>"
            } else {
                segment
            }
        })
        .collect();
    Cow::Owned(redacted.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_paths_are_redacted() {
        assert_eq!(loggable_path("/api/claim/clm_abc"), "/api/claim/<redacted>");
        assert_eq!(loggable_path("/x/nmv_usr_1/y"), "/x/<redacted>/y");
        assert_eq!(
            loggable_path("/api/claim/%63lm_abc"),
            "/api/claim/<redacted>"
        );
        assert_eq!(loggable_path("/api/claim/CLM_abc"), "/api/claim/<redacted>");
        assert_eq!(loggable_path("/x/%6Emv%5Fusr_1"), "/x/<redacted>");
        assert!(matches!(
            loggable_path("/api/state/nemo_agent/me/ses_1/latest"),
            Cow::Borrowed("/api/state/nemo_agent/me/ses_1/latest")
        ));
    }
}
