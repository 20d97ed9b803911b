// Load the chart and table modules ahead of the first page that shows one
// (components/chunk_prefetch.py): once the app's first run is over, one second later, when
// the browser is idle.
(() => {
  if (window.__crmPrefetchStarted) return;
  window.__crmPrefetchStarted = true;
  const names = window.__crmPrefetch || [];
  // Streamlit's dynamic imports are relative to its entry module: the same URL here gives
  // the same module, loaded once.
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry || names.length === 0) return;
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 1));
  const load = () => {
    for (const name of names) import(new URL(name, entry.src).href).catch(() => {});
  };
  const waitForFirstRun = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute("data-test-script-state") === "notRunning") {
      setTimeout(() => idle(load, {timeout: 10000}), 1000);
    } else {
      setTimeout(waitForFirstRun, 300);
    }
  };
  waitForFirstRun();
})();
