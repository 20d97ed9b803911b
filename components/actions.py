"""Actions prioritaires: short lists of what to do this week, most valuable first."""

from __future__ import annotations

import streamlit as st

from business_logic import metrics
from business_logic.labels import (
    cold_phrase,
    quick_win_probability_phrase,
    soon_phrase,
    untreated_phrase,
)
from components import history_views, tables, thresholds, ui
from utils.formatting import format_count

LIST_LENGTH = 10


def _section(title: str, advice: str, rows, as_of, *, key: str, empty: str,
             order: str = "par montant décroissant") -> None:
    st.subheader(f"{title} · {format_count(len(rows), 'affaire')}")
    st.caption(advice)
    tables.deal_list(rows, as_of, key=key, empty=empty, limit=LIST_LENGTH, order=order)


def render() -> None:
    st.title("Actions prioritaires")
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of
    t = thresholds.current()

    _section("Clôtures dépassées", "La date de clôture prévue est passée : relancez ou "
             "mettez la date à jour dans le CRM.", metrics.overdue_list(deals, as_of, t), as_of,
             key="actions_overdue", empty="Aucune clôture dépassée.")
    _section("Affaires froides", f"{cold_phrase(t).capitalize()} : un appel ou un e-mail "
             "cette semaine.", metrics.cold_list(deals, as_of, t), as_of,
             key="actions_cold", empty="Aucune affaire froide.")
    _section("Gains rapides", f"Probabilité d'au moins {quick_win_probability_phrase(t)} et "
             f"clôture prévue dans les {soon_phrase(t)} : à sécuriser en priorité.",
             metrics.quick_win_list(deals, as_of, t), as_of,
             key="actions_quick_wins", empty="Aucun gain rapide identifié.",
             order="par date de clôture puis montant")
    _section("Leads non traités", f"Prospects créés il y a {untreated_phrase(t)} sans aucune "
             "activité : premier contact à faire.", metrics.untreated_list(deals, as_of, t),
             as_of, key="actions_untreated", empty="Tous les leads ont été traités.")
    history_views.anomalies_section()

if __name__ == "__main__":
    ui.run_page(render)
