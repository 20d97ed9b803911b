"""Every page renders, without data and with an import, with no exception or error box."""

from __future__ import annotations

import pytest

from tests.ui.conftest import PAGES, assert_clean

pytestmark = pytest.mark.db


#: Pages about the data; Définitions explains the figures and needs none.
DATA_PAGES = tuple(p for p in PAGES if p[0] != "components/definitions.py")


@pytest.mark.parametrize(("page", "title"), DATA_PAGES, ids=[p[1] for p in DATA_PAGES])
def test_page_without_data_shows_empty_state(make_app, page, title):
    at = make_app(page)
    assert_clean(at)
    assert at.title[0].value == title
    assert any("Aucune donnée" in info.value for info in at.info)
    assert at.button(key="load_demo").label == "Charger des données de démonstration"


@pytest.mark.parametrize(("page", "title"), PAGES, ids=[p[1] for p in PAGES])
def test_page_with_an_import(make_app, demo_import, page, title):
    at = make_app(page)
    assert_clean(at)
    assert at.title[0].value == title
    assert not any("Aucune donnée" in info.value for info in at.info)


def test_definitions_page_shows_the_repository_text_and_the_thresholds_in_force(make_app,
                                                                                 app_env):
    from business_logic.metrics import Thresholds
    from database import set_thresholds

    set_thresholds(app_env, Thresholds(cold_days=9))
    at = make_app("components/definitions.py")
    assert_clean(at)
    assert at.caption[0].value == "Comment sont calculés les chiffres"
    assert "froide après plus de 9\u00a0jours sans activité" in at.info[0].value
    text = "\n".join(block.value for block in at.markdown)
    for section in ("## La fiche affaire", "## Étapes et probabilités par défaut",
                    "## Statut et probabilité", "## Règles d'import", "## Seuils",
                    "## Indicateurs clés", "## Prévisions à 30, 60 et 90 jours",
                    "## Répartitions"):
        assert section in text
