"""French words for canonical values (stages, statuses, fields), shared by every layer.

They are data, not formatting: the weekly review and the exports (business_logic) name
their columns with them, and utils/components show them. Stage labels come from
`business_logic.stages` (the single definition).
"""

from __future__ import annotations

from typing import Final

from business_logic.columns import DATE_COLUMNS, ENTRY_DATE_FIELDS, IGNORE
from business_logic.metrics.currency import CurrencySplit
from business_logic.metrics.thresholds import Thresholds
from business_logic.stages import STAGE_LABELS_FR

NBSP: Final = "\u00a0"  # between a number and its unit

STAGE_LABELS: Final[dict[str, str]] = dict(STAGE_LABELS_FR)

STATUS_LABELS: Final[dict[str, str]] = {
    "open": "En cours",
    "won": "Gagnée",
    "lost": "Perdue",
}

FIELD_LABELS: Final[dict[str, str]] = {
    "deal_id": "Identifiant",
    "name": "Affaire",
    "company": "Entreprise",
    "stage_label": "Étape (fichier)",
    "stage": "Étape",
    "stage_reached": "Étape atteinte",
    "status": "Statut",
    "amount": "Montant",
    "currency": "Devise",
    "probability": "Probabilité",
    "probability_explicit": "Probabilité du fichier",
    "source": "Source",
    "owner": "Commercial",
    "sector": "Secteur",
    "segment": "Segment",
    "created_date": "Date de création",
    "expected_close_date": "Date de clôture prévue",
    "closed_date": "Date de clôture",
    "last_activity_date": "Dernière activité",
    # Read back by the importer (importing.stage_dates): the export round-trips them.
    **{field: f"Date d'entrée dans l'étape {STAGE_LABELS_FR[stage]}"
       for stage, field in ENTRY_DATE_FIELDS.items()},
    "lost_reason": "Raison de la perte",
    "notes": "Notes",
    "source_row": "Ligne du fichier",
    IGNORE: "(ignorer cette colonne)",
}

DIMENSION_LABELS: Final[dict[str, str]] = {
    "source": "Source",
    "sector": "Secteur",
    "owner": "Commercial",
}

# Date fields the sidebar's date range can apply to (not the per-stage entry dates).
DATE_FIELD_LABELS: Final[dict[str, str]] = {
    name: FIELD_LABELS[name] for name in DATE_COLUMNS if name not in ENTRY_DATE_FIELDS.values()
}


def stage_label(stage: object) -> str:
    """French label of a canonical stage; the value itself when unknown."""
    return STAGE_LABELS.get(str(stage), str(stage))


def status_label(status: object) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


# --- the thresholds in force, in words (docs/definitions.md, "Seuils") ---------------------
# Every text that names a threshold is built here from the value in force, never copied.


def days_phrase(days: int) -> str:
    """`1` -> "1 jour", `14` -> "14 jours" (French: 0 and 1 take the singular)."""
    return f"{days}{NBSP}jour" if days < 2 else f"{days}{NBSP}jours"


def cold_phrase(thresholds: Thresholds) -> str:
    """"plus de 14 jours sans activité"."""
    return f"plus de {days_phrase(thresholds.cold_days)} sans activité"


def untreated_phrase(thresholds: Thresholds) -> str:
    """"plus de 48 h": short delays in hours, as users say them; longer ones in days."""
    days = thresholds.untreated_days
    return f"plus de {days * 24}{NBSP}h" if days <= 3 else f"plus de {days_phrase(days)}"


def stale_phrase(thresholds: Thresholds) -> str:
    """"plus de 90 jours"."""
    return f"plus de {days_phrase(thresholds.stale_days)}"


def soon_phrase(thresholds: Thresholds) -> str:
    """"30 jours" (the quick-win and deadline window)."""
    return days_phrase(thresholds.soon_days)


def quick_win_probability_phrase(thresholds: Thresholds) -> str:
    """"50 %" (decimal comma when needed)."""
    return f"{thresholds.quick_win_probability * 100:g}{NBSP}%".replace(".", ",")


def thresholds_sentence(thresholds: Thresholds) -> str:
    """Every threshold in force in one French sentence (Réglages, Définitions, CLI)."""
    t = thresholds
    return (
        f"froide après {cold_phrase(t)}, lead non traité après {untreated_phrase(t)}, "
        f"ancienne après {stale_phrase(t)}, gains rapides et échéances sur {soon_phrase(t)} "
        f"dès une probabilité de {quick_win_probability_phrase(t)}"
    )


def filter_lines(filters: object) -> list[tuple[str, str]]:
    """The filters in force as (name, values) in French, for the exports' first page;
    empty when every deal is kept. `filters` is a metrics.DealFilters."""
    lines: list[tuple[str, str]] = []
    for attribute, name in (("statuses", "Statut"), ("sources", "Source"),
                            ("sectors", "Secteur"), ("owners", "Commercial"),
                            ("segments", "Segment")):
        values = getattr(filters, attribute, ())
        if values:
            shown = [status_label(v) for v in values] if attribute == "statuses" else values
            lines.append((name, ", ".join(str(v) for v in shown)))
    start, end = getattr(filters, "date_from", None), getattr(filters, "date_to", None)
    if start or end:
        field = FIELD_LABELS.get(getattr(filters, "date_field", ""), "Date")
        bounds = " au ".join(f"{d:%d/%m/%Y}" for d in (start, end) if d)
        lines.append((field, f"du {bounds}" if start and end else
                      (f"depuis le {start:%d/%m/%Y}" if start else f"jusqu'au {end:%d/%m/%Y}")))
    text = getattr(filters, "text", "")
    if text:
        lines.append(("Recherche", f"« {text} »"))
    return lines


def currency_notice(split: CurrencySplit) -> str:
    """"12 affaires en USD, GBP sont exclues des totaux (devise principale : EUR)" — totals
    never add two currencies (docs/definitions.md, Règles d'import)."""
    count = split.excluded_deals
    noun = "affaire" if count < 2 else "affaires"
    deals = f"{count:,}".replace(",", "\u202f") + "\u00a0" + noun
    verb = "est exclue" if count < 2 else "sont exclues"
    return (f"{deals} en {', '.join(split.excluded)} {verb} des totaux "
            f"(devise principale : {split.main}).")
