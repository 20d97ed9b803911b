"""Backtest from stored snapshots (docs/forecast.md): the forecast each snapshot showed,
the realised value read from the latest one; and the choice between snapshots and export."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from business_logic.columns import coerce_canonical_dtypes
from business_logic.forecast import calibrated_forecast
from business_logic.forecast.backtest import backtest
from business_logic.forecast.snapshot_backtest import (
    choose_backtest,
    snapshot_backtest,
    snapshots_apart,
)
from tests.forecast.history import END, sales_history


def export_at(history: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The same CRM exported on `day`: later deals absent, later closes still open at stage
    proposal with their close as the planned date (what the CRM showed then)."""
    ts = pd.Timestamp(day)
    out = history.loc[history["created_date"] <= ts].copy()
    later = (out["closed_date"] > ts).to_numpy()
    out.loc[later, ["stage", "stage_label", "stage_reached", "status"]] = [
        "proposal", "proposal", "proposal", "open"]
    out.loc[later, "probability"] = 0.3
    out.loc[later, "closed_date"] = pd.NaT
    return coerce_canonical_dtypes(out.reset_index(drop=True))


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return sales_history(open_stage="proposal")


@pytest.fixture(scope="module")
def snapshots(history) -> list[tuple[dt.date, pd.DataFrame]]:
    days = [END - dt.timedelta(days=7 * k) for k in range(12, -1, -1)]  # 13 weekly exports
    return [(day, export_at(history, day)) for day in days]


@pytest.fixture(scope="module")
def result(snapshots):
    return snapshot_backtest(snapshots, 30)


def _won_between(frame: pd.DataFrame, start: dt.date, end: dt.date) -> float:
    closed = frame["closed_date"]
    inside = (closed > pd.Timestamp(start)) & (closed <= pd.Timestamp(end))
    return float(frame.loc[(frame["status"] == "won") & inside, "amount"].sum())


def test_windows_are_the_exports_at_least_n_days_before_the_latest(result):
    assert result.source == "snapshots"
    assert [w.as_of for w in result.windows] == [
        END - dt.timedelta(days=7 * k) for k in range(12, 4, -1)]  # 84 … 35 days before


def test_each_window_is_the_forecast_its_snapshot_showed(snapshots, result):
    for w in result.windows[::3]:
        frame = dict(snapshots)[w.as_of]
        shown = calibrated_forecast(frame, w.as_of, (30,))[30]
        assert (w.expected, w.p10, w.p90, w.band_checked) == pytest.approx(
            (shown.expected, shown.p10, shown.p90, shown.band_checked))


def test_realised_is_read_from_the_latest_snapshot(snapshots, result):
    latest = snapshots[-1][1]
    for w in result.windows:
        assert w.realised == pytest.approx(
            _won_between(latest, w.as_of, w.as_of + dt.timedelta(days=30)))
        # the snapshot of the window's own date knows nothing of it
        assert _won_between(dict(snapshots)[w.as_of], w.as_of,
                            w.as_of + dt.timedelta(days=30)) == 0
    assert any(w.realised > 0 for w in result.windows)


def test_baselines_come_from_the_snapshot_of_the_window(snapshots, result):
    w = result.windows[2]
    frame = dict(snapshots)[w.as_of]
    ts = pd.Timestamp(w.as_of)
    won = frame["status"] == "won"
    run_rate = frame.loc[won & (frame["closed_date"] >= ts - pd.Timedelta(days=30))
                         & (frame["closed_date"] < ts), "amount"].sum()
    assert w.run_rate == pytest.approx(run_rate)
    dated = ((frame["status"] == "open") & (frame["expected_close_date"] >= ts)
             & (frame["expected_close_date"] <= ts + pd.Timedelta(days=30)))
    assert w.simple_expected == pytest.approx(
        (frame.loc[dated, "amount"] * frame.loc[dated, "probability"]).sum())
    assert w.simple_expected > 0  # a real export has close dates: the simple forecast works


def test_scores_are_over_the_checked_windows(result):
    scored = [w for w in result.windows if w.band_checked] or list(result.windows)
    assert result.scored == len(scored)
    assert result.coverage == pytest.approx(np.mean([w.covered for w in scored]))


def test_a_later_snapshot_changes_the_realised_value_never_the_forecast(snapshots, result):
    changed = list(snapshots)
    day, latest = changed[-1]
    latest = latest.copy()
    latest.loc[latest["status"] == "won", "amount"] *= 2
    changed[-1] = (day, latest)
    other = snapshot_backtest(changed, 30)
    for a, b in zip(result.windows, other.windows, strict=True):
        assert (a.expected, a.p10, a.p90) == pytest.approx((b.expected, b.p10, b.p90))
        assert b.realised == pytest.approx(2 * a.realised)


def test_exports_less_than_a_week_apart_give_one_window(snapshots, history, result):
    day = snapshots[1][0] - dt.timedelta(days=2)
    extra = (day, export_at(history, day))
    more = snapshot_backtest([snapshots[0], extra, *snapshots[1:]], 30)
    assert [w.as_of for w in more.windows] == [w.as_of for w in result.windows]


def test_snapshots_are_used_per_horizon_when_two_are_far_enough_apart(snapshots, history):
    # 13 weekly exports span 84 days: 30 and 60 days from snapshots, 90 from the export
    assert snapshots_apart([d for d, _ in snapshots], 84)
    assert not snapshots_apart([d for d, _ in snapshots], 90)
    chosen = choose_backtest(snapshots)
    assert {n: b.source for n, b in chosen.items()} == {
        30: "snapshots", 60: "snapshots", 90: "export"}
    alone = backtest(snapshots[-1][1], None, (90,))[90]
    assert chosen[90].to_dict() == {**alone.to_dict(), "source": "export"}


def test_a_single_snapshot_is_reconstructed_from_the_export(snapshots):
    chosen = choose_backtest(snapshots[-1:], horizons=(30,))
    assert chosen[30].source == "export"
    assert chosen[30].to_dict()["source"] == "export"
    assert len(chosen[30].windows) > 0


def test_snapshots_after_as_of_are_not_read(snapshots):
    as_of = snapshots[-3][0]
    chosen = snapshot_backtest(snapshots, 30, as_of)
    assert chosen.to_dict() == snapshot_backtest(snapshots[:-2], 30).to_dict()
