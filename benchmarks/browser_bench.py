"""The app in headless Chromium (issue 8, "The browser at 1M"). Run by hand, never in tests:

    .venv/bin/python benchmarks/browser_bench.py [--deals 2000] [--runs 3]

Imports an N-deal demo export (`business_logic.demo.demo_export`) with `cli.py import`,
then, `--runs` times on a fresh server started as `python run.py` does (`serve.py`, via
tests/ui/app_server.py) in /usr/bin/chromium at 1,440 px: the server's start until it
answers (serve.py opens it once its warm-up is over), Accueil's first load, a reload,
a filter change on Accueil (one Source, not "select all"), then a switch to each page from
the sidebar. A step lasts until `[data-testid="stApp"][data-test-script-state="notRunning"]`
once the script has run.
Then ten more page loads (new sessions) and the Streamlit process's RSS and peak RSS
(VmHWM). Last, Accueil's first load on another fresh server in a browser that opened the app
before at the same address (`returning_visit`: the everyday case; the first figure is a
browser that never saw Streamlit). Prints the medians (targets at 1M: first load ≤ 3 s,
reload ≤ 0.5 s, filter change and page switch ≤ 0.5 s, peak RSS ≤ 1 GB; 100k: first load
≤ 1.5 s) and the load average.
Uses DATABASE_URL when set, otherwise an embedded PostgreSQL in a temporary folder, held
by this process.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from tests.ui.app_server import app_server, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
#: (url path, sidebar title) of every page but Accueil, in the sidebar's order (app.py).
PAGES = (
    ("evolutions", "Évolutions"), ("pipeline", "Pipeline"), ("marketing", "Marketing"),
    ("previsions", "Prévisions"), ("objectifs", "Objectifs"), ("simulateur", "Simulateur"),
    ("affaires", "Affaires"), ("actions", "Actions prioritaires"), ("import", "Import"),
    ("reglages", "Réglages"), ("definitions", "Définitions"),
)


_WATCH = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__sawRun = false;
  if (window.__watch) window.__watch.disconnect();
  window.__watch = new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") window.__sawRun = true;
  });
  window.__watch.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
_RAN = ("() => window.__sawRun && document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-script-state') === 'notRunning'")


def _step(page, action) -> float:  # noqa: ANN001 - Playwright page, a callable
    """Seconds from `action()` until the script run it caused is over (a MutationObserver
    notes the "running" state, however short, so a fast rerun is not missed)."""
    page.evaluate(_WATCH)
    started = time.perf_counter()
    action()
    page.wait_for_function(_RAN, timeout=600_000)
    return time.perf_counter() - started


def _load(page, url: str, *, reload: bool = False) -> float:  # noqa: ANN001
    """A (re)load lasts until the sidebar's navigation is drawn and the script is over."""
    started = time.perf_counter()
    page.reload() if reload else page.goto(url)
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=600_000)
    page.wait_for_selector(IDLE, timeout=600_000)
    return time.perf_counter() - started


def _streamlit_process() -> psutil.Process:
    for child in psutil.Process().children(recursive=True):
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:  # a finished helper process (zombie)
            continue
        if "serve.py" in command or "streamlit" in command:
            return child
    raise RuntimeError("no streamlit process")


def _peak_mb(process: psutil.Process) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_run(database_url: str, folder: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, float] = {}
    started = time.perf_counter()
    with app_server(database_url, folder) as url, sync_playwright() as playwright:
        # serve.py opens the server once its warm-up is over (READY_WAIT_S at most).
        timings["server start until it answers"] = time.perf_counter() - started
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
            timings["Accueil, first load (fresh server)"] = _load(page, url)
            timings["Accueil, reload"] = _load(page, url, reload=True)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.locator('[data-testid="stMultiSelect"]', has_text="Source").click()
            page.get_by_role("option").first.wait_for()
            # One source: Streamlit's list opens with "select all" (Tout sélectionner),
            # which keeps every deal (the unfiltered view, metrics.without_full_choices).
            option = page.get_by_role("option").filter(
                has_not_text=re.compile("^(Tout sélectionner|Select all)$")).first
            timings["filter change on Accueil"] = _step(page, option.click)
            page.keyboard.press("Escape")
            page.wait_for_selector(IDLE)
            for _, title in PAGES:
                link = sidebar.locator('[data-testid="stSidebarNavLink"]', has_text=title)
                timings[f"switch to {title}"] = _step(page, link.first.click)
            for _ in range(10):
                extra = browser.new_page(viewport={"width": 1440, "height": 1000})
                _load(extra, url)
                extra.close()
            process = _streamlit_process()
            timings["Streamlit RSS after 10 more loads (MB)"] = process.memory_info().rss / 2**20
            timings["Streamlit peak RSS, VmHWM (MB)"] = _peak_mb(process)
        finally:
            browser.close()
    return timings


def returning_visit(database_url: str, folder: Path) -> float:
    """Accueil's first load on a fresh server in a browser that has opened the app before,
    on the same address (a founder's browser on port 8501): Streamlit's scripts are served
    `immutable` for a year, so that browser keeps them and their compiled code."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            folder / "profile", executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
            viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        try:
            with app_server(database_url, folder, port=port) as url:  # the earlier visits
                page = context.new_page()
                for reload in (False, True, True):
                    _load(page, url, reload=reload)
                page.close()
            with app_server(database_url, folder, port=port) as url:  # a fresh server
                page = context.new_page()
                return _load(page, url)
        finally:
            context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from business_logic.demo import demo_export

    work = Path(tempfile.mkdtemp(prefix="browser-bench-"))
    atexit.register(shutil.rmtree, work, True)  # registered first: runs after the server stop
    url = os.environ.get("DATABASE_URL")
    if not url:
        from database.embedded import embedded_url

        url = embedded_url(work / "data")
    export = work / "export.csv"
    export.write_bytes(demo_export(dt.date.today(), n_deals=args.deals, seed=7))
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "import", str(export)], check=True,
                   env={**os.environ, "DATABASE_URL": url}, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"import of {args.deals:,} deals: {time.perf_counter() - started:.1f} s")
    runs = []
    for i in range(args.runs):
        folder = work / f"run{i}"
        folder.mkdir()
        runs.append(one_run(url, folder))
        runs[-1]["Accueil, first load (fresh server, returning browser)"] = returning_visit(
            url, folder)
        print(f"  run {i + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in runs[-1].items()),
              flush=True)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.deals:,} deals, median of {args.runs} fresh servers, load average {load}")
    for name in runs[0]:
        values = [run[name] for run in runs]
        median = statistics.median(values)
        shown = f"{median:,.0f}" if "MB" in name else f"{median:.2f} s"
        print(f"  {name:<42} {shown:>10}   (max {max(values):,.2f})")


if __name__ == "__main__":
    main()
