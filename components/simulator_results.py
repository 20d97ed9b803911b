"""The Simulateur's results: baseline and scenario side by side (cards with deltas) and a
grouped bar chart of the forecast 30 / 60 / 90 days (docs/objectifs.md, « Simulateur »).
Render only."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from business_logic.planning.comparison import Comparison, Estimate
from business_logic.planning.wording import chances_in_ten, month_name
from components import charts
from utils.formatting import (
    delta_options,
    format_date,
    format_eur,
    format_percent,
    is_missing,
)

BASELINE, SCENARIO = "Actuel", "Scénario"


def euro_delta(current: float, previous: float) -> str | None:
    """"+1 234 € (+10 %)", "-500 €" when the baseline is 0; None when unchanged."""
    change = current - previous
    if round(change, 2) == 0:
        return None
    sign = "+" if change > 0 else "-"
    text = f"{sign}{format_eur(abs(change))}"
    if previous:
        text += f" ({sign}{format_percent(abs(change) / abs(previous), 1)})"
    return text


def band_help(estimate: Estimate) -> str:
    return (f"Fourchette P10 – P90 : {format_eur(estimate.p10)} – {format_eur(estimate.p90)} "
            "(9 chances sur 10 de faire au moins le P10, 1 sur 10 de dépasser le P90).")


def _pair(label: str, baseline: Estimate, scenario: Estimate, key: str) -> None:
    left, right = st.columns(2)
    left.metric(f"{label} · {BASELINE.lower()}", format_eur(baseline.expected),
                help=band_help(baseline), border=True, height="stretch")
    delta = euro_delta(scenario.expected, baseline.expected)
    right.metric(f"{label} · {SCENARIO.lower()}", format_eur(scenario.expected),
                 delta=delta, help=band_help(scenario), border=True, height="stretch",
                 **delta_options(scenario.expected, baseline.expected))


def _reach_pair(result: Comparison, as_of: dt.date) -> None:
    month = month_name(as_of.month, as_of.year)
    if result.target is None or is_missing(result.baseline.reach):
        st.info(f"Aucun objectif pour {month} : fixez-en un sur la page **Objectifs** pour "
                "voir vos chances de l'atteindre, avec et sans le scénario.",
                icon=":material/flag:")
        return
    base, scenario = result.baseline.reach, result.scenario.reach
    points = round((scenario - base) * 100)
    st.markdown(f"**Objectif de {month} : {format_eur(result.target)}** · signé ce mois-ci "
                f"au {format_date(as_of)} : {format_eur(result.baseline.won_this_month)}")
    left, right = st.columns(2)
    label = "Chances d'y arriver"
    left.metric(f"{label} · {BASELINE.lower()}", chances_in_ten(base), border=True,
                help=f"Probabilité : {format_percent(base, 0)}.", height="stretch")
    right.metric(f"{label} · {SCENARIO.lower()}", chances_in_ten(scenario), border=True,
                 help=f"Probabilité : {format_percent(scenario, 0)}.", height="stretch",
                 delta=f"{points:+d} pts" if points else None,
                 **delta_options(points, 0))


def comparison_cards(result: Comparison, as_of: dt.date) -> None:
    for days, baseline in result.baseline.forecast.items():
        _pair(f"D'ici {days} jours", baseline, result.scenario.forecast[days],
              key=f"sim_pair_{days}")
    _pair(f"Fin {as_of.year}", result.baseline.year_end, result.scenario.year_end,
          key="sim_pair_year")
    st.caption(f"Fin {as_of.year} : signé depuis le 1er janvier + prévision jusqu'au "
               "31 décembre.")
    _reach_pair(result, as_of)


def comparison_chart(result: Comparison) -> None:
    """Expected value of each window, baseline and scenario side by side, P10–P90 as bars."""
    windows = list(result.baseline.forecast)
    x = [f"{days} jours" for days in windows]
    traces = []
    for name, outlook, color in ((BASELINE, result.baseline, charts.PALETTE[1]),
                                 (SCENARIO, result.scenario, charts.PALETTE[0])):
        values = [outlook.forecast[d] for d in windows]
        traces.append(go.Bar(
            x=x, y=[v.expected for v in values], name=name, marker_color=color,
            error_y={"type": "data", "symmetric": False,
                     "array": [v.p90 - v.expected for v in values],
                     "arrayminus": [v.expected - v.p10 for v in values]},
            hovertemplate=charts.EUR_HOVER))
    figure = go.Figure(traces)
    figure.update_layout(barmode="group", title="Prévision : actuel et scénario "
                         "(traits : fourchette P10 – P90)", yaxis_ticksuffix=charts.EUR_SUFFIX)
    charts.show(figure, key="sim_chart")
