"""The canonical deal frame: one column definition shared by import, database and calculators.

Every layer speaks this frame (docs/definitions.md, "La fiche affaire"). Keeping the list in one
place is what lets the importer, the COPY loader, the read-back and the calculators agree
without converting between shapes.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

ColumnKind = Literal["text", "amount", "probability", "date", "bool", "int"]

# Order matters: it is the column order of the frame, of the `deals` table and of COPY.
CANONICAL_COLUMNS: Final[dict[str, ColumnKind]] = {
    "deal_id": "text",  # the CRM's own id, kept as text; generated when the file has none
    "name": "text",
    "company": "text",
    "stage_label": "text",  # the stage exactly as written in the file
    "stage": "text",  # canonical stage; `won`/`lost` for closed deals
    "stage_reached": "text",  # canonical stage the label names (funnel: where a lost deal stopped)
    "status": "text",  # open | won | lost
    "amount": "amount",  # >= 0, NaN when missing
    "currency": "text",
    "probability": "probability",  # 0..1 effective: won 1, lost 0, explicit or stage default
    "probability_explicit": "bool",  # True when the file gave the probability of an open deal
    "source": "text",
    "owner": "text",
    "sector": "text",
    "segment": "text",
    "created_date": "date",
    "expected_close_date": "date",
    "closed_date": "date",
    "last_activity_date": "date",
    # Day the deal entered each canonical stage, when the export has it (HubSpot's "Date
    # entered <stage> (<pipeline>)" and the like): exact time in stage (docs/history.md).
    "entered_prospect": "date",
    "entered_qualified": "date",
    "entered_proposal": "date",
    "entered_negotiation": "date",
    "entered_won": "date",
    "entered_lost": "date",
    "lost_reason": "text",
    "notes": "text",
    "source_row": "int",  # the row as a spreadsheet numbers it (header = 1)
}

DATE_COLUMNS: Final[tuple[str, ...]] = tuple(
    name for name, kind in CANONICAL_COLUMNS.items() if kind == "date"
)
#: canonical stage -> its entry-date field, in pipeline order (stages.STAGE_ORDER).
ENTRY_DATE_FIELDS: Final[dict[str, str]] = {
    name.removeprefix("entered_"): name for name in CANONICAL_COLUMNS
    if name.startswith("entered_")
}

# Fields a file column can be mapped to (docs/cli.md `--map COLUMN=FIELD`); derived ones excluded.
MAPPABLE_FIELDS: Final[tuple[str, ...]] = (
    "deal_id",
    "name",
    "company",
    "stage_label",
    "status",
    "amount",
    "currency",
    "probability",
    "source",
    "owner",
    "sector",
    "segment",
    "created_date",
    "expected_close_date",
    "closed_date",
    "last_activity_date",
    *ENTRY_DATE_FIELDS.values(),
    "lost_reason",
    "notes",
)
IGNORE: Final = "ignore"

STATUSES: Final[tuple[str, ...]] = ("open", "won", "lost")


def empty_deals_frame() -> pd.DataFrame:
    """A zero-row frame with the canonical columns and dtypes."""
    return coerce_canonical_dtypes(pd.DataFrame({name: [] for name in CANONICAL_COLUMNS}))


def coerce_canonical_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a new frame with exactly the canonical columns, in order, with their dtypes.

    Dates become `datetime64[us]` at midnight (docs/definitions.md: dates compare as calendar
    dates),
    amounts and probabilities float64 (NaN = missing), text the pandas string dtype.
    A column that already has its dtype is taken as is (a 1M-row read-back pays nothing).
    """
    out = {}
    for name, kind in CANONICAL_COLUMNS.items():
        if name in frame.columns:
            column = frame[name].reset_index(drop=True)
        elif kind == "date":  # absent: all missing, made as such (to_datetime of 1M Nones: 0.1 s)
            column = pd.Series(np.full(len(frame), np.datetime64("NaT", "us")))
        else:
            column = pd.Series([None] * len(frame), dtype=object)
        out[name] = _COERCERS[kind](column)
    return pd.DataFrame(out)


def _as_text(column: pd.Series) -> pd.Series:
    if column.dtype == "str":
        return column
    return column.astype(object).where(column.notna(), None).astype("str")


def _as_float(column: pd.Series) -> pd.Series:
    if column.dtype == "float64":
        return column
    return pd.to_numeric(column, errors="raise").astype("float64")


def _as_date(column: pd.Series) -> pd.Series:
    if column.dtype != "datetime64[us]":
        if column.dtype.kind == "M" and getattr(column.dtype, "tz", None) is None:
            column = column.astype("datetime64[us]")  # 10x faster than to_datetime
        else:
            column = pd.to_datetime(column).astype("datetime64[us]")
    ticks = column.to_numpy().view("int64")
    if (ticks[column.notna().to_numpy()] % _US_PER_DAY).any():
        column = column.dt.normalize()
    return column


def _as_bool(column: pd.Series) -> pd.Series:
    if column.dtype == "bool":
        return column
    return column.astype(object).where(column.notna(), False).astype("bool")


def _as_int(column: pd.Series) -> pd.Series:
    if column.dtype == "Int64":
        return column
    return pd.to_numeric(column).astype("Int64")


_US_PER_DAY: Final = 86_400_000_000
_COERCERS: Final = {
    "text": _as_text,
    "amount": _as_float,
    "probability": _as_float,
    "date": _as_date,
    "bool": _as_bool,
    "int": _as_int,
}
