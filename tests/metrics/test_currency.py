"""Totals never add two currencies (metrics.md, Import rules: several currencies)."""

from __future__ import annotations

from business_logic.metrics import CurrencySplit, headline_kpis, main_currency, split_by_currency
from tests.metrics.frames import D, deals


def _mixed() -> object:
    return deals(
        {"amount": 100.0, "currency": "EUR"},
        {"amount": 200.0, "currency": "EUR"},
        {"amount": 1.0, "currency": "USD"},
        {"amount": 400.0},  # unknown currency: counts as the main one
        {"amount": 1.0, "currency": "GBP"},
        {"amount": 1.0, "currency": "USD"},
        {"amount": 1.0, "currency": "JPY"},
    )


def test_main_currency_is_the_most_frequent() -> None:
    assert main_currency(_mixed()) == "EUR"


def test_a_tie_goes_to_the_currency_met_first() -> None:
    frame = deals({"currency": "USD"}, {"currency": "EUR"}, {"currency": "EUR"},
                  {"currency": "USD"})
    assert main_currency(frame) == "USD"


def test_no_currency_at_all_has_no_main_currency_and_excludes_nothing() -> None:
    frame = deals({"amount": 5.0}, {"amount": 7.0})
    kept, split = split_by_currency(frame)
    assert split == CurrencySplit(main=None, excluded={})
    assert len(kept) == 2


def test_other_currencies_are_left_out_and_named_most_frequent_first() -> None:
    kept, split = split_by_currency(_mixed())
    assert split.main == "EUR"
    assert split.excluded == {"USD": 2, "GBP": 1, "JPY": 1}
    assert split.excluded_deals == 4
    assert sorted(kept["amount"].tolist()) == [100.0, 200.0, 400.0]


def test_totals_use_only_the_main_currency_and_deals_without_one() -> None:
    kept, _ = split_by_currency(_mixed())
    assert headline_kpis(kept, D).pipeline_gross == 700.0


def test_the_snapshot_main_currency_wins_over_the_filtered_one() -> None:
    filtered = deals({"amount": 1.0, "currency": "USD"}, {"amount": 2.0, "currency": "EUR"},
                     {"amount": 3.0, "currency": "USD"})
    kept, split = split_by_currency(filtered, "EUR")
    assert kept["amount"].tolist() == [2.0]
    assert split.to_dict() == {"currency": "EUR", "excluded_currencies": {"USD": 2}}


def test_a_single_currency_frame_is_returned_as_is() -> None:
    frame = deals({"currency": "EUR"}, {"currency": "EUR"})
    kept, split = split_by_currency(frame)
    assert kept is frame
    assert split.excluded == {}
