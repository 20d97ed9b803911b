"""Deal filters shared by the sidebar, the CLI and the reports (headline KPIs are computed
"over the deals that pass the current filters", docs/definitions.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from business_logic.columns import STATUSES
from business_logic.metrics.prepared import MISSING_LABEL

DateField = Literal["created_date", "expected_close_date", "closed_date", "last_activity_date"]
TEXT_SEARCH_COLUMNS: Final[tuple[str, ...]] = ("name", "company", "notes")


@dataclass(frozen=True)
class DealFilters:
    """What the user kept. An empty tuple means "all"; MISSING_LABEL ("(non renseigné)")
    selects the deals where the value is missing. Date bounds are inclusive and a deal
    without that date is excluded as soon as one bound is set. `text` is searched
    case-insensitively, as plain text, in name, company and notes."""

    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    date_field: DateField = "created_date"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


def _value_mask(series: pd.Series, selected: tuple[str, ...]) -> np.ndarray:
    wanted = [value for value in selected if value != MISSING_LABEL]
    mask = series.isin(wanted).to_numpy(dtype=bool, na_value=False)
    if MISSING_LABEL in selected:
        mask = mask | series.isna().to_numpy()
    return mask


def filter_mask(deals: pd.DataFrame, filters: DealFilters) -> np.ndarray:
    """Boolean array of the deals that pass `filters`."""
    mask = np.ones(len(deals), dtype=bool)
    for column, selected in (
        ("status", filters.statuses),
        ("source", filters.sources),
        ("sector", filters.sectors),
        ("owner", filters.owners),
        ("segment", filters.segments),
    ):
        if selected:
            mask &= _value_mask(deals[column], tuple(selected))
    if filters.date_from is not None or filters.date_to is not None:
        values = deals[filters.date_field].to_numpy(dtype="datetime64[us]")
        if filters.date_from is not None:
            mask &= values >= np.datetime64(filters.date_from, "us")
        if filters.date_to is not None:
            mask &= values <= np.datetime64(filters.date_to, "us")
    needle = filters.text.strip()
    if needle:
        found = np.zeros(len(deals), dtype=bool)
        for column in TEXT_SEARCH_COLUMNS:
            hits = deals[column].str.contains(needle, case=False, regex=False)
            found |= hits.to_numpy(dtype=bool, na_value=False)
        mask &= found
    return mask


def apply_filters(deals: pd.DataFrame, filters: DealFilters) -> pd.DataFrame:
    """A new frame with the deals that pass `filters` (never more rows; index reset)."""
    return deals.loc[filter_mask(deals, filters)].reset_index(drop=True)


@dataclass(frozen=True)
class FilterOptions:
    """Distinct values offered by the filter widgets, sorted; MISSING_LABEL last when some
    deals lack the value. date_min/date_max: range of created_date (None when unknown)."""

    statuses: tuple[str, ...]
    sources: tuple[str, ...]
    sectors: tuple[str, ...]
    owners: tuple[str, ...]
    segments: tuple[str, ...]
    date_min: dt.date | None
    date_max: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "statuses": list(self.statuses),
            "sources": list(self.sources),
            "sectors": list(self.sectors),
            "owners": list(self.owners),
            "segments": list(self.segments),
            "date_min": self.date_min.isoformat() if self.date_min else None,
            "date_max": self.date_max.isoformat() if self.date_max else None,
        }


def _distinct(series: pd.Series) -> tuple[str, ...]:
    values = sorted(str(value) for value in series.dropna().unique())
    if series.isna().any():
        values.append(MISSING_LABEL)
    return tuple(values)


def filter_options(deals: pd.DataFrame) -> FilterOptions:
    """The distinct values of each filterable column (statuses in canonical order)."""
    present = set(deals["status"].dropna().unique())
    created = deals["created_date"].dropna()
    return FilterOptions(
        statuses=tuple(status for status in STATUSES if status in present),
        sources=_distinct(deals["source"]),
        sectors=_distinct(deals["sector"]),
        owners=_distinct(deals["owner"]),
        segments=_distinct(deals["segment"]),
        date_min=created.min().date() if len(created) else None,
        date_max=created.max().date() if len(created) else None,
    )


#: The list filters whose options name every value, MISSING_LABEL included when some deal
#: lacks one (`filter_options`): choosing all of them keeps every deal. Not the owners: one
#: owner chosen also selects their own targets (planning.targets_in_force).
_LIST_FILTERS: Final = ("sources", "sectors", "segments")


def without_full_choices(filters: DealFilters, options: FilterOptions) -> DealFilters:
    """`filters` with every list that names all of `options` (the snapshot's values)
    emptied: the same deals pass, and the pages read the cached view, history and forecast
    of the snapshot instead of building a copy of them (issue 8: Streamlit's "select all"
    of the Source list copied ~210 MB of arrays at 1M deals)."""
    full = {name: () for name in _LIST_FILTERS if getattr(filters, name)
            and set(getattr(options, name)) <= set(getattr(filters, name))}
    return replace(filters, **full) if full else filters
