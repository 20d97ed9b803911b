"""Time in stage from entry dates and from snapshots (docs/history.md)."""

import datetime as dt

import pandas as pd

from business_logic.history import (
    Snapshot,
    time_in_stage,
    time_in_stage_from_entry_dates,
    time_in_stage_from_snapshots,
)
from tests.metrics.frames import D, deals


def _with_entries(frame, **columns):
    return frame.assign(**{name: pd.to_datetime(values) for name, values in columns.items()})


def test_entry_dates_give_exact_durations_to_the_next_stage_reached():
    frame = _with_entries(
        deals({"deal_id": "A", "status": "won", "source": "Salon"},
              {"deal_id": "B", "stage": "proposal", "source": "Web"}),
        entered_prospect=["2026-01-01", "2026-02-01"],
        entered_qualified=["2026-01-11", None],  # B skipped qualified
        entered_proposal=["2026-01-15", "2026-02-21"],
        entered_won=["2026-02-14", None])
    times = time_in_stage_from_entry_dates(frame)
    assert times.method == "entry_dates" and times.precision_days is None
    rows = times.durations.sort_values(["deal_id", "stage"]).to_dict("records")
    assert [(r["deal_id"], r["stage"], r["days"]) for r in rows] == [
        ("A", "proposal", 30.0), ("A", "prospect", 10.0), ("A", "qualified", 4.0),
        ("B", "prospect", 20.0)]  # B still in proposal: not counted
    by_source = times.by_source().set_index(["source", "stage"])
    assert by_source.loc[("Web", "prospect"), "median_days"] == 20.0
    assert times.by_stage().set_index("stage").loc["prospect", "median_days"] == 15.0


def test_snapshots_estimate_the_time_with_the_spacing_as_precision():
    week = dt.timedelta(days=7)
    stages = [["prospect", "prospect"], ["qualified", "prospect"], ["qualified", "qualified"],
              ["qualified", "qualified"], ["proposal", "won"]]
    snaps = [Snapshot(k + 1, D + k * week,
                      deals({"deal_id": "A", "stage": s[0], "source": "Salon"},
                            {"deal_id": "B", **({"status": "won"} if s[1] == "won" else
                                                {"stage": s[1]})}))
             for k, s in enumerate(stages)]
    times = time_in_stage_from_snapshots(snaps)
    assert (times.method, times.precision_days) == ("snapshots", 7.0)
    rows = {(r["deal_id"], r["stage"]): r["days"] for r in times.durations.to_dict("records")}
    # A: entered qualified between weeks 0 and 1, left between weeks 3 and 4 → 3 weeks
    # B: entered qualified between 1 and 2, left between 3 and 4 → 2 weeks; prospect entry
    # never seen (already there in the first snapshot) → not counted
    assert rows == {("A", "qualified"): 21.0, ("B", "qualified"): 14.0}


def test_time_in_stage_prefers_entry_dates_and_needs_two_snapshots_otherwise():
    plain = Snapshot(1, D, deals({"deal_id": "A"}))
    assert time_in_stage([plain], plain) is None
    dated = Snapshot(1, D, _with_entries(deals({"deal_id": "A", "stage": "qualified"}),
                                         entered_prospect=["2026-01-01"],
                                         entered_qualified=["2026-01-05"]))
    assert time_in_stage([dated], dated).method == "entry_dates"


def _two_weekly_snapshots(last_deals):
    first = deals({"deal_id": "A", "stage": "prospect"}, {"deal_id": "B", "stage": "qualified"})
    return [Snapshot(1, D, first), Snapshot(2, D + dt.timedelta(days=7), last_deals)]


def test_exact_entry_dates_win_over_the_snapshots_for_the_stages_they_measure():
    last = _with_entries(
        deals({"deal_id": "A", "stage": "qualified"}, {"deal_id": "B", "stage": "proposal"}),
        entered_prospect=["2026-01-01", "2026-01-01"],
        entered_qualified=["2026-01-04", "2026-01-02"], entered_proposal=[None, "2026-01-20"])
    snaps = _two_weekly_snapshots(last)
    times = time_in_stage(snaps, snaps[-1])
    assert (times.method, times.precision_days) == ("entry_dates", None)
    assert times.medians() == {"prospect": 2.0, "qualified": 18.0}  # days, not ± 7
    assert {r["stage"]: r["method"] for r in times.to_dict()["by_stage"]} == {
        "prospect": "entry_dates", "qualified": "entry_dates"}


def test_stages_without_entry_dates_keep_the_snapshot_estimate_with_its_precision():
    week = dt.timedelta(days=7)
    last = _with_entries(
        deals({"deal_id": "A", "stage": "proposal"}, {"deal_id": "B", "stage": "negotiation"}),
        entered_proposal=[None, "2026-01-20"], entered_negotiation=[None, "2026-02-01"])
    snaps = [Snapshot(1, D, deals({"deal_id": "A", "stage": "prospect"})),
             Snapshot(2, D + week, deals({"deal_id": "A", "stage": "qualified"})),
             Snapshot(3, D + 2 * week, last)]
    times = time_in_stage(snaps, snaps[-1])
    assert (times.method, times.precision_days) == ("mixed", 7.0)
    payload = times.to_dict()
    assert {r["stage"]: r["method"] for r in payload["by_stage"]} == {
        "qualified": "snapshots", "proposal": "entry_dates"}
    assert times.medians() == {"qualified": 7.0, "proposal": 12.0}
