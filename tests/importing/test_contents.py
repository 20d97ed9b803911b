"""The import report's split and stage mapping (issue 12, item 8)."""

from __future__ import annotations

from business_logic.importing import import_bytes
from business_logic.importing.contents import StageLabelUse, StatusTotal, import_contents
from tests.metrics.frames import deals

CSV = (
    "Affaire;Étape;Montant;Devise;Date de création\n"
    "A;Proposition;1000;EUR;01/11/2026\n"
    "B;Devis;500;EUR;02/11/2026\n"
    "C;Closed Won;2000;EUR;03/11/2026\n"
    "D;Signé;300;EUR;04/11/2026\n"
    "E;Perdu;700;USD;05/11/2026\n"
    "F;Proposition;;EUR;06/11/2026\n"
).encode()


def test_split_by_status_counts_every_deal_and_adds_only_the_main_currency():
    contents = import_contents(import_bytes(CSV, "export.csv").deals)
    assert contents.currency == "EUR"
    assert contents.by_status == (StatusTotal("open", 3, 1500.0), StatusTotal("won", 2, 2300.0),
                                  StatusTotal("lost", 1, 0.0))
    assert contents.other_currency_deals == 1


def test_each_file_label_is_listed_with_its_stage_and_count_in_pipeline_order():
    contents = import_contents(import_bytes(CSV, "export.csv").deals)
    assert contents.stage_labels == (
        StageLabelUse("Proposition", "proposal", 2),
        StageLabelUse("Devis", "proposal", 1),
        StageLabelUse("Closed Won", "won", 1),
        StageLabelUse("Signé", "won", 1),
        StageLabelUse("Perdu", "lost", 1),
    )


def test_a_row_without_a_label_is_listed_as_such():
    frame = deals({"stage": "prospect", "stage_label": None, "amount": 10.0},
                  {"status": "won", "amount": 5.0})
    contents = import_contents(frame)
    assert contents.stage_labels == (StageLabelUse(None, "prospect", 1),
                                     StageLabelUse("won", "won", 1))
    assert contents.currency is None
    assert contents.by_status[0] == StatusTotal("open", 1, 10.0)
    assert contents.to_dict()["by_status"][1] == {"status": "won", "deals": 1, "amount": 5.0}
