"""The JSON of `cli.py history --json` (docs/history.md, « Ligne de commande »)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from business_logic.history.anomalies import performance_drops, slipping_deals, stuck_deals
from business_logic.history.diff import Snapshot
from business_logic.history.panel import snapshot_panel
from business_logic.history.stage_time import time_in_stage
from business_logic.history.trends import iso_week, ordered, seasonality, trend, weekly
from business_logic.metrics.filters import DealFilters, apply_filters


def _filtered(snapshot: Snapshot, filters: DealFilters | None) -> Snapshot:
    if filters is None:
        return snapshot
    return Snapshot(snapshot.import_id, snapshot.exported_on,
                    apply_filters(snapshot.deals, filters), snapshot.ids_from_file)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (NaN → null), through pandas' own JSON writer (fast)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def history_payload(snapshots: Sequence[Snapshot], selected_import_id: int | None = None, *,
                    filters: DealFilters | None = None) -> dict[str, Any]:
    """Trend, weekly series, seasonality, time in stage and anomalies as of the selected
    snapshot (default: the latest), computed over the snapshots up to it. `filters` apply
    to each snapshot's deals (trend, seasonality, time in stage, anomalies).

    Raises ValueError (French message) when the selected import is not among `snapshots`
    or there is no snapshot at all.
    """
    series = ordered(snapshots)
    if not series:
        raise ValueError("Aucun import : importez un fichier pour voir l'historique.")
    if selected_import_id is None:
        selected = series[-1]
    else:
        found = [s for s in series if s.import_id == selected_import_id]
        if not found:
            raise ValueError(f"Import {selected_import_id} introuvable.")
        selected = found[0]
    series = series[: series.index(selected) + 1]
    kept = [_filtered(s, filters) for s in series]  # filtered once, read by every part
    points = trend(kept)
    current = kept[-1]
    panel = snapshot_panel(kept)
    stage_times = time_in_stage(kept, current, panel)
    medians = stage_times.medians() if stage_times is not None else {}
    return {
        "import_id": selected.import_id,
        "exported_on": selected.exported_on.isoformat(),
        "snapshots": len(series),
        "trend": [p.to_dict() for p in points],
        "weekly": [{"week": iso_week(p.exported_on), **p.to_dict()} for p in weekly(points)],
        "seasonality": seasonality(current.deals, selected.exported_on).to_dict(),
        "time_in_stage": stage_times.to_dict() if stage_times is not None else {
            "method": None, "precision_days": None, "by_stage": [], "by_source": []},
        "anomalies": {
            "stuck": _records(stuck_deals(kept, medians, panel)),
            "slipping": _records(slipping_deals(kept, panel=panel)),
            "performance_drop": [d.to_dict() for d in
                                 performance_drops(current.deals, selected.exported_on)],
        },
    }
