"""The export date a file name carries (docs/history.md, « La date d'export »).

CRMs stamp their exports: `deals-2026-11-26.csv`, `export_26-11-2026.xlsx`,
`20261126_pipeline.csv`, Salesforce's `report1732579200000.csv` (milliseconds since
1970-01-01 UTC). The first plausible date wins; impossible dates (31/02) and years outside
1900–2100 are ignored, so a CRM number that merely looks like a date is not taken for one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100

# Separators between the parts: "-", "_", "." or nothing (YYYYMMDD only). Digits around a
# match are refused so that "120261126" is not read as a date.
_YMD: Final = re.compile(r"(?<!\d)(\d{4})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY: Final = re.compile(r"(?<!\d)(\d{1,2})([-_.])(\d{1,2})\2(\d{4})(?!\d)")
_COMPACT: Final = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_SALESFORCE: Final = re.compile(r"report(\d{12,14})(?!\d)", re.IGNORECASE)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_milliseconds(stamp: str) -> dt.date | None:
    seconds = int(stamp) / 1000
    try:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _valid(moment.year, moment.month, moment.day)


def export_date_from_file_name(name: str) -> dt.date | None:
    """The export date found in a file name, None when there is none (docs/history.md).

    Formats, in this order: Salesforce `report<milliseconds>`, `YYYY-MM-DD`, `DD-MM-YYYY`
    (separators `-`, `_` or `.`), `YYYYMMDD`. Day-first is the only order read for
    `DD-MM-YYYY`: French exports never put the month first.
    """
    for match in _SALESFORCE.finditer(name):
        found = _from_milliseconds(match.group(1))
        if found is not None:
            return found
    candidates: list[tuple[int, dt.date]] = []
    for match in _YMD.finditer(name):
        found = _valid(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if found is not None:
            candidates.append((match.start(), found))
    for match in _DMY.finditer(name):
        found = _valid(int(match.group(4)), int(match.group(3)), int(match.group(1)))
        if found is not None:
            candidates.append((match.start(), found))
    for match in _COMPACT.finditer(name):
        found = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found is not None:
            candidates.append((match.start(), found))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[0])[1]
