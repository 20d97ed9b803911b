"""French figures on charts: compact euros, round ticks, typographic minus (issue 12)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components.charts import french_axes
from utils.formatting import (
    eur_tick_labels,
    format_eur_compact,
    nice_ticks,
    percent_tick_labels,
)

NN = "\u202f"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (8_012_301_255, f"8,01{NN}Md€"),
        (2_800_000, f"2,8{NN}M€"),
        (600_000, f"600{NN}k€"),
        (26_139.69646102941, f"26,1{NN}k€"),
        (999_999, f"1{NN}M€"),
        (950, f"950{NN}€"),
        (-20_000, f"\u221220{NN}k€"),
    ],
)
def test_compact_euros(value: float, expected: str) -> None:
    assert format_eur_compact(value) == expected


def test_ticks_are_round_where_plotly_picked_122k_244k() -> None:
    assert nice_ticks(0, 489_000) == [0, 200_000, 400_000, 600_000]


def test_euro_tick_labels_share_one_unit_and_use_the_minus_sign() -> None:
    assert eur_tick_labels([-500_000, 0, 500_000, 1_000_000]) == [
        f"\u22120,5{NN}M€", "0", f"0,5{NN}M€", f"1{NN}M€"]


def test_percent_tick_labels_have_a_space_before_the_sign() -> None:
    assert percent_tick_labels([0, 0.25]) == ["0\u00a0%", "25\u00a0%"]


def test_euro_axis_of_a_figure_gets_french_ticks() -> None:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[122_000, 2_450_000_000]))
    figure.update_layout(yaxis_ticksuffix="\u00a0€")
    axis = french_axes(figure).layout.yaxis
    assert list(axis.ticktext) == ["0", f"1{NN}Md€", f"2{NN}Md€", f"3{NN}Md€"]
    assert axis.ticksuffix == ""
