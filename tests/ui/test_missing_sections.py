"""Sections without data are hidden with one line naming the missing column; a change on a
small base is shown in units, not percent (issue 12, item 5)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import assert_clean, import_file
from utils.formatting import delta_options, format_change

NO_SECTOR = ("Affaire;Étape;Montant;Source;Commercial\n"
             "Alpha;Gagné;1000;Salon;Léa\n"
             "Beta;Négociation;2000;Salon;Léa\n").encode()


def test_change_on_a_base_under_ten_is_absolute() -> None:
    assert format_change(27, 4, relative=5.75) == "+23"


def test_change_on_a_large_base_is_a_percentage() -> None:
    assert format_change(27, 20, relative=0.35) == "+35\u00a0%"


def test_amount_change_on_a_small_base_is_in_euros() -> None:
    assert format_change(5_000, 0, amount=True) == "+5\u202f000\u00a0€"


def test_no_change_is_grey_and_without_arrow() -> None:
    assert delta_options(12, 12) == {"delta_color": "off", "delta_arrow": "off"}
    assert delta_options(13, 12) == {}


@pytest.mark.db
def test_sector_section_hidden_when_the_export_has_no_sector(make_app, app_env) -> None:
    import_file(app_env, NO_SECTOR)
    at = make_app("components/deals.py")
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert ("L'analyse par secteur est masquée : l'export n'a pas de colonne « Secteur »."
            in captions)
    assert not any("Top 5 des secteurs" in m.value for m in at.markdown)
    assert not any("La performance par commercial est masquée" in c for c in captions)
