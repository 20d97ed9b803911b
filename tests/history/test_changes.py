"""The changes from A to B (docs/history.md, « Les changements de A à B »), one rule per test."""

import pytest

from business_logic.history import CHANGES, diff_snapshots
from business_logic.metrics.filters import DealFilters
from tests.history.helpers import pair
from tests.metrics.frames import day


def changes_of(rows_a, rows_b, **kwargs):
    """The set of changes of the single deal compared."""
    diff = diff_snapshots(*pair(rows_a, rows_b), **kwargs)
    assert len(diff.changes) == 1
    row = diff.changes.iloc[0]
    return {name for name in (*CHANGES, "apparue") if row[name]}


@pytest.mark.parametrize(("before", "after", "expected"), [
    ({"stage": "proposal"}, {"status": "won"}, {"gagnee"}),
    ({"stage": "proposal"}, {"status": "lost"}, {"perdue"}),
    ({"status": "won"}, {"stage": "negotiation"}, {"rouverte"}),
    ({"status": "lost"}, {"stage": "prospect"}, {"rouverte"}),
    ({"stage": "qualified"}, {"stage": "negotiation"}, {"avancee"}),
    ({"stage": "negotiation"}, {"stage": "prospect"}, {"reculee"}),
    ({"amount": 100}, {"amount": 150}, {"montant_hausse"}),
    ({"amount": 100}, {"amount": None}, {"montant_baisse"}),
    ({"amount": None}, {"amount": 10}, {"montant_hausse"}),
    ({"expected_close_date": day(1)}, {"expected_close_date": day(15)}, {"glissee"}),
    ({"expected_close_date": day(15)}, {"expected_close_date": day(1)}, {"date_avancee"}),
    ({"amount": 100}, {"amount": 100}, {"inchangee"}),
    ({"amount": None}, {"amount": 0}, {"inchangee"}),
    ({"status": "won", "amount": 5}, {"status": "won", "amount": 5}, {"inchangee"}),
])  # fmt: skip
def test_each_rule(before, after, expected):
    assert changes_of([{"deal_id": "X", **before}], [{"deal_id": "X", **after}]) == expected


def test_a_deal_carries_several_changes():
    found = changes_of(
        [{"deal_id": "X", "stage": "qualified", "amount": 10, "expected_close_date": day(1)}],
        [{"deal_id": "X", "stage": "proposal", "amount": 5, "expected_close_date": day(9)}])
    assert found == {"avancee", "montant_baisse", "glissee"}


def test_a_deal_that_left_the_export_is_gone_never_lost():
    diff = diff_snapshots(*pair([{"deal_id": "X", "stage": "negotiation", "amount": 500}], []))
    counts = diff.counts()
    assert (counts["disparue"], counts["perdue"]) == (1, 0)
    assert (diff.gross.disparues, diff.gross.perdues) == (500.0, 0.0)


def test_a_new_deal_created_after_the_earlier_export_is_new_not_appeared():
    assert changes_of([], [{"deal_id": "N", "created_date": day(-3)}]) == {"nouvelle"}


def test_a_new_deal_created_before_the_earlier_export_has_appeared():
    assert changes_of([], [{"deal_id": "N", "created_date": day(-30)}]) == {"nouvelle",
                                                                               "apparue"}
    assert changes_of([], [{"deal_id": "N"}]) == {"nouvelle", "apparue"}


def test_differences_are_given_in_amount_and_days():
    diff = diff_snapshots(*pair(
        [{"deal_id": "X", "amount": 100.5, "expected_close_date": day(1)}],
        [{"deal_id": "X", "amount": 80.25, "expected_close_date": day(13)}]))
    row = diff.changes.iloc[0]
    assert (row["amount_change"], row["close_days_change"]) == (-20.25, 12.0)


def test_a_missing_close_date_on_one_side_is_not_a_slip():
    assert changes_of([{"deal_id": "X"}], [{"deal_id": "X", "expected_close_date": day(5)}]) \
        == {"inchangee"}


def test_filters_judge_b_values_for_deals_in_b():
    # owner changed from Léa to Hugo: kept with owner=Hugo, not with owner=Léa
    rows_a = [{"deal_id": "X", "owner": "Léa", "amount": 10}]
    rows_b = [{"deal_id": "X", "owner": "Hugo", "amount": 20}]
    assert changes_of(rows_a, rows_b, filters=DealFilters(owners=("Hugo",))) == {
        "montant_hausse"}
    diff = diff_snapshots(*pair(rows_a, rows_b), filters=DealFilters(owners=("Léa",)))
    assert diff.changes.empty


def test_filters_judge_a_values_for_deals_gone_from_b():
    rows_a = [{"deal_id": "X", "owner": "Léa"}, {"deal_id": "Y", "owner": "Hugo"}]
    diff = diff_snapshots(*pair(rows_a, []), filters=DealFilters(owners=("Léa",)))
    assert diff.deal_ids("disparue") == ["X"]


def test_a_to_a_is_all_unchanged():
    rows = [{"deal_id": "X", "stage": "proposal", "amount": 10, "expected_close_date": day(3)},
            {"deal_id": "Y", "status": "won", "amount": None},
            {"deal_id": "Z", "status": "lost", "amount": 7}]
    a, _ = pair(rows, [])
    diff = diff_snapshots(a, a)
    assert diff.counts()["inchangee"] == 3
    assert sum(diff.counts().values()) == 3
