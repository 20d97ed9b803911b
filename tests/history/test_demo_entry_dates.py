"""The demo history's last export carries per-stage entry dates (issue 9, item 6): Pipeline
shows exact time in stage on the demo; the earlier exports are the plain demo format."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from business_logic.columns import ENTRY_DATE_FIELDS
from business_logic.demo_history import demo_history
from business_logic.history import Snapshot, time_in_stage
from business_logic.importing import import_bytes

AS_OF = dt.date(2026, 11, 30)
ENTRY = list(ENTRY_DATE_FIELDS.values())


def _snapshots() -> list[Snapshot]:
    return [Snapshot(i + 1, s.exported_on, import_bytes(s.data, s.file_name).deals)
            for i, s in enumerate(demo_history(AS_OF, weeks=4))]


def test_only_the_last_export_has_entry_dates_and_all_are_read():
    snapshots = demo_history(AS_OF, weeks=4)
    results = [import_bytes(s.data, s.file_name) for s in snapshots]
    assert all(r.deals[ENTRY].isna().all().all() for r in results[:-1])
    last = results[-1]
    assert "ignore" not in last.report.detected["columns"].values()
    assert last.report.rows_rejected == 0
    assert last.deals[ENTRY].notna().any().all()


def test_entry_dates_are_consistent_with_the_export():
    last = _snapshots()[-1].deals
    dates = last[ENTRY]
    assert (dates.max(axis=1).dropna() <= pd.Timestamp(AS_OF)).all()
    won = last[last["entered_won"].notna()]
    assert (won["status"] == "won").all()
    assert (won["entered_won"] == won["closed_date"]).all()
    for field in ENTRY:  # never before the deal was created
        known = last[last[field].notna()]
        assert (known[field] >= known["created_date"]).all(), field


def test_demo_time_in_stage_comes_from_the_entry_dates():
    snapshots = _snapshots()
    times = time_in_stage(snapshots, snapshots[-1])
    assert times.method == "entry_dates" and times.precision_days is None
    assert not times.durations.empty
    assert (times.durations["days"] >= 0).all()
