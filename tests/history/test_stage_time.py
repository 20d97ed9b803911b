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
