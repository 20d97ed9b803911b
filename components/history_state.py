"""What the history views share (Évolutions, Accueil, Pipeline, Actions prioritaires):
the imports in snapshot order, the comparison of two of them and the history payload,
cached (docs/history.md).

Snapshot frames come from `state.snapshot_frame` (read-only, cached resource); the diff is
a cached resource too (its change table is never mutated by the pages); the history
payload (trend, seasonality, time in stage, anomalies) is small JSON-ready data, cached per
(imports, probabilities, filters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from business_logic import metrics
from business_logic.history import Snapshot, SnapshotDiff, diff_snapshots, history_payload
from business_logic.metrics import DealFilters, HeadlineKpis
from components import state, thresholds
from database import ImportSummary
from database.history import load_snapshots, previous_import


def ordered_imports() -> list[ImportSummary]:
    """Every import, oldest first (export date, then id)."""
    return sorted(state.imports(), key=lambda s: (s.exported_on, s.import_id))


def summary_of(import_id: int) -> ImportSummary | None:
    return next((s for s in state.imports() if s.import_id == import_id), None)


def previous_of(import_id: int) -> ImportSummary | None:
    """The import before `import_id` in snapshot order (None for the first)."""
    return previous_import(state.imports(), import_id)


def _snapshot(summary: ImportSummary, probabilities: tuple[tuple[str, float], ...]) -> Snapshot:
    frame = state.snapshot_frame(summary.import_id, summary.imported_at, probabilities)
    return Snapshot(summary.import_id, summary.exported_on, frame)


@st.cache_resource(show_spinner="Comparaison des imports…", max_entries=4)
def _comparison(a: ImportSummary, b: ImportSummary, probabilities: state.Probabilities,
                aliases: state.Aliases, filters: DealFilters | None) -> SnapshotDiff:
    return diff_snapshots(_snapshot(a, probabilities), _snapshot(b, probabilities), filters)


def comparison(a: ImportSummary, b: ImportSummary,
               probabilities: tuple[tuple[str, float], ...],
               filters: DealFilters | None) -> SnapshotDiff:
    """The changes and waterfalls from A to B under the sidebar filters (and the source
    aliases in force, part of the cache key). Read-only."""
    return _comparison(a, b, probabilities, state.source_aliases(), filters)


@st.cache_data(show_spinner="Calcul de l'historique…", max_entries=4)
def _history(imports: tuple[ImportSummary, ...], selected: int,
             probabilities: state.Probabilities, aliases: state.Aliases,
             filters: DealFilters | None) -> dict:
    return _payload(imports, selected, probabilities, filters)


def _payload(imports: tuple[ImportSummary, ...], selected: int,
             probabilities: state.Probabilities, filters: DealFilters | None) -> dict:
    return history_payload(_snapshots_up_to(imports, selected, probabilities), selected,
                           filters=filters)


def _snapshots_up_to(imports: tuple[ImportSummary, ...], selected: int,
                     probabilities: state.Probabilities) -> list[Snapshot]:
    """The imports the payload of `selected` reads: those up to it in snapshot order
    (docs/history.md). The selected one is the cached frame the pages already hold; only
    the earlier ones are read, for this computation alone (1M deals: ~350 MB less)."""
    series = sorted(imports, key=lambda s: (s.exported_on, s.import_id))
    ids = [s.import_id for s in series]
    if selected not in ids:  # history_payload says so, in French
        return load_snapshots(state.engine(), series, dict(probabilities))
    earlier = series[: ids.index(selected)]
    return [*load_snapshots(state.engine(), earlier, dict(probabilities)),
            _snapshot(series[len(earlier)], probabilities)]


def history(imports: tuple[ImportSummary, ...], selected: int,
            probabilities: tuple[tuple[str, float], ...],
            filters: DealFilters | None) -> dict:
    """docs/cli.md `history --json` for the imports up to `selected`, as a dict (the
    snapshots read with the source aliases in force, part of the cache key)."""
    return _history(imports, selected, probabilities, state.source_aliases(), filters)


def current_history() -> dict | None:
    """The history payload of the sidebar's import under its filters (None without data)."""
    context = state.current()
    if not context.has_data:
        return None
    imports = tuple(s for s in ordered_imports())
    return history(imports, context.import_id, state.stage_probabilities(), context.filters)


def deferred_history() -> Callable[[], dict | None]:
    """`current_history()` computed only when called, with what this run knows now: for a
    download button, whose data Streamlit builds on click in another thread (Accueil's
    first paint must not wait for the history of every import, issue 8)."""
    context = state.current()
    if not context.has_data:
        return lambda: None
    imports, probabilities = tuple(ordered_imports()), state.stage_probabilities()
    selected, filters = context.import_id, context.filters
    return lambda: _payload(imports, selected, probabilities, filters)


def diff_with_previous() -> SnapshotDiff | None:
    """The sidebar's import compared with the one before it (None when it is the first)."""
    context = state.current()
    if not context.has_data:
        return None
    later = summary_of(context.import_id)
    earlier = previous_of(context.import_id) if later is not None else None
    if earlier is None:
        return None
    return comparison(earlier, later, state.stage_probabilities(), context.filters)


@dataclass(frozen=True)
class PreviousKpis:
    """The headline KPIs of the previous import, as of its export date, same filters."""

    summary: ImportSummary
    kpis: HeadlineKpis


def previous_kpis() -> PreviousKpis | None:
    """For the Accueil deltas: the previous import's headline figures (main currency)."""
    context = state.current()
    if not context.has_data:
        return None
    earlier = previous_of(context.import_id)
    if earlier is None:
        return None
    view = state.snapshot_view(earlier.import_id, earlier.imported_at,
                               state.stage_probabilities(), context.filters or DealFilters())
    kpis = metrics.headline_kpis(view.prepared, earlier.exported_on, thresholds.current())
    return PreviousKpis(earlier, kpis)
