"""Manual entry in headless Chromium (issue 13, item 1): the form refuses a bad amount next
to its field, adds the deal, closes it, the journal undoes the closing, and a cell edited
in the table is saved. Screenshots at 1440 and 390 px in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

from database import list_imports, load_deals
from database.manual_entry import create_saisie
from tests.ui.conftest import import_file
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    _settle,
    pytestmark,
    server,
)

CSV = (
    "Id;Affaire;Entreprise;Étape;Montant;Source;Date de création\n"
    "A1;Alpha;Acme;Prospect;1 000;LinkedIn;01/10/2026\n"
    "A2;Beta;Beta SA;Proposition;2 500;Salon;15/10/2026\n"
).encode()


def _shot(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 2400})
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def _pick(page, label: str, option: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).first.click()


def test_form_journal_undo_and_inline_edit(server: str, app_env, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    imported = import_file(app_env, CSV)
    saisie = create_saisie(app_env, copy_of=imported)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="fr-FR")
        try:
            page.goto(f"{server}/affaires")
            _settle(page)
            form = page.locator('[data-testid="stForm"]')
            form.get_by_label("Affaire", exact=True).fill("Gamma")
            _pick(page, "Étape", "Qualifié")
            form.get_by_label("Montant", exact=True).fill("-300")
            page.get_by_role("button", name="Ajouter l'affaire").click()
            page.get_by_text("Montant négatif.").wait_for()
            assert len(load_deals(app_env, saisie)) == 2
            _shot(page, "saisie-form-error", 1440)

            form.get_by_label("Montant", exact=True).fill("12 000 €")
            page.get_by_role("button", name="Ajouter l'affaire").click()
            page.get_by_text("Affaire ajoutée (ligne 4).").wait_for()
            _settle(page)
            added = load_deals(app_env, saisie).iloc[-1]
            assert (added["name"], added["amount"], added["stage"]) == ("Gamma", 12000.0,
                                                                      "qualified")

            page.get_by_role("button", name="Clôturer gagnée").click()
            page.get_by_text("Affaire clôturée gagnée.").wait_for()
            _settle(page)
            assert load_deals(app_env, saisie).iloc[-1]["status"] == "won"
            page.get_by_text("En cours → Gagnée").first.wait_for()
            _shot(page, "saisie-journal", 1440)
            _shot(page, "saisie-journal", 390)
            page.set_viewport_size({"width": 1440, "height": 2400})

            page.get_by_role("button", name="Annuler", exact=True).first.click()
            page.get_by_text("Clôture annulée (S4).").wait_for()
            _settle(page)
            assert load_deals(app_env, saisie).iloc[-1]["status"] == "open"

            grid = page.locator('[data-testid="stDataFrame"]').first
            box = grid.bounding_box()
            page.mouse.dblclick(box["x"] + 40, box["y"] + 35 + 17)  # first row's id
            page.wait_for_timeout(500)
            page.keyboard.press("Control+A")
            page.keyboard.type("A1-bis", delay=30)
            page.keyboard.press("Enter")
            for _ in range(60):  # saved by the editor's callback (its message is transient)
                if load_deals(app_env, saisie).iloc[0]["deal_id"] == "A1-bis":
                    break
                page.wait_for_timeout(500)
            _settle(page)
            assert load_deals(app_env, saisie).iloc[0]["deal_id"] == "A1-bis"
            assert load_deals(app_env, imported).iloc[0]["deal_id"] == "A1"
            _shot(page, "saisie-inline-edit", 1440)
        finally:
            browser.close()
    assert [s.kind for s in list_imports(app_env)] == ["saisie", "import"]
