"""Comparing imports over time (docs/history.md): export dates, matching, changes,
waterfalls, trends, seasonality, time in stage and anomalies. Pure: no SQL, no clock."""

from business_logic.history.anomalies import (
    PerformanceDrop,
    performance_drops,
    slipping_deals,
    stuck_deals,
)
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
from business_logic.history.payload import history_payload
from business_logic.history.stage_time import (
    ENTRY_FIELDS,
    StageTimes,
    time_in_stage,
    time_in_stage_from_entry_dates,
    time_in_stage_from_snapshots,
)
from business_logic.history.trends import (
    Seasonality,
    TrendPoint,
    iso_week,
    ordered,
    seasonality,
    trend,
    weekly,
)
from business_logic.history.waterfall import Waterfall, waterfall

__all__ = [
    "APPARUE", "CHANGES", "ENTRY_FIELDS", "Matching", "PerformanceDrop", "Seasonality",
    "Snapshot", "SnapshotDiff", "StageTimes", "TrendPoint", "Waterfall", "compare_snapshots",
    "deal_keys", "diff_payload", "diff_snapshots", "export_date_from_file_name",
    "generated_id_mask", "history_payload", "ids_read_from_file", "iso_week",
    "match_snapshots", "ordered", "performance_drops", "seasonality", "slipping_deals",
    "stuck_deals", "time_in_stage", "time_in_stage_from_entry_dates",
    "time_in_stage_from_snapshots", "trend", "waterfall", "weekly",
]  # fmt: skip
