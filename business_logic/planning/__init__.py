"""Objectives, reaching them and the year-end projection (docs/objectifs.md).

Modules: periods (month / quarter / year containing a date), distribution (the law of the
forecast won value), reach (probability of reaching a target, pipeline to create),
objectives (progress per period, the `objectives --json` payload), projection (year end:
forecast and linear trend). Pure: frames and dates in, dataclasses out.
"""

from business_logic.planning.distribution import WonDistribution, forecast_distributions
from business_logic.planning.objectives import (
    PeriodProgress,
    objective_progress,
    objectives_payload,
    targets_in_force,
    won_between,
)
from business_logic.planning.periods import Period, period_of, periods_of
from business_logic.planning.projection import YearEndProjection, year_end_projection
from business_logic.planning.reach import (
    PipelineToCreate,
    out_of_reach,
    pipeline_to_create,
    reach_probability,
    won_distribution,
)

__all__ = [
    "Period",
    "PeriodProgress",
    "PipelineToCreate",
    "WonDistribution",
    "YearEndProjection",
    "forecast_distributions",
    "objective_progress",
    "objectives_payload",
    "out_of_reach",
    "period_of",
    "periods_of",
    "pipeline_to_create",
    "reach_probability",
    "targets_in_force",
    "won_between",
    "won_distribution",
    "year_end_projection",
]
