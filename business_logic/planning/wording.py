"""The objectives in French words (the page, Accueil and the weekly review say the same)."""

from __future__ import annotations

from business_logic.planning.periods import Period

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def month_name(month: int, year: int | None = None) -> str:
    return MONTHS[month - 1] if year is None else f"{MONTHS[month - 1]} {year}"


def period_name(period: Period) -> str:
    """"novembre 2026", "4e trimestre 2026", "l'année 2026"."""
    if period.kind == "month":
        return month_name(period.start.month, period.start.year)
    if period.kind == "quarter":
        number = (period.start.month - 1) // 3 + 1
        return f"{number}{'er' if number == 1 else 'e'} trimestre {period.start.year}"
    return f"l'année {period.start.year}"


def chances_in_ten(probability: float) -> str:
    """"7 chances sur 10"; the ends said plainly (never "10 sur 10" for an uncertain event,
    never "0 sur 10" for a possible one)."""
    if probability >= 1.0:
        return "certain"
    if probability <= 0.0:
        return "aucune chance"
    tenths = round(probability * 10)
    if tenths >= 10:
        return "plus de 9 chances sur 10"
    if tenths <= 0:
        return "moins d'1 chance sur 10"
    return f"{tenths} chance{'s' if tenths > 1 else ''} sur 10"
