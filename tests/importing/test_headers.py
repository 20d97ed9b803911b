"""suggest_mapping: the header sets of the CRMs founders export from (metrics.md)."""

from __future__ import annotations

import pytest

from business_logic.importing import ImportFailure, import_bytes, suggest_mapping
from business_logic.workbook import EXPORT_COLUMNS
from tests.importing.helpers import csv_bytes
from utils.labels import FIELD_LABELS

CRM_EXPORTS = {
    "hubspot": {
        "Record ID": "deal_id", "Deal Name": "name", "Deal Stage": "stage_label",
        "Amount": "amount", "Close Date": "expected_close_date", "Create Date": "created_date",
        "Deal owner": "owner", "Pipeline": "ignore", "Last Activity Date": "last_activity_date",
        "Deal Type": "segment", "Original Source Type": "source",
        "Associated Company": "company",
    },
    "pipedrive-en": {
        "Deal - ID": "deal_id", "Deal - Title": "name", "Deal - Value": "amount",
        "Deal - Currency": "currency", "Deal - Stage": "stage_label",
        "Deal - Status": "status", "Deal - Owner": "owner",
        "Deal - Organization": "company", "Deal - Expected close date": "expected_close_date",
        "Deal - Deal created": "created_date", "Deal - Won time": "closed_date",
        "Deal - Lost time": "closed_date", "Deal - Last activity date": "last_activity_date",
        "Deal - Lost reason": "lost_reason", "Deal - Probability": "probability",
        "Deal - Source": "source", "Deal - Pipeline": "ignore",
    },
    "pipedrive-fr": {
        "Affaire - Titre": "name", "Affaire - Valeur": "amount", "Affaire - Devise": "currency",
        "Affaire - Étape": "stage_label", "Affaire - Statut": "status",
        "Affaire - Propriétaire": "owner", "Affaire - Organisation": "company",
        "Affaire - Date de clôture prévue": "expected_close_date",
        "Affaire - Affaire créée": "created_date",
        "Affaire - Date de dernière activité": "last_activity_date",
        "Affaire - Raison de la perte": "lost_reason", "Affaire - Probabilité": "probability",
    },
    "salesforce": {
        "Opportunity ID": "deal_id", "Opportunity Name": "name", "Account Name": "company",
        "Stage": "stage_label", "Amount": "amount", "Expected Revenue": "ignore",
        "Close Date": "expected_close_date", "Created Date": "created_date",
        "Opportunity Owner": "owner", "Probability (%)": "probability",
        "Lead Source": "source", "Last Activity": "last_activity_date", "Type": "segment",
        "Industry": "sector",
    },
    "odoo-en": {
        "Opportunity": "name", "Customer": "company", "Stage": "stage_label",
        "Expected Revenue": "amount", "Probability": "probability",
        "Expected Closing": "expected_close_date", "Salesperson": "owner", "Source": "source",
        "Medium": "ignore", "Created on": "created_date", "Lost Reason": "lost_reason",
    },
    "odoo-fr": {
        "Opportunité": "name", "Client": "company", "Étape": "stage_label",
        "Revenu attendu": "amount", "Probabilité": "probability",
        "Clôture prévue": "expected_close_date", "Vendeur": "owner", "Créé le": "created_date",
    },
    "zoho": {
        "Deal Name": "name", "Account Name": "company", "Stage": "stage_label",
        "Amount": "amount", "Closing Date": "expected_close_date", "Deal Owner": "owner",
        "Lead Source": "source", "Created Time": "created_date",
        "Last Activity Time": "last_activity_date", "Probability (%)": "probability",
        "Type": "segment",
    },
    "seed": {
        "client": "name", "statut": "stage_label", "montant_brut": "amount",
        "secteur": "sector", "date_echeance": "expected_close_date", "assignee": "owner",
        "notes": "notes",
    },
    "maven": {
        "opportunity_id": "deal_id", "sales_agent": "owner", "product": "segment",
        "account": "company", "deal_stage": "stage_label", "engage_date": "created_date",
        "close_date": "expected_close_date", "close_value": "amount",
    },
    "olist-mql": {
        "mql_id": "deal_id", "first_contact_date": "created_date",
        "landing_page_id": "ignore", "origin": "source",
    },
    "generic-fr": {
        "Entreprise": "company", "Étape": "stage_label", "Statut": "status",
        "Montant": "amount", "Devise": "currency", "Source": "source",
        "Commercial": "owner", "Secteur": "sector", "Date de création": "created_date",
        "Date de clôture": "expected_close_date", "Probabilité": "probability",
    },
    "generic-fr-both-close-dates": {
        "Étape": "stage_label", "Date de clôture": "closed_date",
        "Date de clôture prévue": "expected_close_date",
    },
    "hubspot-both-close-dates": {
        "Deal Stage": "stage_label", "Close Date": "closed_date",
        "Expected Close Date": "expected_close_date",
    },
    "generic-fr-2": {
        "Société": "company", "Valeur": "amount", "Origine": "source", "Responsable": "owner",
        "statut": "stage_label",
    },
}


def test_own_export_headers_map_every_exported_field() -> None:
    """The product's CSV/XLSX export (workbook.EXPORT_COLUMNS, French labels) maps
    back to the fields it was written from, both close dates included."""
    exported = {FIELD_LABELS[name]: name for name in EXPORT_COLUMNS}
    mapping = suggest_mapping(list(exported))
    assert {header: mapping[header] for header in exported} == {
        **exported, FIELD_LABELS["stage"]: "stage_label"}


@pytest.mark.parametrize("crm", sorted(CRM_EXPORTS))
def test_crm_header_set_is_mapped(crm: str) -> None:
    expected = CRM_EXPORTS[crm]
    assert suggest_mapping(list(expected)) == expected


def test_matching_ignores_case_accents_and_separators() -> None:
    mapping = suggest_mapping(["DEAL_STAGE", "  montant ", "date-de-creation", "PROBABILITE"])
    assert list(mapping.values()) == ["stage_label", "amount", "created_date", "probability"]


def test_each_field_is_taken_once() -> None:
    mapping = suggest_mapping(["Montant", "Amount", "Étape", "Stage"])
    assert mapping == {"Montant": "amount", "Amount": "ignore", "Étape": "stage_label",
                       "Stage": "ignore"}


def test_remembered_mapping_wins_over_auto() -> None:
    mapping = suggest_mapping(["Phase commerciale", "Montant"],
                              remembered={"phase commerciale": "stage_label",
                                          "Montant": "ignore"})
    assert mapping == {"Phase commerciale": "stage_label", "Montant": "ignore"}


def test_column_overrides_win_and_take_the_field_from_others() -> None:
    data = csv_bytes([["client", "statut", "Montant", "Montant TTC"],
                      ["A", "Gagné", "100", "120"]])
    result = import_bytes(data, "x.csv", column_overrides={"Montant TTC": "amount"})
    assert result.report.detected["columns"]["Montant"] == "ignore"
    assert result.report.detected["columns"]["Montant TTC"] == "amount"
    assert result.deals["amount"].tolist() == [120.0]


def test_override_naming_an_absent_column_fails() -> None:
    data = csv_bytes([["client", "statut"], ["A", "Gagné"]])
    with pytest.raises(ImportFailure, match="Inexistante"):
        import_bytes(data, "x.csv", column_overrides={"Inexistante": "amount"})


def test_override_with_unknown_field_fails() -> None:
    data = csv_bytes([["client", "statut"], ["A", "Gagné"]])
    with pytest.raises(ImportFailure, match="chiffre"):
        import_bytes(data, "x.csv", column_overrides={"client": "chiffre"})
