"""Checking a deal typed by hand (docs/saisie.md): the import's rules, one field at a time.

A deal added or edited in a saisie must be one the importer would have accepted
(docs/definitions.md, "Règles d'import"): the same parsers read its values (`1 250,50 €`,
`26/11/2026`, `gagnée`, `70 %`) and the same rules reject it — stage and status both
missing, unknown status, unreadable or negative amount, unreadable or impossible date, an
id already used. Each refusal names its field, in French, for the form to show next to it.
Status, stage and probability are then derived exactly as the importer derives them
(`importing.derive`), so a typed deal and an imported one cannot differ.

Two differences, both because a person is typing and can fix it at once: a stage label
that maps to no stage is refused (the importer asks for a mapping instead), and an
unreadable probability is refused (the importer falls back on the stage's with a warning).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from business_logic.columns import CANONICAL_COLUMNS, DATE_COLUMNS, MAPPABLE_FIELDS, STATUSES
from business_logic.importing.dates import FIRST_YEAR, LAST_YEAR, parse_dates
from business_logic.importing.derive import NO_CODE, STAGE_CODE, derive_status_and_stage
from business_logic.importing.field_steps import MAX_AMOUNT, OUT_OF_RANGE_DATE
from business_logic.importing.numbers import currency_codes, parse_numbers
from business_logic.importing.values import parse_statuses
from business_logic.stages import STAGE_LABELS_FR, STAGE_ORDER, map_stage_label

#: what a person types: the fields a file column maps to (columns.MAPPABLE_FIELDS)
ENTRY_FIELDS: Final[tuple[str, ...]] = MAPPABLE_FIELDS
#: what is stored for a deal (every canonical column but its row number)
STORED_FIELDS: Final[tuple[str, ...]] = tuple(c for c in CANONICAL_COLUMNS if c != "source_row")
TEXT_FIELDS: Final = ("name", "company", "source", "owner", "sector", "segment",
                      "lost_reason", "notes")
#: every date of the record, the per-stage entry dates included (columns.DATE_COLUMNS)
DATE_FIELDS: Final = DATE_COLUMNS

STATUS_UNKNOWN = "Statut inconnu (attendu : ouvert, gagné ou perdu)."
NO_STAGE_NOR_STATUS = "Étape et statut manquants."
UNREADABLE_AMOUNT = "Montant illisible."
NEGATIVE_AMOUNT = "Montant négatif."
AMOUNT_TOO_LARGE = "Montant trop élevé (maximum 999 999 999 999,99)."
UNREADABLE_DATE = "Date illisible."
IMPOSSIBLE_DATE = "Date impossible (jour ou mois hors du calendrier)."
BAD_PROBABILITY = "Probabilité illisible ou hors de 0–100 %."
ID_TAKEN = "Identifiant déjà présent dans cette saisie."


def unknown_stage_message(label: str) -> str:
    known = ", ".join(STAGE_LABELS_FR[s] for s in STAGE_ORDER)
    return f"Étape « {label} » inconnue : choisissez l'une de {known}."


@dataclass(frozen=True)
class FieldError:
    """One refused value: the field (canonical name), the value as typed, the reason."""

    field: str
    value: str
    message: str


@dataclass(frozen=True)
class CheckedDeal:
    """The stored values of an accepted deal (`record`, None when refused) and the errors."""

    record: dict[str, Any] | None
    errors: list[FieldError]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT or (isinstance(value, pd.Timestamp) and pd.isna(value)):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _shown(value: Any) -> str:
    return "" if _blank(value) else str(value)


def _amount(value: Any, errors: list[FieldError]) -> tuple[float | None, str | None]:
    """The amount and the currency its text names (`1 250 €` → EUR)."""
    if _blank(value):
        return None, None
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        number, currency, negative = float(value), None, float(value) < 0
    else:
        parsed = parse_numbers(pd.Series([str(value).strip()], dtype="str"))
        if parsed.invalid[0] or parsed.percent[0]:
            errors.append(FieldError("amount", _shown(value), UNREADABLE_AMOUNT))
            return None, None
        number, currency, negative = float(parsed.values[0]), parsed.currency[0], \
            bool(parsed.negative[0])
    if negative:
        errors.append(FieldError("amount", _shown(value), NEGATIVE_AMOUNT))
        return None, None
    if number > MAX_AMOUNT:
        errors.append(FieldError("amount", _shown(value), AMOUNT_TOO_LARGE))
        return None, None
    return round(number, 2), currency


def _probability(value: Any, errors: list[FieldError]) -> float | None:
    """0–1, or 0–100 when above 1, or a text like `70 %` (docs/definitions.md)."""
    if _blank(value):
        return None
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        number, percent = float(value), False
    else:
        parsed = parse_numbers(pd.Series([str(value).strip()], dtype="str"))
        if parsed.invalid[0] or parsed.negative[0]:
            errors.append(FieldError("probability", _shown(value), BAD_PROBABILITY))
            return None
        number, percent = float(parsed.values[0]), bool(parsed.percent[0])
    if percent or number > 1:
        number /= 100
    if not 0 <= number <= 1:
        errors.append(FieldError("probability", _shown(value), BAD_PROBABILITY))
        return None
    return round(number, 4)


def _date(name: str, value: Any, errors: list[FieldError]) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        day = value.date() if isinstance(value, (dt.datetime, pd.Timestamp)) else value
    else:
        parsed = parse_dates(pd.Series([str(value).strip()], dtype="str"))
        for flag, message in ((parsed.unreadable, UNREADABLE_DATE),
                              (parsed.impossible, IMPOSSIBLE_DATE),
                              (parsed.out_of_range, OUT_OF_RANGE_DATE)):
            if flag[0]:
                errors.append(FieldError(name, _shown(value), message))
                return None
        day = pd.Timestamp(parsed.values[0]).date()
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors.append(FieldError(name, _shown(value), OUT_OF_RANGE_DATE))
        return None
    return day


def _status(value: Any, errors: list[FieldError]) -> int:
    if _blank(value):
        return NO_CODE
    parsed = parse_statuses(pd.Series([str(value).strip()], dtype="str"))
    if parsed.unknown[0]:
        errors.append(FieldError("status", _shown(value), STATUS_UNKNOWN))
    return int(parsed.codes[0])


def check_deal(
    fields: Mapping[str, Any],
    *,
    other_ids: Collection[str] = (),
    stage_mappings: Mapping[str, str] | None = None,
    default_id: str | None = None,
) -> CheckedDeal:
    """The stored values of a typed deal, or its errors (docs/saisie.md).

    `fields` holds `ENTRY_FIELDS` (missing = empty) as typed (text) or as widgets give
    them (numbers, dates); `other_ids` the ids of the snapshot's other deals;
    `stage_mappings` label → stage of the labels in use (and remembered mappings);
    `default_id` the id given when none is typed.
    """
    errors: list[FieldError] = []
    deal_id = _text(fields.get("deal_id")) or default_id
    if deal_id is not None and deal_id in other_ids:
        errors.append(FieldError("deal_id", deal_id, ID_TAKEN))
    label = _text(fields.get("stage_label"))
    reached = None
    if label is not None:
        reached = map_stage_label(label, stage_mappings)
        if reached is None:
            errors.append(FieldError("stage_label", label, unknown_stage_message(label)))
    explicit_status = _status(fields.get("status"), errors)
    if label is None and _blank(fields.get("status")):
        errors.append(FieldError("stage_label", "", NO_STAGE_NOR_STATUS))
    amount, symbol_currency = _amount(fields.get("amount"), errors)
    probability = _probability(fields.get("probability"), errors)
    dates = {name: _date(name, fields.get(name), errors) for name in DATE_FIELDS}
    if errors:
        return CheckedDeal(None, errors)
    currency_text = _text(fields.get("currency"))
    currency = (currency_codes(pd.Series([currency_text], dtype="str"))[0]
                if currency_text else symbol_currency)
    derived = derive_status_and_stage(
        np.array([STAGE_CODE[reached] if reached else NO_CODE]),
        np.array([explicit_status]))
    status = STATUSES[int(derived.status[0])]
    explicit = status == "open" and probability is not None
    record: dict[str, Any] = {
        "deal_id": deal_id,
        "name": _text(fields.get("name")),
        "company": _text(fields.get("company")),
        "stage_label": label,
        "stage": STAGE_ORDER[int(derived.stage[0])],
        "stage_reached": reached,
        "status": status,
        "amount": amount,
        "currency": currency,
        "probability": probability if explicit else None,
        "probability_explicit": explicit,
        **{name: _text(fields.get(name)) for name in ("source", "owner", "sector", "segment")},
        **dates,
        "lost_reason": _text(fields.get("lost_reason")),
        "notes": _text(fields.get("notes")),
    }
    return CheckedDeal({name: record[name] for name in STORED_FIELDS}, [])


def validate_deal(fields: Mapping[str, Any], **context: Any) -> list[FieldError]:
    """Only the errors of `check_deal` (empty: the deal is valid)."""
    return check_deal(fields, **context).errors


def entry_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored deal as the form shows it: what `check_deal` turns back into that record
    (its status given explicitly, its probability only when it was typed or imported)."""
    fields = {name: record.get(name) for name in ENTRY_FIELDS}
    fields["probability"] = record.get("probability") if record.get(
        "probability_explicit") else None
    return fields


def closing_fields(record: Mapping[str, Any], outcome: str, closed_on: dt.date,
                   lost_reason: str | None = None) -> dict[str, Any]:
    """The fields of `record` closed as won or lost on `closed_on` (docs/saisie.md): the
    status says it, the stage label stays (a lost deal keeps the stage it reached, for the
    funnel), the probability becomes that of a closed deal."""
    if outcome not in ("won", "lost"):
        raise ValueError(f"clôture attendue gagnée ou perdue, reçu {outcome!r}")
    fields = entry_fields(record)
    fields.update(status=outcome, closed_date=closed_on, probability=None)
    if outcome == "lost" and lost_reason:
        fields["lost_reason"] = lost_reason
    return fields


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The stored fields whose value differs, in column order."""
    return [name for name in STORED_FIELDS if before.get(name) != after.get(name)]
