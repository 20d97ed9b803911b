"""Réglages: the probability of each open stage and the alert thresholds. Every figure and
every text follows the saved values."""

from __future__ import annotations

import streamlit as st

import database
from business_logic import metrics
from business_logic.labels import thresholds_sentence
from business_logic.stages import OPEN_STAGES
from components import probability_suggestions, state, thresholds, ui
from utils.formatting import format_eur


def render() -> None:
    st.title("Réglages")
    engine = state.engine()
    context = state.current()
    if not context.has_data:
        ui.empty_state()

    st.subheader("Probabilité de signature par étape")
    st.caption(
        "Appliquée aux affaires en cours dont le fichier ne donne pas de probabilité. "
        "Les affaires gagnées comptent pour 100 %, les perdues pour 0 %."
    )
    settings = {s.stage: s for s in database.get_stage_settings(engine)}
    with st.form("stage_probabilities"):
        columns = st.columns(len(OPEN_STAGES))
        chosen: dict[str, float] = {}
        for column, stage in zip(columns, OPEN_STAGES, strict=True):
            setting = settings[stage]
            chosen[stage] = column.number_input(
                f"{setting.label_fr} (%)", min_value=0, max_value=100, step=5,
                value=round(setting.probability * 100), key=f"probability_{stage}",
            )
        saved = st.form_submit_button("Enregistrer les probabilités", type="primary",
                                      key="probabilities_save")
    if saved:
        changed = {s: p / 100 for s, p in chosen.items()
                   if abs(p / 100 - settings[s].probability) > 1e-9}
        for stage, probability in changed.items():
            database.set_stage_probability(engine, stage, probability)
        if changed:
            st.toast("Probabilités enregistrées : tous les chiffres sont recalculés.")
            st.rerun()
    current = {stage: settings[stage].probability for stage in OPEN_STAGES}
    probability_suggestions.reset_button(engine, current)
    probability_suggestions.suggestions_section(engine, context, current)

    _thresholds_form(engine)

    if context.has_data:
        kpis = metrics.headline_kpis(context.prepared, context.as_of, thresholds.current())
        left, right = st.columns(2)
        left.metric("Pipeline pondéré avec ces probabilités",
                    format_eur(kpis.pipeline_weighted), border=True)
        right.metric("Pipeline brut (non pondéré)", format_eur(kpis.pipeline_gross),
                     border=True)



_THRESHOLD_KEYS = ("threshold_cold_days", "threshold_untreated_days", "threshold_stale_days",
                   "threshold_soon_days", "threshold_quick_win_probability")


def _thresholds_form(engine) -> None:
    """The alert thresholds (docs/definitions.md, "Seuils"): every page, the CLI and the
    weekly review use the saved values."""
    st.subheader("Seuils des alertes")
    current = thresholds.current()
    st.caption(f"En vigueur : {thresholds_sentence(current)}.")
    with st.form("thresholds"):
        row = st.columns(3)
        cold = row[0].number_input("Affaire froide après (jours sans activité)", 1, 3650,
                                   current.cold_days, key="threshold_cold_days")
        untreated = row[1].number_input("Lead non traité après (jours)", 0, 365,
                                        current.untreated_days, key="threshold_untreated_days")
        stale = row[2].number_input("Affaire ancienne après (jours)", 1, 3650,
                                    current.stale_days, key="threshold_stale_days")
        row = st.columns(3)
        soon = row[0].number_input("Gains rapides et échéances : horizon (jours)", 1, 3650,
                                   current.soon_days, key="threshold_soon_days")
        probability = row[1].number_input(
            "Gains rapides : probabilité minimale (%)", 0, 100,
            round(current.quick_win_probability * 100), step=5,
            key="threshold_quick_win_probability",
        )
        saved = st.form_submit_button("Enregistrer les seuils", key="thresholds_save")
    if saved:
        chosen = metrics.Thresholds(
            cold_days=int(cold), untreated_days=int(untreated), stale_days=int(stale),
            soon_days=int(soon), quick_win_probability=probability / 100,
        )
        if chosen != current:
            database.set_thresholds(engine, chosen)
            st.toast("Seuils enregistrés : alertes et textes suivent les nouvelles valeurs.")
            st.rerun()
    if current != metrics.DEFAULT_THRESHOLDS and st.button(
        "Rétablir les seuils par défaut", key="thresholds_reset"
    ):
        database.reset_thresholds(engine)
        for key in _THRESHOLD_KEYS:  # the inputs show the defaults again, not the old values
            st.session_state.pop(key, None)
        st.rerun()


if __name__ == "__main__":
    ui.run_page(render)
