"""French wording shown on screen for canonical values (stages, statuses, fields).

The labels themselves live in `business_logic.labels` (the weekly review and the exports
need them too, and business_logic never imports utils); this module re-exports them and
adds the words only the UI needs.
"""

from __future__ import annotations

from typing import Final

from business_logic.labels import (
    DATE_FIELD_LABELS,
    DIMENSION_LABELS,
    FIELD_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    field_label,
    stage_label,
    status_label,
)

__all__ = [
    "CRM_EXPORT_HINTS",
    "DATE_FIELD_LABELS",
    "DIMENSION_LABELS",
    "FIELD_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "field_label",
    "stage_label",
    "status_label",
]

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

