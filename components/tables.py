"""Deal tables in French: labelled columns, Babel-formatted values, overdue dates in red.

A pandas Styler carries the display text while the cells keep their raw values, so the
browser still sorts amounts and dates as numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from business_logic.metrics import DealList
from business_logic.metrics.conditions import days_until_close, overdue_mask
from utils.formatting import (
    format_count,
    format_date,
    format_days,
    format_eur,
    format_number,
    format_percent,
    is_missing,
)
from utils.labels import FIELD_LABELS, stage_label, status_label

OVERDUE_STYLE = "color: #dc2626; font-weight: 600"
EXTRA_LABELS = {
    "days_since_activity": "Jours sans activité",
    "days_overdue": "Jours de retard",
    "days_since_creation": "Jours depuis la création",
    "days_until_close": "Échéance",
    "age_days": "Âge",
}
# Short action lists: what to act on first, then the context.
LIST_COLUMNS = (
    "name", "amount", "days_overdue", "days_since_activity", "days_since_creation",
    "days_until_close", "age_days", "stage", "probability", "owner", "expected_close_date",
    "last_activity_date", "source",
)
HIDDEN = ("overdue", "probability_explicit", "stage_label", "stage_reached", "source_row")
# The deal and its amount stay on screen when a narrow table scrolls sideways (a phone:
# issue 12, item 9): first columns, pinned.
PINNED = {FIELD_LABELS["name"]: st.column_config.Column(pinned=True),
          FIELD_LABELS["amount"]: st.column_config.Column(pinned=True)}


def _due_in(days: object) -> str:
    """-3 -> "3 jours de retard", 0 -> "aujourd'hui", 5 -> "dans 5 jours"."""
    if is_missing(days):
        return "—"
    if float(days) < 0:
        return f"{format_days(-float(days))} de retard"
    return "aujourd'hui" if float(days) == 0 else f"dans {format_days(days)}"


def _formatter(column: str) -> Callable[[object], str] | None:
    if column == "amount":
        return format_eur
    if column == "probability":
        return lambda v: format_percent(v, 0)
    if column.endswith("_date"):
        return format_date
    if column == "days_until_close":
        return _due_in
    if column.startswith("days_") or column == "age_days":
        return format_days
    if column == "stage":
        return stage_label
    if column == "status":
        return status_label
    return None


def styled(frame: pd.DataFrame, as_of: dt.date, columns: tuple[str, ...] | None = None):
    """A Styler of `frame` (optionally only `columns`, in that order) with French labels and
    formats; close dates of open deals already past `as_of` in red."""
    shown = [c for c in (columns or frame.columns) if c in frame.columns and c not in HIDDEN]
    labels = {c: FIELD_LABELS.get(c, EXTRA_LABELS.get(c, c)) for c in shown}
    view = frame[shown].rename(columns=labels)
    styler = view.style.format(
        {labels[c]: f for c in shown if (f := _formatter(c)) is not None}, na_rep="—"
    )
    if "expected_close_date" in shown:
        if "overdue" in frame.columns:
            late = frame["overdue"].to_numpy(dtype=bool, na_value=False)
        elif "status" in frame.columns:
            late = overdue_mask(frame, as_of)
        else:  # an action list: every deal in it is open
            late = days_until_close(frame, as_of) < 0
        styles = np.where(late, OVERDUE_STYLE, "")
        styler = styler.apply(lambda _: styles, subset=[labels["expected_close_date"]], axis=0)
    return styler.hide(axis="index")


def deal_list(
    items: DealList | pd.DataFrame,
    as_of: dt.date,
    *,
    key: str,
    empty: str,
    limit: int | None = 10,
    order: str = "par montant décroissant",
) -> None:
    """The first `limit` deals of an ordered list (all when None), or the `empty` message."""
    count = len(items)
    if count == 0:
        st.success(empty, icon=":material/check_circle:")
        return
    if limit is None:
        head = items.frame if isinstance(items, DealList) else items
    else:
        head = items.head(limit)
    if limit is not None and count > limit:
        st.caption(
            f"Les {limit} premières sur {format_count(count, 'affaire')}, "
            f"{order}."
        )
    st.dataframe(styled(head, as_of, LIST_COLUMNS), key=key, hide_index=True, placeholder="—",
                 column_config=PINNED)


def rows_frame(rows) -> pd.DataFrame:
    """Calculator result rows (dataclasses with `to_dict()`) as a DataFrame."""
    return pd.DataFrame([row.to_dict() for row in rows])


SUMMARY_LABELS = {
    "deals": "Affaires",
    "won": "Gagnées",
    "lost": "Perdues",
    "conversion_rate": "Taux de conversion",
    "win_rate": "Taux de réussite",
    "won_value": "Chiffre signé",
    "average_won_deal_size": "Panier moyen gagné",
    "median_days_to_win": "Délai médian de signature",
    "mean_days_to_win": "Délai moyen de signature",
    "count": "Affaires",
    "won_deals": "Affaires gagnées",
    "mean_days": "Délai moyen",
    "median_days": "Délai médian",
    "gross": "Montant brut",
    "weighted": "Montant pondéré",
}


def _summary_formatter(column: str) -> Callable[[object], str] | None:
    if column.endswith("_rate"):
        return format_percent
    if column in ("won_value", "gross", "weighted") or column.startswith("average_"):
        return format_eur
    if "days" in column:
        return format_days
    if column in ("deals", "won", "lost", "count", "won_deals"):
        return format_number
    return None


def styled_summary(frame: pd.DataFrame, *, first_label: str):
    """A breakdown table (one row per source, sector, owner…) with French formats."""
    labels = {c: first_label if i == 0 else SUMMARY_LABELS.get(c, c)
              for i, c in enumerate(frame.columns)}
    view = frame.rename(columns=labels)
    return view.style.format(
        {labels[c]: f for c in frame.columns if (f := _summary_formatter(c)) is not None},
        na_rep="—",
    ).hide(axis="index")
