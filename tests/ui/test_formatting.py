"""French display formatting (utils.formatting): one convention, checked character by character.

Digit groups use U+202F (narrow no-break space, Babel fr_FR); a unit follows U+00A0.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from utils.formatting import (
    format_count,
    format_date,
    format_days,
    format_delta_percent,
    format_eur,
    format_number,
    format_percent,
)

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, f"1{NNBSP}234{NNBSP}567{NBSP}€"),
        (1234567.89, f"1{NNBSP}234{NNBSP}568{NBSP}€"),  # no cents on big amounts
        (12.5, f"12,50{NBSP}€"),
        (850, f"850{NBSP}€"),
        (0, f"0{NBSP}€"),
        (-1500, f"-1{NNBSP}500{NBSP}€"),
    ],
)
def test_format_eur(value, expected):
    assert format_eur(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.125, f"12,5{NBSP}%"), (0.5, f"50{NBSP}%"), (1, f"100{NBSP}%"), (0.0004, f"0{NBSP}%")],
)
def test_format_percent(value, expected):
    assert format_percent(value) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, math.nan])
def test_missing_values_show_a_dash(missing):
    for formatter in (format_eur, format_percent, format_number, format_date, format_days):
        assert formatter(missing) == "—"


def test_dates_numbers_days_and_counts():
    assert format_date(dt.date(2026, 11, 26)) == "26 nov. 2026"
    assert format_date(pd.Timestamp("2026-05-06")) == "6 mai 2026"
    assert format_number(1234567.8) == f"1{NNBSP}234{NNBSP}568"
    assert format_number(2.5, 1) == "2,5"
    assert format_days(1) == f"1{NBSP}jour"
    assert format_days(12.4) == f"12{NBSP}jours"
    assert format_days(4.5) == f"4,5{NBSP}jours"
    assert format_count(0, "affaire") == f"0{NBSP}affaire"
    assert format_count(3, "affaire") == f"3{NBSP}affaires"
    assert format_delta_percent(-0.05) == f"-5{NBSP}%"
    assert format_delta_percent(0.125) == f"+12,5{NBSP}%"
    assert format_delta_percent(None) is None


def test_an_instant_is_shown_in_paris_time_winter_and_summer():
    import datetime as dt

    from utils.formatting import format_datetime

    assert format_datetime(dt.datetime(2026, 11, 30, 13, 5, tzinfo=dt.UTC)) == \
        "30 nov. 2026 à 14:05"
    assert format_datetime(dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)) == \
        "2 juil. 2026 à 00:30"


def test_an_import_with_a_name_is_labelled_by_it():
    import datetime as dt
    from types import SimpleNamespace

    from utils.formatting import format_import_label

    summary = SimpleNamespace(import_id=3, exported_on=dt.date(2026, 11, 26),
                              imported_at=None, file_name="export.csv", name=None)
    assert format_import_label(summary) == "n° 3 · 26 nov. 2026 · export.csv"
    summary.name = "Revue de novembre"
    assert format_import_label(summary) == "n° 3 · 26 nov. 2026 · Revue de novembre"
