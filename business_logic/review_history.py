"""The weekly review's history part (docs/history.md): what changed since the previous
import and the anomalies, as data (utils/pdf_history.py renders it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from business_logic.history import SnapshotDiff


@dataclass(frozen=True, eq=False)
class ReviewHistory:
    """`diff`: the reviewed import against the one before it (None for the first import);
    `stuck`, `slipping`, `drops`: the anomalies of `history_payload` (drops: only the
    measures that did drop)."""

    diff: SnapshotDiff | None
    stuck: tuple[dict[str, Any], ...] = ()
    slipping: tuple[dict[str, Any], ...] = ()
    drops: tuple[dict[str, Any], ...] = ()


def review_history(diff: SnapshotDiff | None,
                   history: dict[str, Any] | None) -> ReviewHistory:
    """Gather the comparison and the anomalies of `history` (business_logic.history
    .history_payload's dict, None when not computed)."""
    anomalies = (history or {}).get("anomalies", {})
    return ReviewHistory(
        diff=diff,
        stuck=tuple(anomalies.get("stuck", ())),
        slipping=tuple(anomalies.get("slipping", ())),
        drops=tuple(d for d in anomalies.get("performance_drop", ()) if d.get("drop")),
    )
