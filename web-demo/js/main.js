// The page's entry: loads the browser package, then the app. The package is imported dynamically
// so that a missing or broken build says so on the page instead of leaving it at "Connecting…".

function fatal(title, detail) {
  document.body.dataset.connection = 'broken';
  document.getElementById('connection').textContent = 'Could not start';
  const banner = document.createElement('div');
  banner.className = 'banner error';
  banner.setAttribute('role', 'alert');
  const heading = document.createElement('p');
  heading.className = 'error-title';
  heading.textContent = title;
  const text = document.createElement('p');
  text.className = 'error-detail';
  text.textContent = detail;
  banner.append(heading, text);
  document.getElementById('alerts').append(banner);
}

let api;
try {
  api = await import('/pkg/index.js');
  // Loaded now, so the page's synchronous calls (routeIntent, parseDraft) can run.
  await api.init();
} catch (error) {
  fatal('The page could not load the i2v browser package.',
    'Build it with `bash scripts/build-web.sh` and start the studio with `--pkg-root npm/web/pkg`. '
    + `(${error?.message ?? error})`);
  throw error;
}

try {
  const { start } = await import('./app.js');
  await start(api);
} catch (error) {
  fatal('The page failed to start.', String(error?.message ?? error));
  throw error;
}
