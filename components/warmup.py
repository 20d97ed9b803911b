"""Work done once at server start, before anyone opens the page (issue 8, "the browser at
1M"): import the libraries, start the database, and put the newest snapshot, its views,
its forecast and its history in the shared caches that Accueil and the other pages read.

`serve.py` runs `warm_up()` in a background thread while Streamlit starts; the first page
load then finds what it needs ready, or waits on the same cache entries (Streamlit computes
one cache entry once: a page asking for it meanwhile waits for it instead of computing it
twice). The warm-up reads exactly what a page without filters reads, through the same
cached functions; it never writes anything, and any failure is left for the page itself to
report in French.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

_LOG = logging.getLogger(__name__)
THREAD_NAME = "crm-warm-up"
# Streamlit warns once per st call made outside a page run ("missing ScriptRunContext"),
# and per cache first used before its server runs ("No runtime found"; the cache made then
# is the one the server keeps using); the warm-up is such a thread by design, and the
# warning would be the first line a founder reads in the terminal.
_QUIET_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


class _NotFromTheWarmUp(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def quiet_context_warnings() -> None:
    """Drop those warnings of Streamlit when they come from the warm-up thread only."""
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NotFromTheWarmUp) for f in logger.filters):
            logger.addFilter(_NotFromTheWarmUp())


def warm_up(today: dt.date | None = None, done_event: threading.Event | None = None) -> list[str]:
    """Fill the caches for the newest import as Accueil shows it without filters first,
    then as Affaires, Objectifs, Simulateur, Évolutions and Actions prioritaires show it;
    return the steps done (for tests and logs). `done_event` is set at the end, however
    the warm-up ended (`serve.py` opens the server then)."""
    done: list[str] = []
    started = time.perf_counter()
    try:
        _first_run_steps(done)
        view = _accueil_steps(today or dt.date.today(), done)
        if view is not None:
            _other_steps(view, today or dt.date.today(), done)
    except Exception as error:  # noqa: BLE001 - the page reports it; the server must start
        _LOG.info("warm-up stopped after %s: %s", done, error)
    finally:
        if done_event is not None:
            done_event.set()
    _LOG.info("warm-up %s in %.1f s", done, time.perf_counter() - started)
    return done


def _first_run_steps(done: list[str]) -> None:
    """What the first page run of a server process paid once, measured at ~0.6 s of its
    first load (benchmarks/RESULTS.md, "Day 2"): the modules Accueil imports; the emoji
    pattern `st.set_page_config(page_icon=…)` is checked against (compiled on first use);
    and the call-stack walk Streamlit makes before its first element, to warn a script not
    started with `streamlit run` — which `serve.py` is, so the warning is marked shown.
    Streamlit's internals may move in an upgrade: then this step is skipped, not the
    data steps after it."""
    import components.home  # noqa: F401 - its imports; the page runs only as __main__

    try:
        from streamlit import delta_generator, string_util

        string_util.is_emoji("📊")
    except (ImportError, AttributeError) as error:
        _LOG.info("warm-up: Streamlit's first-run internals changed (%s)", error)
        return
    delta_generator._use_warning_has_been_displayed = True
    done.append("first run")


def _accueil_steps(today: dt.date, done: list[str]):  # noqa: ANN202 - a SnapshotView
    """What Accueil reads: the newest snapshot's view, KPIs, forecast and, when there is an
    earlier import, that import's KPIs and the comparison of the two."""
    from business_logic.forecast import calibrated_forecast
    from business_logic.metrics import DealFilters, headline_kpis
    from components import history_state, state, thresholds

    with state.engine().connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    done.append("database")
    imports = state.imports()
    if not imports:
        return None
    newest = imports[0]
    probabilities = state.stage_probabilities()
    view = state.snapshot_view(newest.import_id, newest.imported_at, probabilities,
                               DealFilters())
    state.filter_options(newest.import_id, newest.imported_at, probabilities)
    done.append("snapshot")
    headline_kpis(view.prepared, today, thresholds.current())
    calibrated_forecast(view.prepared, today)
    done.append("forecast")
    earlier = history_state.previous_of(newest.import_id)
    if earlier is not None:
        before = state.snapshot_view(earlier.import_id, earlier.imported_at, probabilities,
                                     DealFilters())
        headline_kpis(before.prepared, earlier.exported_on, thresholds.current())
        history_state.comparison(earlier, newest, probabilities, DealFilters())
        done.append("comparison")
    return view


def _other_steps(view, today: dt.date, done: list[str]) -> None:  # noqa: ANN001 - a view
    from business_logic.forecast import calibrated_forecast
    from business_logic.forecast.engine import calendar_windows
    from business_logic.metrics import DealFilters
    from components import deals as deals_page  # Affaires' table, in its default order
    from components import history_state, state

    deals_page.table_top(view.filtered, view.prepared.memo)
    # Objectifs and Simulateur: the days left in the month, quarter and year.
    calibrated_forecast(view.prepared, today, calendar_windows(today))
    newest = state.imports()[0]
    history_state.history(tuple(history_state.ordered_imports()), newest.import_id,
                          state.stage_probabilities(), DealFilters())
    done.append("history")
