"""All snapshots as one long table: one row per (deal, snapshot), for the rules that follow
a deal through several imports (time in stage from snapshots, stuck deals, repeated
slippage; docs/history.md).

A deal is followed by its CRM id when every snapshot carries ids read from the file, else
by its deal key; an identity that repeats inside any snapshot is dropped everywhere (the
"non comparables" rule of the matching, applied to the whole series).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.history.diff import Snapshot
from business_logic.history.keys import deal_keys, text_array
from business_logic.history.matching import generated_id_mask, ids_read_from_file
from business_logic.history.trends import ordered
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.prepared import category_codes
from business_logic.stages import STAGE_ORDER

PANEL_COLUMNS: Final[tuple[str, ...]] = ("deal_id", "name", "company", "stage", "status",
                                         "source")


def _identities(snapshot: Snapshot, by_id: bool) -> pa.Array:
    if not by_id:
        return deal_keys(snapshot.deals)
    ids = text_array(snapshot.deals["deal_id"])
    if snapshot.ids_from_file is None and len(snapshot.deals):
        ids = pc.if_else(pa.array(generated_id_mask(snapshot.deals)),
                         pa.scalar(None, pa.large_string()), ids)
    return ids


def snapshot_panel(snapshots: Sequence[Snapshot]) -> pd.DataFrame:
    """Columns: `snap` (position in snapshot order), `exported` (day number), `entity`,
    PANEL_COLUMNS, `rank` (stage position in pipeline order), `close` (expected close date
    as a day number, NaN when missing). Sorted by entity, then snapshot."""
    series = ordered(snapshots)
    by_id = all(s.ids_from_file if s.ids_from_file is not None else
                ids_read_from_file(s.deals) for s in series) and bool(series)
    parts = []
    for position, snapshot in enumerate(series):  # one per import
        deals = snapshot.deals
        part = pd.DataFrame({column: deals[column].reset_index(drop=True)
                             for column in PANEL_COLUMNS})
        part.insert(0, "entity", pd.array(_identities(snapshot, by_id), dtype="str"))
        part.insert(0, "exported", day_number(snapshot.exported_on))
        part.insert(0, "snap", position)
        part["rank"] = category_codes(deals["stage"], STAGE_ORDER)
        part["close"] = day_numbers(deals["expected_close_date"].to_numpy(
            dtype="datetime64[us]"))
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["snap", "exported", "entity", *PANEL_COLUMNS, "rank",
                                     "close"])
    panel = pd.concat(parts, ignore_index=True)
    panel = panel.loc[panel["entity"].notna()]
    repeated = panel.duplicated(["snap", "entity"], keep=False)
    panel = panel.loc[~panel["entity"].isin(panel.loc[repeated, "entity"].unique())]
    return panel.sort_values(["entity", "snap"], kind="stable").reset_index(drop=True)


def with_neighbours(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel plus, for each row, the same deal in the adjacent previous / next snapshot:
    `prev_rank`, `prev_close`, `prev_exported`, `next_rank`, `next_exported` (NaN when the
    deal is absent from that snapshot)."""
    out = panel.copy()
    entity = panel["entity"].to_numpy(dtype=object)
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

    Columns: `entity`, `deal_id`, `source`, `stage`, `rank`, `first_snap`, `last_snap`,
    `first_exported`, `last_exported`, `entered_after` (export date of the snapshot before,
    when the deal was there at an earlier stage; else NaN), `left_before` (export date of
    the snapshot after, when the deal was there at a later stage; else NaN).
    """
    rows = with_neighbours(panel)
    continues = (rows["prev_rank"] == rows["rank"]).to_numpy()
    run = np.cumsum(~continues)
    rows["run"] = run
    grouped = rows.groupby("run", sort=True)
    first = grouped.head(1).set_index("run")
    last = grouped.tail(1).set_index("run")
    entered = np.where(first["prev_rank"] < first["rank"], first["prev_exported"], np.nan)
    left = np.where(last["next_rank"] > last["rank"], last["next_exported"], np.nan)
    return pd.DataFrame({
        "entity": first["entity"].to_numpy(), "deal_id": last["deal_id"].to_numpy(),
        "source": last["source"].to_numpy(), "stage": first["stage"].to_numpy(),
        "rank": first["rank"].to_numpy(), "first_snap": first["snap"].to_numpy(),
        "last_snap": last["snap"].to_numpy(), "first_exported": first["exported"].to_numpy(),
        "last_exported": last["exported"].to_numpy(), "entered_after": entered,
        "left_before": left,
    })
