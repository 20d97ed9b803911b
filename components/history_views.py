"""History sections shown on other pages (docs/history.md): time in stage on Pipeline,
anomalies on Actions prioritaires."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from business_logic.history.anomalies import (
    BASELINE_WEEKS,
    RECENT_WEEKS,
    SLIP_STREAK,
    STUCK_DAYS,
)
from components import history_state
from utils.escaping import markdown_text
from utils.formatting import format_count, format_days, format_eur, format_number
from utils.labels import stage_label

MEASURES = {"won_value": ("Chiffre signé par semaine", format_eur),
            "deals_created": ("Affaires créées par semaine", format_number)}


def precision_label(method: str, precision_days: float | None) -> str:
    """How exact one stage's figure is: exact dates, or ± the spacing of the imports."""
    if method == "entry_dates":
        return "dates d'entrée de l'export"
    return f"± {format_days(precision_days)}, d'après les imports"


def precision_sentence(time_in_stage: dict) -> str:
    """How exact the durations are (docs/history.md)."""
    if time_in_stage["method"] == "entry_dates":
        return "Mesuré avec les dates d'entrée dans chaque étape de l'export, au jour près."
    estimated = ("une affaire vue dans une étape puis dans une étape plus avancée à l'import "
                 "suivant l'a quittée entre les deux ; précision d'environ "
                 f"{format_days(time_in_stage['precision_days'])} (l'écart habituel entre "
                 "deux imports).")
    if time_in_stage["method"] == "mixed":
        return ("Mesuré au jour près avec les dates d'entrée de l'export là où il en a ; "
                f"ailleurs, estimé d'après les imports successifs : {estimated}")
    return f"Estimé d'après les imports successifs : {estimated}"


def time_in_stage_section() -> None:
    """Median and mean days per stage, overall and per source, each stage saying how
    exact it is (entry dates of the export, or ± the spacing of the imports)."""
    payload = history_state.current_history()
    st.subheader("Temps passé par étape")
    if payload is None:
        return
    stage_time = payload["time_in_stage"]
    if not stage_time["by_stage"]:
        st.caption("Il faut au moins deux imports du même CRM (ou des colonnes « Date "
                   "d'entrée dans l'étape » dans l'export) pour mesurer le temps passé dans "
                   "chaque étape.")
        return
    st.caption(precision_sentence(stage_time))
    by_stage = pd.DataFrame(stage_time["by_stage"])
    table = pd.DataFrame({
        "Étape": by_stage["stage"].map(stage_label),
        "Affaires mesurées": by_stage["deals"].map(format_number),
        "Médiane": by_stage["median_days"].map(format_days),
        "Moyenne": by_stage["mean_days"].map(format_days),
    })
    if stage_time["method"] == "mixed":  # otherwise the caption says it for every stage
        table["Précision"] = [precision_label(m, stage_time["precision_days"])
                              for m in by_stage["method"]]
    st.dataframe(table, hide_index=True, key="pipeline_stage_time")
    by_source = pd.DataFrame(stage_time["by_source"])
    if not by_source.empty:
        table = by_source.pivot(index="source", columns="stage", values="median_days")
        order = [s for s in by_stage["stage"] if s in table.columns]
        table = table[order].map(format_days).fillna("—")
        table.columns = [stage_label(s) for s in order]
        st.caption("Temps médian par source et par étape (même précision que ci-dessus) :")
        st.dataframe(table.rename_axis("Source").reset_index(), hide_index=True,
                     key="pipeline_stage_time_by_source")


def anomalies_section() -> None:
    """Stuck deals, repeated slippage, performance drop (docs/history.md, « Anomalies »)."""
    payload = history_state.current_history()
    if payload is None:
        return
    anomalies = payload["anomalies"]
    stuck, slipping = anomalies["stuck"], anomalies["slipping"]
    st.subheader(f"Affaires bloquées · {format_count(len(stuck), 'affaire')}")
    st.caption(f"En cours, dans la même étape à chaque import depuis plus de {STUCK_DAYS} "
               "jours, ou depuis plus de deux fois le temps médian de l'étape.")
    if stuck:
        frame = pd.DataFrame(stuck).sort_values("days_in_stage", ascending=False)
        st.dataframe(pd.DataFrame({
            "Affaire": frame["name"], "Entreprise": frame["company"],
            "Étape": frame["stage"].map(stage_label),
            "Jours dans l'étape (au moins)": frame["days_in_stage"].map(format_days),
            "Médiane de l'étape": frame["median_days"].map(format_days),
        }), hide_index=True, key="actions_stuck")
    else:
        st.caption("Aucune affaire bloquée.")
    st.subheader(f"Glissement répété · {format_count(len(slipping), 'affaire')}")
    st.caption(f"Date de clôture repoussée à chacun des {SLIP_STREAK} derniers imports : à "
               "requalifier.")
    if slipping:
        frame = pd.DataFrame(slipping)
        st.dataframe(pd.DataFrame({
            "Affaire": frame["name"], "Entreprise": frame["company"],
            "Reports consécutifs": frame["slips"].map(format_number),
            "Jours ajoutés": frame["close_days_added"].map(format_days),
        }), hide_index=True, key="actions_slipping")
    else:
        st.caption(f"Aucune affaire n'a glissé {SLIP_STREAK} imports de suite.")
    for drop in anomalies["performance_drop"]:
        label, fmt = MEASURES.get(drop["measure"], (drop["measure"], format_number))
        if drop["drop"]:
            st.warning(markdown_text(
                f"Baisse de performance — {label.lower()} : {fmt(drop['recent_mean'])} en "
                f"moyenne sur les {RECENT_WEEKS} dernières semaines, sous le seuil de "
                f"{fmt(drop['threshold'])} (moyenne des {BASELINE_WEEKS} semaines précédentes "
                "moins deux écarts types)."), icon=":material/trending_down:")
