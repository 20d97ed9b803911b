"""Objectifs: this month's, quarter's and year's target against what is signed, the chances
of reaching it, the pipeline to create, the year-end projection and the grid of monthly
targets (docs/objectifs.md). Follows the sidebar filters: one selected owner → that
owner's targets and deals; otherwise the company's targets."""

from __future__ import annotations

import streamlit as st

from business_logic.planning import objective_progress, targets_in_force, year_end_projection
from components import objectives_cards, objectives_chart, objectives_grid, state, ui
from database import get_objectives
from utils.escaping import markdown_text


def _empty_state() -> None:
    st.info(
        "Aucun objectif fixé pour cette période. Saisissez un montant à signer pour un ou "
        "plusieurs mois dans le tableau **Objectifs mensuels** ci-dessous, puis cliquez sur "
        "« Enregistrer les objectifs » (ou en ligne de commande : "
        "`python cli.py objectives set 2026-12 50000`).",
        icon=":material/flag:",
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _progress(_deals, key: tuple, as_of, targets: tuple, kinds: tuple) -> list:
    """objective_progress, once per (snapshot, probabilities, filters, date, targets): the
    calibrated forecast replays the past (≈ 0.7 s on the demo, 1.7 s at 100k deals), and
    Accueil would pay it again on every click."""
    return objective_progress(_deals, as_of, dict(targets), kinds)


@st.cache_data(show_spinner=False, max_entries=8)
def _projection(_deals, key: tuple, as_of):
    return year_end_projection(_deals, as_of)


def _key(context: state.DashboardContext) -> tuple:
    """What the filtered deals depend on (the frame itself is not hashed: too costly); the
    import time keeps the key unique when an id is reused, as state.snapshot_frame's."""
    imported_at = next((s.imported_at for s in state.imports()
                        if s.import_id == context.import_id), None)
    return (context.import_id, imported_at, state.stage_probabilities(),
            repr(context.filters))


def _targets(context: state.DashboardContext) -> tuple[dict, str | None]:
    owners = context.filters.owners if context.filters is not None else ()
    return targets_in_force(get_objectives(state.engine()), owners)


def targets_for(context: state.DashboardContext) -> dict:
    """The monthly targets in force for the sidebar filters (Accueil's weekly review)."""
    return _targets(context)[0]


def home_section(context: state.DashboardContext) -> None:
    """Accueil's line: this month's objective, progress and chances, linking here."""
    targets, _ = _targets(context)
    month = None
    if targets:
        month = _progress(context.prepared, _key(context), context.as_of,
                          tuple(sorted(targets.items())), ("month",))[0]
    objectives_cards.home_line(month)


def render() -> None:
    st.title("Objectifs")
    objectives_grid.show_saved_toast()
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of
    engine = state.engine()
    targets, owner = _targets(context)
    whose = f"de {markdown_text(owner)}" if owner else "de l'entreprise"
    st.caption(f"Objectifs {whose} · situation au {ui.long_date(as_of)}. "
               "Choisir un seul commercial dans les filtres affiche ses propres objectifs.")
    progress = _progress(deals, _key(context), as_of, tuple(sorted(targets.items())),
                         ("month", "quarter", "year"))
    if all(item.target is None for item in progress):
        _empty_state()
    else:
        objectives_cards.progress_cards(progress)
    year = progress[-1]
    objectives_chart.projection_section(_projection(deals, _key(context), as_of), year.target)
    objectives_grid.targets_grid(engine, deals, as_of, targets, owner)


if __name__ == "__main__":
    ui.run_page(render)
