"""The calibrated forecast 30 / 60 / 90 days (docs/forecast.md), with its honest fallback.

`calibrated_forecast(deals, as_of)`: the three layers of layers.py for each window, their
band calibrated on the forecast's own past (calibration.py, from replay.py at weekly dates
before `as_of` whose window has ended by `as_of`). Below MIN_CLOSED_DEALS closed deals with
creation and close dates — or without those dates — the simple forecast of
docs/definitions.md is returned, `method = "simple"`, its whole value in the first layer.
Pure: the frame and `as_of`; only deals closed by `as_of` are learned from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np

from business_logic.forecast.arrays import DealArrays, StateAt, as_day, deal_arrays, state_at
from business_logic.forecast.calibration import MODEL_BAND, Band, band_from_past
from business_logic.forecast.layers import LAYERS, Learned, learn, raw_forecast
from business_logic.forecast.replay import (
    MIN_CLOSED_DEALS,
    REPLAY_MAX_DEALS,
    ReplayWindow,
    replay,
)
from business_logic.forecast.tuning import Tuning
from business_logic.metrics.forecast import Forecast
from business_logic.metrics.forecast import forecast as simple_forecast
from business_logic.metrics.prepared import Deals, PreparedDeals, prepare_deals

DEFAULT_WINDOWS: Final[tuple[int, ...]] = (30, 60, 90)
_BASELINE_KEY: Final = "forecast_what_if_baseline"
_TUNING_KEY: Final = "forecast_what_if_tuning"
ForecastMethod = Literal["calibrated", "simple"]


@dataclass(frozen=True)
class LayerForecast:
    expected: float
    p10: float
    p90: float
    deals: int

    def to_dict(self) -> dict[str, Any]:
        return {"expected": self.expected, "p10": self.p10, "p90": self.p90, "deals": self.deals}


@dataclass(frozen=True)
class WindowForecast:
    """One window: total and layers (their expected values add up to the total's).

    `band_checked`: the band was calibrated on at least 8 past windows (else model band,
    "pas encore vérifiée"); `band_windows`: how many past windows it was learned from;
    `law`: the won value's law the total's band was read from (planning.distribution).
    """

    days: int
    method: ForecastMethod
    expected: float
    p10: float
    p90: float
    layers: dict[str, LayerForecast]
    band_checked: bool
    band_windows: int
    # (values, cdf) of the total's law when the band is checked (lumps.won_law), else None
    law: tuple[np.ndarray, np.ndarray] | None = field(default=None, compare=False, repr=False)

    @property
    def deals(self) -> int:
        return sum(layer.deals for name, layer in self.layers.items() if name != "new_business")

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "method": self.method,
            "expected": self.expected,
            "p10": self.p10,
            "p90": self.p90,
            "deals": self.deals,
            "band_checked": self.band_checked,
            "band_windows": self.band_windows,
            "layers": {name: layer.to_dict() for name, layer in self.layers.items()},
        }


@dataclass(frozen=True)
class CalibratedForecast(Forecast):
    """The windows by their length in days, as `metrics.Forecast` (same lookup and JSON),
    with the method used and how many closed deals it learned from."""

    windows: tuple[WindowForecast, ...]  # type: ignore[assignment]
    method: ForecastMethod
    closed_deals: int


def band_for(windows: Sequence[ReplayWindow], t: float, days: int) -> Band:
    """The band at day t from the past windows that had ended by t (their expected and
    realised values without large deals: lumps.py)."""
    past = [w for w in windows if w.t + days <= t]
    if not past:
        return MODEL_BAND
    return band_from_past(
        np.array([w.rest_expected for w in past]), np.array([w.rest_realised for w in past]),
        days,
    )


def _simple(deals: Deals, as_of: dt.date, windows: Sequence[int], closed: int):
    result = simple_forecast(deals, as_of, windows)
    out = []
    for days, w in result.items():
        zero = LayerForecast(0.0, 0.0, 0.0, 0)
        layers = {"in_window": LayerForecast(w.expected, w.p10, w.p90, w.deals),
                  "late": zero, "new_business": zero}
        out.append(WindowForecast(days, "simple", w.expected, w.p10, w.p90, layers,
                                  band_checked=False, band_windows=0))
    return CalibratedForecast(tuple(out), "simple", closed)


def replayed_windows(
    deals: Deals, as_of: dt.date, windows: Sequence[int] = DEFAULT_WINDOWS
) -> Mapping[int, Sequence[ReplayWindow]]:
    """The past windows the band of `calibrated_forecast(deals, as_of, windows)` is
    calibrated on (memoised on the PreparedDeals). A scenario made by `what_if` borrows
    its baseline's: the band is what the past teaches, which a scenario does not change."""
    p = prepare_deals(deals)
    baseline = p.memo(_BASELINE_KEY, lambda: p)
    if baseline is not p:
        return replayed_windows(baseline, as_of, windows)
    t = as_day(as_of)
    every = tuple(sorted({*DEFAULT_WINDOWS, *calendar_windows(as_of), *windows}))
    return p.memo(("forecast_replay", t, every), lambda: replay(deal_arrays(p), t, every))


def calendar_windows(as_of: dt.date) -> tuple[int, ...]:
    """Days left to the end of `as_of`'s month, quarter and year (planning.periods): the
    windows Objectifs, Simulateur and the projection ask for. Replayed with 30/60/90 in one
    pass (a window's past does not depend on the others replayed with it), every page reads
    the same replay instead of replaying the year again (1M deals: ~0.4 s per page, issue 8)."""
    from business_logic.planning.periods import periods_of  # planning imports this module

    return tuple(sorted({period.days_left(as_of) for period in periods_of(as_of)} - {0}))


def what_if(scenario: Deals, baseline: Deals, tuning: Tuning) -> PreparedDeals:
    """`scenario` (a changed copy of `baseline`'s deals, business_logic.planning.whatif)
    prepared so that every forecast of it — `calibrated_forecast` and whatever calls it —
    learns with `tuning` and calibrates its band on the baseline's past (replayed once,
    memoised on the baseline). Returns a new PreparedDeals; nothing is mutated."""
    p = PreparedDeals(scenario.frame if isinstance(scenario, PreparedDeals) else scenario)
    base = prepare_deals(baseline)
    p.memo(_BASELINE_KEY, lambda: base.memo(_BASELINE_KEY, lambda: base))
    p.memo(_TUNING_KEY, lambda: tuning)
    return p


def calibrated_forecast(
    deals: Deals,
    as_of: dt.date,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    *,
    past: Mapping[int, Sequence[ReplayWindow]] | None = None,
    tuning: Tuning | None = None,
) -> CalibratedForecast:
    """The forecast of docs/forecast.md at `as_of` (see module docstring).

    `past`: the replayed windows to calibrate on (default: replayed here; the backtest
    passes its own to avoid replaying twice). Windows ending after `as_of` are ignored.
    `tuning`: the simulator's changes to what was learned (tuning.py; None = the one
    `what_if` attached to `deals`, if any).
    """
    p = prepare_deals(deals)
    if past is None and tuning is None:
        # Pages share one PreparedDeals per snapshot and filters (components/state.py):
        # a rerun or another session gets the same immutable result (1M deals: ~0.8 s).
        return p.memo(("calibrated_forecast", as_day(as_of), tuple(windows)),
                      lambda: _calibrated(p, as_of, windows, None, None))
    return _calibrated(p, as_of, windows, past, tuning)


def _learned_at(a: DealArrays, t: float) -> tuple[StateAt, Learned]:
    s = state_at(a, t)
    return s, learn(a, s, lumpy=len(a.created) <= REPLAY_MAX_DEALS)  # as replay.py


def _calibrated(
    p: PreparedDeals,
    as_of: dt.date,
    windows: Sequence[int],
    past: Mapping[int, Sequence[ReplayWindow]] | None,
    tuning: Tuning | None,
) -> CalibratedForecast:
    a = deal_arrays(p)
    t = as_day(as_of)
    # What is known at t, learned once per frame and date whatever the windows asked for.
    s, learned = p.memo(("forecast_learned", t), lambda: _learned_at(a, t))
    if not a.has_dates or learned.closed_deals < MIN_CLOSED_DEALS:
        return _simple(p, as_of, windows, learned.closed_deals)
    tuning = tuning if tuning is not None else p.memo(_TUNING_KEY, lambda: None)
    if tuning is not None:
        learned = tuning.apply(learned)
    if past is None:
        past = replayed_windows(p, as_of, windows)
    out = []
    for days in windows:
        if tuning is None:  # one window's forecast does not depend on the others asked
            raw = p.memo(("forecast_raw", t, days),
                         lambda days=days: raw_forecast(a, s, learned, days))
        else:
            raw = raw_forecast(a, s, learned, days)
        band = band_for(past.get(days, ()), t, days)
        lumps = raw.lumps
        expected, p10, p90 = band.apply(raw.expected, raw.variance, lumps)
        layers = {}
        for name in LAYERS:
            layer = raw.layers[name]
            e, lo, hi = band.apply(layer.expected, layer.variance, layer.lumps)
            layers[name] = LayerForecast(e, lo, hi, layer.deals)
        law = band.law(raw.expected, lumps) if band.checked else None
        out.append(WindowForecast(days, "calibrated", expected, p10, p90, layers,
                                  band_checked=band.checked, band_windows=band.windows,
                                  law=law))
    return CalibratedForecast(tuple(out), "calibrated", learned.closed_deals)
