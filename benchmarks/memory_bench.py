"""Memory of the Streamlit process at 1M deals, in one process (issue 8). Run by hand:

    .venv/bin/python benchmarks/memory_bench.py --data /tmp/perf-data

Replays `browser_bench.py`'s steps with Streamlit's AppTest on an existing embedded data
folder (never imports nor deletes anything): the warm-up of `serve.py`, Accueil's first
load, a new session, the Source filter set to every source (what the browser's first option,
Streamlit's "select all", does), a switch to every page, ten more sessions of Accueil.
Prints seconds, RSS and peak RSS (VmHWM) in MB after each step. The browser's server holds
~10 MB more per session still open (Streamlit keeps a closed tab's session 120 s).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: url-less page files of app.py after Accueil, in the sidebar's order.
PAGES = ("evolutions", "pipeline", "marketing", "forecast", "objectives", "simulator",
         "deals", "actions", "importer", "settings", "definitions")


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return -1


def _log(step: str, started: float) -> None:
    print(f"  {step:<32} {time.perf_counter() - started:6.2f} s   RSS {_status('VmRSS'):6,} MB"
          f"   peak {_status('VmHWM'):6,} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="an embedded data folder holding at least one import")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from database.embedded import embedded_url

    os.environ["CRM_DATA_DIR"] = str(args.data)
    os.environ["DATABASE_URL"] = embedded_url(args.data)
    logging.disable(logging.WARNING)  # AppTest's "no runtime" notices
    from streamlit.testing.v1 import AppTest

    from components.warmup import warm_up

    def session() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
        at.run()
        if at.exception:
            raise RuntimeError([e.message for e in at.exception])
        return at

    started = time.perf_counter()
    warm_up()
    _log("warm-up (serve.py)", started)
    started = time.perf_counter()
    first = session()
    _log("Accueil, first load", started)
    started = time.perf_counter()
    page = session()
    _log("Accueil, new session", started)
    del first
    sources = page.sidebar.multiselect(key="filter_source")
    started = time.perf_counter()
    sources.set_value(list(sources.options)).run()
    _log("Source filter: every source", started)
    for name in PAGES:
        page.switch_page(f"components/{name}.py")
        started = time.perf_counter()
        page.run()
        _log(f"switch to {name}", started)
    del page
    for i in range(10):
        started = time.perf_counter()
        session()
        gc.collect()
        _log(f"Accueil, session {i + 1}", started)


if __name__ == "__main__":
    main()
