"""The thresholds of the alert rules, a setting the user changes on Réglages.

docs/definitions.md ("Seuils"): cold after 14 days without activity, an untreated lead
after 2 days (48 h), a stale deal after 90 days, quick wins and deadlines within 30 days,
quick wins from a probability of 0.5. These are only the defaults: the value in force is
read from the database (database/thresholds.py) and passed to every calculator, so that
the counts, the lists and every text that names a threshold agree.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any, Final

#: (field, smallest allowed, largest allowed) — day counts are whole days.
LIMITS: Final[dict[str, tuple[float, float]]] = {
    "cold_days": (1, 3650),
    "untreated_days": (0, 365),
    "stale_days": (1, 3650),
    "soon_days": (1, 3650),
    "quick_win_probability": (0.0, 1.0),
}


@dataclass(frozen=True)
class Thresholds:
    """cold_days: an open deal is cold when D − last activity (or creation) > cold_days;
    untreated_days: a prospect is untreated when created before D − untreated_days with no
    activity since; stale_days: an open deal is stale when older than stale_days;
    soon_days: quick wins and deadlines look at D <= expected close <= D + soon_days;
    quick_win_probability: a quick win has probability >= this (0..1)."""

    cold_days: int = 14
    untreated_days: int = 2
    stale_days: int = 90
    soon_days: int = 30
    quick_win_probability: float = 0.5

    def __post_init__(self) -> None:
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"Seuil {name} : nombre attendu, reçu {value!r}")
            if not math.isfinite(value) or not low <= value <= high:
                raise ValueError(f"Seuil {name} hors de [{low:g} ; {high:g}] : {value!r}")
            if name.endswith("_days") and value != int(value):
                raise ValueError(f"Seuil {name} : nombre entier de jours attendu, reçu {value!r}")

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> Thresholds:
        """Known names only; day counts as int, the probability as float; others default."""
        chosen: dict[str, Any] = {}
        for item in fields(cls):
            if item.name in values and values[item.name] is not None:
                value = float(values[item.name])
                is_days = item.name.endswith("_days") and value == int(value)
                chosen[item.name] = int(value) if is_days else value
        return cls(**chosen)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT_THRESHOLDS: Final = Thresholds()
