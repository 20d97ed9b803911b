"""French display formatting (Babel, locale fr_FR) for every figure the dashboard shows.

One convention everywhere: digit groups use the narrow no-break space (U+202F, Babel's
French grouping) and a unit (€, %, jours) follows a no-break space (U+00A0), so a figure
never wraps in the middle. Missing values (None, NaN, NaT) show as an em dash.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
MISSING = "—"
NBSP = "\u00a0"  # between a number and its unit
NNBSP = "\u202f"  # digit-group separator (Babel fr_FR)


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _decimal(value: float, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def format_number(value: Any, decimals: int = 0) -> str:
    """`1234567` -> "1 234 567" (narrow no-break spaces), `2.5, 1` -> "2,5"."""
    if is_missing(value):
        return MISSING
    return _decimal(float(value), decimals)


def format_eur(value: Any, decimals: int | None = None) -> str:
    """`1234567` -> "1 234 567 €"; cents are shown only for amounts under 1 000 € that have them."""
    if is_missing(value):
        return MISSING
    amount = float(value)
    if decimals is None:
        decimals = 0 if abs(amount) >= 1000 or amount == round(amount) else 2
    return f"{_decimal(amount, decimals)}{NBSP}€"


def format_percent(value: Any, decimals: int = 1) -> str:
    """A fraction 0..1 as a French percentage: `0.125` -> "12,5 %", `0.5` -> "50 %"."""
    if is_missing(value):
        return MISSING
    percent = float(value) * 100
    if decimals and math.isclose(round(percent, decimals), round(percent), abs_tol=1e-9):
        decimals = 0
    return f"{_decimal(percent, decimals)}{NBSP}%"


def format_date(value: Any) -> str:
    """`date(2026, 11, 26)` -> "26 nov. 2026" (also accepts datetimes and Timestamps)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, dt.datetime):  # also pd.Timestamp
        value = value.date()
    return _babel_format_date(value, format="d MMM y", locale=LOCALE)


def format_days(value: Any) -> str:
    """A duration in days: `1` -> "1 jour", `12.4` -> "12 jours", `4.5` -> "4,5 jours"."""
    if is_missing(value):
        return MISSING
    days = float(value)
    decimals = 1 if abs(days) < 10 and not math.isclose(days, round(days)) else 0
    shown = round(days, decimals)
    unit = "jour" if abs(shown) < 2 else "jours"
    return f"{_decimal(shown, decimals)}{NBSP}{unit}"


def format_count(value: Any, singular: str, plural: str | None = None) -> str:
    """`3, "affaire"` -> "3 affaires" (French: 0 and 1 take the singular)."""
    if is_missing(value):
        return MISSING
    count = int(value)
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{_decimal(count, 0)}{NBSP}{word}"


def format_delta_percent(value: Any) -> str | None:
    """Signed relative change for `st.metric(delta=...)`; None hides the delta."""
    if is_missing(value) or not math.isfinite(float(value)):
        return None
    sign = "+" if float(value) > 0 else ""
    return f"{sign}{format_percent(value)}"


def format_import_label(summary) -> str:
    """`n° 3 · 26 nov. 2026 · export.csv`: how a snapshot is named in the app and reports
    (the date is the export date, docs/history.md; the import time for older summaries)."""
    when = getattr(summary, "exported_on", None) or summary.imported_at
    return f"n° {summary.import_id} · {format_date(when)} · {summary.file_name}"
