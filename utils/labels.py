"""French wording shown on screen for canonical values (stages, statuses, fields).

Stage labels come from `business_logic.stages` (the single definition); this module only
adds the words the UI needs on top of it.
"""

from __future__ import annotations

from typing import Final

from business_logic.columns import DATE_COLUMNS, IGNORE
from business_logic.stages import STAGE_LABELS_FR

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

# Date fields the sidebar's date range can apply to.
DATE_FIELD_LABELS: Final[dict[str, str]] = {name: FIELD_LABELS[name] for name in DATE_COLUMNS}

NOT_PROVIDED: Final = "(non renseigné)"

CRM_EXPORT_HINTS: Final[dict[str, str]] = {
    "HubSpot": "CRM › Transactions › Exporter (CSV ou XLSX, toutes les propriétés).",
    "Pipedrive": "Affaires › vue liste › … › Exporter les résultats filtrés.",
    "Salesforce": "Rapports › Opportunités › Exporter › Détails uniquement.",
    "Odoo": "CRM › Pipeline › vue liste › tout sélectionner › Action › Exporter.",
    "Zoho CRM": "Configuration › Gestion des données › Exporter › Affaires.",
    "Excel / Google Sheets": (
        "Une ligne par affaire, avec au moins une colonne étape (ou statut) ; montant, "
        "source, commercial et dates sont recommandés."
    ),
}


def stage_label(stage: object) -> str:
    """French label of a canonical stage; the value itself when unknown."""
    return STAGE_LABELS.get(str(stage), str(stage))


def status_label(status: object) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)
