"""Simulateur: what if the basket, the win rate, the sales cycle or the pace of new deals
changed, or some deals were won, lost or slipped (docs/objectifs.md, « Simulateur »)? Baseline and
scenario side by side: forecast 30 / 60 / 90 days, year end, chances of reaching the
month's objective. Follows the sidebar filters; never changes stored deals.

Caching: the baseline (its figures and the PreparedDeals holding the replayed past the
scenario borrows) is a `st.cache_resource` per snapshot, filters, reference date and
target, so a lever change only computes the scenario (benchmarks/simulator_bench.py).
Cached objects are never mutated: `apply_levers` returns a new frame.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from business_logic.metrics import PreparedDeals
from business_logic.planning import targets_in_force
from business_logic.planning.comparison import (
    Comparison,
    Outlook,
    baseline_outlook,
    scenario_outlook,
)
from business_logic.planning.objectives import period_target
from business_logic.planning.periods import month_of
from business_logic.planning.whatif import Levers
from components import simulator_levers as levers_ui
from components import simulator_results as results
from components import simulator_saved as saved
from components import state, ui
from database import get_objectives


@st.cache_resource(show_spinner="Calcul de la situation actuelle…", max_entries=8)
def _baseline(key: tuple, _deals: PreparedDeals, as_of: dt.date,
              target: float | None) -> tuple[PreparedDeals, Outlook]:
    """The baseline of one (snapshot, filters, probabilities) `key`; `_deals` is not
    hashed (the key names it). Returned objects are shared: read-only. `_deals` is the
    view's PreparedDeals (components/state.py), whose memo already holds the forecast's
    replay: a copy of it replayed the year again and held ~90 MB more at 1M (issue 8)."""
    return _deals, baseline_outlook(_deals, as_of, target)


def month_target(context: state.DashboardContext) -> float | None:
    """This month's objective under the filters (one owner → theirs), as on Objectifs."""
    owners = context.filters.owners if context.filters is not None else ()
    targets, _ = targets_in_force(get_objectives(state.engine()), owners)
    return period_target(month_of(context.as_of), targets)


def _levers_panel(baseline) -> None:  # noqa: ANN001 - the baseline's PreparedDeals
    with st.container(border=True, key="sim_levers"):
        st.markdown("**Leviers**")
        levers_ui.lever_widgets()
        missing = levers_ui.deal_widgets(baseline)
        if missing:
            st.caption(f"{len(missing)} affaire(s) du scénario ne sont plus en cours sous ces "
                       "filtres : elles sont ignorées.")
        st.button("Réinitialiser les leviers", on_click=levers_ui.reset_levers,
                  key="sim_reset", icon=":material/restart_alt:")
    with st.container(border=True, key="sim_saved"):
        st.markdown("**Scénarios enregistrés**")
        saved.saved_scenarios_section()


def render() -> None:
    st.title("Simulateur")
    saved.show_toast()
    context = ui.require_data()
    if context is None:
        return
    as_of = context.as_of
    st.caption(f"Situation au {ui.long_date(as_of)} et scénario « et si… ? ». Le scénario "
               "ne modifie aucune donnée enregistrée ; il suit les filtres de la barre "
               "latérale.")
    target = month_target(context)
    key = (context.import_id, context.import_label, state.stage_probabilities(),
           state.source_aliases(), repr(context.filters), len(context.prepared))
    baseline_deals, baseline = _baseline(key, context.prepared, as_of, target)

    left, right = st.columns([1, 2], gap="large")
    with left:
        _levers_panel(baseline_deals)
    levers = levers_ui.current_levers()
    scenario = (baseline if levers == Levers()  # exactly the baseline (tests/planning)
                else scenario_outlook(baseline_deals, levers, as_of, target))
    result = Comparison(baseline, scenario, target)
    with right:
        if baseline.method == "simple":
            st.caption("Prévision simple (moins de 30 affaires conclues datées) : les leviers "
                       "« nouvelles affaires » et le taux appris n'ont pas d'effet.")
        results.comparison_cards(result, as_of)
        results.comparison_chart(result)


if __name__ == "__main__":
    ui.run_page(render)
