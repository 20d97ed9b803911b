"""The weekly review's "Objectifs" section (docs/objectifs.md), drawn with the helpers of
utils/pdf_review.py: one short line per period that has a target (the review stays within
two pages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from business_logic.planning import PeriodProgress
from business_logic.planning.wording import chances_in_ten, period_name
from utils.formatting import format_eur, format_percent


def objective_line(item: PeriodProgress) -> str:
    """"Novembre 2026 : 12 300 € signés sur 50 000 € (25 %) · 7 chances sur 10 · pipeline
    à créer 40 000 € (10 000 €/semaine)"."""
    head = (f"{period_name(item.period).capitalize()} : {format_eur(item.won_to_date)} signés "
            f"sur {format_eur(item.target)} ({format_percent(item.progress, 0)})")
    if (item.remaining or 0.0) <= 0:
        return f"{head} · objectif atteint"
    if item.out_of_reach:
        return f"{head} · hors de portée même au scénario optimiste (P90)"
    parts = [head, chances_in_ten(item.probability or 0.0)]
    pipeline = item.pipeline
    if pipeline is not None and pipeline.total is None:
        parts.append("pipeline à créer non chiffrable")
    elif pipeline is not None and pipeline.total:
        parts.append(f"pipeline à créer {format_eur(pipeline.total)} "
                     f"({format_eur(pipeline.per_week)}/semaine)")
    return " · ".join(parts)


def objectives_section(pdf: Any, objectives: Sequence[PeriodProgress]) -> None:
    """Nothing when no period has a target."""
    from utils import pdf_review as r

    shown = [item for item in objectives if item.target is not None]
    if not shown:
        return
    r._ensure_space(pdf, 12 + 5 * len(shown))
    r._heading(pdf, "Objectifs")
    for item in shown:
        r._paragraph(pdf, objective_line(item), size=8.5, bold=item.period.kind == "month")
