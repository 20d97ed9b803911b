"""Comparing two imports end to end, and the JSON of `cli.py diff` (docs/history.md).

`diff_snapshots` = matching + change table + the four waterfalls (gross, weighted, and the
same over the next 30 days). It takes frames already loaded: no SQL, no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from business_logic.history.changes import APPARUE, CHANGES, compare_snapshots
from business_logic.history.matching import MatchMethod, match_snapshots
from business_logic.history.waterfall import Waterfall, waterfall
from business_logic.metrics.filters import DealFilters


@dataclass(frozen=True)
class Snapshot:
    """One import: its id, its export date (the as-of date of its figures) and its deals.

    `ids_from_file`: whether deal_id came from the file; None = decide from the ids (the
    importer writes `L{row}` for rows without an id).
    """

    import_id: int
    exported_on: dt.date
    deals: pd.DataFrame
    ids_from_file: bool | None = None


@dataclass(frozen=True)
class SnapshotDiff:
    """Everything the Évolutions page, the Accueil block and `cli.py diff` show."""

    from_import: int
    to_import: int
    exported_a: dt.date
    exported_b: dt.date
    matched_by: MatchMethod
    changes: pd.DataFrame  # business_logic.history.changes.compare_snapshots
    gross: Waterfall
    weighted: Waterfall
    gross_30: Waterfall
    weighted_30: Waterfall

    @property
    def unmatched(self) -> int:
        """Deals (of either snapshot, after filters) that could not be compared."""
        return int((~self.changes["comparable"]).sum())

    def counts(self) -> dict[str, int]:
        """Number of deals per change (a deal may count under several)."""
        return {name: int(self.changes[name].sum()) for name in (*CHANGES, APPARUE)}

    def deal_ids(self, change: str) -> list[str]:
        """The deal ids carrying `change`, in table order."""
        return [str(v) for v in self.changes.loc[self.changes[change], "deal_id"].tolist()]

    def deals(self, change: str) -> pd.DataFrame:
        """The rows of the change table carrying `change` (before → after values)."""
        return self.changes.loc[self.changes[change]].reset_index(drop=True)


def diff_snapshots(a: Snapshot, b: Snapshot, filters: DealFilters | None = None) -> SnapshotDiff:
    """Changes and waterfalls from A (earlier) to B (later) (docs/history.md).

    Matching always uses the full snapshots (a filter never makes a key look unique);
    filters then keep a deal on B's values, or A's when it is absent from B.
    """
    matching = match_snapshots(a.deals, b.deals, ids_from_file_a=a.ids_from_file,
                               ids_from_file_b=b.ids_from_file)
    changes = compare_snapshots(a.deals, b.deals, matching, exported_a=a.exported_on,
                                filters=filters)
    window = (a.exported_on, b.exported_on)
    return SnapshotDiff(
        from_import=a.import_id,
        to_import=b.import_id,
        exported_a=a.exported_on,
        exported_b=b.exported_on,
        matched_by=matching.method,
        changes=changes,
        gross=waterfall(changes),
        weighted=waterfall(changes, weighted=True),
        gross_30=waterfall(changes, window_from=window),
        weighted_30=waterfall(changes, weighted=True, window_from=window),
    )


def diff_payload(diff: SnapshotDiff) -> dict[str, Any]:
    """The JSON of docs/cli.md `diff`: cli.md's keys first, then the additions of
    docs/history.md (`apparue`, the non comparables, the 30-day waterfalls, export dates)."""
    counts = diff.counts()
    not_comparable = diff.changes.loc[~diff.changes["comparable"]]
    return {
        "from_import": diff.from_import,
        "to_import": diff.to_import,
        "matched_by": diff.matched_by,
        "unmatched": diff.unmatched,
        "counts": counts,
        "waterfall": {
            "gross": diff.gross.to_dict(),
            "weighted": diff.weighted.to_dict(),
            "next_30_days": {"gross": diff.gross_30.to_dict(window=True),
                             "weighted": diff.weighted_30.to_dict(window=True)},
        },
        "deals": {name: diff.deal_ids(name) for name in counts},
        "from_exported_on": diff.exported_a.isoformat(),
        "to_exported_on": diff.exported_b.isoformat(),
        "non_comparables": {
            "a": [str(v) for v in not_comparable.loc[not_comparable["in_a"], "deal_id"]],
            "b": [str(v) for v in not_comparable.loc[not_comparable["in_b"], "deal_id"]],
        },
    }
