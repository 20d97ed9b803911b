"""`stage_runs` reads the neighbours it needs from arrays (issue 8: no copy of the panel);
its runs are those `with_neighbours` describes (docs/history.md, time in stage)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from business_logic.history.panel import stage_runs, with_neighbours


def _panel(seed: int) -> pd.DataFrame:
    """Deals seen in some of 5 snapshots (gaps included), stages moving at random."""
    rng = np.random.default_rng(seed)
    rows = [(entity, snap) for entity in range(60) for snap in range(5) if rng.random() < 0.7]
    entity, snap = (np.array(v, dtype=np.int64) for v in zip(*rows, strict=True))
    return pd.DataFrame({
        "snap": snap, "row": np.arange(len(snap), dtype=np.int64),
        "exported": 20_000.0 + 7.0 * snap, "entity": entity,
        "rank": rng.integers(-1, 6, len(snap)), "status": np.zeros(len(snap), dtype=np.int64),
        "close": np.full(len(snap), np.nan),
    })


def _runs_from_neighbours(panel: pd.DataFrame) -> pd.DataFrame:
    """The runs as the neighbours table gives them (the former implementation)."""
    rows = with_neighbours(panel)
    first = np.flatnonzero(~(rows["prev_rank"] == rows["rank"]).to_numpy())
    last = np.append(first[1:] - 1, len(rows) - 1)
    at = lambda column, where: rows[column].to_numpy()[where]  # noqa: E731
    rank_first = at("rank", first).astype("float64")
    return pd.DataFrame({
        "entity": at("entity", first), "rank": at("rank", first),
        "first_snap": at("snap", first), "last_snap": at("snap", last),
        "last_row": at("row", last),
        "first_exported": at("exported", first), "last_exported": at("exported", last),
        "entered_after": np.where(at("prev_rank", first) < rank_first,
                                  at("prev_exported", first), np.nan),
        "left_before": np.where(at("next_rank", last) > rank_first,
                                at("next_exported", last), np.nan),
    })


def test_stage_runs_are_the_runs_the_neighbours_describe() -> None:
    for seed in range(20):
        panel = _panel(seed)
        pd.testing.assert_frame_equal(stage_runs(panel), _runs_from_neighbours(panel))


def test_a_deal_entering_and_leaving_a_stage_between_snapshots() -> None:
    panel = pd.DataFrame({
        "snap": [0, 1, 2, 3], "row": [0, 0, 0, 0], "exported": [0.0, 7.0, 14.0, 21.0],
        "entity": [5, 5, 5, 5], "rank": [0, 2, 2, 3], "status": [0, 0, 0, 0],
        "close": [np.nan] * 4,
    })
    runs = stage_runs(panel)
    assert runs["rank"].tolist() == [0, 2, 3]
    middle = runs.iloc[1]
    assert (middle["first_snap"], middle["last_snap"]) == (1, 2)
    assert (middle["entered_after"], middle["left_before"]) == (0.0, 21.0)
