"""The weekly review's two charts drawn with fpdf2 primitives (rectangles, polygons, lines):
no headless browser or image engine to install (issue 12, item 3). Axis labels use the
compact French units of utils.formatting ("600 k€", "1,5 M€")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from fpdf import FPDF

from utils.formatting import eur_tick_labels, nice_ticks

GROSS: Final = (37, 99, 235)  # the dashboard's palette (components.charts)
WEIGHTED: Final = (147, 197, 253)
BAND: Final = (219, 234, 254)
GRID: Final = (226, 232, 240)
INK: Final = (71, 85, 105)
_AXIS_WIDTH: Final = 16.0  # room for the tick labels, mm


def _frame(pdf: FPDF, text, values: Sequence[float], x: float, y: float, w: float,
           h: float) -> tuple[float, float]:
    """Horizontal grid lines with euro labels; returns (top tick, plot left)."""
    ticks = nice_ticks(0.0, max(values, default=0.0))
    labels = eur_tick_labels(ticks)
    top = ticks[-1] or 1.0
    pdf.set_font(pdf.font_family, "", 6.5)
    pdf.set_draw_color(*GRID)
    pdf.set_text_color(*INK)
    left = x + _AXIS_WIDTH
    for tick, label in zip(ticks, labels, strict=True):
        line_y = y + h - h * tick / top
        pdf.line(left, line_y, x + w, line_y)
        shown = text(label)
        pdf.text(left - 1.5 - pdf.get_string_width(shown), line_y + 1.0, shown)
    return top, left


def _legend(pdf: FPDF, text, items: Sequence[tuple[str, tuple[int, int, int]]], x: float,
            y: float) -> None:
    pdf.set_font(pdf.font_family, "", 7)
    for label, color in items:
        pdf.set_fill_color(*color)
        pdf.rect(x, y - 2.4, 3, 3, style="F")
        shown = text(label)
        pdf.text(x + 4, y, shown)
        x += 8 + pdf.get_string_width(shown)


def stage_bars(pdf: FPDF, text, stages: Sequence[tuple[str, float, float]], *, x: float,
               y: float, w: float, h: float) -> None:
    """Gross and weighted value per stage, side by side; `text` makes a string printable."""
    values = [v for _, gross, weighted in stages for v in (gross, weighted)]
    _legend(pdf, text, (("Brut", GROSS), ("Pondéré", WEIGHTED)), x + _AXIS_WIDTH, y + 2)
    y, h = y + 5, h - 11
    top, left = _frame(pdf, text, values, x, y, w, h)
    slot = (x + w - left) / max(len(stages), 1)
    bar = slot * 0.32
    for index, (label, gross, weighted) in enumerate(stages):
        start = left + index * slot + slot * 0.18
        for offset, value, color in ((0, gross, GROSS), (bar, weighted, WEIGHTED)):
            height = h * max(value, 0.0) / top
            pdf.set_fill_color(*color)
            pdf.rect(start + offset, y + h - height, bar, height, style="F")
        pdf.set_font(pdf.font_family, "", 6.5)
        shown = text(label)
        while len(shown) > 4 and pdf.get_string_width(shown) > slot - 1:  # "Négoc."
            shown = shown[:-2] + "."
        pdf.text(left + index * slot + (slot - pdf.get_string_width(shown)) / 2, y + h + 4,
                 shown)
    pdf.set_text_color(0, 0, 0)


def forecast_band(pdf: FPDF, text, points: Sequence[tuple[str, float, float, float]], *,
                  x: float, y: float, w: float, h: float) -> None:
    """Cumulative expected revenue from today with its P10–P90 band: `points` are
    (label, p10, expected, p90), the first one "Aujourd'hui" at zero."""
    values = [v for _, p10, expected, p90 in points for v in (p10, expected, p90)]
    _legend(pdf, text, (("Le plus probable", GROSS), ("Fourchette P10 – P90", BAND)),
            x + _AXIS_WIDTH, y + 2)
    y, h = y + 5, h - 11
    top, left = _frame(pdf, text, values, x, y, w, h)
    step = (x + w - left - 6) / max(len(points) - 1, 1)
    xs = [left + 3 + i * step for i in range(len(points))]

    def at(value: float) -> float:
        return y + h - h * max(value, 0.0) / top

    band = [(px, at(p[3])) for px, p in zip(xs, points, strict=True)]
    band += [(px, at(p[1])) for px, p in reversed(list(zip(xs, points, strict=True)))]
    pdf.set_fill_color(*BAND)
    pdf.polygon(band, style="F")
    pdf.set_draw_color(*GROSS)
    pdf.set_line_width(0.6)
    line = [(px, at(p[2])) for px, p in zip(xs, points, strict=True)]
    pdf.polyline(line)
    pdf.set_fill_color(*GROSS)
    for px, py in line:
        pdf.circle(px, py, 0.9, style="F")
    pdf.set_line_width(0.2)
    pdf.set_font(pdf.font_family, "", 7)
    for px, (label, *_rest) in zip(xs, points, strict=True):
        shown = text(label)
        pdf.text(px - pdf.get_string_width(shown) / 2, y + h + 4, shown)
    pdf.set_text_color(0, 0, 0)
