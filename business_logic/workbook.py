"""The XLSX workbook and the CSV export: French sheet names and headers, raw numbers
(rates as fractions 0..1, amounts in the file's currency). Built from the weekly review's
figures so both say the same thing; formatting and formula neutralising are
business_logic.exporting's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

import pandas as pd

from business_logic import metrics
from business_logic.actions import ActionRanking, ActionState, rank_actions
from business_logic.columns import ENTRY_DATE_FIELDS
from business_logic.labels import (
    FIELD_LABELS,
    currency_notice,
    filter_lines,
    stage_label,
    status_label,
)
from business_logic.metrics import StageBreakdown, Thresholds, split_by_currency
from business_logic.weekly_review import WeeklyReview, action_titles, build_weekly_review

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



def _french_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Stage and status in French words, headers in French (business_logic.labels)."""
    out = frame.copy()
    if "stage" in out:
        out["stage"] = out["stage"].map(stage_label, na_action="ignore")
    if "status" in out:
        out["status"] = out["status"].map(status_label, na_action="ignore")
    return out.rename(columns={**FIELD_LABELS, **DAY_COLUMN_LABELS})


def deals_export_frame(deals: pd.DataFrame) -> pd.DataFrame:
    """The deals as exported (CSV, "Affaires" sheet): EXPORT_COLUMNS, French headers, and
    the per-stage entry dates the snapshot has (after the last activity; their French
    headers are read back by the importer, so the export round-trips them)."""
    frame = deals.frame if isinstance(deals, metrics.PreparedDeals) else deals
    columns = list(EXPORT_COLUMNS)
    entered = [name for name in ENTRY_DATE_FIELDS.values()
               if name in frame.columns and frame[name].notna().any()]
    at = columns.index("last_activity_date") + 1
    return _french_values(frame[columns[:at] + entered + columns[at:]])


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


def actions_frame(ranking: ActionRanking) -> pd.DataFrame:
    """The whole to-do list of Actions prioritaires (docs/actions.md): each deal once, best
    score first, its reasons as tags; done and snoozed deals left out, as on the page."""
    ranked = ranking.visible
    frame = ranked[["name", "company", "amount", "probability", "stage", "owner",
                    "expected_close_date", "last_activity_date"]].copy()
    frame.insert(0, "rank", range(1, len(frame) + 1))
    frame["reasons"] = [", ".join(tags) for tags in ranked["tags"]]
    frame["urgency"] = ranked["urgency"].to_numpy()
    frame["score"] = ranked["score"].to_numpy()
    frame = _french_values(frame)
    return frame.rename(columns={"rank": "N°", "reasons": "Raisons", "urgency": "Urgence",
                                 "score": "Score (€)"})


def workbook_sheets(
    deals: metrics.Deals, as_of: dt.date, thresholds: Thresholds = metrics.DEFAULT_THRESHOLDS,
    *,
    currency: str | None = None,
    filters: object = None,
    action_states: Mapping[str, ActionState] | None = None,
) -> dict[str, pd.DataFrame]:
    """The XLSX workbook: sheet name → frame (French names and headers, raw numbers; rates
    are fractions 0..1, amounts in the file's currency). `filters` (metrics.DealFilters)
    are listed on the first sheet, "Synthèse"; `action_states` (done / snoozed) leave the
    "Actions" sheet as they leave the Actions prioritaires page."""
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
        "Actions": actions_frame(rank_actions(p, review.as_of, thresholds,
                                              states=action_states)),
    }
    return {name: _as_dates(frame) for name, frame in sheets.items()}

