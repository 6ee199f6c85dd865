//! URL uploads: an http(s) file fetched by the studio, under a size limit and a time limit, and never from a
//! private or loopback address unless the studio allows it.
//!
//! Every address a request may reach is checked: a host name through a resolver that refuses forbidden
//! addresses (so the address checked is the address connected to), an IP literal before its request, and each
//! redirect hop (followed by hand, at most [`MAX_REDIRECTS`]) the same way. Proxies from the environment are
//! ignored, since a proxy would resolve the name where the studio cannot check it. Errors never carry the URL,
//! which may hold a secret in its query.

use std::error::Error as _;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use futures_util::TryStreamExt;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::{Url, header, redirect};

use super::address::is_public_address;
use super::error::MediaError;
use super::save::{Received, Saved, clean_name, finish, receive};

/// Redirects followed before a fetch gives up.
pub const MAX_REDIRECTS: usize = 5;

/// Which addresses a fetch may connect to.
type AddressPolicy = fn(IpAddr) -> bool;

/// Fetches `url` into `dir` as an upload, within `max_bytes` and `timeout` (the whole download, redirects
/// included; probing afterwards has its own limit).
///
/// Refuses URLs that are not http(s) and, unless `allow_private`, any hop whose host is or resolves to a
/// loopback, private, link-local, CGNAT or otherwise non-public address ([`MediaError::Forbidden`]). A declared
/// `Content-Length` over the limit is refused before the body is read, an undeclared one as soon as the body
/// passes it ([`MediaError::TooLarge`]).
pub async fn fetch_url(
    url: &str,
    dir: &Path,
    max_bytes: u64,
    timeout: Duration,
    allow_private: bool,
) -> Result<Saved, MediaError> {
    let policy: AddressPolicy = if allow_private {
        |_| true
    } else {
        is_public_address
    };
    fetch_with_policy(url, dir, max_bytes, timeout, policy).await
}

/// [`fetch_url`] with the address rule given as a function (tests use one that allows a single address).
pub(crate) async fn fetch_with_policy(
    url: &str,
    dir: &Path,
    max_bytes: u64,
    timeout: Duration,
    policy: AddressPolicy,
) -> Result<Saved, MediaError> {
    let url = Url::parse(url).map_err(|e| MediaError::Fetch {
        reason: format!("not a valid url ({e})"),
    })?;
    let client = reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .no_proxy()
        .dns_resolver(CheckedResolver { policy })
        .connect_timeout(timeout)
        .build()
        .map_err(|e| fetch_error(describe(e)))?;
    let download = download(&client, url, dir, max_bytes, policy);
    let received = tokio::time::timeout(timeout, download)
        .await
        .map_err(|_| MediaError::Fetch {
            reason: format!("no complete answer within {} s", timeout.as_secs_f64()),
        })??;
    finish(dir, received).await
}

/// Follows redirects by hand, checking each hop, then streams the body into a temporary file.
async fn download(
    client: &reqwest::Client,
    mut url: Url,
    dir: &Path,
    max_bytes: u64,
    policy: AddressPolicy,
) -> Result<Received, MediaError> {
    for hop in 0..=MAX_REDIRECTS {
        check_url(&url, policy)?;
        let response = client
            .get(url.clone())
            .send()
            .await
            .map_err(request_error)?;
        let status = response.status();
        if status.is_redirection() {
            if hop == MAX_REDIRECTS {
                break;
            }
            let location = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok());
            let location = location.ok_or_else(|| {
                fetch_error(format!("the server answered {status} with no location"))
            })?;
            url = url
                .join(location)
                .map_err(|e| fetch_error(format!("a redirect to an invalid url ({e})")))?;
            continue;
        }
        if !status.is_success() {
            return Err(fetch_error(format!("the server answered {status}")));
        }
        if response
            .content_length()
            .is_some_and(|declared| declared > max_bytes)
        {
            return Err(MediaError::TooLarge { limit: max_bytes });
        }
        let name = name_of(&url);
        let body = response.bytes_stream().map_err(describe);
        return receive(dir, &name, body, max_bytes)
            .await
            .map_err(|error| match error {
                MediaError::Interrupted { reason } => {
                    fetch_error(format!("the download broke off: {reason}"))
                }
                other => other,
            });
    }
    Err(fetch_error(format!("more than {MAX_REDIRECTS} redirects")))
}

/// Refuses schemes other than http(s), and IP-literal hosts the policy forbids (names are checked as they
/// resolve, by [`CheckedResolver`]).
fn check_url(url: &Url, policy: AddressPolicy) -> Result<(), MediaError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(MediaError::Forbidden {
            reason: format!("only http and https urls are fetched, not {}", url.scheme()),
        });
    }
    let Some(host) = url.host_str() else {
        return Err(MediaError::Forbidden {
            reason: "the url has no host".into(),
        });
    };
    // The URL parser writes IPv4 hosts in dotted form and IPv6 hosts in brackets.
    let literal = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .ok();
    match literal {
        Some(ip) if !policy(ip) => Err(MediaError::Forbidden {
            reason: BlockedAddress { ip }.to_string(),
        }),
        _ => Ok(()),
    }
}

/// A resolver that fails when a name resolves to any address the policy forbids, so a name cannot point the
/// studio at its own network (and the addresses checked are exactly those connected to).
struct CheckedResolver {
    policy: AddressPolicy,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if let Some(blocked) = found.iter().find(|addr| !policy(addr.ip())) {
                return Err(Box::new(BlockedAddress { ip: blocked.ip() }) as Box<_>);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// A host that is, or resolves to, an address the studio may not fetch from.
#[derive(Debug, thiserror::Error)]
#[error("{ip} is a private, loopback or reserved address")]
struct BlockedAddress {
    ip: IpAddr,
}

/// A failed request: refused by the resolver (forbidden), or a network failure described without its URL.
fn request_error(error: reqwest::Error) -> MediaError {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(blocked) = cause.downcast_ref::<BlockedAddress>() {
            return MediaError::Forbidden {
                reason: blocked.to_string(),
            };
        }
        source = cause.source();
    }
    fetch_error(describe(error))
}

/// A reqwest error in words, with its causes and without the URL (reqwest's own message names it).
fn describe(error: reqwest::Error) -> String {
    if error.is_timeout() {
        return "the server did not answer in time".into();
    }
    if error.is_connect() {
        return "could not connect to the server".into();
    }
    let error = error.without_url();
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}

fn fetch_error(reason: String) -> MediaError {
    MediaError::Fetch { reason }
}

/// The upload name of a fetched URL: its last non-empty path segment, percent-decoded where that gives text,
/// else the host.
fn name_of(url: &Url) -> String {
    let segment = url
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()));
    match segment {
        Some(segment) => clean_name(&percent_decoded(segment)),
        None => clean_name(url.host_str().unwrap_or_default()),
    }
}

/// `%xx` escapes decoded; the text as it was when they do not decode to UTF-8.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
mod tests;
