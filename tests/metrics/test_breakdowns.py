import pandas as pd
import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import MISSING_LABEL, by_dimension, by_stage
from tests.metrics.frames import deals


def test_by_stage_lists_every_stage_in_pipeline_order():
    frame = deals(
        {"stage": "proposal", "amount": 1000, "probability": 0.4},
        {"stage": "proposal", "amount": None},
        {"stage": "negotiation", "amount": 500},  # default 0.70
        {"status": "won", "amount": 300},
        {"status": "lost", "amount": 200},
    )
    rows = {row.stage: row for row in by_stage(frame).rows}
    assert list(rows) == ["prospect", "qualified", "proposal", "negotiation", "won", "lost"]
    assert (rows["proposal"].count, rows["proposal"].gross) == (2, 1000.0)
    assert rows["proposal"].weighted == pytest.approx(400.0)
    assert rows["negotiation"].weighted == pytest.approx(350.0)
    assert (rows["won"].gross, rows["won"].weighted) == (300.0, 300.0)
    assert (rows["lost"].count, rows["lost"].weighted) == (1, 0.0)
    assert rows["prospect"].count == 0


def _source_rows(frame):
    return {row.value: row for row in by_dimension(frame, "source").rows}


def test_by_source_figures():
    frame = deals(
        {"source": "LinkedIn", "status": "won", "amount": 1000,
         "created_date": "2026-01-01", "closed_date": "2026-01-11"},
        {"source": "LinkedIn", "status": "won", "amount": 3000,
         "created_date": "2026-01-01", "closed_date": "2026-01-31"},
        {"source": "LinkedIn", "status": "won", "amount": None,
         "created_date": "2026-01-01", "closed_date": "2026-02-10"},
        {"source": "LinkedIn", "status": "lost", "amount": 50},
        {"source": "LinkedIn", "amount": 70},
    )  # fmt: skip
    row = _source_rows(frame)["LinkedIn"]
    assert (row.deals, row.won, row.lost) == (5, 3, 1)
    assert row.conversion_rate == pytest.approx(3 / 5)
    assert row.win_rate == pytest.approx(3 / 4)
    assert row.won_value == 4000.0
    assert row.average_won_deal_size == pytest.approx(2000.0)  # known amounts only
    assert row.median_days_to_win == 30.0  # 10, 30, 40
    assert row.mean_days_to_win == pytest.approx(80 / 3)


def test_missing_source_is_labelled_and_rates_can_be_none():
    frame = deals({"source": None, "amount": 10}, {"source": "Salon"}, {"source": "Salon"})
    rows = by_dimension(frame, "source").rows
    assert [(row.value, row.deals) for row in rows] == [("Salon", 2), (MISSING_LABEL, 1)]
    assert rows[1].win_rate is None
    assert rows[1].average_won_deal_size is None
    assert rows[1].median_days_to_win is None


def test_no_source_values_at_all():
    rows = by_dimension(deals({}, {"status": "won"}), "source").rows
    assert [(row.value, row.deals, row.won) for row in rows] == [(MISSING_LABEL, 2, 1)]


@pytest.mark.parametrize("dimension", ["source", "sector", "owner", "segment"])
def test_counts_add_up_for_every_dimension(dimension):
    frame = deals({dimension: "a"}, {dimension: "b"}, {dimension: None}, {dimension: "a"})
    assert sum(row.deals for row in by_dimension(frame, dimension).rows) == 4


def test_unknown_dimension_is_refused():
    with pytest.raises(ValueError):
        by_dimension(deals({}), "stage")


def test_empty_frame():
    assert by_dimension(empty_deals_frame(), "owner").rows == ()
    assert sum(row.count for row in by_stage(empty_deals_frame()).rows) == 0


def test_breakdown_frame_is_numeric_when_no_deal_is_won():
    """A pipeline-only export: every won-deal figure is None, yet the frame's columns stay
    float64 (NaN), so `nlargest` on them works (issue 7, item 10)."""
    frame = deals(
        {"sector": "Industrie", "stage": "proposal", "amount": 1000},
        {"sector": "Santé", "stage": "qualified", "amount": 500},
    )
    table = by_dimension(frame, "sector").to_frame()
    assert str(table["average_won_deal_size"].dtype) == "float64"
    assert str(table["win_rate"].dtype) == "float64"
    assert str(table["median_days_to_win"].dtype) == "float64"
    assert table["average_won_deal_size"].isna().all()
    assert len(table.nlargest(5, "average_won_deal_size")) == 2  # raised TypeError on object
    assert list(table["value"]) == ["Industrie", "Santé"]
    assert list(table["deals"]) == [1, 1]


def test_breakdown_frame_keeps_the_row_values():
    frame = deals(
        {"sector": "Industrie", "status": "won", "amount": 1000},
        {"sector": "Industrie", "status": "lost", "amount": 10},
        {"sector": "Santé", "stage": "qualified", "amount": 500},
    )
    table = by_dimension(frame, "sector").to_frame().set_index("value")
    assert table.loc["Industrie", "average_won_deal_size"] == 1000.0
    assert table.loc["Industrie", "win_rate"] == 0.5
    assert pd.isna(table.loc["Santé", "win_rate"])
