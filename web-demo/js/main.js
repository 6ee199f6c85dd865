// The page's entry: loads the browser package, then the app. The package is imported dynamically
// so that a missing or broken build says so on the page instead of leaving it at "Connecting…".

const status = document.getElementById('connection');

try {
  const api = await import('/pkg/index.js');
  const { start } = await import('./app.js');
  await start(api);
} catch (error) {
  document.body.dataset.connection = 'broken';
  status.textContent = 'Could not start';
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.className = 'error-title';
  title.textContent = 'The page could not load the i2v browser package.';
  const detail = document.createElement('p');
  detail.className = 'error-detail';
  detail.textContent = 'Build it with `bash scripts/build-web.sh` and start the studio with '
    + '`--pkg-root npm/web/pkg`. '
    + `(${error?.message ?? error})`;
  banner.append(title, detail);
  document.getElementById('alerts').append(banner);
  throw error;
}
