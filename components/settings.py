"""Réglages: the probability of each open stage. Every figure follows the saved values."""

from __future__ import annotations

import streamlit as st

import database
from business_logic import metrics
from business_logic.stages import OPEN_STAGES
from components import state, ui
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

    if context.has_data:
        kpis = metrics.headline_kpis(context.prepared, context.as_of)
        left, right = st.columns(2)
        left.metric("Pipeline pondéré avec ces probabilités",
                    format_eur(kpis.pipeline_weighted), border=True)
        right.metric("Pipeline brut (non pondéré)", format_eur(kpis.pipeline_gross),
                     border=True)


if __name__ == "__main__":
    ui.run_page(render)
