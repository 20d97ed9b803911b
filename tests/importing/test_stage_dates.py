"""Per-stage entry-date columns (issue 9, item 6): HubSpot's "Date entered <stage>
(<pipeline>)", French names, parsing and validation like every other date."""

from __future__ import annotations

import pandas as pd
import pytest

from business_logic.importing import suggest_mapping
from business_logic.importing.stage_dates import stage_date_field
from tests.importing.helpers import import_rows, xlsx_bytes

HUBSPOT_EN = {
    'Date entered "Appointment Scheduled (Sales Pipeline)"': "entered_prospect",
    "Date entered Qualified To Buy (Sales Pipeline)": "entered_qualified",
    "Date entered Presentation Scheduled (Sales Pipeline)": "entered_proposal",
    "Date entered Decision Maker Bought-In (Sales Pipeline)": "entered_negotiation",
    "Date entered Contract Sent (Sales Pipeline)": "entered_negotiation",
    "Date entered Closed Won (Sales Pipeline)": "entered_won",
    "Date entered Closed Lost (Sales Pipeline)": "entered_lost",
}
FRENCH = {
    "Date d'entrée dans l'étape Proposition": "entered_proposal",
    "Date entrée Proposition": "entered_proposal",
    "Entré en négociation le": "entered_negotiation",
    "Date de passage en Qualifié": "entered_qualified",
    "Date d’entrée dans « Rendez-vous planifié (Pipeline des ventes) »": "entered_prospect",
    "Date d'entrée en Gagné": "entered_won",
    "Entrée dans l'étape Perdu le": "entered_lost",
}
OTHER_NAMES = {
    "hs_date_entered_closedwon": "entered_won",
    "hs_v2_date_entered_qualifiedtobuy": "entered_qualified",
    "Became a Lead Date": "entered_prospect",
    "Entered Proposal on": "entered_proposal",
    "Negotiation entry date": "entered_negotiation",
}


@pytest.mark.parametrize("header, field", sorted({**HUBSPOT_EN, **FRENCH, **OTHER_NAMES}.items()))
def test_entry_date_header_names_its_stage(header: str, field: str) -> None:
    assert stage_date_field(header) == field


def test_hubspot_english_export_maps_every_stage_column() -> None:
    headers = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", *HUBSPOT_EN]
    mapping = suggest_mapping(headers)
    assert {h: mapping[h] for h in HUBSPOT_EN} == HUBSPOT_EN
    assert mapping["Create Date"] == "created_date"


def test_french_export_maps_its_stage_columns_and_keeps_the_usual_dates() -> None:
    headers = ["Affaire", "Étape", "Date de création", "Date de clôture prévue",
               "Date d'entrée dans l'étape Proposition", "Entré en négociation le"]
    assert suggest_mapping(headers) == {
        "Affaire": "name", "Étape": "stage_label", "Date de création": "created_date",
        "Date de clôture prévue": "expected_close_date",
        "Date d'entrée dans l'étape Proposition": "entered_proposal",
        "Entré en négociation le": "entered_negotiation"}


def test_pipedrive_style_prefix_is_dropped_before_the_pattern() -> None:
    assert suggest_mapping(["Deal - Title", "Deal - Stage", "Deal - Date entered Prospect"]
                           )["Deal - Date entered Prospect"] == "entered_prospect"


def test_user_stage_mapping_names_the_stage_of_a_custom_label() -> None:
    assert stage_date_field("Date entered Onboarding (Sales Pipeline)") is None
    assert stage_date_field("Date entered Onboarding (Sales Pipeline)",
                            {"Onboarding": "won"}) == "entered_won"


def test_hubspot_rows_read_with_time_of_day_and_earliest_of_two_columns() -> None:
    result = import_rows([
        ["Deal Name", "Deal Stage", 'Date entered "Appointment Scheduled (Sales Pipeline)"',
         "Date entered Decision Maker Bought-In (Sales Pipeline)",
         "Date entered Contract Sent (Sales Pipeline)",
         "Date entered Closed Won (Sales Pipeline)"],
        ["A", "closedwon", "2026-01-02 10:15", "2026-02-10 09:00", "2026-02-01 08:00",
         "2026-03-01"],
        ["B", "contractsent", "2026-01-05", "", "2026-02-20", ""],
    ])
    deals = result.deals
    assert result.report.errors == []
    assert deals["entered_prospect"].tolist() == [pd.Timestamp(2026, 1, 2),
                                                  pd.Timestamp(2026, 1, 5)]
    assert deals["entered_negotiation"].tolist() == [pd.Timestamp(2026, 2, 1),
                                                     pd.Timestamp(2026, 2, 20)]
    assert deals["entered_won"].iloc[0] == pd.Timestamp(2026, 3, 1)
    assert pd.isna(deals["entered_won"].iloc[1])
    assert deals["entered_qualified"].isna().all()


def test_french_dates_follow_the_column_order_rule() -> None:
    deals = import_rows([["Affaire", "Étape", "Date d'entrée dans l'étape Proposition"],
                         ["A", "Proposition", "25/03/2026"], ["B", "Proposition", "02/04/2026"]]
                        ).deals
    assert deals["entered_proposal"].tolist() == [pd.Timestamp(2026, 3, 25),
                                                  pd.Timestamp(2026, 4, 2)]


def test_impossible_entry_date_rejects_its_row_naming_line_column_and_value() -> None:
    header = "Date entered Closed Won (Sales Pipeline)"
    result = import_rows([["Deal Name", "Deal Stage", header],
                          ["A", "closedwon", "2026-03-01"], ["B", "closedwon", "2026-02-31"]])
    assert result.report.rows_imported == 1
    [error] = result.report.errors
    assert (error.row, error.column, error.value) == (3, header, "2026-02-31")
    assert error.message.startswith("Date impossible")


def test_unknown_stage_column_is_ignored_with_a_warning_not_an_error() -> None:
    header = "Date entered Onboarding (Sales Pipeline)"
    result = import_rows([["Deal Name", "Deal Stage", header], ["A", "closedwon", "nonsense"]])
    assert result.report.errors == []
    assert result.report.detected["columns"][header] == "ignore"
    assert any("« Onboarding »" in w or "« onboarding »" in w for w in result.report.warnings)
    assert result.deals["entered_won"].isna().all()


def test_xlsx_date_cells_fill_entry_dates() -> None:
    import datetime as dt

    from business_logic.importing import import_bytes
    data = xlsx_bytes([["Deal Name", "Deal Stage", "Date entered Closed Won (Sales Pipeline)"],
                       ["A", "closedwon", dt.datetime(2026, 3, 1, 14, 30)]])
    assert import_bytes(data, "hubspot.xlsx").deals["entered_won"].tolist() == [
        pd.Timestamp(2026, 3, 1)]


def test_an_ordinary_header_is_not_taken_for_an_entry_date() -> None:
    for header in ("Date de passage", "Date entered", "Entrée", "Last Activity Date",
                   "Date de clôture", "Date de création"):
        assert stage_date_field(header) is None, header
