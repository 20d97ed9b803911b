"""Marketing: which sources bring deals, which bring revenue, and how fast leads arrive."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from business_logic import metrics
from components import charts, tables, ui
from utils.formatting import delta_options, format_change, format_number


def _volume_chart(sources) -> None:
    figure = go.Figure(
        [
            # Two y axes: distinct offset groups keep the bars side by side, not stacked.
            go.Bar(name="Affaires", x=sources["value"], y=sources["deals"],
                   offsetgroup="deals", hovertemplate="%{y} affaires"),
            go.Bar(name="Chiffre signé", x=sources["value"], y=sources["won_value"],
                   yaxis="y2", offsetgroup="won_value", hovertemplate=charts.EUR_HOVER),
        ]
    )
    figure.update_layout(
        barmode="group",
        title="Affaires et chiffre signé par source",
        yaxis={"title": "Affaires", "rangemode": "nonnegative"},
        yaxis2={"title": "Chiffre signé", "overlaying": "y", "side": "right",
                "ticksuffix": "\u00a0€", "showgrid": False, "rangemode": "nonnegative"},
    )
    charts.show(figure, key="marketing_volume")


def _rates_chart(sources) -> None:
    figure = go.Figure(
        [
            go.Bar(name="Taux de conversion", x=sources["value"], y=sources["conversion_rate"],
                   hovertemplate="%{y:.1%}"),
            go.Bar(name="Taux de réussite", x=sources["value"], y=sources["win_rate"],
                   hovertemplate="%{y:.1%}"),
        ]
    )
    figure.update_layout(barmode="group", title="Conversion et réussite par source",
                         yaxis_tickformat=".0%", yaxis_rangemode="nonnegative")
    charts.show(figure, key="marketing_rates")


def _quality_table(sources) -> None:
    view = sources[
        ["value", "deals", "won", "conversion_rate", "win_rate", "won_value",
         "average_won_deal_size", "median_days_to_win"]
    ]
    st.dataframe(
        tables.styled_summary(view, first_label="Source"), key="marketing_quality",
        hide_index=True, placeholder="—",
    )


def _velocity_chart(velocity) -> None:
    # One bar per ISO week, labelled by its Monday (a date axis would tick on Sundays).
    figure = go.Figure(go.Bar(
        x=[f"{w.week_start:%d/%m}" for w in velocity.weeks],
        y=[w.created for w in velocity.weeks],
        customdata=[[f"{w.week_start:%d/%m/%Y}", w.week[-2:]] for w in velocity.weeks],
        hovertemplate="Semaine %{customdata[1]} (lundi %{customdata[0]}) : %{y} affaires"
                      "<extra></extra>",
    ))
    figure.update_layout(title="Nouvelles affaires par semaine (12 dernières semaines)",
                         xaxis={"type": "category", "title": "Semaine du lundi"})
    charts.show(figure, key="marketing_velocity")


def render() -> None:
    st.title("Marketing")
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of

    sources = metrics.by_dimension(deals, "source").to_frame()
    if sources.empty:
        st.info("Aucune affaire ne correspond aux filtres.")
        return
    if not ui.column_missing(context, "source", "L'analyse par source"):
        left, right = st.columns(2)
        with left:
            _volume_chart(sources)
        with right:
            _rates_chart(sources)

        st.subheader("Qualité des leads par source")
        st.caption("Au-delà du volume : panier moyen des affaires gagnées et délai médian "
                   "entre la création et la signature.")
        _quality_table(sources)

    st.subheader("Vélocité des leads")
    velocity = metrics.lead_velocity(deals, as_of)
    left, right = st.columns([1, 3])
    left.metric("Affaires créées (12 semaines)", format_number(velocity.current_total),
                delta=format_change(velocity.current_total, velocity.previous_total,
                                    relative=velocity.change_relative),
                delta_description="vs les 12 semaines précédentes", border=True,
                **delta_options(velocity.current_total, velocity.previous_total))
    with right:
        _velocity_chart(velocity)


if __name__ == "__main__":
    ui.run_page(render)
