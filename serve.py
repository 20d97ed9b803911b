"""`streamlit run app.py`, with the caches warmed up while the server starts (issue 8).

    python serve.py [streamlit options]      (what `python run.py` launches)

Streamlit runs a page's code only when a browser connects, so the first visitor used to
pay for importing pandas and Plotly, starting the database and reading the newest snapshot
(~20 s at 1M deals). Here `components.warmup` does that in a background thread of the
server process itself, whose caches the pages share, while Streamlit starts.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    from streamlit.web import cli as streamlit_cli

    from components.warmup import THREAD_NAME, quiet_context_warnings, warm_up

    quiet_context_warnings()
    threading.Thread(target=warm_up, name=THREAD_NAME, daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    streamlit_cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
