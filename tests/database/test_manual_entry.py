"""Manual entry against the real database (issue 13, item 1; docs/saisie.md): a saisie is
a snapshot of its own, every write is one transaction, a refused edit changes nothing,
undo restores exactly, and the import a saisie was copied from never changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, text

from database import list_imports, load_deals
from database.import_flow import run_import
from database.manual_entry import (
    ManualEntryError,
    add_deal,
    close_deal,
    create_saisie,
    delete_deal,
    edit_deal,
    entry_choices,
    journal,
    undo,
)

CSV = (
    "Id;Affaire;Entreprise;Étape;Montant;Source;Date de création;Clôture prévue\n"
    "A1;Refonte site;Acme;Proposition;12 500,50 €;LinkedIn;01/10/2026;15/12/2026\n"
    "A2;Audit;Beta;Négociation;8 000;Salon;15/09/2026;30/11/2026\n"
    "A3;Formation;Gamma;Gagné;3 000;LinkedIn;01/08/2026;\n"
).encode()


def _rows(engine: Engine, import_id: int) -> list[tuple]:
    """Every stored value of a snapshot, as PostgreSQL returns it, in row order."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            f"SELECT * FROM deals_import_{import_id} ORDER BY source_row"))]


@pytest.fixture
def imported(clean_db: Engine) -> int:
    return run_import(clean_db, CSV, "export-2026-11-20.csv").import_id


@pytest.fixture
def saisie(clean_db: Engine, imported: int) -> int:
    return create_saisie(clean_db, copy_of=imported)


def test_a_copy_holds_the_same_rows_in_its_own_partition(clean_db: Engine, imported: int,
                                                          saisie: int) -> None:
    strip = [row[1:] for row in _rows(clean_db, imported)]  # import_id differs
    assert [row[1:] for row in _rows(clean_db, saisie)] == strip
    kinds = {s.import_id: (s.kind, s.rows_imported) for s in list_imports(clean_db)}
    assert kinds == {imported: ("import", 3), saisie: ("saisie", 3)}


def test_an_empty_saisie_takes_deals_one_by_one(clean_db: Engine) -> None:
    saisie = create_saisie(clean_db)
    assert load_deals(clean_db, saisie).empty
    row = add_deal(clean_db, saisie, {"name": "Nouveau client", "stage_label": "Qualifié",
                                      "amount": "1 200 €", "created_date": "26/11/2026"})
    deals = load_deals(clean_db, saisie)
    assert row == 2
    assert deals.loc[0, ["deal_id", "stage", "status", "amount", "currency"]].tolist() == [
        "S2", "qualified", "open", 1200.0, "EUR"]
    assert deals.loc[0, "created_date"] == dt.datetime(2026, 11, 26)
    assert deals.loc[0, "probability"] == 0.3  # the stage's, at read time


def test_single_row_insert_update_delete_work_on_the_saisie_partition(
        clean_db: Engine, saisie: int) -> None:
    row = add_deal(clean_db, saisie, {"deal_id": "N1", "stage_label": "Prospect"})
    edit_deal(clean_db, saisie, row, {"amount": 500})
    with clean_db.connect() as connection:
        stored = connection.execute(text(
            f"SELECT deal_id, amount FROM deals_import_{saisie} WHERE source_row = :r"),
            {"r": row}).one()
    assert (stored.deal_id, float(stored.amount)) == ("N1", 500.0)
    delete_deal(clean_db, saisie, row)
    assert len(_rows(clean_db, saisie)) == 3


def test_edits_close_and_delete_leave_the_source_import_byte_for_byte(
        clean_db: Engine, imported: int, saisie: int) -> None:
    before = _rows(clean_db, imported)
    edit_deal(clean_db, saisie, 2, {"amount": "13 000", "owner": "Claire"})
    close_deal(clean_db, saisie, 3, "lost", dt.date(2026, 11, 25), "Budget")
    delete_deal(clean_db, saisie, 4)
    add_deal(clean_db, saisie, {"stage_label": "Prospect", "name": "X"})
    assert _rows(clean_db, imported) == before
    assert load_deals(clean_db, imported)["amount"].tolist() == [12500.5, 8000.0, 3000.0]


def test_an_import_cannot_be_edited(clean_db: Engine, imported: int) -> None:
    before = _rows(clean_db, imported)
    with pytest.raises(ManualEntryError, match="ne se modifie pas"):
        edit_deal(clean_db, imported, 2, {"amount": 1})
    assert _rows(clean_db, imported) == before


def test_a_refused_edit_changes_nothing_and_says_why_per_field(clean_db: Engine,
                                                               saisie: int) -> None:
    before, entries = _rows(clean_db, saisie), journal(clean_db, saisie)
    with pytest.raises(ManualEntryError) as refused:
        edit_deal(clean_db, saisie, 2, {"amount": "-5", "created_date": "31/02/2026",
                                        "name": "Renommée"})
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("amount", "Montant négatif."),
        ("created_date", "Date impossible (jour ou mois hors du calendrier)."),
    ]
    assert _rows(clean_db, saisie) == before
    assert journal(clean_db, saisie) == entries


def test_an_id_used_by_another_deal_is_refused(clean_db: Engine, saisie: int) -> None:
    with pytest.raises(ManualEntryError) as refused:
        add_deal(clean_db, saisie, {"deal_id": "A2", "stage_label": "Prospect"})
    assert refused.value.errors[0].message == "Identifiant déjà présent dans cette saisie."


def test_closing_won_sets_status_stage_date_and_probability(clean_db: Engine,
                                                            saisie: int) -> None:
    changed = close_deal(clean_db, saisie, 2, "won", dt.date(2026, 11, 27))
    assert changed == ["stage", "status", "closed_date"]
    deal = load_deals(clean_db, saisie).set_index("deal_id").loc["A1"]
    assert (deal["status"], deal["stage"], deal["stage_reached"], deal["probability"]) == (
        "won", "won", "proposal", 1.0)
    assert deal["closed_date"] == dt.datetime(2026, 11, 27)


def test_the_journal_says_when_what_before_and_after(clean_db: Engine, saisie: int) -> None:
    edit_deal(clean_db, saisie, 3, {"amount": 9000})
    entry = journal(clean_db, saisie, 3)[0]
    assert (entry.action, entry.fields, entry.before, entry.after, entry.deal_id) == (
        "edit", ("amount",), {"amount": 8000.0}, {"amount": 9000.0}, "A2")
    assert entry.changed_at.tzinfo is not None
    assert journal(clean_db, saisie, 2) == []


def test_undoing_every_change_restores_the_saisie_exactly(clean_db: Engine,
                                                          saisie: int) -> None:
    original = _rows(clean_db, saisie)
    added = add_deal(clean_db, saisie, {"stage_label": "Négociation", "amount": 10})
    edit_deal(clean_db, saisie, 2, {"probability": "45 %", "notes": "rappeler"})
    close_deal(clean_db, saisie, 3, "lost", dt.date(2026, 11, 28), "Prix")
    delete_deal(clean_db, saisie, 4)
    edit_deal(clean_db, saisie, added, {"name": "Delta"})
    for _ in range(5):
        undo(clean_db, saisie)
    assert _rows(clean_db, saisie) == original
    with pytest.raises(ManualEntryError, match="Aucun changement à annuler"):
        undo(clean_db, saisie)
    assert [e.action for e in journal(clean_db, saisie)].count("undo") == 5


def test_undoing_a_given_older_entry_restores_only_its_fields(clean_db: Engine,
                                                              saisie: int) -> None:
    edit_deal(clean_db, saisie, 2, {"amount": 1})
    edit_deal(clean_db, saisie, 2, {"owner": "Léa"})
    older = journal(clean_db, saisie, 2)[1]
    undone = undo(clean_db, saisie, older.entry_id)
    deal = load_deals(clean_db, saisie).set_index("deal_id").loc["A1"]
    assert (deal["amount"], deal["owner"]) == (12500.5, "Léa")
    by_id = {e.entry_id: e for e in journal(clean_db, saisie, 2)}
    assert by_id[older.entry_id].undone_by == undone.undo_id
    assert by_id[undone.undo_id].after == {"amount": 12500.5}
    with pytest.raises(ManualEntryError, match="pas annulable"):
        undo(clean_db, saisie, older.entry_id)


def test_undo_is_refused_when_the_deal_changed_since_in_the_same_field(
        clean_db: Engine, saisie: int) -> None:
    edit_deal(clean_db, saisie, 2, {"amount": 1})
    edit_deal(clean_db, saisie, 2, {"amount": 2})
    before = _rows(clean_db, saisie)
    with pytest.raises(ManualEntryError, match="a changé depuis"):
        undo(clean_db, saisie, journal(clean_db, saisie, 2)[1].entry_id)
    assert _rows(clean_db, saisie) == before


def test_a_new_import_never_merges_into_a_saisie(clean_db: Engine, saisie: int) -> None:
    add_deal(clean_db, saisie, {"deal_id": "M1", "stage_label": "Prospect"})
    before = _rows(clean_db, saisie)
    newer = run_import(clean_db, CSV.replace(b"A3;", b"A9;"), "export-2026-11-30.csv")
    assert _rows(clean_db, saisie) == before
    assert sorted(load_deals(clean_db, newer.import_id)["deal_id"]) == ["A1", "A2", "A9"]
    assert {s.import_id: s.kind for s in list_imports(clean_db)}[newer.import_id] == "import"


def test_deleting_a_saisie_drops_its_journal(clean_db: Engine, saisie: int) -> None:
    from database import delete_import

    edit_deal(clean_db, saisie, 2, {"amount": 1})
    assert delete_import(clean_db, saisie)
    with clean_db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM deal_journal")).scalar_one() == 0


def test_the_pickers_offer_the_values_in_use(clean_db: Engine, saisie: int) -> None:
    assert entry_choices(clean_db, saisie) == {
        "stage_label": ["Gagné", "Négociation", "Proposition"],
        "source": ["LinkedIn", "Salon"]}


def test_a_saisie_compares_with_its_import_like_any_snapshot(clean_db: Engine, imported: int,
                                                             saisie: int) -> None:
    import services
    from business_logic.metrics import DealFilters

    edit_deal(clean_db, saisie, 2, {"amount": 20000})
    delete_deal(clean_db, saisie, 4)
    payload = services.diff_payload(clean_db, from_import=imported, to_import=saisie,
                                    filters=DealFilters())
    assert (payload["from_import"], payload["to_import"]) == (imported, saisie)
    assert payload["counts"]["montant_hausse"] == 1
    assert payload["counts"]["disparue"] == 1
