"""Réglages: the stage probabilities suggested by the closed deals (docs/forecast.md), each
with its evidence and 80 % interval, applied only on the user's click."""

from __future__ import annotations

import streamlit as st

import database
from business_logic.forecast.suggestions import StageSuggestion, suggest_probabilities
from business_logic.stages import STAGE_LABELS_FR
from utils.formatting import format_percent


def _apply(engine, values: dict[str, float]) -> None:
    """Button callback: store the values and set the inputs' keys to them (deleting the keys
    would let the browser send the old values back, see docs/architecture.md)."""
    for stage, value in values.items():
        database.set_stage_probability(engine, stage, value)
        st.session_state[f"probability_{stage}"] = round(value * 100)
    st.toast("Probabilités appliquées : tous les chiffres sont recalculés.",
             icon=":material/check_circle:")


def _suggested(suggestions: list[StageSuggestion]) -> dict[str, float]:
    return {s.stage: round(s.suggested, 4) for s in suggestions if s.reliable}


def suggestions_section(engine, context, current: dict[str, float]) -> None:
    st.markdown("**Suggestions d'après vos affaires clôturées**")
    if not context.has_data:
        st.caption("Importez un fichier pour obtenir des suggestions.")
        return
    suggestions = suggest_probabilities(context.prepared, context.as_of, current)
    st.caption("Taux de réussite des affaires arrivées à chaque étape, rapproché de la valeur "
               "actuelle comme si elle valait 10 affaires ; l'intervalle contient la vraie "
               "valeur 8 fois sur 10.")
    for s in suggestions:
        left, right = st.columns([4, 1])
        if not s.reliable:
            left.markdown(f"**{STAGE_LABELS_FR[s.stage]}** : pas de suggestion — l'étape où "
                          "se sont arrêtées les affaires perdues n'est pas connue.")
            continue
        left.markdown(
            f"**{STAGE_LABELS_FR[s.stage]}** : {format_percent(s.current, 0)} → "
            f"**{format_percent(s.suggested, 0)}** ({s.evidence} ; intervalle à 80 % : "
            f"{format_percent(s.low, 0)} – {format_percent(s.high, 0)})"
        )
        right.button("Appliquer", key=f"probability_apply_{s.stage}", on_click=_apply,
                     args=(engine, _suggested([s])))
    unknown = suggestions[0].lost_stage_unknown if suggestions else 0
    if unknown:
        st.caption(f"{unknown} affaires perdues sans étape connue ne comptent qu'à la première "
                   "étape.")
    st.button("Appliquer toutes les suggestions", key="probability_apply_all", on_click=_apply,
              args=(engine, _suggested(suggestions)))
