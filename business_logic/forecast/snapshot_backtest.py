"""Backtest from stored snapshots (docs/forecast.md, "Backtest"), and the choice of source.

When the founder has imported the same CRM at dates at least N days apart, nothing needs to
be reconstructed: the forecast of window t is the one the product made from the snapshot
exported on t (`calibrated_forecast` of that frame at its export date, band included: what
the founder saw), and the realised value is the won amount with closed_date in (t, t + N]
according to the latest snapshot (the one that knows most about the window). The simple
forecast and the run-rate (won value in [t − N, t)) are computed on the snapshot of t too.
Windows are the snapshots' export dates at least N days before the latest one, at least a
week apart counting back from the latest of them (the replay's step), MAX_WINDOWS at most.
Scores as in backtest.py.

`choose_backtest` takes the snapshots when two of them are >= N days apart, else the
single-export reconstruction of the latest one (backtest.py), per horizon.
Pure: frames and dates in; nothing is read after the latest export date (or `as_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from business_logic.forecast.arrays import as_day, deal_arrays
from business_logic.forecast.backtest import Backtest, BacktestWindow, backtest, summarise
from business_logic.forecast.engine import calibrated_forecast
from business_logic.forecast.replay import MAX_WINDOWS, STEP_DAYS, won_between
from business_logic.metrics.conditions import closing_within_mask
from business_logic.metrics.prepared import Deals, prepare_deals

DatedSnapshot = tuple[dt.date, Deals]  # (export date, the deals of that export)


def _in_order(snapshots: Sequence[DatedSnapshot], as_of: dt.date | None) -> list[DatedSnapshot]:
    """Oldest first (stable: same-day imports keep their order), none after `as_of`."""
    kept = [s for s in snapshots if as_of is None or s[0] <= as_of]
    return sorted(kept, key=lambda s: s[0])


def snapshots_apart(dates: Sequence[dt.date], days: int) -> bool:
    """Two exports at least `days` days apart: a window of `days` days can be scored."""
    return len(dates) >= 2 and (max(dates) - min(dates)).days >= days


def _window_dates(dates: Sequence[dt.date], last: dt.date, days: int) -> list[int]:
    """Indexes of the snapshots that open a window: exported <= last − days, and at least
    a week apart, counting back from the latest such export (the replay's weekly step)."""
    chosen: list[int] = []
    for i in range(len(dates) - 1, -1, -1):
        if (last - dates[i]).days < days:
            continue
        if chosen and (dates[chosen[-1]] - dates[i]).days < STEP_DAYS:
            continue
        chosen.append(i)
    return chosen[:MAX_WINDOWS][::-1]


def snapshot_backtest(snapshots: Sequence[DatedSnapshot], days: int,
                      as_of: dt.date | None = None) -> Backtest:
    """The windows and scores of horizon `days` from stored snapshots (module docstring)."""
    ordered = _in_order(snapshots, as_of)
    if len(ordered) < 2:
        return summarise(days, "simple", [], source="snapshots")
    last_day, truth = ordered[-1]
    truth_arrays = deal_arrays(prepare_deals(truth))
    windows, methods = [], []
    for i in _window_dates([d for d, _ in ordered], last_day, days):
        t, frame = ordered[i]
        prepared = prepare_deals(frame)
        shown = calibrated_forecast(prepared, t, (days,))
        window = shown[days]
        methods.append(shown.method)
        day = as_day(t)
        windows.append(BacktestWindow(
            as_of=t,
            expected=window.expected,
            p10=window.p10,
            p90=window.p90,
            realised=won_between(truth_arrays, day, day + days, include_start=False),
            simple_expected=float(prepared.weighted[closing_within_mask(prepared, t, days)]
                                  .sum()),  # docs/definitions.md's expected value
            run_rate=won_between(deal_arrays(prepared), day - days, day, include_start=True),
            band_checked=window.band_checked,
        ))
    method = methods[-1] if methods else "simple"
    return summarise(days, method, windows, source="snapshots")


def choose_backtest(snapshots: Sequence[DatedSnapshot], as_of: dt.date | None = None,
                    horizons: tuple[int, ...] = (30, 60, 90)) -> dict[int, Backtest]:
    """Per horizon N: from the snapshots exported by `as_of` when two of them are >= N days
    apart, else reconstructed from the latest snapshot alone (backtest.py, as before)."""
    if not snapshots:
        return {}
    usable = _in_order(snapshots, as_of)
    dates = [d for d, _ in usable]
    out: dict[int, Backtest] = {}
    from_export = tuple(n for n in horizons if not snapshots_apart(dates, n))
    if from_export:
        latest = _in_order(snapshots, None)[-1][1]
        out.update(backtest(latest, as_of, from_export))
    for n in horizons:
        if n not in out:
            out[n] = snapshot_backtest(usable, n)
    return {n: out[n] for n in horizons}


def needs_snapshots(dates: Sequence[dt.date], as_of: dt.date | None,
                    horizons: Sequence[int]) -> bool:
    """Whether `choose_backtest` will read more than the latest snapshot (load them all)."""
    usable = [d for d in dates if as_of is None or d <= as_of]
    return any(snapshots_apart(usable, n) for n in horizons)
