"""`streamlit run app.py`, with the caches warmed up while the server starts (issue 8).

    python serve.py [streamlit options]      (what `python run.py` launches)

Streamlit runs a page's code only when a browser connects, so the first visitor used to
pay for importing pandas and Plotly, starting the database and reading the newest snapshot
(~20 s at 1M deals). Here `components.warmup` does that in a background thread of the
server process itself, whose caches the pages share. The server opens (and `run.py`'s
browser tab with it) once the warm-up is over, or after `READY_WAIT_S` whatever happens:
a first visitor then gets Accueil at reload speed instead of waiting behind the warm-up,
whose Python work would hold the interpreter's lock against the page (measured at 1M:
first load 5.6 s with the server open at once, 3.7 s open after Accueil's steps only,
2.7 s open after them all; benchmarks/RESULTS.md).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent
#: A long history or an unreachable database (a connection timeout) must not keep the
#: server closed longer: it then opens and the warm-up goes on behind it.
READY_WAIT_S = 15.0


def main(argv: list[str]) -> None:
    from streamlit.web import cli as streamlit_cli

    from components.warmup import THREAD_NAME, quiet_context_warnings, warm_up
    from utils.process_memory import limit_malloc_arenas

    limit_malloc_arenas()  # before the first thread: utils/process_memory.py
    quiet_context_warnings()
    warmed = threading.Event()
    threading.Thread(target=warm_up, kwargs={"done_event": warmed},
                     name=THREAD_NAME, daemon=True).start()
    print("Préparation du tableau de bord…", file=sys.stderr, flush=True)
    warmed.wait(READY_WAIT_S)
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    streamlit_cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
