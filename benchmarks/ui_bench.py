"""UI timings with a large import (AppTest, the real app.py): python benchmarks/ui_bench.py

Measures, on a throwaway database (DATABASE_URL's server when set, else an embedded
PostgreSQL in a temporary folder):
- the snapshot cache: a `st.cache_data` hit vs a `st.cache_resource` hit for the frame;
- the first render of Accueil after an import (warm process, empty snapshot cache);
- a sidebar filter change on Accueil and on Affaires (median of 5 reruns).
Targets (issue): first render <= 3 s, filter change <= 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
warnings.filterwarnings("ignore")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import database  # noqa: E402
from business_logic import importing  # noqa: E402
from business_logic.demo import DEMO_FILE_NAME, demo_export  # noqa: E402
from database.embedded import embedded_url  # noqa: E402
from utils.formatting import format_number  # noqa: E402

APP = str(REPO_ROOT / "app.py")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(runs: int, action) -> tuple[float, list[float]]:
    values = [timed(action) for _ in range(runs)]
    return statistics.median(values), values


def cache_hit_costs(frame) -> dict[str, float]:
    """Second-call cost of the same frame behind st.cache_data and st.cache_resource."""

    @st.cache_data
    def as_data(key: int):
        return frame

    @st.cache_resource
    def as_resource(key: int):
        return frame

    key = len(frame)  # one entry per probed size
    as_data(key), as_resource(key)
    return {
        "cache_data_hit_s": median_of(5, lambda: as_data(key))[0],
        "cache_resource_hit_s": median_of(5, lambda: as_resource(key))[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--cache-probe-deals", type=int, default=1_000_000)
    args = parser.parse_args()
    logging_quiet()

    with tempfile.TemporaryDirectory(prefix="crm-ui-bench-") as folder:
        url = os.environ.get("DATABASE_URL") or embedded_url(Path(folder))
        os.environ["DATABASE_URL"] = url
        engine = database.make_engine(url)
        as_of = dt.date.today()

        data = demo_export(as_of, args.deals)
        parsed = {}
        parse_s = timed(lambda: parsed.setdefault("r", importing.import_bytes(data, "bench.csv")))
        result = parsed["r"]
        save_s = timed(lambda: parsed.setdefault("id", database.save_import(
            engine, file_name=DEMO_FILE_NAME, sha256=hashlib.sha256(data).hexdigest(),
            report=result.report.to_dict(), deals=result.deals)))
        print(f"import of {args.deals} deals: parse {parse_s:.2f} s, save {save_s:.2f} s")

        frame = database.load_deals(engine, parsed["id"])
        costs = cache_hit_costs(frame)
        print(f"cache hit, {len(frame)} deals: cache_data "
              f"{costs['cache_data_hit_s'] * 1000:.0f} ms, cache_resource "
              f"{costs['cache_resource_hit_s'] * 1000:.2f} ms")
        if args.cache_probe_deals:
            import pandas as pd

            big = pd.concat([frame] * max(1, args.cache_probe_deals // len(frame)),
                            ignore_index=True)
            costs = cache_hit_costs(big)
            print(f"cache hit, {len(big)} deals: cache_data "
                  f"{costs['cache_data_hit_s'] * 1000:.0f} ms, cache_resource "
                  f"{costs['cache_resource_hit_s'] * 1000:.2f} ms")
            del big

        # Warm the process (Streamlit, Engine, migrations) on a first session, then forget
        # the snapshot caches: the next session is "the first render after an import".
        warm = AppTest.from_file(APP, default_timeout=120)
        cold_process_s = timed(warm.run)
        from components import state

        state.clear_snapshot_caches()
        at = AppTest.from_file(APP, default_timeout=120)
        first_s = timed(at.run)
        assert not at.exception, [e.value for e in at.exception]
        print(f"first render in a fresh process: {cold_process_s:.2f} s")
        print(f"first render of Accueil after the import: {first_s:.2f} s (target 3 s)")

        shown = {m.label: m.value for m in at.metric}
        assert shown["Affaires"] == format_number(args.deals), shown  # the real page ran
        sources = list(at.multiselect(key="filter_source").options)
        choices = [[], [sources[0]]]  # every deal (100 %) <-> one source

        def filter_change(i=[0]):  # noqa: B006 - alternating state between calls
            i[0] += 1
            at.multiselect(key="filter_source").set_value(choices[i[0] % 2]).run()

        for page, label in ((None, "Accueil"), ("components/deals.py", "Affaires")):
            if page:
                at.switch_page(page).run()
            filter_change()  # first run of the page
            med, runs = median_of(5, filter_change)
            assert not at.exception, [e.value for e in at.exception]
            shown = ", ".join(f"{r:.2f}" for r in runs)
            print(f"filter change on {label}: median {med:.3f} s ({shown}) (target 0.5 s)")
        engine.dispose()


def logging_quiet() -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)


if __name__ == "__main__":
    main()
