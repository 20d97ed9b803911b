"""Charts of the history views: the pipeline waterfall, the trend lines, the seasonality
heatmap (all drawn through components.charts.show)."""

from __future__ import annotations

import plotly.graph_objects as go

from business_logic.history import Waterfall
from components import charts
from utils.formatting import format_eur
from utils.history_text import signed_eur, waterfall_steps

MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
             "oct.", "nov.", "déc.")  # fmt: skip


def waterfall_chart(waterfall: Waterfall, *, title: str, start_label: str, end_label: str,
                    key: str) -> None:
    """Start bar, one bar per non-zero term (signs of docs/history.md), end bar."""
    steps = waterfall_steps(waterfall)
    labels = [start_label, *(label for label, _ in steps), end_label]
    values = [waterfall.start, *(value for _, value in steps), waterfall.end]
    text = [format_eur(waterfall.start), *(signed_eur(v) for _, v in steps),
            format_eur(waterfall.end)]
    figure = go.Figure(go.Waterfall(
        x=labels, y=values, measure=["absolute", *["relative"] * len(steps), "total"],
        text=text, textposition="outside", hoverinfo="text", hovertext=text,
        increasing={"marker": {"color": "#16a34a"}},
        decreasing={"marker": {"color": "#dc2626"}},
        totals={"marker": {"color": "#2563eb"}},
        connector={"line": {"color": "#9ca3af"}},
    ))
    running = [waterfall.start]
    for _, value in steps:
        running.append(running[-1] + value)
    low, high = min(running + [waterfall.end]), max(running + [waterfall.end])
    pad = max((high - low) * 0.35, abs(high) * 0.02, 1.0)
    figure.update_layout(title=title, yaxis_ticksuffix="\u00a0€", showlegend=False,
                         yaxis_range=[max(0.0, low - pad) if low >= 0 else low - pad,
                                      high + pad])
    charts.show(figure, key=key, height=380)


def trend_chart(points: list[dict], *, key: str) -> None:
    """Gross and weighted pipeline and won value to date, one point per snapshot."""
    dates = [p["exported_on"] for p in points]
    figure = go.Figure([
        go.Scatter(x=dates, y=[p["pipeline_gross"] for p in points], name="Pipeline brut",
                   mode="lines+markers", hovertemplate=charts.EUR_HOVER),
        go.Scatter(x=dates, y=[p["pipeline_weighted"] for p in points],
                   name="Pipeline pondéré", mode="lines+markers",
                   hovertemplate=charts.EUR_HOVER),
        go.Scatter(x=dates, y=[p["won_value"] for p in points], name="Chiffre signé à date",
                   mode="lines+markers", hovertemplate=charts.EUR_HOVER),
    ])
    figure.update_layout(title="Pipeline et chiffre signé, semaine par semaine",
                         yaxis_ticksuffix="\u00a0€", xaxis_tickformat="%d/%m/%Y")
    charts.show(figure, key=key)


def open_deals_chart(points: list[dict], *, key: str) -> None:
    dates = [p["exported_on"] for p in points]
    figure = go.Figure(go.Scatter(x=dates, y=[p["open_deals"] for p in points],
                                  name="Affaires en cours", mode="lines+markers",
                                  hovertemplate="%{y} affaires"))
    figure.update_layout(title="Affaires en cours, semaine par semaine",
                         xaxis_tickformat="%d/%m/%Y")
    charts.show(figure, key=key)


def seasonality_chart(months: list[dict], *, key: str) -> None:
    """Won value per month (columns) and year (rows)."""
    years = sorted({int(m["month"][:4]) for m in months})
    grid = [[None] * 12 for _ in years]
    for m in months:
        grid[years.index(int(m["month"][:4]))][int(m["month"][5:7]) - 1] = m["won_value"]
    text = [[format_eur(v) if v is not None else "" for v in row] for row in grid]
    figure = go.Figure(go.Heatmap(
        z=grid, x=list(MONTHS_FR), y=[str(y) for y in years], text=text,
        texttemplate="%{text}", hoverinfo="text", colorscale="Blues", showscale=False,
    ))
    figure.update_layout(title="Chiffre signé par mois de clôture", yaxis_type="category",
                         yaxis_autorange="reversed")
    charts.show(figure, key=key, height=120 + 60 * len(years))
