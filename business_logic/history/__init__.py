"""Comparing imports over time (docs/history.md): export dates, matching, changes,
waterfalls, trends, seasonality, time in stage and anomalies. Pure: no SQL, no clock."""

from business_logic.history.changes import APPARUE, CHANGES, compare_snapshots
from business_logic.history.diff import Snapshot, SnapshotDiff, diff_payload, diff_snapshots
from business_logic.history.export_date import export_date_from_file_name
from business_logic.history.keys import deal_keys
from business_logic.history.matching import (
    Matching,
    generated_id_mask,
    ids_read_from_file,
    match_snapshots,
)
from business_logic.history.waterfall import Waterfall, waterfall

__all__ = [
    "APPARUE", "CHANGES", "Matching", "Snapshot", "SnapshotDiff", "Waterfall",
    "compare_snapshots", "deal_keys", "diff_payload", "diff_snapshots",
    "export_date_from_file_name", "generated_id_mask", "ids_read_from_file",
    "match_snapshots", "waterfall",
]  # fmt: skip
