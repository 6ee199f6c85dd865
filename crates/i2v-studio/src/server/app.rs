//! The whole HTTP application: the API routes, static files, and the layers around them.
//!
//! From the outside in: the access log, CORS (so preflights are answered and even injected
//! failures carry CORS headers a page can read), fault injection, then the routes. Unknown
//! `/api/…` paths get the envelope's 404; other unknown paths go to the web root, if any.

use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::any;

use super::envelope::ApiError;
use super::faults::{FaultDice, inject};
use super::state::AppState;
use super::{access_log, routes, web};

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
    app.layer(from_fn_with_state(dice, inject))
        .layer(web::cors())
        .layer(from_fn(access_log::log))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
