"""All snapshots as one long table: one row per (deal, snapshot), for the rules that follow
a deal through several imports (time in stage from snapshots, stuck deals, repeated
slippage; docs/history.md).

A deal is followed by its CRM id when every snapshot carries ids read from the file, else
by its deal key; an identity that repeats inside any snapshot is dropped everywhere (the
"non comparables" rule of the matching, applied to the whole series). The table holds
integers and floats only (identity codes, stage and status codes, day numbers) so that
sorting and comparing 8 × 100k rows stays cheap; text is looked up for the rows shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.columns import STATUSES
from business_logic.history.diff import Snapshot
from business_logic.history.keys import deal_keys, text_array
from business_logic.history.matching import generated_id_mask
from business_logic.history.trends import ordered
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.prepared import category_codes
from business_logic.stages import STAGE_ORDER


def _identities(snapshot: Snapshot, by_id: bool) -> pa.Array:
    if not by_id:
        return deal_keys(snapshot.deals)
    ids = text_array(snapshot.deals["deal_id"])
    if snapshot.ids_from_file is None and len(snapshot.deals):
        ids = pc.if_else(pa.array(generated_id_mask(snapshot.deals)),
                         pa.scalar(None, pa.large_string()), ids)
    return ids


def _by_id(series: Sequence[Snapshot]) -> bool:
    def from_file(snapshot: Snapshot) -> bool:
        if snapshot.ids_from_file is not None:
            return snapshot.ids_from_file
        generated = generated_id_mask(snapshot.deals)
        return not len(generated) or not bool(generated.all())

    return bool(series) and all(from_file(s) for s in series)


def snapshot_panel(snapshots: Sequence[Snapshot]) -> pd.DataFrame:
    """Columns: `snap` (position in snapshot order), `row` (position in that snapshot's
    frame), `exported` (day number), `entity` (integer identity), `rank` (stage position
    in STAGE_ORDER, −1 missing), `status` (position in STATUSES), `close` (expected close
    date as a day number, NaN when missing). Sorted by entity, then snapshot."""
    series = ordered(snapshots)
    by_id = _by_id(series)
    identities, parts = [], []
    for position, snapshot in enumerate(series):  # one per import
        deals = snapshot.deals
        identities.append(_identities(snapshot, by_id).cast(pa.large_string()))
        parts.append(pd.DataFrame({
            "snap": np.full(len(deals), position, dtype=np.int64),
            "row": np.arange(len(deals), dtype=np.int64),
            "exported": np.full(len(deals), day_number(snapshot.exported_on)),
            "rank": category_codes(deals["stage"], STAGE_ORDER),
            "status": category_codes(deals["status"], STATUSES),
            "close": day_numbers(deals["expected_close_date"].to_numpy(
                dtype="datetime64[us]")),
        }, copy=False))
    if not parts:
        return pd.DataFrame({name: [] for name in ("snap", "row", "exported", "entity",
                                                   "rank", "status", "close")})
    panel = pd.concat(parts, ignore_index=True)
    encoded = pc.dictionary_encode(pa.concat_arrays(identities))
    entity = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    snap = panel["snap"].to_numpy()
    size = len(encoded.dictionary) + 1
    per_snap = np.bincount(entity[entity >= 0] * len(series) + snap[entity >= 0],
                           minlength=size * len(series))
    repeated = (per_snap.reshape(size, len(series)) > 1).any(axis=1)
    keep = (entity >= 0) & ~repeated[entity]
    panel["entity"] = entity
    panel = panel.loc[keep]
    order = np.lexsort((panel["snap"].to_numpy(), panel["entity"].to_numpy()))
    return panel.iloc[order].reset_index(drop=True)


def lookup(snapshots: Sequence[Snapshot], snaps: np.ndarray, rows: np.ndarray,
           column: str) -> np.ndarray:
    """The `column` value (object array) of each (snapshot position, row) pair."""
    series = ordered(snapshots)
    out = np.empty(len(rows), dtype=object)
    for position, snapshot in enumerate(series):  # one take per import
        chosen = snaps == position
        if chosen.any():
            values = snapshot.deals[column].take(rows[chosen])
            out[chosen] = values.astype(object).where(values.notna(), None).to_numpy()
    return out


def with_neighbours(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel plus, for each row, the same deal in the adjacent previous / next snapshot:
    `prev_rank`, `prev_close`, `prev_exported`, `next_rank`, `next_exported` (NaN when the
    deal is absent from that snapshot)."""
    out = panel.copy()
    entity = panel["entity"].to_numpy()
    snap = panel["snap"].to_numpy()
    same_before = np.zeros(len(panel), dtype=bool)
    if len(panel) > 1:
        same_before[1:] = (entity[1:] == entity[:-1]) & (snap[1:] == snap[:-1] + 1)
    same_after = np.zeros(len(panel), dtype=bool)
    same_after[:-1] = same_before[1:]
    for column in ("rank", "close", "exported"):
        values = panel[column].to_numpy(dtype="float64")
        before = np.full(len(panel), np.nan)
        after = np.full(len(panel), np.nan)
        before[1:] = values[:-1]
        after[:-1] = values[1:]
        out[f"prev_{column}"] = np.where(same_before, before, np.nan)
        out[f"next_{column}"] = np.where(same_after, after, np.nan)
    return out


def stage_runs(panel: pd.DataFrame) -> pd.DataFrame:
    """Runs of one deal in one stage over adjacent snapshots.

    Columns: `entity`, `rank`, `first_snap`, `last_snap`, `last_row` (row of the last
    sighting in its snapshot), `first_exported`, `last_exported`, `entered_after` (export
    date of the snapshot before, when the deal was there at an earlier stage; else NaN),
    `left_before` (export date of the snapshot after, when the deal was there at a later
    stage; else NaN).
    """
    # Arrays, not `with_neighbours` (a copy of the panel and six more columns: ~250 MB of
    # peak at 1M deals, issue 8); the same neighbours, read at the runs' ends only.
    entity, snap = panel["entity"].to_numpy(), panel["snap"].to_numpy()
    rank = panel["rank"].to_numpy()
    exported = panel["exported"].to_numpy()
    same_before = np.zeros(len(panel), dtype=bool)
    if len(panel) > 1:
        same_before[1:] = (entity[1:] == entity[:-1]) & (snap[1:] == snap[:-1] + 1)
    starts = ~same_before.copy()
    starts[1:] |= rank[1:] != rank[:-1]
    first = np.flatnonzero(starts)
    last = np.append(first[1:] - 1, len(panel) - 1) if len(first) else first

    def neighbour(values: np.ndarray, where: np.ndarray, step: int) -> np.ndarray:
        """values[where + step] as float where that row is the same deal in the adjacent
        snapshot (step −1: before, +1: after), else NaN."""
        out = np.full(len(where), np.nan)
        linked = same_before[where] if step < 0 else np.zeros(len(where), dtype=bool)
        if step > 0:
            inside = where + 1 < len(panel)
            linked[inside] = same_before[where[inside] + 1]
        out[linked] = values[where[linked] + step]
        return out

    rank_first = rank[first].astype("float64")
    return pd.DataFrame({
        "entity": entity[first], "rank": rank[first],
        "first_snap": snap[first], "last_snap": snap[last],
        "last_row": panel["row"].to_numpy()[last],
        "first_exported": exported[first], "last_exported": exported[last],
        "entered_after": np.where(neighbour(rank, first, -1) < rank_first,
                                  neighbour(exported, first, -1), np.nan),
        "left_before": np.where(neighbour(rank, last, 1) > rank_first,
                                neighbour(exported, last, 1), np.nan),
    }, copy=False)  # the fresh arrays as they are: no second copy of ~70 MB at 1M
