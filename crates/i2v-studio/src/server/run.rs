//! Running the application: binding, serving, and shutting down gracefully.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::app::router;
use super::connections::serve_connections;
use super::state::AppState;
use crate::config::Config;
use crate::render::{RenderOptions, RenderQueue, probe_encoder};
use crate::store::{Store, StoreError};

/// How long open connections (event streams above all) get to finish after shutdown starts.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Why the studio could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The listening address could not be bound.
    #[error("cannot listen on {addr}: {message}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        message: String,
    },
    /// Serving failed.
    #[error("server error: {0}")]
    Serve(String),
}

/// A studio serving in the background.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    url: String,
    shutdown: CancellationToken,
    task: JoinHandle<Result<(), ServerError>>,
}

impl Running {
    /// The address it listens on (the real port when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, `http://<addr>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Starts a graceful shutdown (handlers see [`AppState::shutdown`] cancelled).
    pub fn stop(&self) {
        self.shutdown.cancel();
    }

    /// Stops it and waits until it has stopped.
    pub async fn shutdown(self) -> Result<(), ServerError> {
        self.stop();
        self.wait().await
    }

    /// Waits until it stops (after [`Running::stop`] or a failure).
    pub async fn wait(self) -> Result<(), ServerError> {
        self.task
            .await
            .map_err(|err| ServerError::Serve(err.to_string()))?
    }
}

/// Opens the store, binds `config.listen` and serves in a background task.
///
/// An empty `config.public_url` becomes the listening URL.
pub async fn start(mut config: Config) -> Result<Running, ServerError> {
    let store = Store::open(&config.data_dir)?;
    // Uploads cut off by a crash are never visible; their temp files go before serving.
    let media_dir = config.data_dir.join(super::routes::upload::MEDIA_DIR);
    if let Err(err) = crate::media::cleanup_temp(&media_dir).await {
        tracing::warn!(%err, "could not clear unfinished uploads");
    }
    // So are uploads put in place whose row was never written.
    match store.media_file_names() {
        Ok(recorded) => match crate::media::sweep_orphans(&media_dir, &recorded).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "removed uploads no row records"),
            Err(err) => tracing::warn!(%err, "could not sweep unrecorded uploads"),
        },
        Err(err) => tracing::warn!(%err, "could not list the recorded uploads"),
    }
    // A wrong directory is not fatal (the API works without it) but every page would be a 404.
    for (flag, root) in [
        ("web root", &config.web_root),
        ("pkg root", &config.pkg_root),
    ] {
        if let Some(root) = root.as_ref().filter(|root| !root.is_dir()) {
            tracing::warn!(path = %root.display(), "the {flag} is not a directory");
        }
    }
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|err| ServerError::Bind {
            addr: config.listen,
            message: err.to_string(),
        })?;
    let addr = listener.local_addr().map_err(|err| ServerError::Bind {
        addr: config.listen,
        message: err.to_string(),
    })?;
    let url = format!("http://{}", reachable(addr));
    config.listen = addr;
    if config.public_url.is_empty() {
        config.public_url = url.clone();
    }
    let mut render_options = RenderOptions::new(&config.data_dir);
    render_options.workers = config.render_workers;
    render_options.timeout = config.render_timeout;
    render_options.memory_limit =
        (config.render_memory_mib > 0).then(|| config.render_memory_mib.saturating_mul(1 << 20));
    // The encoder is whichever preferred one this ffmpeg has; a studio whose ffmpeg cannot be
    // asked still starts (the renders then say what is wrong), with the default.
    match probe_encoder(&render_options.tools.ffmpeg).await {
        Ok(encoder) => {
            tracing::info!(encoder = encoder.ffmpeg_name(), "video encoder");
            render_options.encoder.video = encoder;
        }
        Err(err) => tracing::warn!(%err, "could not choose a video encoder; renders use libx264"),
    }
    let renders =
        RenderQueue::open(render_options).map_err(|err| ServerError::Serve(err.to_string()))?;
    let secret = super::secret::load_secret(&config.data_dir)
        .map_err(|err| ServerError::Serve(format!("studio secret: {err}")))?;
    let state = AppState::new(store, renders, secret, config);
    let shutdown = state.shutdown.clone();
    let limits = state.config.connections;
    let serving = serve_connections(listener, router(state), limits, shutdown.clone());
    let stopped = shutdown.clone();
    let task = tokio::spawn(async move {
        tokio::select! {
            () = serving => Ok(()),
            // Connections still open after the grace period are dropped with the task.
            () = async {
                stopped.cancelled().await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } => Ok(()),
        }
    });
    Ok(Running {
        addr,
        url,
        shutdown,
        task,
    })
}

/// Serves until Ctrl-C or SIGTERM, then shuts down gracefully.
pub async fn serve(config: Config) -> Result<(), ServerError> {
    let running = start(config).await?;
    tracing::info!(url = running.url(), "i2v-studio listening");
    let stopper = running.shutdown.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.cancel();
    });
    running.wait().await
}

/// Resolves on Ctrl-C, or on SIGTERM where there are signals.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No Ctrl-C handler could be installed: wait for the other signal only.
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// The address a client can reach: a wildcard bind is reached through loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        ip if !ip.is_unspecified() => ip,
        std::net::IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
    };
    SocketAddr::new(ip, addr.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_started_studio_answers_until_it_is_shut_down() {
        let data_dir = std::env::temp_dir().join(format!("i2v-studio-run-{}", std::process::id()));
        let config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: data_dir.clone(),
            public_url: String::new(),
            ..Config::default()
        };
        let running = start(config).await.unwrap();
        assert_ne!(running.addr().port(), 0);
        assert_eq!(running.url(), format!("http://{}", running.addr()));
        let url = format!("{}/api/credits/balance/simple", running.url());
        let answer = reqwest::get(&url).await.unwrap();
        assert_eq!(answer.status().as_u16(), 401);
        running.shutdown().await.unwrap();
        assert!(reqwest::get(&url).await.is_err());
        assert!(data_dir.join(Store::FILE_NAME).is_file());
        let _ = std::fs::remove_dir_all(&data_dir);
    }

    #[tokio::test]
    async fn a_port_in_use_is_a_bind_error() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let data_dir = std::env::temp_dir().join(format!("i2v-studio-bind-{}", std::process::id()));
        let config = Config {
            listen: taken.local_addr().unwrap(),
            data_dir: data_dir.clone(),
            ..Config::default()
        };
        assert!(matches!(start(config).await, Err(ServerError::Bind { .. })));
        let _ = std::fs::remove_dir_all(&data_dir);
    }

    #[test]
    fn wildcard_binds_are_reached_through_loopback() {
        assert_eq!(
            reachable("0.0.0.0:80".parse().unwrap()),
            "127.0.0.1:80".parse().unwrap()
        );
        assert_eq!(
            reachable("[::]:80".parse().unwrap()),
            "[::1]:80".parse().unwrap()
        );
        assert_eq!(
            reachable("10.1.2.3:80".parse().unwrap()),
            "10.1.2.3:80".parse().unwrap()
        );
    }
}
