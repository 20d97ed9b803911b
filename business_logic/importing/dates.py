"""Dates, one whole column at a time (docs/definitions.md, Règles d'import).

ISO, DD/MM/YYYY and MM/DD/YYYY (the order decided from all of the column's values, DMY when
none tells), `28.09.2025`, two-digit years (00–68 → 2000s, 69–99 → 1900s, as Python's
`%y`; a four-digit year is taken as written: `0001` is year 1, not 2001), with or without a
time of day (dropped: dates compare as calendar dates). A year before 1900 or after 2100 is
impossible, like 31/02 (docs/definitions.md). The common fixed-width shapes are read
straight off the bytes; anything else goes through a regex.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.cells import ColumnBytes, arrow, column_bytes, mask

_TIME = (r"(?i)(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*"
         r"(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)$")
_ISO = r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"
_DAY_MONTH = r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})$"
#: The calendar dates accept (docs/definitions.md: a year outside 1900–2100 is impossible).
FIRST_YEAR, LAST_YEAR = 1900, 2100
_SEPARATORS = np.frombuffer(b"/.-", dtype=np.uint8)


@dataclass
class ParsedDates:
    values: np.ndarray  # datetime64[D], NaT when empty or invalid
    unreadable: np.ndarray
    impossible: np.ndarray  # well-formed but not on the calendar (31/02), or against the order
    out_of_range: np.ndarray  # on the calendar, but the year is outside FIRST_YEAR..LAST_YEAR
    order: str | None  # "ISO", "DMY", "MDY"; None for an empty column
    ambiguous: bool  # no value told day from month: DMY was assumed
    #: the day/month cells' votes (DMY, MDY) that chose `order`; None when there was none
    votes: tuple[int, int] | None = None


def parse_dates(cells: pd.Series) -> ParsedDates:
    """Parse a date column; see the module docstring for the shapes understood."""
    text = arrow(cells)
    n = len(cells)
    raw = column_bytes(text)
    empty = raw.lengths == 0
    blob = raw.blob
    if b":" in blob or b"T" in blob:
        text = pc.utf8_trim_whitespace(pc.replace_substring_regex(text, _TIME, ""))
        raw = column_bytes(text)
    zeros = (np.zeros(n, dtype=np.int64),) * 3
    none = np.zeros(n, dtype=bool)
    day_month, parts = _fixed_width(raw, (2, 5), _SEPARATORS)
    if (day_month | empty).all():
        return _assemble(empty, none, zeros, day_month,
                         (parts[0:2], parts[2:4], parts[4:8]), none)
    iso, parts = _fixed_width(raw, (4, 7), _SEPARATORS[2:])
    if (iso | empty).all():
        return _assemble(empty, iso, (parts[0:4], parts[4:6], parts[6:8]), none, zeros, none)
    iso_struct = pc.extract_regex(text, _ISO)
    other_struct = pc.extract_regex(text, _DAY_MONTH)
    short_year = mask(pc.equal(pc.utf8_length(pc.struct_field(other_struct, "y")), 2))
    return _assemble(
        empty,
        mask(pc.is_valid(iso_struct)), tuple(_ints(iso_struct, k) for k in ("y", "m", "d")),
        mask(pc.is_valid(other_struct)), tuple(_ints(other_struct, k) for k in ("a", "b", "y")),
        short_year,
    )


def _fixed_width(raw: ColumnBytes, separator_at: tuple[int, int], separators: np.ndarray
                 ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Cells shaped like `dd/mm/yyyy` (or `yyyy-mm-dd`), and their 8 digits (0..9)."""
    candidate = raw.lengths == 10
    base = np.where(candidate, raw.starts, 0)
    shaped = candidate.copy()
    digits = []
    for i in range(10):
        byte = raw.data[base + i] if candidate.any() else np.zeros(len(base), dtype=np.uint8)
        if i in separator_at:
            shaped &= np.isin(byte, separators)
        else:
            digit = byte - np.uint8(48)  # wraps around below '0'
            shaped &= digit <= 9
            digits.append(digit)
    return shaped, digits


def _number(digits: list[np.ndarray]) -> np.ndarray:
    value = np.zeros(len(digits[0]), dtype=np.int64)
    for digit in digits:
        value = value * 10 + digit
    return value


def _assemble(empty: np.ndarray, is_iso: np.ndarray, iso_parts: tuple, is_other: np.ndarray,
              other_parts: tuple, short_year: np.ndarray) -> ParsedDates:
    """`short_year`: the cells whose year has two digits (`26/11/26`), the only ones the
    century is added to."""
    n = len(empty)
    iso_parts = tuple(_number(p) if isinstance(p, list) else p for p in iso_parts)
    other_parts = tuple(_number(p) if isinstance(p, list) else p for p in other_parts)
    year, month, day = (np.where(is_iso, part, 0) for part in iso_parts)
    order: str | None = "ISO" if is_iso.any() else None
    ambiguous = False
    votes = None
    wrong_order = np.zeros(n, dtype=bool)
    if is_other.any():
        first, second, years = other_parts
        votes = (int(((first > 12) & is_other).sum()), int(((second > 12) & is_other).sum()))
        ambiguous = votes == (0, 0)
        order = day_month_order(votes)
        d_part, m_part = (second, first) if order == "MDY" else (first, second)
        wrong_order = is_other & (m_part > 12) & (d_part <= 12)
        years = np.where(short_year, np.where(years < 69, years + 2000, years + 1900), years)
        year = np.where(is_other, years, year)
        month = np.where(is_other, m_part, month)
        day = np.where(is_other, d_part, day)
    parsed = is_iso | is_other
    values, on_calendar = _calendar(year, month, day, parsed)
    in_range = (year >= FIRST_YEAR) & (year <= LAST_YEAR)
    impossible = parsed & ~on_calendar | wrong_order
    out_of_range = parsed & ~impossible & ~in_range
    return ParsedDates(
        values=np.where(in_range, values, np.datetime64("NaT")),
        unreadable=~parsed & ~empty,
        impossible=impossible,
        out_of_range=out_of_range,
        order=order,
        ambiguous=ambiguous,
        votes=votes,
    )


def day_month_order(votes: tuple[int, int]) -> str:
    """MDY when more cells say so (a second number above 12), else DMY (French)."""
    return "MDY" if votes[1] > votes[0] else "DMY"


def _ints(struct: pa.Array | pa.ChunkedArray, name: str) -> np.ndarray:
    field = pc.struct_field(struct, name)
    numbers = pc.cast(pc.fill_null(field, "0"), pa.int64())
    return np.asarray(numbers.to_numpy(zero_copy_only=False), dtype=np.int64)


_TABLE_FIRST_YEAR, _TABLE_LAST_YEAR = 1, 9999  # the lookup table; FIRST_YEAR..LAST_YEAR accepted
_MONTH_STARTS = np.arange(
    np.datetime64(f"{_TABLE_FIRST_YEAR:04d}-01"), np.datetime64(f"{_TABLE_LAST_YEAR + 1:04d}-01"),
    dtype="datetime64[M]",
)
_DAYS_BEFORE = _MONTH_STARTS.astype("datetime64[D]").astype(np.int64)  # days since 1970
_MONTH_LENGTHS = np.diff(np.append(
    _DAYS_BEFORE, np.datetime64(f"{_TABLE_LAST_YEAR + 1:04d}-01-01").astype(np.int64)))


def _calendar(year: np.ndarray, month: np.ndarray, day: np.ndarray, parsed: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
    """Calendar dates from y/m/d by table lookup, and which of them exist (no 31/02)."""
    month_ok = parsed & (month >= 1) & (month <= 12) & (year >= _TABLE_FIRST_YEAR) & (
        year <= _TABLE_LAST_YEAR)
    index = np.where(month_ok, (year - _TABLE_FIRST_YEAR) * 12 + month - 1, 0)
    ok = month_ok & (day >= 1) & (day <= _MONTH_LENGTHS[index])
    days = np.where(ok, _DAYS_BEFORE[index] + day - 1, np.iinfo(np.int64).min)
    return days.astype("datetime64[D]"), ok
