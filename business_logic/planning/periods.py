"""Calendar periods of the objectives (docs/objectifs.md): month, quarter, year.

A period is closed on both ends: [start, end]. Labels are those of docs/cli.md's
`objectives --json`: "2026-11", "2026-Q4", "2026".
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["month", "quarter", "year"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def months(self) -> list[dt.date]:
        """First day of each month of the period (the keys of the monthly targets)."""
        return [dt.date(self.start.year, m, 1) for m in range(self.start.month, self.end.month + 1)]

    def days_left(self, as_of: dt.date) -> int:
        """Days in (as_of, end]: the forecast window to the end of the period."""
        return max(0, (self.end - as_of).days)

    def weeks_left(self, as_of: dt.date) -> int:
        """Weeks left, rounded up, at least 1 (the per-week pipeline divides by it)."""
        return max(1, math.ceil(self.days_left(as_of) / 7))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: dt.date) -> Period:
    return Period("month", dt.date(day.year, day.month, 1), month_end(day.year, day.month))


def quarter_of(day: dt.date) -> Period:
    first = 3 * ((day.month - 1) // 3) + 1
    return Period("quarter", dt.date(day.year, first, 1), month_end(day.year, first + 2))


def year_of(day: dt.date) -> Period:
    return Period("year", dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def period_of(kind: PeriodKind, day: dt.date) -> Period:
    """The month, quarter or year containing `day`."""
    return {"month": month_of, "quarter": quarter_of, "year": year_of}[kind](day)


def periods_of(day: dt.date) -> list[Period]:
    """The month, quarter and year containing `day`, in that order."""
    return [period_of(kind, day) for kind in PERIOD_KINDS]


def parse_month(text: str) -> dt.date:
    """"2026-12" → 2026-12-01; ValueError (French) otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        message = f"mois invalide « {text} » : attendu AAAA-MM, par exemple 2026-12"
        raise ValueError(message) from None
