"""The French sentence under each action: how its score was computed (docs/actions.md,
« Le score »), shared by the Actions page and the weekly review PDF."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from utils.formatting import format_days, format_eur, format_number, format_percent, is_missing


def _short(value: float) -> str:
    """At most two decimals, none when whole: 2 -> "2", 1.5 -> "1,5", 0.667 -> "0,67"."""
    value = round(value, 2)
    decimals = 0 if value == int(value) else (1 if round(value, 1) == value else 2)
    return format_number(value, decimals)


def _deadline_part(deadline: float, days_until_close: Any) -> str | None:
    if deadline <= 0 or is_missing(days_until_close):
        return None
    days = float(days_until_close)
    if days < 0:
        when = f"clôture dépassée de {format_days(-days)}"
    elif days == 0:
        when = "clôture aujourd'hui"
    else:
        when = f"clôture dans {format_days(days)}"
    return f"{_short(deadline)} ({when})"


def urgency_explanation(row: Mapping[str, Any]) -> str:
    """"1 + 0,5 (1 raison de plus) + 1 (clôture dépassée de 5 jours)"."""
    parts = ["1"]
    extra = int(row["reasons"]) - 1
    if extra:
        more = "raison de plus" if extra == 1 else "raisons de plus"
        parts.append(f"{_short(0.5 * extra)} ({extra} {more})")
    deadline = _deadline_part(float(row["deadline"]), row["days_until_close"])
    if deadline:
        parts.append(deadline)
    return " + ".join(parts)


def score_explanation(row: Mapping[str, Any]) -> str:
    """"Score 12 500 € = 10 000 € × 50 % × urgence 2,5 [1 + 0,5 (…) + 1 (…)]"."""
    urgency = _short(float(row["urgency"]))
    detail = urgency_explanation(row)
    suffix = f" [{detail}]" if detail != "1" else ""
    if is_missing(row["amount"]):
        return f"Montant inconnu : score 0 € (urgence {urgency}{suffix})."
    return (f"Score {format_eur(row['score'])} = {format_eur(row['amount'])} × "
            f"{format_percent(row['probability'], 0)} × urgence {urgency}{suffix}.")
