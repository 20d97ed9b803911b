"""Manual entry on the Affaires page (issue 13, item 1; docs/saisie.md), with AppTest: an
import offers a saisie, a saisie takes deals through the form with errors next to the
field, and the journal undoes a change."""

from __future__ import annotations

import pytest

from database import list_imports, load_deals
from tests.ui.conftest import assert_clean, import_file

pytestmark = pytest.mark.db

CSV = (
    "Id;Affaire;Étape;Montant;Source\n"
    "A1;Alpha;Prospect;1 000;LinkedIn\n"
    "A2;Beta;Proposition;2 500;Salon\n"
).encode()


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _saisie(app_env) -> int:
    return next(s.import_id for s in list_imports(app_env) if s.is_saisie)


def test_an_import_offers_a_saisie_and_stays_read_only(make_app, app_env):
    imported = import_file(app_env, CSV)
    at = make_app("components/deals.py")
    assert_clean(at)
    _button(at, "Créer une saisie à partir de cet import").click().run()
    assert_clean(at)
    saisie = _saisie(app_env)
    assert at.sidebar.selectbox(key="import_id").value == saisie
    assert any("Saisie n°" in s.value for s in at.success)
    assert list(load_deals(app_env, saisie)["deal_id"]) == ["A1", "A2"]
    assert list(load_deals(app_env, imported)["amount"]) == [1000.0, 2500.0]


def test_the_form_adds_a_deal_and_shows_errors_next_to_the_field(make_app, app_env):
    import_file(app_env, CSV)
    at = make_app("components/deals.py")
    _button(at, "Nouvelle saisie vide").click().run()
    saisie = _saisie(app_env)
    at.text_input(key="deal_f_name").input("Gamma")
    at.selectbox(key="deal_f_stage_label").select("Qualifié")
    at.text_input(key="deal_f_amount").input("-12")
    at.button(key="FormSubmitter:deal_form-Ajouter l'affaire").click().run()
    assert [e.value for e in at.error] == ["Montant négatif\\."]  # escaped Markdown
    assert load_deals(app_env, saisie).empty
    at.text_input(key="deal_f_amount").input("12 000 €")
    at.button(key="FormSubmitter:deal_form-Ajouter l'affaire").click().run()
    assert_clean(at)
    deals = load_deals(app_env, saisie)
    assert deals[["deal_id", "name", "stage", "amount"]].values.tolist() == [
        ["S2", "Gamma", "qualified", 12000.0]]


def test_closing_then_undo_in_the_journal_restores_the_deal(make_app, app_env):
    import_file(app_env, CSV)
    at = make_app("components/deals.py")
    _button(at, "Créer une saisie à partir de cet import").click().run()
    saisie = _saisie(app_env)
    at.selectbox(key="deal_form_row").select(3).run()
    assert at.text_input(key="deal_f_name").value == "Beta"
    _button(at, "Clôturer gagnée").click().run()
    assert_clean(at)
    assert load_deals(app_env, saisie).loc[1, "status"] == "won"
    assert any("Clôture" in m.value and "En cours → Gagnée" in m.value for m in at.markdown)
    at.button(key=next(b.key for b in at.button
                       if b.key and b.key.startswith("journal_deal_undo_"))).click().run()
    assert_clean(at)
    assert load_deals(app_env, saisie).loc[1, "status"] == "open"
    assert at.selectbox(key="deal_f_status").value == "En cours"


def test_accueil_add_button_opens_the_form_of_the_latest_saisie(make_app, app_env):
    from database.manual_entry import create_saisie

    imported = import_file(app_env, CSV)
    saisie = create_saisie(app_env, copy_of=imported)
    import_file(app_env, CSV, "plus-recent.csv")  # the selected snapshot is an import
    at = make_app()
    _button(at, "Ajouter une affaire").click().run()
    assert_clean(at)
    assert at.sidebar.selectbox(key="import_id").value == saisie
    assert at.selectbox(key="deal_form_row").value == 0
    assert any(b.label == "Ajouter l'affaire" for b in at.button)


@pytest.mark.parametrize("empty", [True, False], ids=["saisie vide", "saisie copiée"])
def test_every_page_reads_a_saisie_like_an_import(make_app, app_env, empty):
    from database.manual_entry import add_deal, create_saisie
    from tests.ui.conftest import PAGES

    imported = import_file(app_env, CSV)
    saisie = create_saisie(app_env, copy_of=None if empty else imported)
    if not empty:
        add_deal(app_env, saisie, {"name": "Delta", "stage_label": "Négociation",
                                   "amount": "4 000"})
    for page, title in PAGES:
        at = make_app(page)
        assert_clean(at)
        assert at.sidebar.selectbox(key="import_id").value == saisie, title


DATED_CSV = (
    "Id;Affaire;Étape;Montant;Date d'entrée dans l'étape Proposition\n"
    "A1;Alpha;Proposition;1 000;03/11/2026\n"
).encode()


def test_the_form_edits_a_deal_with_an_entry_date_and_keeps_it(make_app, app_env):
    import datetime as dt

    import_file(app_env, DATED_CSV)
    at = make_app("components/deals.py")
    _button(at, "Créer une saisie à partir de cet import").click().run()
    saisie = _saisie(app_env)
    at.selectbox(key="deal_form_row").select(2).run()
    assert at.date_input(key="deal_f_entered_proposal").value == dt.date(2026, 11, 3)
    at.text_input(key="deal_f_name").input("Alpha bis")
    at.button(key="FormSubmitter:deal_form-Enregistrer").click().run()
    assert_clean(at)
    deal = load_deals(app_env, saisie).iloc[0]
    assert (deal["name"], deal["entered_proposal"].date()) == ("Alpha bis", dt.date(2026, 11, 3))
