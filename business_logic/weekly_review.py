"""The weekly review: what the PDF review (`report --format pdf`, the Accueil download) holds;
the workbook's tables are in business_logic/workbook.py.

Pure (no Streamlit, no SQL): every figure comes from the calculators of
`business_logic.metrics` (definitions: docs/definitions.md); this module only chooses
what a founder reads on Monday morning and names it in French. Rendering and number
formatting live elsewhere (utils/pdf_review.py for the PDF, business_logic.exporting for
CSV/XLSX, which neutralise formula-looking text): business_logic never imports utils.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd

from business_logic import metrics
from business_logic.actions import ActionState, rank_actions
from business_logic.forecast import CalibratedForecast, calibrated_forecast
from business_logic.labels import (
    cold_phrase,
    filter_lines,
    quick_win_probability_phrase,
    soon_phrase,
    untreated_phrase,
)
from business_logic.metrics import (
    CurrencySplit,
    DealList,
    DimensionRow,
    HeadlineKpis,
    PeriodComparison,
    StageBreakdown,
    Thresholds,
    split_by_currency,
)
from business_logic.metrics._common import calendar_date
from business_logic.planning import PeriodProgress, objective_progress
from business_logic.review_history import ReviewHistory

REVIEW_PERIOD_DAYS: Final = 7
TOP_ACTIONS: Final = 5
TOP_RANKED: Final = 10
TOP_SOURCES: Final = 5

# (key of metrics.Alerts, the list's computed day column), in the review's order
ACTIONS: Final = (
    ("overdue", "days_overdue"),
    ("cold", "days_since_activity"),
    ("quick_wins", "days_until_close"),
    ("untreated_leads", "days_since_creation"),
)


def action_titles(thresholds: Thresholds) -> dict[str, str]:
    """The French title of each action list, naming the thresholds in force (never a copy
    of the defaults: docs/definitions.md, "Seuils")."""
    t = thresholds
    return {
        "overdue": "En retard de clôture",
        "cold": f"Affaires froides ({cold_phrase(t)})",
        "quick_wins": (
            f"Gains rapides (probabilité ≥ {quick_win_probability_phrase(t)}, "
            f"clôture sous {soon_phrase(t)})"
        ),
        "untreated_leads": f"Leads non traités depuis {untreated_phrase(t)}",
    }

PERIOD_LABELS: Final[dict[str, str]] = {
    "deals_created": "Affaires créées",
    "deals_won": "Affaires gagnées",
    "won_value": "Chiffre signé",
    "win_rate": "Taux de réussite",
    "pipeline_created": "Pipeline créé",
}


@dataclass(frozen=True, eq=False)
class ActionList:
    """One actionable alert list: how many deals, and the first ones in docs/definitions.md
    order."""

    key: str
    title: str
    count: int
    day_column: str
    top: pd.DataFrame  # DISPLAY_COLUMNS of metrics.deal_list + `day_column`


@dataclass(frozen=True, eq=False)
class WeeklyReview:
    """Content of the one-to-two-page weekly review, as numbers (formatting, including the
    forecast sentence "9 chances sur 10 …", is the renderer's job)."""

    as_of: dt.date
    import_label: str
    kpis: HeadlineKpis
    period: PeriodComparison  # last 7 days vs the 7 days before
    forecast: CalibratedForecast  # 30 / 60 / 90 days (docs/forecast.md)
    actions: tuple[ActionList, ...]  # overdue, cold, quick wins, untreated leads
    stages: StageBreakdown
    top_sources: tuple[DimensionRow, ...]  # by won value, won deals only
    thresholds: Thresholds  # the values in force, for every text that names one
    currencies: CurrencySplit  # totals are in `main`; deals in other currencies left out
    filters: tuple[tuple[str, str], ...] = ()  # the filters in force, (name, values)
    history: ReviewHistory | None = None  # since the previous import, anomalies
    # The Actions prioritaires list (docs/actions.md): its first TOP_RANKED rows, the count
    ranked: pd.DataFrame | None = None
    ranked_count: int = 0
    objectives: tuple[PeriodProgress, ...] = ()  # month, quarter, year (docs/objectifs.md)

    def action(self, key: str) -> ActionList:
        return next(action for action in self.actions if action.key == key)


def _action_lists(
    alerts: metrics.Alerts, limit: int, thresholds: Thresholds
) -> tuple[ActionList, ...]:
    titles = action_titles(thresholds)
    out = []
    for key, day_column in ACTIONS:
        deal_list: DealList = getattr(alerts, key)
        out.append(
            ActionList(key, titles[key], deal_list.count, day_column, deal_list.head(limit))
        )
    return tuple(out)


def top_sources_by_won_value(deals: metrics.Deals, limit: int = TOP_SOURCES) -> tuple[
    DimensionRow, ...
]:
    """Sources that signed something, by won value descending (then number of deals)."""
    rows = [row for row in metrics.by_dimension(deals, "source").rows if row.won_value > 0]
    rows.sort(key=lambda row: (-row.won_value, -row.deals, row.value))
    return tuple(rows[:limit])


def build_weekly_review(
    deals: metrics.Deals,
    as_of: dt.date,
    import_label: str = "",
    thresholds: Thresholds = metrics.DEFAULT_THRESHOLDS,
    *,
    currency: str | None = None,
    filters: object = None,
    history: ReviewHistory | None = None,
    action_states: Mapping[str, ActionState] | None = None,
    targets: Mapping[dt.date, float] | None = None,
) -> WeeklyReview:
    """The weekly review of `deals` (already filtered) as of D under the thresholds in
    force. `import_label` names the snapshot (e.g. "n° 3 · 26 nov. 2026 · export.csv").
    Totals are in `currency` (the snapshot's main one; default: that of `deals`): deals in
    another currency are left out of every number and named (docs/definitions.md).
    `filters` (metrics.DealFilters) are the ones that produced `deals`, named in the PDF;
    `history` adds "Depuis le dernier import" and the anomalies (docs/history.md);
    `action_states` (done / snoozed, database/action_states.py) leave the ranked list as on
    the Actions prioritaires page: the same ranking (docs/actions.md);
    `targets` (monthly, those in force for the filters) adds "Objectifs" when one is set."""
    in_main, currencies = split_by_currency(metrics.prepare_deals(deals).frame, currency)
    p = metrics.prepare_deals(in_main)
    as_of = calendar_date(as_of)
    ranking = rank_actions(
        p, as_of, thresholds, states=action_states,
        stuck_ids={row["deal_id"] for row in (history.stuck if history else ())},
        slipping_ids={row["deal_id"] for row in (history.slipping if history else ())},
    )
    return WeeklyReview(
        as_of=as_of,
        import_label=import_label,
        kpis=metrics.headline_kpis(p, as_of, thresholds),
        period=metrics.period_comparison(p, as_of, REVIEW_PERIOD_DAYS),
        forecast=calibrated_forecast(p, as_of),
        actions=_action_lists(metrics.alerts(p, as_of, thresholds), TOP_ACTIONS, thresholds),
        stages=metrics.by_stage(p),
        top_sources=top_sources_by_won_value(p),
        thresholds=thresholds,
        currencies=currencies,
        filters=tuple(filter_lines(filters)),
        history=history,
        ranked=ranking.visible.head(TOP_RANKED),
        ranked_count=len(ranking.visible),
        objectives=tuple(objective_progress(p, as_of, targets)) if targets else (),
    )
