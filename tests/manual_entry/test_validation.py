"""The import's rules applied to a deal typed by hand (business_logic.manual_entry,
docs/saisie.md): one French message per refused field, derived values as the importer's."""

from __future__ import annotations

import datetime as dt

import pytest

from business_logic.manual_entry import (
    check_deal,
    closing_fields,
    entry_fields,
    validate_deal,
)


def _messages(fields: dict, **context) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in validate_deal(fields, **context)]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"name": "X"}, [("stage_label", "Étape et statut manquants.")]),
    ({"status": "peut-être"}, [("status", "Statut inconnu (attendu : ouvert, gagné ou "
                                          "perdu).")]),
    ({"stage_label": "Prospect", "amount": "douze"}, [("amount", "Montant illisible.")]),
    ({"stage_label": "Prospect", "amount": "-300 €"}, [("amount", "Montant négatif.")]),
    ({"stage_label": "Prospect", "amount": -1.0}, [("amount", "Montant négatif.")]),
    ({"stage_label": "Prospect", "amount": 1e13},
     [("amount", "Montant trop élevé (maximum 999 999 999 999,99).")]),
    ({"stage_label": "Prospect", "closed_date": "demain"},
     [("closed_date", "Date illisible.")]),
    ({"stage_label": "Prospect", "created_date": "30/02/2026"},
     [("created_date", "Date impossible (jour ou mois hors du calendrier).")]),
    ({"stage_label": "Prospect", "created_date": dt.date(1850, 1, 1)},
     [("created_date", "Date impossible (année hors de 1900–2100).")]),
    ({"stage_label": "Prospect", "probability": "150 %"},
     [("probability", "Probabilité illisible ou hors de 0–100 %.")]),
    ({"stage_label": "Peut-être un jour"},
     [("stage_label", "Étape « Peut-être un jour » inconnue : choisissez l'une de "
                      "Prospect, Qualifié, Proposition, Négociation, Gagné, Perdu.")]),
])
def test_a_value_the_import_would_reject_is_refused_next_to_its_field(
        fields: dict, expected: list) -> None:
    assert _messages(fields) == expected


def test_every_refused_field_is_named_at_once() -> None:
    assert [e.field for e in validate_deal({"amount": "x", "expected_close_date": "y"})] == [
        "stage_label", "amount", "expected_close_date"]


def test_an_id_of_another_deal_is_refused() -> None:
    assert _messages({"deal_id": "A2", "status": "ouvert"}, other_ids={"A1", "A2"}) == [
        ("deal_id", "Identifiant déjà présent dans cette saisie.")]


def test_typed_values_are_read_as_the_importer_reads_them() -> None:
    record = check_deal({"stage_label": "négociation", "amount": "12 500,50 €",
                         "probability": "70 %", "created_date": "03/04/2026",
                         "name": "  Refonte  "}, default_id="S7").record
    assert record is not None
    assert {k: record[k] for k in ("deal_id", "name", "stage", "stage_reached", "status",
                                   "amount", "currency", "probability",
                                   "probability_explicit", "created_date")} == {
        "deal_id": "S7", "name": "Refonte", "stage": "negotiation",
        "stage_reached": "negotiation", "status": "open", "amount": 12500.5,
        "currency": "EUR", "probability": 0.7, "probability_explicit": True,
        "created_date": dt.date(2026, 4, 3)}


def test_status_and_stage_are_derived_as_on_import() -> None:
    won_label_open = check_deal({"stage_label": "Gagné", "status": "ouvert"}).record
    assert (won_label_open["stage"], won_label_open["status"]) == ("negotiation", "open")
    status_only = check_deal({"status": "perdue"}).record
    assert (status_only["stage"], status_only["stage_reached"]) == ("lost", None)
    lost = check_deal({"stage_label": "Proposition", "status": "lost",
                       "probability": 0.4}).record
    assert (lost["stage"], lost["stage_reached"], lost["probability"]) == (
        "lost", "proposal", None)


def test_a_label_in_use_maps_through_the_snapshot_mappings() -> None:
    record = check_deal({"stage_label": "RDV pris"},
                        stage_mappings={"RDV pris": "qualified"}).record
    assert record["stage"] == "qualified"


def test_a_stored_deal_checks_back_to_itself() -> None:
    record = check_deal({"deal_id": "A1", "stage_label": "Proposition", "amount": 100,
                         "probability": 0.35, "source": "Salon"}).record
    assert check_deal(entry_fields(record)).record == record


def test_closing_keeps_the_stage_reached_and_sets_the_date() -> None:
    record = check_deal({"deal_id": "A1", "stage_label": "Proposition"}).record
    closed = check_deal(closing_fields(record, "lost", dt.date(2026, 11, 26), "Prix")).record
    assert (closed["status"], closed["stage"], closed["stage_reached"], closed["closed_date"],
            closed["lost_reason"]) == ("lost", "lost", "proposal", dt.date(2026, 11, 26), "Prix")
