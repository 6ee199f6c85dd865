//! What browsers meet: CORS, static files, and the fault flags.

mod support;

use reqwest::Method;
use support::{Studio, TempDir};

const WASM_MAGIC: &[u8] = b"\0asm\x01\0\0\0";

#[tokio::test]
async fn cors_preflights_are_answered_for_pages_of_this_machine_only() {
    let studio = Studio::start(&[]);
    let preflight = studio
        .request(
            Method::OPTIONS,
            "/api/auth/anonymous-token",
            None,
            &[
                ("Origin", "http://localhost:5173"),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type,x-client-id,x-skill-source,x-skill-version,x-skill-platform",
                ),
            ],
            None,
        )
        .await;
    assert!((200..300).contains(&preflight.status), "{preflight:?}");
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let allowed = preflight.header("access-control-allow-headers").unwrap();
    for header in [
        "authorization",
        "content-type",
        "x-client-id",
        "x-skill-source",
        "x-skill-version",
        "x-skill-platform",
    ] {
        assert!(allowed.contains(header), "{header} not in {allowed}");
    }
    assert!(
        preflight
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );

    // Real answers, errors included, carry the header too, and expose Retry-After.
    let answer = studio
        .request(
            Method::POST,
            "/api/auth/anonymous-token",
            None,
            &[("Origin", "http://127.0.0.1:8080")],
            None,
        )
        .await;
    answer.assert_error(400, 400);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert!(
        answer
            .header("access-control-expose-headers")
            .unwrap()
            .contains("retry-after")
    );

    // A page of some website gets no permission: its browser will not let it read the answers.
    let elsewhere = studio
        .request(
            Method::OPTIONS,
            "/api/auth/anonymous-token",
            None,
            &[
                ("Origin", "https://page.example"),
                ("Access-Control-Request-Method", "POST"),
            ],
            None,
        )
        .await;
    assert_eq!(elsewhere.header("access-control-allow-origin"), None);
}

/// A Private Network Access preflight from `origin` to `studio`.
async fn private_network_preflight(studio: &Studio, origin: &str) -> support::Reply {
    studio
        .request(
            Method::OPTIONS,
            "/api/auth/anonymous-token",
            None,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Private-Network", "true"),
            ],
            None,
        )
        .await
}

#[tokio::test]
async fn private_network_access_and_extra_origins_are_allowed_only_as_configured() {
    let studio = Studio::start(&["--allow-origin", "https://app.example"]);
    for origin in ["http://localhost:5173", "https://app.example"] {
        let preflight = private_network_preflight(&studio, origin).await;
        assert_eq!(
            preflight.header("access-control-allow-private-network"),
            Some("true"),
            "{origin}"
        );
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            Some(origin)
        );
    }
    let refused = private_network_preflight(&studio, "https://page.example").await;
    assert_eq!(refused.header("access-control-allow-private-network"), None);
    assert_eq!(refused.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_request_under_a_name_the_studio_does_not_answer_to_is_refused() {
    let studio = Studio::start(&["--allow-origin", "https://app.example"]);
    // DNS rebinding: a page of evil.example whose name now resolves to this machine.
    let rebound = studio
        .request(
            Method::POST,
            "/api/auth/anonymous-token",
            None,
            &[("Host", "evil.example:8787"), ("X-Client-Id", "victim")],
            None,
        )
        .await;
    rebound.assert_error(403, 403);
    assert!(rebound.text.contains("evil.example"), "{}", rebound.text);
    let page = studio
        .request(Method::GET, "/", None, &[("Host", "evil.example")], None)
        .await;
    assert_eq!(page.status, 403);
    for host in ["localhost", "app.example", "127.0.0.1:1"] {
        let reply = studio
            .request(
                Method::POST,
                "/api/auth/anonymous-token",
                None,
                &[("Host", host), ("X-Client-Id", "fine")],
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{host}: {reply:?}");
    }
}

#[tokio::test]
async fn the_web_root_and_the_package_are_served() {
    let web = TempDir::new("web");
    web.write("index.html", b"<!doctype html><title>demo</title>");
    let pkg = TempDir::new("pkg");
    pkg.write("i2v_bg.wasm", WASM_MAGIC);
    pkg.write("i2v.js", b"export {};");
    let studio = Studio::start(&["--web-root", web.arg(), "--pkg-root", pkg.arg()]);

    let page = studio.get("/", None).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("<title>demo</title>"));
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );

    let wasm = studio.get("/pkg/i2v_bg.wasm", None).await;
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.text.as_bytes(), WASM_MAGIC);
    let js = studio.get("/pkg/i2v.js", None).await;
    assert!(js.header("content-type").unwrap().contains("javascript"));

    let part = studio
        .request(
            Method::GET,
            "/pkg/i2v_bg.wasm",
            None,
            &[("Range", "bytes=0-3")],
            None,
        )
        .await;
    assert_eq!(part.status, 206);
    assert_eq!(part.header("content-range"), Some("bytes 0-3/8"));
    assert_eq!(part.text.as_bytes(), b"\0asm");

    assert_eq!(studio.get("/missing.html", None).await.status, 404);
    // API paths keep their envelope even with a web root behind them.
    studio
        .get("/api/missing", None)
        .await
        .assert_error(404, 404);
}

#[tokio::test]
async fn without_a_web_root_unknown_paths_are_enveloped_404s() {
    let studio = Studio::start(&[]);
    studio.get("/", None).await.assert_error(404, 404);
    studio.get("/pkg/x.wasm", None).await.assert_error(404, 404);
}

#[tokio::test]
async fn a_full_429_share_limits_every_api_request_but_nothing_else() {
    let web = TempDir::new("web");
    web.write("index.html", b"ok");
    let studio = Studio::start(&["--fault-429-share", "1", "--web-root", web.arg()]);
    for path in [
        "/api/credits/balance/simple",
        "/api/auth/anonymous-token",
        "/run_sse",
    ] {
        let reply = studio
            .request(Method::POST, path, None, &[("X-Client-Id", "c")], None)
            .await;
        reply.assert_error(429, 429);
        assert_eq!(reply.header("retry-after"), Some("1"));
    }
    assert_eq!(studio.get("/", None).await.text, "ok");
    let preflight = studio
        .request(
            Method::OPTIONS,
            "/api/credits/balance/simple",
            None,
            &[
                ("Origin", "http://x.example"),
                ("Access-Control-Request-Method", "GET"),
            ],
            None,
        )
        .await;
    assert!((200..300).contains(&preflight.status));
}

#[tokio::test]
async fn a_full_5xx_share_answers_500_and_503() {
    let studio = Studio::start(&["--fault-5xx-share", "1"]);
    let mut seen = Vec::new();
    for _ in 0..20 {
        let reply = studio.token_reply("c").await;
        assert_eq!(reply.code(), Some(i64::from(reply.status)), "{reply:?}");
        seen.push(reply.status);
    }
    assert!(seen.contains(&500) && seen.contains(&503), "{seen:?}");
    assert!(seen.iter().all(|s| *s == 500 || *s == 503));
}

#[tokio::test]
async fn a_partial_share_is_repeatable_with_the_same_seed() {
    async fn codes(seed: &str) -> Vec<u16> {
        let studio = Studio::start(&["--fault-429-share", "0.5", "--seed", seed]);
        let mut codes = Vec::new();
        for _ in 0..30 {
            codes.push(studio.get("/api/credits/balance/simple", None).await.status);
        }
        codes
    }
    let first = codes("7").await;
    assert_eq!(first, codes("7").await);
    // Requests that are not faulted reach the handler (401: no token).
    assert!(first.contains(&429) && first.contains(&401), "{first:?}");
    assert!(first.iter().all(|s| *s == 429 || *s == 401));
}
