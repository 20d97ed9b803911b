"""Charts of the history views: the pipeline waterfall, the trend lines, the seasonality
heatmap (all drawn through components.charts.show)."""

from __future__ import annotations

import plotly.graph_objects as go

from business_logic.history import Waterfall
from components import charts
from utils.formatting import eur_tick_labels, format_eur, format_eur_compact, nice_ticks
from utils.history_text import signed_eur, waterfall_steps

MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
             "oct.", "nov.", "déc.")  # fmt: skip


def waterfall_chart(waterfall: Waterfall, *, title: str, start_label: str, end_label: str,
                    key: str) -> None:
    """Start bar, one bar per non-zero term (signs of docs/history.md), end bar.

    Bars carry short amounts ("1,57 M€", "+98,3 k€") that stay legible on a phone (Plotly
    shrinks a long label to its bar's width: unreadable at 390 px); the hover and the
    caption under the chart give them to the euro. The axis covers the running totals —
    not the steps, which are signed amounts and would add a negative tick to a pipeline."""
    steps = waterfall_steps(waterfall)
    labels = [start_label, *(label for label, _ in steps), end_label]
    values = [waterfall.start, *(value for _, value in steps), waterfall.end]
    exact = [format_eur(waterfall.start), *(signed_eur(v) for _, v in steps),
             format_eur(waterfall.end)]
    short = [format_eur_compact(waterfall.start),  # steps: two digits, so neighbours fit
             *(("+" if v >= 0 else "") + format_eur_compact(v, significant=2) for _, v in steps),
             format_eur_compact(waterfall.end)]
    figure = go.Figure(go.Waterfall(
        x=labels, y=values, measure=["absolute", *["relative"] * len(steps), "total"],
        text=short, textposition="outside", constraintext="none", cliponaxis=False,
        textfont={"size": 11}, hoverinfo="text",
        hovertext=[f"{label} : {text}" for label, text in zip(labels, exact, strict=True)],
        increasing={"marker": {"color": "#16a34a"}},
        decreasing={"marker": {"color": "#dc2626"}},
        totals={"marker": {"color": "#2563eb"}},
        connector={"line": {"color": "#9ca3af"}},
    ))
    running = [waterfall.start]
    for _, value in steps:
        running.append(running[-1] + value)
    ticks = nice_ticks(min(running + [waterfall.end]), max(running + [waterfall.end]) * 1.12)
    figure.update_layout(title=title, showlegend=False, yaxis={
        "tickmode": "array", "tickvals": ticks, "ticktext": eur_tick_labels(ticks),
        "range": [ticks[0], ticks[-1]]})
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
    """Won value per month of the year (rows, January on top) and year (columns): twelve
    rows keep every cell wide enough for its amount on a 390 px phone, where twelve
    columns left each cell 25 px."""
    years = sorted({int(m["month"][:4]) for m in months})
    grid = [[None] * len(years) for _ in MONTHS_FR]
    for m in months:
        grid[int(m["month"][5:7]) - 1][years.index(int(m["month"][:4]))] = m["won_value"]
    # Cells show short amounts, the hover the exact one.
    text = [[format_eur_compact(v) if v is not None else "" for v in row] for row in grid]
    hover = [[f"{MONTHS_FR[month]} {year} : {format_eur(v)}" if v is not None else ""
              for year, v in zip(years, row, strict=True)] for month, row in enumerate(grid)]
    figure = go.Figure(go.Heatmap(
        z=grid, x=[str(y) for y in years], y=list(MONTHS_FR), text=text,
        texttemplate="%{text}", textfont={"size": 12}, hovertext=hover, hoverinfo="text",
        colorscale="Blues", showscale=False, xgap=2, ygap=2,
    ))
    figure.update_layout(title="Chiffre signé par mois de clôture", xaxis_type="category",
                         xaxis_side="top", yaxis_autorange="reversed")
    charts.show(figure, key=key, height=140 + 30 * len(MONTHS_FR))
