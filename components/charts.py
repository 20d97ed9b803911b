"""Plotly conventions for every chart: French number separators, euros, quiet layout, and
data shown as text."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.french_ui import PLOTLY_CONFIG
from utils.escaping import plotly_text
from utils.formatting import eur_tick_labels, nice_ticks, percent_tick_labels

# Plotly `separators`: decimal mark then thousands separator (here a no-break space).
FRENCH_SEPARATORS = ",\u00a0"
EUR_HOVER = "%{y:,.0f}\u00a0€"
PALETTE = ("#2563eb", "#93c5fd", "#16a34a", "#dc2626", "#f59e0b", "#7c3aed", "#0891b2")
# Trace attributes that may carry file content (category labels, text, hover text, names).
DATA_TEXT_ATTRIBUTES = ("x", "y", "text", "hovertext", "labels", "name")


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return plotly_text(value)
    if value is None or np.isscalar(value):
        return value
    values = list(value)  # a tuple, list or numpy array of category labels
    if not any(isinstance(v, str) for v in values):
        return value
    return [plotly_text(v) if isinstance(v, str) else v for v in values]


def escape_data_text(figure: go.Figure) -> go.Figure:
    """Escape every string of every trace, in place: Plotly reads `<a href>`, `<b>`, `<br>`
    in labels and hover text as markup, and a source or sector name from the file must be
    shown as typed (utils.escaping). Pages pass raw values; this is the only escaping."""
    for trace in figure.data:
        for attribute in DATA_TEXT_ATTRIBUTES:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = _escaped(trace[attribute])
    return figure


EUR_SUFFIX = "\u00a0€"
_AXIS_NAME = re.compile(r"^([xy])axis(\d*)$")


def _axis_values(figure: go.Figure, letter: str, number: str) -> np.ndarray:
    """Every numeric value the traces plot on axis `letter`+`number` ("y", "y2"…)."""
    reference = letter + number
    values = []
    for trace in figure.data:
        if (getattr(trace, f"{letter}axis", None) or letter) != reference:
            continue
        data = trace[letter] if letter in trace else None  # noqa: SIM401 (plotly trace)
        if data is not None:
            array = np.asarray(data, dtype=object)
            numeric = [float(v) for v in array.ravel()
                       if isinstance(v, int | float | np.number) and np.isfinite(v)]
            values.extend(numeric)
    return np.asarray(values, dtype=float)


def french_axes(figure: go.Figure) -> go.Figure:
    """Euro axes (tick suffix " €") and percent axes (tick format ".0%") get round ticks
    and French labels: "600 k€", "1,5 M€", "8 Md€", "25 %", U+2212 minus (issue 12)."""
    layout = figure.layout.to_plotly_json()
    for name, axis in layout.items():
        match = _AXIS_NAME.match(name)
        if not match or not isinstance(axis, dict):
            continue
        is_eur = axis.get("ticksuffix") == EUR_SUFFIX
        is_percent = axis.get("tickformat") == ".0%"
        if not (is_eur or is_percent):
            continue
        values = _axis_values(figure, *match.groups())
        if values.size == 0:
            continue
        ticks = nice_ticks(float(values.min()), float(values.max()))
        labels = eur_tick_labels(ticks) if is_eur else percent_tick_labels(ticks)
        figure.update_layout({name: {"tickmode": "array", "tickvals": ticks,
                                     "ticktext": labels, "ticksuffix": "",
                                     "tickformat": "", "range": [ticks[0], ticks[-1]]}})
    return figure


def show(figure: go.Figure, *, key: str, height: int = 360) -> None:
    """Draw `figure` with the house layout, its data strings escaped."""
    escape_data_text(figure)
    french_axes(figure)
    figure.update_layout(
        separators=FRENCH_SEPARATORS,
        height=height,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        title={"y": 0.98, "yanchor": "top", "x": 0, "xanchor": "left", "font": {"size": 16}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        colorway=list(PALETTE),
        hoverlabel={"namelength": -1},
    )
    st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG)
