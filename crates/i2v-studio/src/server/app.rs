//! The whole HTTP application: the API routes, static files, and the layers around them.
//!
//! From the outside in: the request id (`x-request-id`, `req_<16 hex>`, given back on every
//! answer so a client can report it), the access log, CORS (so preflights are answered and even
//! injected failures carry CORS headers a page can read), the `Host` check (see `origins`),
//! every API answer in the envelope
//! (oversized heads refused there too), fault injection, then the routes.
//! Unknown `/api/…` paths get the envelope's 404; other unknown paths go to the web root, if any.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::http::{HeaderValue, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::any;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};

use super::envelope::ApiError;
use super::faults::{FaultDice, inject};
use super::origins::{self, Origins};
use super::state::AppState;
use super::{access_log, api_answers, credits_page, routes, web};

/// The application for `state`, ready to serve.
pub fn router(state: AppState) -> Router {
    let config = &state.config;
    let dice = Arc::new(FaultDice::new(config.seed, &config.faults));
    let mut app = routes::api()
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed);
    if let Some(pkg_root) = &config.pkg_root {
        app = app.nest_service("/pkg", web::static_files(pkg_root));
    }
    app = match &config.web_root {
        Some(web_root) => app.fallback_service(web::static_files(web_root)),
        None => app.fallback(not_found),
    };
    let origins = Arc::new(Origins::new(&config.public_url, &config.allowed_origins));
    app.layer(from_fn_with_state(state.clone(), credits_page::serve))
        .layer(from_fn_with_state(dice, inject))
        .layer(from_fn(api_answers::in_the_envelope))
        .layer(from_fn_with_state(origins.clone(), origins::check_host))
        .layer(origins::cors(&origins))
        .layer(from_fn(access_log::log))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(RequestIds::new()))
        .with_state(state)
}

/// Request ids: `req_` and 16 hex digits, counting up from a random start, so the ids of one
/// run never repeat and those of two runs hardly ever meet.
#[derive(Clone)]
struct RequestIds(Arc<AtomicU64>);

impl RequestIds {
    fn new() -> RequestIds {
        // Without a random source the count starts at 0: ids are still unique within the run.
        let start = getrandom::u64().unwrap_or(0);
        RequestIds(Arc::new(AtomicU64::new(start)))
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("req_{n:016x}"))
            .ok()
            .map(RequestId::new)
    }
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
