"""The real `streamlit run app.py` for browser tests: one launcher for every fixture."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _launcher(warm_up: bool) -> list[str]:
    if warm_up:
        return [str(REPO_ROOT / "serve.py")]
    return ["-m", "streamlit", "run", str(REPO_ROOT / "app.py")]


@contextmanager
def app_server(database_url: str, folder: Path, *, warm_up: bool = True,
               port: int | None = None, **env: str) -> Iterator[str]:
    """Serve the app on a free loopback port, on `database_url`, with `env` added; yield its
    URL once healthy (the server's log is raised if it never is); stopped by its pid.

    Started as `python run.py` starts it (`serve.py`, caches warmed up at start), or with
    `warm_up=False` as a host that only knows `streamlit run app.py` does (Streamlit
    Community Cloud). `port`: a given one (a browser's cache is per origin), else free."""
    port = port or free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "CRM_DATA_DIR": str(folder),
                   **env}
    log_path = folder / "streamlit.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, *_launcher(warm_up), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
