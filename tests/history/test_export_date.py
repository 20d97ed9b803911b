"""Export date read from the file name (docs/history.md, « La date d'export »)."""

import datetime as dt

import pytest

from business_logic.history import export_date_from_file_name

NOV_26 = dt.date(2026, 11, 26)


@pytest.mark.parametrize("name", [
    "deals-2026-11-26.csv", "export_26-11-2026.xlsx", "export_26_11_2026.csv",
    "20261126_pipeline.csv", "pipeline 26.11.2026.csv", "2026_11_26 affaires.xlsx",
])  # fmt: skip
def test_each_format_gives_the_date(name):
    assert export_date_from_file_name(name) == NOV_26


def test_salesforce_millisecond_stamp_is_read_in_utc():
    assert export_date_from_file_name("report1732579200000.csv") == dt.date(2024, 11, 26)


@pytest.mark.parametrize("name", [
    "export.csv", "export-2026-02-30.csv", "export-31-04-2026.csv", "20261332.csv",
    "export-1850-01-01.csv", "export-2150-01-01.csv", "id_120261126.csv",
    "report99999999999999.csv",
])  # fmt: skip
def test_impossible_or_missing_dates_give_none(name):
    assert export_date_from_file_name(name) is None


def test_the_first_date_in_the_name_wins():
    assert export_date_from_file_name("2026-11-19_to_2026-11-26.csv") == dt.date(2026, 11, 19)


def test_an_impossible_date_does_not_hide_a_later_valid_one():
    assert export_date_from_file_name("v2026-13-01 du 26-11-2026.csv") == NOV_26
