"""Fetch the chart and table modules in the browser while the founder reads the first page
(issue 8).

Streamlit loads each element's JavaScript the first time a page shows one; Plotly's is
4.7 MB, which Chromium took ~2 s to fetch, parse and run on the first page with a chart
(Pipeline or Marketing); the table's (`st.dataframe`, 0.5 MB and some twenty smaller files
it imports) came on top on Pipeline, the first page with a table.
`assets/chunk_prefetch.js` imports the same modules, by the same URLs Streamlit uses, once a
page has finished drawing and the browser is idle; Streamlit's own imports then find them
loaded.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit

SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "chunk_prefetch.js"
#: Streamlit's build, one file per element type, names with a content hash.
CHUNKS = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"
PREFETCHED = ("PlotlyChart", "DataFrame")


@cache
def chunk_names() -> tuple[str, ...]:
    """The installed Streamlit's file names for `PREFETCHED` (none if its build differs)."""
    return tuple(sorted(path.name for stem in PREFETCHED
                        for path in CHUNKS.glob(f"{stem}.*.js")))


@cache
def script() -> str:
    """The JavaScript to run once per browser tab, with the file names it loads."""
    return (f"window.__crmPrefetch = {json.dumps(list(chunk_names()))};\n"
            + SCRIPT.read_text(encoding="utf-8"))
