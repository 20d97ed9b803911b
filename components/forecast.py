"""Prévisions: what is likely to be signed in 30 / 60 / 90 days, and how fast deals move."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from business_logic import metrics
from business_logic.forecast import calibrated_forecast
from components import charts, tables, ui
from components import forecast_reliability as reliability
from utils.formatting import format_count, format_days, format_eur
from utils.labels import DIMENSION_LABELS

SCENARIOS = (
    ("p10", "Pessimiste (P10)", "9 chances sur 10 de faire au moins autant."),
    ("expected", "Le plus probable", "Somme des trois origines ci-dessous."),
    ("p90", "Optimiste (P90)", "1 chance sur 10 seulement de faire mieux."),
)


def _band_chart(windows) -> None:
    """Cumulative expected revenue from today, with the P10–P90 band around it."""
    days = ["Aujourd'hui", *(f"{d} jours" for d in windows)]
    values = list(windows.values())
    figure = go.Figure(
        [
            go.Scatter(x=days, y=[0.0, *(w.p90 for w in values)], name="Optimiste (P90)",
                       mode="lines", line={"width": 0}, showlegend=False,
                       hovertemplate=charts.EUR_HOVER),
            go.Scatter(x=days, y=[0.0, *(w.p10 for w in values)], name="Fourchette P10 – P90",
                       mode="lines", line={"width": 0}, fill="tonexty",
                       fillcolor="rgba(37, 99, 235, 0.18)", hovertemplate=charts.EUR_HOVER),
            go.Scatter(x=days, y=[0.0, *(w.expected for w in values)], name="Le plus probable",
                       mode="lines+markers", line={"color": "#2563eb", "width": 3},
                       hovertemplate=charts.EUR_HOVER),
        ]
    )
    figure.update_layout(title="Chiffre signé attendu (cumulé) et sa fourchette",
                         yaxis_ticksuffix="\u00a0€", hovermode="x unified")
    charts.show(figure, key="forecast_band")


def _velocity_section(deals) -> None:
    st.subheader("Vélocité")
    deal_velocity = metrics.deal_velocity(deals)
    sales_velocity = metrics.sales_velocity(deals)
    row = st.columns(3)
    row[0].metric("Délai moyen de signature", format_days(deal_velocity.mean_days),
                  border=True, help="De la création à la signature, affaires gagnées.")
    row[1].metric("Délai médian de signature", format_days(deal_velocity.median_days),
                  border=True)
    per_day = sales_velocity.value
    row[2].metric("Vélocité commerciale",
                  f"{format_eur(per_day)} / jour" if per_day is not None else "—",
                  border=True,
                  help="Affaires en cours × taux de réussite × panier moyen gagné "
                  "÷ délai moyen de signature.")
    dimension = st.segmented_control(
        "Délai de signature par", list(DIMENSION_LABELS), format_func=DIMENSION_LABELS.get,
        default="source", key="forecast_velocity_dimension",
    ) or "source"
    rows = pd.DataFrame(
        [row.to_dict() for row in deal_velocity.by_dimension.get(dimension, ())],
        columns=["value", "won_deals", "mean_days", "median_days"],
    )
    st.dataframe(
        tables.styled_summary(rows, first_label=DIMENSION_LABELS[dimension]),
        key="forecast_velocity_table", hide_index=True, placeholder="—",
    )


def render() -> None:
    st.title("Prévisions")
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of
    windows = calibrated_forecast(deals, as_of)
    st.caption(reliability.method_sentence(windows))

    for days, window in windows.items():
        st.markdown(f"**D'ici {days} jours** · {format_count(window.deals, 'affaire')} "
                    "en cours comptées")
        row = st.columns(3)
        for column, (field, label, help_text) in zip(row, SCENARIOS, strict=True):
            column.metric(label, format_eur(getattr(window, field)), help=help_text,
                          border=True)
    first_days = next(iter(windows), None)
    if first_days is not None:
        st.info(ui.nine_in_ten_sentence(first_days, windows[first_days].p10),
                icon=":material/lightbulb:")
    _band_chart(windows)
    if windows.method == "calibrated":
        reliability.layers_chart(windows)
        first = windows[first_days]
        reliability.reliability_section(
            reliability.reliability_backtest(context, first_days), first.band_checked)
    else:
        st.caption("Les affaires dont la date de clôture est dépassée ne sont pas comptées : "
                   "elles apparaissent dans les actions prioritaires.")
    _velocity_section(deals)


if __name__ == "__main__":
    ui.run_page(render)
