"""Year-end projection chart (Objectifs): signed so far, the forecast band to December 31
and the linear trend, each named in French; the sentence under it says which is which."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from business_logic.planning import YearEndProjection
from components import charts
from utils.formatting import format_eur

BAND = "rgba(37, 99, 235, 0.18)"


def projection_figure(projection: YearEndProjection, year_target: float | None) -> go.Figure:
    actual_x = [day for day, _ in projection.actual]
    forecast = projection.forecast
    days = [point.day for point in forecast]
    traces = [
        go.Scatter(x=actual_x, y=[value for _, value in projection.actual],
                   name="Signé (cumul depuis le 1er janvier)", mode="lines+markers",
                   line={"color": "#0f172a", "width": 3}, hovertemplate=charts.EUR_HOVER),
        go.Scatter(x=days, y=[p.p90 for p in forecast], name="Prévision optimiste (P90)",
                   mode="lines", line={"width": 0}, showlegend=False,
                   hovertemplate=charts.EUR_HOVER),
        go.Scatter(x=days, y=[p.p10 for p in forecast], name="Fourchette de la prévision",
                   mode="lines", line={"width": 0}, fill="tonexty", fillcolor=BAND,
                   hovertemplate=charts.EUR_HOVER),
        go.Scatter(x=days, y=[p.expected for p in forecast], name="Prévision (le plus probable)",
                   mode="lines+markers", line={"color": "#2563eb", "width": 3, "dash": "dash"},
                   hovertemplate=charts.EUR_HOVER),
    ]
    if projection.trend is not None:
        traces.append(go.Scatter(
            x=[day for day, _ in projection.trend.cumulative],
            y=[value for _, value in projection.trend.cumulative],
            name="Tendance linéaire (12 derniers mois)", mode="lines",
            line={"color": "#f59e0b", "width": 2, "dash": "dot"},
            hovertemplate=charts.EUR_HOVER))
    if year_target is not None:
        ends = [actual_x[0], days[-1]] if actual_x else [days[0], days[-1]]
        traces.append(go.Scatter(x=ends, y=[year_target, year_target],
                                 name="Objectif annuel", mode="lines",
                                 line={"color": "#16a34a", "width": 2},
                                 hovertemplate=charts.EUR_HOVER))
    figure = go.Figure(traces)
    # No figure title: the section's subheader names it, and on a phone the legend's rows
    # would cover it.
    figure.update_layout(yaxis_ticksuffix="\u00a0€", hovermode="x unified")
    return figure


def projection_sentence(projection: YearEndProjection) -> str:
    end = projection.year_end
    text = (f"Au 31 décembre, la **prévision** donne {format_eur(end.expected)} signés "
            f"(entre {format_eur(end.p10)} et {format_eur(end.p90)}) : le signé à ce jour, "
            "plus les affaires en cours et à venir pondérées par leurs chances.")
    if projection.trend is None:
        return text + (" La **tendance linéaire** demande au moins 3 mois complets "
                       "d'historique.")
    return text + (f" La **tendance linéaire** des {len(projection.trend.months)} derniers "
                   f"mois complets prolongée jusqu'en décembre donne "
                   f"{format_eur(projection.trend.year_end)} : elle ne regarde que le rythme "
                   "passé, pas le pipeline.")


def projection_section(projection: YearEndProjection, year_target: float | None) -> None:
    st.subheader("Projection de fin d'année")
    charts.show(projection_figure(projection, year_target), key="objectives_projection",
                height=420)
    st.caption(projection_sentence(projection))
