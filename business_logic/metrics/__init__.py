"""Pure calculators over the canonical deal frame (definitions: docs/definitions.md).

Every function takes the canonical DataFrame (business_logic.columns) — or a PreparedDeals
built from it once with `prepare_deals`, so that several calculators share the encoded
columns — and, when a metric depends on it, the reference date `as_of` (never the clock).
None modifies its input. Results are frozen dataclasses whose `to_dict()` gives JSON-able
values (NaN → None).

Modules: kpis (headline KPIs), conditions (cold/overdue/untreated/closing-soon masks),
forecast + revenue_distribution (30/60/90 windows, p10/p90), alerts + deal_list (lists),
breakdowns (by_stage, by_dimension), funnel, velocity (lead, deal, sales), age, period,
filters, probabilities, thresholds (the alert rules' settings), currency (totals in the main
currency), payload (docs/cli.md `kpis`
JSON), prepared (shared numpy views).
"""

from business_logic.metrics.age import DealAge, StageAge, deal_age
from business_logic.metrics.alerts import (
    Alerts,
    alerts,
    cold_deals,
    cold_list,
    deadline_list,
    deadlines,
    overdue_deals,
    overdue_list,
    quick_win_list,
    quick_wins,
    untreated_leads,
    untreated_list,
)
from business_logic.metrics.breakdowns import (
    DimensionBreakdown,
    DimensionRow,
    StageBreakdown,
    StageRow,
    by_dimension,
    by_stage,
)
from business_logic.metrics.currency import CurrencySplit, main_currency, split_by_currency
from business_logic.metrics.deal_list import DISPLAY_COLUMNS, DealList
from business_logic.metrics.filters import (
    DealFilters,
    FilterOptions,
    apply_filters,
    filter_mask,
    filter_options,
    without_full_choices,
)
from business_logic.metrics.forecast import Forecast, ForecastWindow, forecast, forecast_window
from business_logic.metrics.funnel import Funnel, FunnelStep, funnel
from business_logic.metrics.kpis import HeadlineKpis, headline_kpis
from business_logic.metrics.payload import kpis_payload
from business_logic.metrics.period import (
    PeriodComparison,
    PeriodValues,
    compare_periods,
    period_comparison,
    period_values,
)
from business_logic.metrics.prepared import MISSING_LABEL, Deals, PreparedDeals, prepare_deals
from business_logic.metrics.probabilities import (
    apply_stage_probabilities,
    weighted_pipeline_under,
)
from business_logic.metrics.revenue_distribution import RevenueQuantiles, revenue_quantiles
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds
from business_logic.metrics.velocity import (
    DealVelocity,
    LeadVelocity,
    SalesVelocity,
    deal_velocity,
    lead_velocity,
    sales_velocity,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "DISPLAY_COLUMNS",
    "Thresholds",
    "DealList",
    "cold_list",
    "deadline_list",
    "overdue_list",
    "quick_win_list",
    "untreated_list",
    "MISSING_LABEL",
    "Deals",
    "PreparedDeals",
    "prepare_deals",
    "Alerts",
    "CurrencySplit",
    "DealAge",
    "DealFilters",
    "DealVelocity",
    "DimensionBreakdown",
    "DimensionRow",
    "FilterOptions",
    "Forecast",
    "ForecastWindow",
    "Funnel",
    "FunnelStep",
    "HeadlineKpis",
    "LeadVelocity",
    "PeriodComparison",
    "PeriodValues",
    "RevenueQuantiles",
    "SalesVelocity",
    "StageAge",
    "StageBreakdown",
    "StageRow",
    "alerts",
    "apply_filters",
    "without_full_choices",
    "apply_stage_probabilities",
    "weighted_pipeline_under",
    "by_dimension",
    "by_stage",
    "cold_deals",
    "compare_periods",
    "deadlines",
    "deal_age",
    "deal_velocity",
    "filter_mask",
    "filter_options",
    "forecast",
    "forecast_window",
    "funnel",
    "headline_kpis",
    "kpis_payload",
    "lead_velocity",
    "main_currency",
    "overdue_deals",
    "period_comparison",
    "period_values",
    "quick_wins",
    "revenue_quantiles",
    "sales_velocity",
    "split_by_currency",
    "untreated_leads",
]
