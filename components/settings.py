"""Réglages: the probability of each open stage (with a live preview of the weighted
pipeline before saving), the alert thresholds and the source aliases. Every save confirms
with a toast; every figure and text follows the saved values."""

from __future__ import annotations

import streamlit as st

import database
from business_logic import metrics
from business_logic.labels import thresholds_sentence
from business_logic.stages import (
    DEFAULT_PROBABILITIES,
    OPEN_STAGES,
    STAGE_LABELS_FR,
    decreasing_steps,
)
from components import notices, probability_suggestions, source_aliases, state, thresholds, ui
from utils.formatting import delta_options, format_change, format_eur, format_percent

PROBABILITY_KEYS = {stage: f"probability_{stage}" for stage in OPEN_STAGES}
_THRESHOLD_KEYS = {
    "cold_days": "threshold_cold_days",
    "untreated_days": "threshold_untreated_days",
    "stale_days": "threshold_stale_days",
    "soon_days": "threshold_soon_days",
    "quick_win_probability": "threshold_quick_win_probability",
}


def render() -> None:
    notices.show_pending_toasts()
    st.title("Réglages")
    engine = state.engine()
    context = state.current()
    if not context.has_data:
        ui.empty_state()
    saved = _probabilities_section(engine, context)
    probability_suggestions.suggestions_section(engine, context, saved)
    _thresholds_form(engine)
    source_aliases.section(engine, context)


def _saved_probabilities(engine) -> dict[str, float]:
    probabilities = database.get_stage_probabilities(engine)
    return {stage: probabilities[stage] for stage in OPEN_STAGES}


def _save_probabilities(engine) -> None:
    """Button callback (runs before the next run draws anything, so the sidebar's snapshot
    is read under the new values): store what the inputs hold, confirm with a toast."""
    saved = _saved_probabilities(engine)
    chosen = {stage: st.session_state[key] / 100 for stage, key in PROBABILITY_KEYS.items()}
    changed = {s: p for s, p in chosen.items() if abs(p - saved[s]) > 1e-9}
    for stage, probability in changed.items():
        database.set_stage_probability(engine, stage, probability)
    st.toast("Probabilités enregistrées : tous les chiffres sont recalculés." if changed
             else "Probabilités enregistrées (aucune valeur n'a changé).",
             icon=":material/check_circle:")


def _reset_probabilities(engine) -> None:
    for stage, key in PROBABILITY_KEYS.items():
        database.set_stage_probability(engine, stage, DEFAULT_PROBABILITIES[stage])
        st.session_state[key] = round(DEFAULT_PROBABILITIES[stage] * 100)
    st.toast("Probabilités par défaut rétablies : tous les chiffres sont recalculés.",
             icon=":material/check_circle:")


def _probabilities_section(engine, context: state.DashboardContext) -> dict[str, float]:
    """The four inputs, the warning when they fall along the pipeline, the preview; returns
    the saved probabilities."""
    st.subheader("Probabilité de signature par étape")
    st.caption(
        "Appliquée aux affaires en cours dont le fichier ne donne pas de probabilité. "
        "Les affaires gagnées comptent pour 100 %, les perdues pour 0 %."
    )
    saved = _saved_probabilities(engine)
    columns = st.columns(len(OPEN_STAGES))
    edited: dict[str, float] = {}
    for column, (stage, key) in zip(columns, PROBABILITY_KEYS.items(), strict=True):
        st.session_state.setdefault(key, round(saved[stage] * 100))
        edited[stage] = column.number_input(
            f"{STAGE_LABELS_FR[stage]} (%)", min_value=0, max_value=100, step=5, key=key,
        ) / 100
    falls = decreasing_steps(edited)
    if falls:
        pairs = " ; ".join(
            f"{STAGE_LABELS_FR[later]} ({format_percent(edited[later], 0)}) est en dessous "
            f"de {STAGE_LABELS_FR[earlier]} ({format_percent(edited[earlier], 0)})"
            for earlier, later in falls
        )
        st.warning(
            f"{pairs}. Une affaire qui avance devrait avoir plus de chances de signer : "
            "d'habitude Prospect ≤ Qualifié ≤ Proposition ≤ Négociation. Vous pouvez "
            "tout de même enregistrer ces valeurs.", icon=":material/warning:",
        )
    if context.has_data:
        _preview(context, saved, edited)
    left, right = st.columns(2)
    left.button("Enregistrer les probabilités", type="primary", key="probabilities_save",
                on_click=_save_probabilities, args=(engine,), width="stretch")
    at_defaults = all(abs(edited[s] - DEFAULT_PROBABILITIES[s]) < 1e-9 and
                      abs(saved[s] - DEFAULT_PROBABILITIES[s]) < 1e-9 for s in OPEN_STAGES)
    right.button("Rétablir les probabilités par défaut", key="probabilities_reset",
                 on_click=_reset_probabilities, args=(engine,), disabled=at_defaults,
                 width="stretch",
                 help="Prospect 10 %, Qualifié 30 %, Proposition 50 %, Négociation 70 %.")
    return saved


def _preview(context: state.DashboardContext, saved: dict[str, float],
             edited: dict[str, float]) -> None:
    """The weighted pipeline under the values being typed, next to the saved one."""
    before = metrics.weighted_pipeline_under(context.prepared, saved)
    after = metrics.weighted_pipeline_under(context.prepared, edited)
    gross = metrics.headline_kpis(context.prepared, context.as_of,
                                  thresholds.current()).pipeline_gross
    left, middle, right = st.columns(3)
    left.metric("Pipeline pondéré avec ces probabilités", format_eur(after), border=True,
                delta=format_change(after, before, amount=True) if after != before else None,
                **delta_options(after, before),
                help="Calculé avec les valeurs saisies ci-dessus, avant tout enregistrement ; "
                "l'écart est mesuré par rapport aux probabilités enregistrées.")
    middle.metric("Pipeline pondéré enregistré", format_eur(before), border=True)
    right.metric("Pipeline brut (non pondéré)", format_eur(gross), border=True)
    if after != before:
        st.caption("Aperçu : ces probabilités ne sont pas encore enregistrées.")


def _save_thresholds(engine) -> None:
    """Form callback: store the thresholds the inputs hold, confirm with a toast."""
    values = {name: st.session_state[key] for name, key in _THRESHOLD_KEYS.items()}
    chosen = metrics.Thresholds(
        cold_days=int(values["cold_days"]), untreated_days=int(values["untreated_days"]),
        stale_days=int(values["stale_days"]), soon_days=int(values["soon_days"]),
        quick_win_probability=values["quick_win_probability"] / 100,
    )
    changed = chosen != database.get_thresholds(engine)
    if changed:
        database.set_thresholds(engine, chosen)
    st.toast("Seuils enregistrés : alertes et textes suivent les nouvelles valeurs." if changed
             else "Seuils enregistrés (aucune valeur n'a changé).",
             icon=":material/check_circle:")


def _threshold_inputs(values: metrics.Thresholds) -> dict[str, int]:
    shown = values.to_dict()
    shown["quick_win_probability"] = round(values.quick_win_probability * 100)
    return {key: int(shown[name]) for name, key in _THRESHOLD_KEYS.items()}


def _reset_thresholds(engine) -> None:
    database.reset_thresholds(engine)
    st.session_state.update(_threshold_inputs(metrics.DEFAULT_THRESHOLDS))
    st.toast("Seuils par défaut rétablis.", icon=":material/check_circle:")


def _thresholds_form(engine) -> None:
    """The alert thresholds (docs/definitions.md, "Seuils"): every page, the CLI and the
    weekly review use the saved values."""
    st.subheader("Seuils des alertes")
    current = thresholds.current()
    st.caption(f"En vigueur : {thresholds_sentence(current)}.")
    for key, value in _threshold_inputs(current).items():
        st.session_state.setdefault(key, value)
    with st.form("thresholds"):
        row = st.columns(3)
        row[0].number_input("Affaire froide après (jours sans activité)", 1, 3650,
                            key="threshold_cold_days")
        row[1].number_input("Lead non traité après (jours)", 0, 365,
                            key="threshold_untreated_days")
        row[2].number_input("Affaire ancienne après (jours)", 1, 3650,
                            key="threshold_stale_days")
        row = st.columns(3)
        row[0].number_input("Gains rapides et échéances : horizon (jours)", 1, 3650,
                            key="threshold_soon_days")
        row[1].number_input("Gains rapides : probabilité minimale (%)", 0, 100, step=5,
                            key="threshold_quick_win_probability")
        st.form_submit_button("Enregistrer les seuils", key="thresholds_save",
                              on_click=_save_thresholds, args=(engine,))
    st.button("Rétablir les seuils par défaut", key="thresholds_reset",
              on_click=_reset_thresholds, args=(engine,),
              disabled=current == metrics.DEFAULT_THRESHOLDS,
              help=f"Par défaut : {thresholds_sentence(metrics.DEFAULT_THRESHOLDS)}.")


if __name__ == "__main__":
    ui.run_page(render)
