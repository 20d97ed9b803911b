"""Pipeline: gross vs weighted value by stage, the funnel, deal age, stale and cold deals."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from business_logic import metrics
from business_logic.labels import cold_phrase, stale_phrase
from business_logic.stages import OPEN_STAGES
from components import charts, history_views, tables, thresholds, ui
from utils.formatting import (
    format_count,
    format_days,
    format_eur,
    format_number,
    format_percent,
)
from utils.labels import stage_label


def _stage_chart(stages) -> None:
    labels = [stage_label(s) for s in stages["stage"]]
    figure = go.Figure(
        [
            go.Bar(name="Brut", x=labels, y=stages["gross"], hovertemplate=charts.EUR_HOVER),
            go.Bar(name="Pondéré", x=labels, y=stages["weighted"],
                   hovertemplate=charts.EUR_HOVER),
        ]
    )
    figure.update_layout(barmode="group", title="Valeur du pipeline par étape",
                         yaxis_ticksuffix="\u00a0€")
    charts.show(figure, key="pipeline_by_stage")


def _funnel_chart(funnel) -> None:
    labels = [stage_label(s) for s in funnel["stage"]]
    text = [
        f"{format_number(count)} ({format_percent(rate)})" if i else format_number(count)
        for i, (count, rate) in enumerate(zip(funnel["reached"], funnel["conversion"],
                                              strict=True))
    ]
    figure = go.Figure(go.Funnel(y=labels, x=funnel["reached"], text=text,
                                 textinfo="text", textposition="inside", hoverinfo="skip"))
    figure.update_layout(title="Entonnoir (taux vs l'étape précédente)")
    charts.show(figure, key="pipeline_funnel")


def _age_chart(ages) -> None:
    labels = [stage_label(s) for s in ages["stage"]]
    figure = go.Figure(
        [
            go.Bar(name="Âge moyen", x=labels, y=ages["mean_days"],
                   hovertemplate="%{y:.0f} jours"),
            go.Bar(name="Âge médian", x=labels, y=ages["median_days"],
                   hovertemplate="%{y:.0f} jours"),
        ]
    )
    figure.update_layout(barmode="group", title="Âge des affaires en cours par étape (jours)")
    charts.show(figure, key="pipeline_age")


def render() -> None:
    st.title("Pipeline")
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of

    stages = tables.rows_frame(metrics.by_stage(deals).rows)
    open_stages = stages[stages["stage"].isin(OPEN_STAGES)]
    left, right = st.columns(2)
    with left:
        _stage_chart(open_stages)
    with right:
        _funnel_chart(tables.rows_frame(metrics.funnel(deals).steps))

    t = thresholds.current()
    ages = metrics.deal_age(deals, as_of, t)
    left, right = st.columns(2)
    with left:
        _age_chart(tables.rows_frame(ages.by_stage))
    with right:
        st.metric(f"Affaires en cours depuis {stale_phrase(t)}",
                  format_count(ages.stale_count, "affaire"), border=True)
        st.metric("Âge médian d'une affaire en cours", format_days(ages.median_days),
                  border=True)
        st.metric("Pipeline pondéré",
                  format_eur(metrics.headline_kpis(deals, as_of, t).pipeline_weighted),
                  border=True)
    history_views.time_in_stage_section()

    st.subheader(f"Affaires anciennes ({stale_phrase(t)})")
    tables.deal_list(ages.stale, as_of, key="pipeline_stale",
                     empty=f"Aucune affaire en cours depuis {stale_phrase(t)}.",
                     order="de la plus ancienne à la plus récente")
    st.subheader(f"Affaires froides ({cold_phrase(t)})")
    tables.deal_list(metrics.cold_list(deals, as_of, t), as_of, key="pipeline_cold",
                     empty="Aucune affaire froide.")


if __name__ == "__main__":
    ui.run_page(render)
