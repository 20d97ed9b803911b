import datetime as dt

from business_logic.columns import empty_deals_frame
from business_logic.metrics import (
    MISSING_LABEL,
    DealFilters,
    apply_filters,
    filter_options,
    without_full_choices,
)
from tests.metrics.frames import deals

FRAME = deals(
    {"deal_id": "1", "source": "LinkedIn", "owner": "Anne", "name": "Refonte site",
     "created_date": "2026-01-10"},
    {"deal_id": "2", "source": "Salon", "status": "won", "company": "ACME SAS",
     "created_date": "2026-02-10"},
    {"deal_id": "3", "source": None, "status": "lost", "notes": "Rappeler a.b",
     "sector": "BTP"},
    {"deal_id": "4", "source": "LinkedIn", "segment": "PME", "created_date": "2026-03-10"},
)  # fmt: skip


def _ids(filters):
    return apply_filters(FRAME, filters)["deal_id"].tolist()


def test_no_filter_keeps_everything_in_a_new_frame():
    out = apply_filters(FRAME, DealFilters())
    assert out["deal_id"].tolist() == ["1", "2", "3", "4"]
    assert out is not FRAME


def test_value_filters_combine():
    assert _ids(DealFilters(sources=("LinkedIn",))) == ["1", "4"]
    assert _ids(DealFilters(sources=("LinkedIn",), segments=("PME",))) == ["4"]
    assert _ids(DealFilters(statuses=("won", "lost"))) == ["2", "3"]
    assert _ids(DealFilters(owners=("Anne",))) == ["1"]
    assert _ids(DealFilters(sectors=("BTP",))) == ["3"]


def test_missing_label_selects_missing_values():
    assert _ids(DealFilters(sources=(MISSING_LABEL,))) == ["3"]
    assert _ids(DealFilters(sources=("Salon", MISSING_LABEL))) == ["2", "3"]


def test_date_range_is_inclusive_and_excludes_unknown_dates():
    filters = DealFilters(date_from=dt.date(2026, 2, 10), date_to=dt.date(2026, 3, 10))
    assert _ids(filters) == ["2", "4"]
    assert _ids(DealFilters(date_to=dt.date(2026, 1, 10))) == ["1"]


def test_text_search_is_case_insensitive_plain_text():
    assert _ids(DealFilters(text="acme")) == ["2"]
    assert _ids(DealFilters(text="REFONTE")) == ["1"]
    assert _ids(DealFilters(text="a.b")) == ["3"]  # not a regular expression
    assert _ids(DealFilters(text="a+b")) == []
    assert _ids(DealFilters(text="   ")) == ["1", "2", "3", "4"]


def test_filter_options():
    options = filter_options(FRAME)
    assert options.statuses == ("open", "won", "lost")
    assert options.sources == ("LinkedIn", "Salon", MISSING_LABEL)
    assert options.owners == ("Anne", MISSING_LABEL)
    assert (options.date_min, options.date_max) == (dt.date(2026, 1, 10), dt.date(2026, 3, 10))


def test_filters_on_empty_frame():
    assert apply_filters(empty_deals_frame(), DealFilters(text="x")).empty
    assert filter_options(empty_deals_frame()).sources == ()


def test_choosing_every_source_is_no_source_filter_and_keeps_the_same_deals():
    options = filter_options(FRAME)
    every = DealFilters(sources=options.sources, statuses=("open",))
    assert without_full_choices(every, options) == DealFilters(statuses=("open",))
    assert _ids(without_full_choices(every, options)) == _ids(every)


def test_a_partial_choice_and_the_owners_are_kept():
    options = filter_options(FRAME)
    partial = DealFilters(sources=("LinkedIn", "Salon"))  # the deal without source is left out
    assert without_full_choices(partial, options) == partial
    owners = DealFilters(owners=options.owners)  # one owner also selects their targets
    assert without_full_choices(owners, options) == owners
