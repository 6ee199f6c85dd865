//! The studio's answer to a registration link (`<web>/?bind=bnd_…`, `docs/PROTOCOL.md` §3.6).
//!
//! The cloud's link opens its sign-up page. A local studio has no accounts: the person who runs
//! it gives credits from its command line. So where the link would have reopened the demo page
//! at 0 credits, it opens a page that says so and names the exact command, with the bind id
//! the link carries (see `credits_cli`), or the switch that makes every turn free.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::AppState;

/// Serves the credits page for `GET /?bind=…` with a bind id of the studio's shape; anything
/// else goes on to the rest of the app.
pub(super) async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let bind = (request.method() == Method::GET && request.uri().path() == "/")
        .then(|| request.uri().query().and_then(bind_id))
        .flatten();
    match bind {
        Some(bind) => {
            let known = state.store.user_by_bind_id(&bind).ok().flatten().is_some();
            // The command runs from anywhere: a relative data directory is made whole.
            let data_dir = std::path::absolute(&state.config.data_dir)
                .unwrap_or_else(|_| state.config.data_dir.clone());
            let page = page(&bind, known, &data_dir.display().to_string());
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
        }
        None => next.run(request).await,
    }
}

/// The `bind` parameter of a query, when it has the shape the studio gives (`bnd_` and letters
/// or digits), so that nothing else ever reaches the page.
fn bind_id(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "bind")
        .map(|(_, value)| value)
        .filter(|value| {
            value.len() <= 64
                && value.strip_prefix("bnd_").is_some_and(|rest| {
                    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric())
                })
        })
        .map(str::to_owned)
}

/// The page. `bind` is letters, digits and `_` (checked above) and the data directory is
/// escaped, so nothing in it is markup.
fn page(bind: &str, known: bool, data_dir: &str) -> String {
    let data_dir = escape(data_dir);
    let body = if known {
        format!(
            "<p>This studio runs on your own computer, so there is no account to register. \
             Whoever runs it gives credits from its command line. To give this project 100 \
             more, run this where the studio runs:</p>\
             <pre>i2v-studio credits add 100 --bind {bind} --data-dir {data_dir}</pre>\
             <p>Or restart the studio with <code>--free-credits</code>, and no turn costs \
             anything.</p>\
             <p>Then go back to your project and send your message again.</p>"
        )
    } else {
        "<p>This link names no project of this studio. It may come from another studio, or \
         from before its data was removed.</p>"
            .to_owned()
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>More credits · i2v studio</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;\
         padding:0 1rem;color:#1d1d1f}}pre{{background:#f2f2f5;padding:.75rem;border-radius:6px;\
         white-space:pre-wrap;overflow-wrap:anywhere}}</style></head>\
         <body><h1>More credits</h1>{body}<p><a href=\"/\">Back to the studio</a></p></body></html>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_bind_id_of_the_studios_shape_opens_the_page() {
        assert_eq!(bind_id("bind=bnd_Ab12"), Some("bnd_Ab12".into()));
        assert_eq!(bind_id("x=1&bind=bnd_9"), Some("bnd_9".into()));
        for query in [
            "bind=",
            "bind=bnd_",
            "bind=abc",
            "bind=bnd_a%3Cb",
            "bind=bnd_a-b",
            "bnd=bnd_1",
        ] {
            assert_eq!(bind_id(query), None, "{query}");
        }
        assert_eq!(bind_id(&format!("bind=bnd_{}", "a".repeat(61))), None);
    }

    #[test]
    fn the_page_names_the_command_with_the_bind_id_and_escapes_the_folder() {
        let known = page("bnd_1", true, "/home/a<b>/.i2v-studio");
        assert!(known.contains(
            "i2v-studio credits add 100 --bind bnd_1 --data-dir /home/a&lt;b&gt;/.i2v-studio"
        ));
        assert!(known.contains("--free-credits"));
        let unknown = page("bnd_1", false, "/d");
        assert!(unknown.contains("names no project") && !unknown.contains("credits add"));
    }
}
