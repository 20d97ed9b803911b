"""What every page shares: the Engine, the current snapshot frame, the filters, as_of.

`app.py` draws the sidebar and calls `publish(...)`; each page calls `current()` and receives
the filtered frame and the reference date, so no page reloads or re-filters anything.

Caching (measured in benchmarks/ui_bench.py): the snapshot frame lives in
`st.cache_resource`, keyed by (import id, import time, stage probabilities, source aliases). A
`st.cache_data` hit pickles a copy of the whole frame on every rerun; the resource hit returns
the same object, so the frame is read-only by contract: calculators return new frames
(style.md) and nothing here assigns into it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import database
from business_logic.actions import ActionState
from business_logic.metrics import (
    CurrencySplit,
    DealFilters,
    FilterOptions,
    PreparedDeals,
    apply_filters,
    main_currency,
    prepare_deals,
    split_by_currency,
)
from business_logic.metrics import filter_options as compute_filter_options
from database.action_states import get_action_states
from utils.escaping import markdown_text
from utils.process_memory import use_system_allocator

# Before the first snapshot is read, for every way the app is started (utils/process_memory.py).
use_system_allocator()

_CONTEXT_KEY = "_dashboard_context"
SELECT_IMPORT_KEY = "_select_import_next_run"


@st.cache_resource(show_spinner=False)
def _engine_for(resolved_url: str) -> Engine:
    return database.make_engine(resolved_url)


def engine() -> Engine:
    """The Engine (DATABASE_URL, else the embedded server), created and migrated once per
    URL: a Session-free, thread-safe resource shared by every user (style.md).

    Keyed by the resolved URL (environment, else `.env`, else the embedded server), so a
    URL set only in `.env` gets one Engine, migrated once. Raises `DatabaseUnavailable`.
    """
    return _engine_for(database.resolve_url())


Probabilities = tuple[tuple[str, float], ...]
Aliases = tuple[tuple[str, str], ...]


@st.cache_resource(show_spinner="Chargement des affaires…", max_entries=3)
def _frame(import_id: int, imported_at: dt.datetime, probabilities: Probabilities,
           aliases: Aliases) -> pd.DataFrame:
    return database.load_deals(engine(), import_id, dict(probabilities), dict(aliases))


@st.cache_resource(show_spinner=False, max_entries=3)
def _options(import_id: int, imported_at: dt.datetime, probabilities: Probabilities,
             aliases: Aliases) -> FilterOptions:
    return compute_filter_options(_frame(import_id, imported_at, probabilities, aliases))


@st.cache_resource(show_spinner=False, max_entries=3)
def _currency(import_id: int, imported_at: dt.datetime, probabilities: Probabilities,
              aliases: Aliases) -> str | None:
    return main_currency(_frame(import_id, imported_at, probabilities, aliases))


def snapshot_frame(
    import_id: int, imported_at: dt.datetime, probabilities: Probabilities
) -> pd.DataFrame:
    """The canonical frame of one import under the current stage probabilities and source
    aliases (Réglages). Read-only.

    `imported_at` keeps the key unique when an id is reused (tests truncate the tables);
    `probabilities` and the aliases (read here, one tiny query) are the settings version:
    a changed probability or alias is a new frame, shown at once.
    """
    return _frame(import_id, imported_at, probabilities, source_aliases())


def filter_options(
    import_id: int, imported_at: dt.datetime, probabilities: Probabilities
) -> FilterOptions:
    """Distinct statuses, sources, sectors and owners of a snapshot, for the sidebar."""
    return _options(import_id, imported_at, probabilities, source_aliases())


def snapshot_currency(
    import_id: int, imported_at: dt.datetime, probabilities: Probabilities
) -> str | None:
    """The snapshot's main currency: totals are in it whatever the filters keep."""
    return _currency(import_id, imported_at, probabilities, source_aliases())


@dataclass(frozen=True)
class SnapshotView:
    """The snapshot under one set of filters: what every page of a run reads."""

    filtered: pd.DataFrame
    in_main: pd.DataFrame
    currencies: CurrencySplit
    prepared: PreparedDeals


# Four views: the snapshot unfiltered plus the last filter choices; each filtered view holds
# a copy of the deals it keeps (up to ~400 MB at 1M), so the bound is kept small.
@st.cache_resource(show_spinner=False, max_entries=4)
def _view(import_id: int, imported_at: dt.datetime, probabilities: Probabilities,
          aliases: Aliases, filters: DealFilters) -> SnapshotView:
    deals = _frame(import_id, imported_at, probabilities, aliases)
    filtered = filtered_deals(deals, filters)
    if filtered is not deals and len(filtered) == len(deals):  # kept every deal: no copy
        return _view(import_id, imported_at, probabilities, aliases, DealFilters())
    in_main, currencies = split_by_currency(
        filtered, _currency(import_id, imported_at, probabilities, aliases))
    return SnapshotView(filtered, in_main, currencies, prepare_deals(in_main))


def snapshot_view(import_id: int, imported_at: dt.datetime, probabilities: Probabilities,
                  filters: DealFilters) -> SnapshotView:
    """The filtered frame, its main-currency part and their numpy views, shared by every
    session and rerun showing the same snapshot and filters (issue 8: each session used to
    rebuild ~90 MB of views at 1M deals, and redo the forecast's replay). Read-only, like
    the frame; the views' memo is filled by the calculators, keyed by what they depend on."""
    return _view(import_id, imported_at, probabilities, source_aliases(), filters)


def database_ready() -> bool:
    """One check before any page renders (issue 7, item 14): the database answers.

    A cold start shows "Démarrage de la base de données…" meanwhile. When it does not
    answer, draw the single French error screen with a retry button and return
    False; the caller then renders no page, so no page shows a raw driver error, an empty
    state or "erreur inattendue" for what is one cause.
    """
    try:
        # A cold start (the embedded server starting, the schema migrated) takes seconds:
        # say so instead of a blank page. Shown only past 0.5 s, so never on a warm rerun.
        with st.spinner("Démarrage de la base de données…"), engine().connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except database.DatabaseUnavailable as error:
        # Next run (the retry button) connects afresh, restarting a dead embedded server.
        _engine_for.clear()
        database.forget_failed_connections()
        show_database_unavailable(error)
        return False
    return True


def show_database_unavailable(error: BaseException) -> None:
    st.title("Base de données injoignable")
    st.error(markdown_text(str(error)), icon=":material/error:")
    st.caption(
        "Vérifiez DATABASE_URL (variable d'environnement ou fichier .env), que le serveur "
        "PostgreSQL est démarré et joignable, puis réessayez. Sans DATABASE_URL, "
        "l'application utilise sa base intégrée."
    )
    st.button("Réessayer", key="retry_database", type="primary")


def action_states() -> dict[str, ActionState]:
    """Done and snoozed actions (database/action_states.py), read on each rerun (one tiny
    query) so the page and the weekly review agree."""
    with engine().connect() as connection:
        return get_action_states(connection)


def imports() -> list[database.ImportSummary]:
    """Every snapshot, newest first (a tiny query, run on each rerun so deletions show)."""
    return database.list_imports(engine())


def stage_probabilities() -> Probabilities:
    """The settings version: current stage probabilities, as a hashable key."""
    return tuple(sorted(database.get_stage_probabilities(engine()).items()))


def source_aliases() -> Aliases:
    """The source aliases in force (Réglages), as a hashable key."""
    return tuple(sorted(database.get_source_aliases(engine()).items()))


def clear_snapshot_caches() -> None:
    """After an import is deleted or added, forget cached frames and options."""
    _frame.clear()
    _view.clear()
    _options.clear()
    _currency.clear()


@dataclass(frozen=True)
class DashboardContext:
    """One run's shared state. `deals` is the cached snapshot: never mutate it.

    `filtered` holds every deal the filters keep (lists, exports); `prepared`, which every
    total is computed from, only those in the main currency (`currencies` says what it
    leaves out: totals never add two currencies).
    """

    as_of: dt.date
    import_id: int | None = None
    import_label: str = ""
    deals: pd.DataFrame | None = None
    filters: DealFilters | None = None
    filtered: pd.DataFrame | None = field(default=None, repr=False)
    prepared: PreparedDeals | None = field(default=None, repr=False)
    currencies: CurrencySplit | None = None

    @property
    def has_data(self) -> bool:
        return self.import_id is not None and self.deals is not None


def filtered_deals(deals: pd.DataFrame, filters: DealFilters) -> pd.DataFrame:
    """The snapshot restricted by the sidebar filters (business_logic.metrics.apply_filters).

    Without any filter the cached snapshot itself is returned (read-only), sparing a copy
    of every column on each rerun.
    """
    if filters == DealFilters(date_field=filters.date_field):
        return deals
    return apply_filters(deals, filters)


def publish(context: DashboardContext) -> None:
    st.session_state[_CONTEXT_KEY] = context


def current() -> DashboardContext:
    """The context `app.py` published for this run (an empty one before the first run)."""
    context = st.session_state.get(_CONTEXT_KEY)
    if context is None:
        return DashboardContext(as_of=dt.date.today())
    return context


def select_import_on_next_run(import_id: int | None) -> None:
    """Make the sidebar show `import_id` after the next rerun (widgets can't be set mid-run)."""
    st.session_state[SELECT_IMPORT_KEY] = import_id
