//! Who may talk to the studio from a browser: the pages it answers (CORS, and Chrome's
//! Private Network Access preflight), and the names it answers to (the `Host` check).
//!
//! An anonymous token needs no secret, so without these a page of any website a person visits
//! could drive their local studio: spend its CPU, upload, fetch URLs from inside their network.
//! - **Origins**: pages of this machine (`http(s)://localhost`, `127.0.0.1`, `[::1]`, any
//!   port), the studio's own public address, and each `--allow-origin`. Only they get CORS
//!   headers, and only they are told yes when a preflight asks to reach a private network.
//! - **Names** (against DNS rebinding, where `evil.example` is made to resolve to 127.0.0.1 and
//!   the browser then calls the studio as `evil.example`): a request's `Host` must be an IP
//!   address, `localhost` (or a `*.localhost` name, which browsers keep on this machine), or the
//!   host of the public address or of an allowed origin. Anything else is refused with 403.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header, request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, AllowPrivateNetwork, CorsLayer};

use super::envelope::ApiError;

/// The pages and names the studio answers, from its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origins {
    /// Origins allowed besides this machine's pages (`scheme://host[:port]`).
    allowed: Vec<String>,
    /// Host names (without port, lower case) the studio answers to besides IPs and localhost.
    names: Vec<String>,
}

impl Origins {
    /// The studio's own public URL and the extra origins it was told to allow.
    pub(super) fn new(public_url: &str, extra: &[String]) -> Origins {
        let allowed: Vec<String> = origin_of(public_url)
            .into_iter()
            .chain(extra.iter().filter_map(|origin| origin_of(origin)))
            .collect();
        let names = allowed
            .iter()
            .filter_map(|origin| origin.split_once("://"))
            .map(|(_, authority)| host_of(authority).to_ascii_lowercase())
            .collect();
        Origins { allowed, names }
    }

    /// Whether a page of `origin` may call the studio.
    pub(super) fn allows_origin(&self, origin: &str) -> bool {
        is_loopback_origin(origin) || self.allowed.iter().any(|allowed| allowed == origin)
    }

    /// Whether the studio answers to a `Host` header of `host`.
    pub(super) fn answers_to(&self, host: &str) -> bool {
        let name = host_of(host).to_ascii_lowercase();
        name.parse::<IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.names.contains(&name)
    }
}

/// CORS for the allowed origins; preflights, including Private Network Access ones, are
/// answered here.
pub(super) fn cors(origins: &Arc<Origins>) -> CorsLayer {
    let judge = |origins: Arc<Origins>| {
        move |origin: &HeaderValue, _: &request::Parts| {
            origins.allows_origin(origin.to_str().unwrap_or_default())
        }
    };
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(judge(origins.clone())))
        .allow_private_network(AllowPrivateNetwork::predicate(judge(origins.clone())))
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        // `Any` would not cover `Authorization` (the Fetch standard excludes it from `*`).
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::RANGE,
            header::CACHE_CONTROL,
            HeaderName::from_static("last-event-id"),
            HeaderName::from_static("x-client-id"),
            HeaderName::from_static("x-skill-source"),
            HeaderName::from_static("x-skill-version"),
            HeaderName::from_static("x-skill-platform"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("x-request-id"),
            header::CONTENT_LENGTH,
            header::CONTENT_RANGE,
            header::CONTENT_DISPOSITION,
        ])
        .max_age(Duration::from_secs(600))
}

/// Middleware: refuses a request whose `Host` the studio does not answer to. A request with no
/// `Host` (HTTP/1.0, never a browser) passes.
pub(super) async fn check_host(
    State(origins): State<Arc<Origins>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| value.to_str().unwrap_or("?"));
    match host {
        Some(host) if !origins.answers_to(host) => ApiError::Refused(
            StatusCode::FORBIDDEN,
            format!(
                "this studio does not answer to the name {host:?}; start it with --public-url or --allow-origin naming it"
            ),
        )
        .into_response(),
        _ => next.run(request).await,
    }
}

/// `scheme://host[:port]` of a URL, as a browser writes an `Origin`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next().filter(|host| !host.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// The host of `host[:port]` or `[v6][:port]`, without brackets or port.
fn host_of(authority: &str) -> &str {
    match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    }
}

/// Whether an `Origin` is a page served from this machine over plain HTTP(S) on any port.
fn is_loopback_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https") && matches!(host_of(rest), "localhost" | "127.0.0.1" | "::1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_this_machine_the_studio_itself_and_allowed_origins_are_allowed_others_not() {
        let origins = Origins::new(
            "https://studio.example/app/",
            &["https://app.example:8443".into()],
        );
        for origin in [
            "http://localhost:5173",
            "http://127.0.0.1:41231",
            "http://[::1]:8080",
            "https://localhost",
            "https://studio.example",
            "https://app.example:8443",
        ] {
            assert!(origins.allows_origin(origin), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io:80",
            "https://app.example",
            "file://",
            "null",
        ] {
            assert!(!origins.allows_origin(origin), "{origin}");
        }
        assert_eq!(origin_of("nonsense"), None);
    }

    #[test]
    fn the_studio_answers_to_addresses_localhost_and_its_own_names_only() {
        let origins = Origins::new("http://MyBox.local:8787", &["https://app.example".into()]);
        for host in [
            "127.0.0.1:8787",
            "[::1]:8787",
            "192.168.1.20:8787",
            "localhost:8787",
            "LOCALHOST",
            "app.localhost:3000",
            "mybox.local:8787",
            "app.example",
        ] {
            assert!(origins.answers_to(host), "{host}");
        }
        for host in [
            "evil.example:8787",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "",
        ] {
            assert!(!origins.answers_to(host), "{host}");
        }
    }
}
