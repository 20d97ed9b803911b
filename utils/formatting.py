"""French display formatting (Babel, locale fr_FR) for every figure the dashboard shows.

One convention everywhere: digit groups use the narrow no-break space (U+202F, Babel's
French grouping) and a unit (€, %, jours) follows a no-break space (U+00A0), so a figure
never wraps in the middle. Missing values (None, NaN, NaT) show as an em dash.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from babel import Locale
from babel.dates import get_month_names
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "fr_FR"
DISPLAY_ZONE = ZoneInfo("Europe/Paris")  # times are stored in UTC, shown in French time
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


# Babel parses the locale and the pattern on each `format_decimal` / `format_date` call
# (~50 µs): a 500-row table formats ~2,000 values per rerun. Parsed once here, same output.
_LOCALE = Locale.parse(LOCALE)
#: "d MMM y": the day, the abbreviated month of the format context ("nov."), the year.
_MONTHS = dict(get_month_names("abbreviated", context="format", locale=_LOCALE))


@functools.cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def _decimal(value: float, decimals: int) -> str:
    return _pattern(decimals).apply(value, _LOCALE, decimal_quantization=True)


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
    return f"{value.day} {_MONTHS[value.month]} {value.year}"


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


def format_datetime(value: Any) -> str:
    """An instant in Paris time: `2026-11-30 13:05 UTC` -> "30 nov. 2026 à 14:05" (a naive
    datetime is taken as UTC, as PostgreSQL's `timestamptz` hands them back)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(DISPLAY_ZONE)
    return f"{format_date(local.date())} à {local:%H:%M}"


def format_import_label(summary) -> str:
    """`n° 3 · 26 nov. 2026 · export.csv` (or the import's name when it has one): how a
    snapshot is named in the app and reports (the date is the export date,
    docs/history.md; the import time for older summaries)."""
    when = getattr(summary, "exported_on", None) or summary.imported_at
    return f"n° {summary.import_id} · {format_date(when)} · " \
           f"{getattr(summary, 'name', None) or summary.file_name}"


MINUS = "\u2212"  # typographic minus: "−20 %", not the hyphen "-20 %"
# Compact units: (threshold, divisor, unit). "Md" is the French milliard (10^9).
_COMPACT_UNITS = ((1e9, 1e9, "Md€"), (1e6, 1e6, "M€"), (1e3, 1e3, "k€"))


def _signed(text: str, negative: bool) -> str:
    return f"{MINUS}{text}" if negative else text


def format_eur_compact(value: Any, significant: int = 3) -> str:
    """A short euro amount for cards and axes: `8_012_301_255` -> "8,01 Md€",
    `2_800_000` -> "2,8 M€", `600_000` -> "600 k€", `950` -> "950 €" (thin no-break space
    before the unit, U+2212 for negatives, trailing zeros dropped)."""
    if is_missing(value):
        return MISSING
    amount = float(value)
    magnitude = abs(amount)
    for threshold, divisor, unit in _COMPACT_UNITS:
        if round(magnitude, -int(math.floor(math.log10(magnitude))) + significant - 1
                 if magnitude else 0) >= threshold:
            scaled = magnitude / divisor
            decimals = max(0, significant - 1 - int(math.floor(math.log10(scaled))))
            text = _decimal(round(scaled, decimals), decimals)
            if decimals:
                text = text.rstrip("0").rstrip(",")
            return _signed(f"{text}{NNBSP}{unit}", amount < 0)
    return _signed(f"{_decimal(round(magnitude), 0)}{NNBSP}€", amount < 0 and magnitude >= 0.5)


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round axis ticks covering [low, high] (steps 1, 2, 2,5 or 5 × 10ⁿ): 0, 100 k, 200 k…
    instead of Plotly's 122k / 244k / 367k for some ranges."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1.0
    raw = (high - low) / max(target - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks, tick = [], first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def eur_tick_labels(ticks: list[float]) -> list[str]:
    """Labels for euro ticks in one unit, with just enough decimals to tell them apart:
    [0, 500_000, 1_000_000] -> ["0", "0,5 M€", "1 M€"]."""
    top = max((abs(t) for t in ticks), default=0.0)
    divisor, unit = next(((d, u) for threshold, d, u in _COMPACT_UNITS if top >= threshold),
                         (1.0, "€"))
    step = min((abs(b - a) for a, b in zip(ticks, ticks[1:], strict=False) if b != a),
               default=divisor) / divisor
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if decimals and not math.isclose(round(step, decimals), step):
        decimals += 1
    labels = []
    for tick in ticks:
        if tick == 0:
            labels.append("0")
            continue
        text = _decimal(abs(tick) / divisor, decimals)
        if decimals:
            text = text.rstrip("0").rstrip(",")
        labels.append(_signed(f"{text}{NNBSP}{unit}", tick < 0))
    return labels


def percent_tick_labels(ticks: list[float]) -> list[str]:
    """`[0, 0.25, 0.5]` -> ["0 %", "25 %", "50 %"] (French spacing, U+2212 minus)."""
    return [_signed(format_percent(abs(t)), t < 0) for t in ticks]


CARD_COMPACT_FROM = 10_000_000  # "12 345 678 €" no longer fits a quarter-width card


def format_eur_card(value: Any) -> tuple[str, str | None]:
    """An amount for a headline card: exact below 10 M€, compact above ("8,01 Md€") with
    the exact figure returned second, for the card's tooltip (issue 12, item 4)."""
    if is_missing(value) or abs(float(value)) < CARD_COMPACT_FROM:
        return format_eur(value), None
    return format_eur_compact(value), format_eur(value)


SMALL_BASE = 10  # under this, a percentage misleads ("+575 %" for 4 → 27)


def format_change(current: Any, previous: Any, *, relative: Any = None,
                  amount: bool = False) -> str | None:
    """The delta of a card: a signed percentage, or the absolute change when the previous
    value is under SMALL_BASE (or zero) — "+23" rather than "+575 %" (issue 12, item 5).
    `amount` formats the absolute change in euros. None (no delta) when a value is missing."""
    if is_missing(current) or is_missing(previous):
        return None
    change = float(current) - float(previous)
    if abs(float(previous)) < SMALL_BASE or is_missing(relative):
        shown = format_eur(abs(change)) if amount else _decimal(abs(change), 0)
        return f"{'+' if change > 0 else '-' if change < 0 else ''}{shown}"
    return format_delta_percent(relative)


def delta_options(current: Any, previous: Any) -> dict[str, str]:
    """`st.metric` options: grey and without arrow when nothing changed (no green arrow
    for "0 %"), Streamlit's defaults otherwise."""
    if is_missing(current) or is_missing(previous) or float(current) == float(previous):
        return {"delta_color": "off", "delta_arrow": "off"}
    return {}
