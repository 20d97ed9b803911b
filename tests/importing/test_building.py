"""build_deals: rejections, stages, status, probability, dates derived (metrics.md)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from business_logic.columns import CANONICAL_COLUMNS
from business_logic.importing import (
    ImportFailure,
    RowError,
    UnknownStageLabels,
    build_deals,
    import_bytes,
    read_table,
    suggest_mapping,
)
from tests.importing.helpers import csv_bytes, import_rows

HEADER = ["id", "client", "statut", "montant", "date de création"]


def _errors(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.value) for e in result.report.errors]


@pytest.mark.parametrize(
    ("row", "column", "value", "words"),
    [
        (["D2", "B", "", "10", "01/01/2026"], "statut", "", "manquants"),
        (["D2", "B", "Gagné", "dix euros", "01/01/2026"], "montant", "dix euros", "illisible"),
        (["D2", "B", "Gagné", "-10", "01/01/2026"], "montant", "-10", "négatif"),
        (["D2", "B", "Gagné", "10", "31/02/2026"], "date de création", "31/02/2026",
         "impossible"),
        (["D2", "B", "Gagné", "10", "bientôt"], "date de création", "bientôt", "illisible"),
        (["D1", "B", "Gagné", "10", "01/01/2026"], "id", "D1", "ligne 2"),
    ],
    ids=["stage-and-status-missing", "amount-unparseable", "amount-negative", "date-impossible",
         "date-unparseable", "duplicate-id"],
)
def test_rejection_names_row_column_value_and_reason(
    row: list[str], column: str, value: str, words: str
) -> None:
    result = import_rows([HEADER, ["D1", "A", "Gagné", "5", "02/01/2026"], row,
                          ["D3", "C", "Perdu", "7", "03/01/2026"]])
    report = result.report
    assert (report.rows_read, report.rows_imported, report.rows_rejected) == (3, 2, 1)
    [error] = report.errors
    assert isinstance(error, RowError)
    assert (error.row, error.column, error.value) == (3, column, value)
    assert words in error.message.lower()
    assert result.deals["source_row"].tolist() == [2, 4]


def test_every_repeat_of_an_id_is_rejected_and_points_to_the_first() -> None:
    result = import_rows([["id", "statut"], ["X", "Gagné"], ["Y", "Gagné"], ["X", "Perdu"],
                          ["X", "Perdu"]])
    assert _errors(result) == [(4, "id", "X"), (5, "id", "X")]
    assert all("ligne 2" in e.message for e in result.report.errors)
    assert result.deals["deal_id"].tolist() == ["X", "Y"]


def test_one_row_with_several_problems_is_one_rejected_row() -> None:
    result = import_rows([HEADER, ["D1", "A", "", "abc", "99/99/2026"]])
    assert result.report.rows_rejected == 1
    assert [e.column for e in result.report.errors] == ["statut", "montant", "date de création"]


def test_missing_amount_is_nan_not_a_rejection() -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Prospect", ""]])
    assert result.report.rows_rejected == 0
    assert result.deals["amount"].isna().all()


def test_no_stage_or_status_column_fails_clearly() -> None:
    data = csv_bytes([["client", "montant"], ["A", "10"]])
    with pytest.raises(ImportFailure, match="étape") as failure:
        import_bytes(data, "sans_etape.csv")
    assert "stage_label" in str(failure.value)


def test_unknown_stage_labels_are_all_listed_before_anything_else() -> None:
    rows = [["client", "étape"], ["A", "Rendez-vous"], ["B", "Gagné"], ["C", "Démo faite"],
            ["D", "Rendez-vous"]]
    with pytest.raises(UnknownStageLabels) as failure:
        import_rows(rows)
    assert failure.value.labels == ["Démo faite", "Rendez-vous"]
    assert "--stage" in str(failure.value)
    assert "Rendez-vous" in str(failure.value)


def test_user_stage_mapping_resolves_unknown_labels() -> None:
    rows = [["client", "étape"], ["A", "Rendez-vous"], ["B", "Démo faite"]]
    result = import_rows(rows, stage_mappings={"rendez vous": "qualified",
                                               "Démo faite": "proposal"})
    assert result.deals["stage"].tolist() == ["qualified", "proposal"]
    assert result.deals["stage_label"].tolist() == ["Rendez-vous", "Démo faite"]


def test_stage_mapping_to_a_non_canonical_stage_fails() -> None:
    with pytest.raises(ImportFailure, match="demo"):
        import_rows([["client", "étape"], ["A", "X"]], stage_mappings={"X": "demo"})


def test_status_is_derived_from_the_stage() -> None:
    rows = [["client", "étape"], ["A", "Closed Won"], ["B", "Perdu"], ["C", "Négociation"],
            ["D", "closedlost"], ["E", "qualifiedtobuy"]]
    deals = import_rows(rows).deals
    assert deals["status"].tolist() == ["won", "lost", "open", "lost", "open"]
    assert deals["stage"].tolist() == ["won", "lost", "negotiation", "lost", "qualified"]


def test_lost_deal_keeps_the_stage_it_reached() -> None:
    rows = [["client", "étape", "statut"], ["A", "Proposition", "Perdue"],
            ["B", "Négociation", "gagnée"], ["C", "Qualifié", "Ouverte"]]
    deals = import_rows(rows).deals
    assert deals["status"].tolist() == ["lost", "won", "open"]
    assert deals["stage"].tolist() == ["lost", "won", "qualified"]
    assert deals["stage_reached"].tolist() == ["proposal", "negotiation", "qualified"]


@pytest.mark.parametrize("word", ["open", "Ouvert", "ouverte", "OPEN", "won", "Gagné",
                                  "gagnée", "lost", "Perdu", "perdue"])
def test_status_words_in_english_and_french(word: str) -> None:
    deals = import_rows([["Deal - Title", "Deal - Status"], ["A", word]]).deals
    assert deals["status"].tolist() == [
        {"o": "open", "w": "won", "g": "won", "l": "lost", "p": "lost"}[word[0].lower()]]


def test_unknown_status_is_a_rejection() -> None:
    result = import_rows([["Deal - Title", "Deal - Status"], ["A", "deleted"], ["B", "won"]])
    assert _errors(result) == [(2, "Deal - Status", "deleted")]
    assert "statut" in result.report.errors[0].message.lower()


def test_open_deal_without_stage_is_a_prospect_with_a_warning() -> None:
    result = import_rows([["Deal - Title", "Deal - Status"], ["A", "open"]])
    assert result.deals["stage"].tolist() == ["prospect"]
    assert result.deals["stage_reached"].isna().all()
    assert any("sans étape" in w for w in result.report.warnings)


def test_probability_won_one_lost_zero_open_stage_default() -> None:
    rows = [["client", "étape"], ["A", "Gagné"], ["B", "Perdu"], ["C", "Proposition"]]
    deals = import_rows(rows).deals
    assert deals["probability"].tolist() == [1.0, 0.0, 0.5]
    assert deals["probability_explicit"].tolist() == [False, False, False]


def test_explicit_probability_wins_for_open_deals_only() -> None:
    rows = [["client", "étape", "probabilité"], ["A", "Proposition", "70 %"],
            ["B", "Gagné", "20 %"], ["C", "Prospect", ""]]
    deals = import_rows(rows).deals
    assert deals["probability"].tolist() == pytest.approx([0.7, 1.0, 0.1])
    assert deals["probability_explicit"].tolist() == [True, False, False]


def test_settings_probabilities_replace_the_defaults() -> None:
    deals = import_rows([["client", "étape"], ["A", "Proposition"]],
                        stage_probabilities={"proposal": 0.42}).deals
    assert deals["probability"].tolist() == [0.42]


def test_unreadable_probability_falls_back_to_the_stage_with_a_warning() -> None:
    result = import_rows([["client", "étape", "probabilité"], ["A", "Proposition", "élevée"]])
    assert result.report.rows_rejected == 0
    assert result.deals["probability"].tolist() == [0.5]
    assert any("Probabilité" in w for w in result.report.warnings)


def test_closed_date_falls_back_to_the_single_close_date_for_closed_deals() -> None:
    rows = [["client", "étape", "date de clôture"], ["A", "Gagné", "10/01/2026"],
            ["B", "Proposition", "20/02/2026"]]
    deals = import_rows(rows).deals
    assert deals["closed_date"].tolist()[0] == pd.Timestamp("2026-01-10")
    assert pd.isna(deals["closed_date"].tolist()[1])
    assert deals["expected_close_date"].tolist() == [pd.Timestamp("2026-01-10"),
                                                     pd.Timestamp("2026-02-20")]


def test_won_and_lost_time_columns_fill_closed_date_together() -> None:
    rows = [["Deal - Title", "Deal - Status", "Deal - Won time", "Deal - Lost time"],
            ["A", "won", "2026-01-10 10:00:00", ""], ["B", "lost", "", "2026-02-03 08:00:00"]]
    deals = import_rows(rows).deals
    assert deals["closed_date"].tolist() == [pd.Timestamp("2026-01-10"),
                                             pd.Timestamp("2026-02-03")]


def test_deal_id_is_generated_from_the_row_when_missing() -> None:
    rows = [["id", "client", "statut"], ["", "A", "Gagné"], ["X9", "B", "Perdu"]]
    assert import_rows(rows).deals["deal_id"].tolist() == ["L2", "X9"]
    assert import_rows([["client", "statut"], ["A", "Gagné"]]).deals["deal_id"].tolist() == [
        "L2"]


def test_deals_frame_has_the_canonical_columns_and_dtypes() -> None:
    deals = import_rows([HEADER, ["D1", "A", "Gagné", "5", "02/01/2026"]]).deals
    assert list(deals.columns) == list(CANONICAL_COLUMNS)
    # docs/architecture.md, "Frame conventions" — written out, not recomputed by the code
    expected = {"amount": "float64", "probability": "float64", "probability_explicit": "bool",
                "source_row": "Int64", "created_date": "datetime64[us]",
                "closed_date": "datetime64[us]", "name": "str", "stage": "str",
                "status": "str", "notes": "str"}  # fmt: skip
    assert {name: str(deals[name].dtype) for name in expected} == expected
    kinds = {"text": "str", "date": "datetime64[us]"}
    for name, kind in CANONICAL_COLUMNS.items():
        if kind in kinds:
            assert str(deals[name].dtype) == kinds[kind], name


def test_empty_text_is_missing_not_empty_string() -> None:
    deals = import_rows([["client", "statut", "secteur"], ["A", "Gagné", ""]]).deals
    assert deals["sector"].isna().all()


def test_report_to_dict_is_the_cli_json() -> None:
    result = import_rows([HEADER, ["D1", "A", "Gagné", "5", "02/01/2026"],
                          ["D2", "B", "", "5", "02/01/2026"]])
    payload = result.report.to_dict()
    assert set(payload) == {"detected", "rows_read", "rows_imported", "rows_rejected",
                            "errors", "errors_total", "warnings"}
    assert {"encoding", "delimiter", "decimal", "date_order", "date_orders",
            "columns"} <= set(payload["detected"])
    assert payload["errors"] == [{"row": 3, "column": "statut", "value": "",
                                  "message": "Étape et statut manquants."}]
    json.dumps(payload)


def test_build_deals_accepts_an_edited_mapping() -> None:
    raw = read_table(csv_bytes([["Nom", "Phase"], ["A", "Gagné"]]), "x.csv")
    mapping = suggest_mapping(raw.headers) | {"Phase": "stage_label"}
    result = build_deals(raw, mapping)
    assert result.deals["status"].tolist() == ["won"]


def test_text_cells_are_trimmed() -> None:
    deals = import_rows([["client", "statut"], ["  A  ", " Gagné "]]).deals
    assert deals["name"].tolist() == ["A"]
    assert deals["stage_label"].tolist() == ["Gagné"]


def test_header_only_file_fails_clearly() -> None:
    with pytest.raises(ImportFailure, match="aucune ligne"):
        import_bytes(b"client;statut\n", "vide.csv")


def test_salesforce_report_footer_is_skipped() -> None:
    data = (b'"Opportunity Name","Stage","Amount"\n"A","Closed Won","100"\n'
            b'"Total","","100"\n""\n"Confidential Information - Do Not Distribute"\n'
            b'"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\n')
    result = import_bytes(data, "report.csv")
    assert (result.report.rows_read, result.report.rows_imported) == (1, 1)
    assert any("3, 4, 5, 6" in w for w in result.report.warnings)


def test_all_rows_rejected_still_reports() -> None:
    result = import_rows([["client", "statut"], ["A", ""], ["B", ""]])
    assert (result.report.rows_read, result.report.rows_imported) == (2, 0)
    assert len(result.deals) == 0
    assert list(result.deals.columns) == list(CANONICAL_COLUMNS)


def test_many_unknown_stage_labels_make_one_short_message_with_the_count() -> None:
    rows = [["client", "étape"]] + [[f"C{i}", f"Étape maison n°{i:05d}"] for i in range(10_000)]
    with pytest.raises(UnknownStageLabels) as failure:
        import_rows(rows)
    message = str(failure.value)
    assert len(failure.value.labels) == 10_000
    assert len(message) < 2_000
    assert "10 000 étape(s) inconnue(s)" in message
    assert "« Étape maison n°00019 »" in message and "n°00020" not in message
    assert "et 9 980 autre(s)" in message
    assert "--stage" in message


def test_a_very_long_unknown_label_is_cut_in_the_message() -> None:
    label = "x" * 5_000
    with pytest.raises(UnknownStageLabels) as failure:
        import_rows([["client", "étape"], ["A", label]])
    assert failure.value.labels == [label]
    assert len(str(failure.value)) < 500


def test_report_json_caps_the_error_list_but_the_report_keeps_them_all() -> None:
    rows = [["client", "statut", "montant"]] + [[f"C{i}", "Gagné", "abc"] for i in range(1_005)]
    report = import_rows(rows).report
    assert len(report.errors) == 1_005
    capped = report.to_dict()
    assert (len(capped["errors"]), capped["errors_total"]) == (1_000, 1_005)
    assert capped["errors"][-1]["row"] == 1_001
    assert len(report.to_dict(error_limit=None)["errors"]) == 1_005
