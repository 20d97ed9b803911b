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
import time

_LOG = logging.getLogger(__name__)
THREAD_NAME = "crm-warm-up"
# Streamlit warns once per st call made outside a page run; the warm-up is such a thread
# by design, and the warning would be the first line a founder reads in the terminal.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NotFromTheWarmUp(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def quiet_context_warnings() -> None:
    """Drop Streamlit's "missing ScriptRunContext" warnings of the warm-up thread only."""
    logger = logging.getLogger(_CONTEXT_LOGGER)
    if not any(isinstance(f, _NotFromTheWarmUp) for f in logger.filters):
        logger.addFilter(_NotFromTheWarmUp())


def warm_up(today: dt.date | None = None) -> list[str]:
    """Fill the caches for the newest import as Accueil, Pipeline, Évolutions and Actions
    prioritaires show it without filters; return the steps done (for tests and logs)."""
    done: list[str] = []
    started = time.perf_counter()
    try:
        _steps(today or dt.date.today(), done)
    except Exception as error:  # noqa: BLE001 - the page reports it; the server must start
        _LOG.info("warm-up stopped after %s: %s", done, error)
    _LOG.info("warm-up %s in %.1f s", done, time.perf_counter() - started)
    return done


def _steps(today: dt.date, done: list[str]) -> None:
    from business_logic.forecast import calibrated_forecast
    from business_logic.metrics import DealFilters, headline_kpis
    from components import history_state, state, thresholds

    with state.engine().connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    done.append("database")
    imports = state.imports()
    if not imports:
        return
    newest = imports[0]
    probabilities = state.stage_probabilities()
    view = state.snapshot_view(newest.import_id, newest.imported_at, probabilities,
                               DealFilters())
    state.filter_options(newest.import_id, newest.imported_at, probabilities)
    done.append("snapshot")
    headline_kpis(view.prepared, today, thresholds.current())
    calibrated_forecast(view.prepared, today)
    done.append("forecast")
    from components import deals as deals_page  # Affaires' table, in its default order

    deals_page.table_top(view.filtered, view.prepared.memo)
    history_state.history(tuple(history_state.ordered_imports()), newest.import_id,
                          probabilities, DealFilters())
    done.append("history")
