"""The calibrated forecast (docs/forecast.md): layers, band checked on the past, backtest.

Modules: arrays (what was known at a date), survival (time to close, Kaplan–Meier),
layers (the three layers before calibration), calibration (the band from past errors),
lumps (large deals counted one by one in the band),
replay (the model at weekly past dates), engine (`calibrated_forecast`), backtest
(scores and `rewind`), suggestions (stage probabilities learned from closed deals).
Pure: frames and dates in, dataclasses out; never reads the clock.
"""

from business_logic.forecast.engine import (
    DEFAULT_WINDOWS,
    CalibratedForecast,
    LayerForecast,
    WindowForecast,
    calibrated_forecast,
    replayed_windows,
    what_if,
)
from business_logic.forecast.layers import LAYERS
from business_logic.forecast.tuning import Tuning

__all__ = [
    "DEFAULT_WINDOWS",
    "LAYERS",
    "CalibratedForecast",
    "LayerForecast",
    "Tuning",
    "WindowForecast",
    "calibrated_forecast",
    "replayed_windows",
    "what_if",
]
