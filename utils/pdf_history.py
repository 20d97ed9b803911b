"""The weekly review's "Depuis le dernier import" and "Anomalies" sections (docs/history.md),
drawn with the helpers of utils/pdf_review.py."""

from __future__ import annotations

from typing import Any

from business_logic.history.anomalies import SLIP_STREAK, STUCK_DAYS
from business_logic.review_history import ReviewHistory
from utils.formatting import format_count, format_date, format_days, format_eur, format_number
from utils.history_text import counts_sentence, matching_sentence, waterfall_summary
from utils.labels import stage_label

STUCK_ROWS = 8
MEASURES = {"won_value": ("chiffre signé par semaine", format_eur),
            "deals_created": ("affaires créées par semaine", format_number)}


def history_sections(pdf: Any, history: ReviewHistory | None) -> None:
    """Both sections; nothing when there is no history to tell."""
    from utils import pdf_review as r

    if history is None:
        return
    diff = history.diff
    if diff is not None:
        r._ensure_space(pdf, 40)
        r._heading(pdf, "Depuis le dernier import")
        r._paragraph(pdf, f"Du {format_date(diff.exported_a)} au "
                     f"{format_date(diff.exported_b)} : {counts_sentence(diff)}", bold=True)
        r._paragraph(pdf, f"Pipeline brut : {waterfall_summary(diff.gross)}")
        r._paragraph(pdf, f"Pipeline pondéré : {waterfall_summary(diff.weighted)}")
        r._paragraph(pdf, matching_sentence(diff), size=7.5, color=r.MUTED)
    if not (history.stuck or history.slipping or history.drops):
        return
    r._ensure_space(pdf, 30)
    r._heading(pdf, "Anomalies")
    for drop in history.drops:
        label, fmt = MEASURES.get(drop["measure"], (drop["measure"], format_number))
        r._paragraph(pdf, f"Baisse de performance — {label} : {fmt(drop['recent_mean'])} en "
                     f"moyenne sur 4 semaines, sous le seuil de {fmt(drop['threshold'])}.",
                     bold=True)
    if history.slipping:
        names = ", ".join(str(s.get("name") or s.get("deal_id")) for s in history.slipping[:10])
        r._paragraph(pdf, f"Glissement répété ({SLIP_STREAK} imports de suite) : "
                     f"{format_count(len(history.slipping), 'affaire')} — {names}.")
    if history.stuck:
        stuck = sorted(history.stuck, key=lambda s: -(s.get("days_in_stage") or 0))
        r._paragraph(pdf, f"Affaires bloquées (même étape depuis plus de {STUCK_DAYS} jours "
                     f"ou plus de deux fois la médiane) : {len(stuck)}.", bold=True)
        rows = [(r._text(s.get("name") or s.get("company") or s.get("deal_id")),
                 stage_label(s["stage"]), format_days(s["days_in_stage"]),
                 format_days(s.get("median_days")))
                for s in stuck[:STUCK_ROWS]]
        r._table(pdf, ("Affaire", "Étape", "Jours dans l'étape", "Médiane de l'étape"), rows,
                 (80, 30, 35, 35), align="LLRR")
