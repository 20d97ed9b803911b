"""Plotly conventions for every chart: French number separators, euros, quiet layout."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

# Plotly `separators`: decimal mark then thousands separator (here a no-break space).
FRENCH_SEPARATORS = ",\u00a0"
EUR_HOVER = "%{y:,.0f}\u00a0€"
PALETTE = ("#2563eb", "#93c5fd", "#16a34a", "#dc2626", "#f59e0b", "#7c3aed", "#0891b2")


def show(figure: go.Figure, *, key: str, height: int = 360) -> None:
    """Draw `figure` with the house layout."""
    figure.update_layout(
        separators=FRENCH_SEPARATORS,
        height=height,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        title={"y": 0.98, "yanchor": "top", "x": 0, "xanchor": "left", "font": {"size": 16}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        colorway=list(PALETTE),
        hoverlabel={"namelength": -1},
    )
    st.plotly_chart(figure, key=key, config={"displaylogo": False})
