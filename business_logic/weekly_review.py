"""The weekly review and the workbook: what the `report` command and the app's exports hold.

Pure (no Streamlit, no SQL): every figure comes from the calculators of
`business_logic.metrics` (definitions: docs/definitions.md); this module only chooses
what a founder reads on Monday morning and names it in French. Rendering and number
formatting live elsewhere (utils/pdf_review.py for the PDF, business_logic.exporting for
CSV/XLSX, which neutralise formula-looking text): business_logic never imports utils.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

import pandas as pd

from business_logic import metrics
from business_logic.forecast import CalibratedForecast, calibrated_forecast
from business_logic.labels import (
    FIELD_LABELS,
    cold_phrase,
    currency_notice,
    filter_lines,
    quick_win_probability_phrase,
    soon_phrase,
    stage_label,
    status_label,
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
from business_logic.review_history import ReviewHistory

REVIEW_PERIOD_DAYS: Final = 7
TOP_ACTIONS: Final = 5
TOP_SOURCES: Final = 5

#: Deal columns of the CSV export and of the workbook's "Affaires" sheet, in order.
EXPORT_COLUMNS: Final[tuple[str, ...]] = (
    "deal_id", "name", "company", "stage", "status", "amount", "currency", "probability",
    "source", "owner", "sector", "segment", "created_date", "expected_close_date",
    "closed_date", "last_activity_date", "lost_reason", "notes",
)  # fmt: skip

DAY_COLUMN_LABELS: Final[dict[str, str]] = {
    "days_overdue": "Jours de retard",
    "days_since_activity": "Jours sans activité",
    "days_until_close": "Jours avant clôture",
    "days_since_creation": "Jours depuis la création",
}

# (key of metrics.Alerts, the list's computed day column), in the review's order
_ACTIONS: Final = (
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

    def action(self, key: str) -> ActionList:
        return next(action for action in self.actions if action.key == key)


def _action_lists(
    alerts: metrics.Alerts, limit: int, thresholds: Thresholds
) -> tuple[ActionList, ...]:
    titles = action_titles(thresholds)
    out = []
    for key, day_column in _ACTIONS:
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
) -> WeeklyReview:
    """The weekly review of `deals` (already filtered) as of D under the thresholds in
    force. `import_label` names the snapshot (e.g. "n° 3 · 26 nov. 2026 · export.csv").
    Totals are in `currency` (the snapshot's main one; default: that of `deals`): deals in
    another currency are left out of every number and named (docs/definitions.md).
    `filters` (metrics.DealFilters) are the ones that produced `deals`, named in the PDF;
    `history` adds "Depuis le dernier import" and the anomalies (docs/history.md)."""
    in_main, currencies = split_by_currency(metrics.prepare_deals(deals).frame, currency)
    p = metrics.prepare_deals(in_main)
    as_of = calendar_date(as_of)
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
    )


# --- tables for CSV and XLSX ------------------------------------------------------------


def _french_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Stage and status in French words, headers in French (business_logic.labels)."""
    out = frame.copy()
    if "stage" in out:
        out["stage"] = out["stage"].map(stage_label, na_action="ignore")
    if "status" in out:
        out["status"] = out["status"].map(status_label, na_action="ignore")
    return out.rename(columns={**FIELD_LABELS, **DAY_COLUMN_LABELS})


def deals_export_frame(deals: pd.DataFrame) -> pd.DataFrame:
    """The deals as exported (CSV, "Affaires" sheet): EXPORT_COLUMNS, French headers."""
    frame = deals.frame if isinstance(deals, metrics.PreparedDeals) else deals
    return _french_values(frame[list(EXPORT_COLUMNS)])


def _as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns as calendar dates, so a spreadsheet shows no 00:00:00."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = [None if pd.isna(v) else v.date() for v in out[name]]
    return out


def _summary_frame(review: WeeklyReview, filters: object = None) -> pd.DataFrame:
    k = review.kpis
    titles = action_titles(review.thresholds)
    rows: list[tuple[str, object]] = [
        ("Date de référence", review.as_of),
        ("Affaires", k.deals_total),
        ("Affaires en cours", k.deals_open),
        ("Affaires gagnées", k.deals_won),
        ("Affaires perdues", k.deals_lost),
        ("Pipeline brut (€)", k.pipeline_gross),
        ("Pipeline pondéré (€)", k.pipeline_weighted),
        ("Chiffre signé (€)", k.won_value),
        ("Taux de conversion", k.conversion_rate),
        ("Taux de réussite", k.win_rate),
        ("Panier moyen (€)", k.average_deal_size),
        ("Affaires en retard de clôture", k.overdue_deals),
        (titles["cold"], k.cold_deals),
        (titles["untreated_leads"], k.untreated_leads),
    ]
    for days, window in review.forecast.items():
        rows += [
            (f"Prévision {days} jours, pessimiste P10 (€)", window.p10),
            (f"Prévision {days} jours, le plus probable (€)", window.expected),
            (f"Prévision {days} jours, optimiste P90 (€)", window.p90),
        ]
    if review.currencies.excluded:
        rows.append(("Hors totaux (autres devises)", currency_notice(review.currencies)))
    in_force = filter_lines(filters)
    rows += [(f"Filtre : {name}", values) for name, values in in_force] or [
        ("Filtres", "aucun (toutes les affaires)")]
    return pd.DataFrame(rows, columns=["Indicateur", "Valeur"])


def stages_frame(stages: StageBreakdown) -> pd.DataFrame:
    return pd.DataFrame(
        [(stage_label(r.stage), r.count, r.gross, r.weighted) for r in stages.rows],
        columns=["Étape", "Affaires", "Montant brut (€)", "Montant pondéré (€)"],
    )


def dimension_frame(deals: metrics.Deals, dimension: str) -> pd.DataFrame:
    """by_source / by_sector / by_owner of docs/definitions.md with French headers."""
    rows = metrics.by_dimension(deals, dimension).rows  # type: ignore[arg-type]
    return pd.DataFrame(
        [
            (r.value, r.deals, r.won, r.lost, r.conversion_rate, r.win_rate, r.won_value,
             r.average_won_deal_size, r.median_days_to_win)
            for r in rows
        ],
        columns=[FIELD_LABELS[dimension], "Affaires", "Gagnées", "Perdues",
                 "Taux de conversion", "Taux de réussite", "Chiffre signé (€)",
                 "Panier moyen gagné (€)", "Délai médian de signature (jours)"],
    )  # fmt: skip


def actions_frame(alerts: metrics.Alerts, thresholds: Thresholds) -> pd.DataFrame:
    """Every actionable deal (all of each list, not only the top 5), one row per listing."""
    titles = action_titles(thresholds)
    parts = []
    for key, day_column in _ACTIONS:
        title = titles[key]
        listed = getattr(alerts, key).frame
        part = listed[["name", "company", "amount", "stage", "owner",
                       "expected_close_date", "last_activity_date"]].copy()
        part.insert(0, "action", title)
        part["days"] = listed[day_column].to_numpy()
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame = _french_values(frame)
    return frame.rename(columns={"action": "Action", "days": "Jours"})


def workbook_sheets(
    deals: metrics.Deals, as_of: dt.date, thresholds: Thresholds = metrics.DEFAULT_THRESHOLDS,
    *,
    currency: str | None = None,
    filters: object = None,
) -> dict[str, pd.DataFrame]:
    """The XLSX workbook: sheet name → frame (French names and headers, raw numbers; rates
    are fractions 0..1, amounts in the file's currency). `filters` (metrics.DealFilters)
    are listed on the first sheet, "Synthèse"."""
    every = metrics.prepare_deals(deals).frame
    review = build_weekly_review(every, as_of, thresholds=thresholds, currency=currency)
    p = metrics.prepare_deals(split_by_currency(every, review.currencies.main)[0])
    sheets = {
        "Synthèse": _summary_frame(review, filters),
        "Affaires": deals_export_frame(every),  # every filtered deal, each in its currency
        "Par étape": stages_frame(review.stages),
        "Par source": dimension_frame(p, "source"),
        "Par secteur": dimension_frame(p, "sector"),
        "Par commercial": dimension_frame(p, "owner"),
        "Actions": actions_frame(metrics.alerts(p, review.as_of, thresholds), thresholds),
    }
    return {name: _as_dates(frame) for name, frame in sheets.items()}

