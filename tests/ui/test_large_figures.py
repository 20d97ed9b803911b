"""Large figures fit their card: compact French units past 10 M€, the exact amount in the
tooltip (issue 12, item 4)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import assert_clean, import_file
from utils.formatting import format_eur_card

NN = "\u202f"
EXACT = "8\u202f012\u202f301\u202f255\u00a0€"


def test_small_amount_stays_exact() -> None:
    assert format_eur_card(9_999_999) == ("9\u202f999\u202f999\u00a0€", None)


def test_large_amount_is_compact_with_the_exact_value_returned() -> None:
    assert format_eur_card(8_012_301_255) == (f"8,01{NN}Md€", EXACT)


@pytest.mark.db
def test_home_card_shows_milliards_and_the_exact_amount_in_its_help(make_app, app_env):
    export = ("Affaire;Étape;Montant\n"
              "Alpha;Gagné;4000000000\n"
              "Beta;Gagné;4012301255\n"
              "Gamma;Négociation;2800000\n").encode()
    import_file(app_env, export)
    at = make_app()
    assert_clean(at)
    won = next(m for m in at.metric if m.label == "Chiffre signé")
    assert won.value == f"8,01{NN}Md€"
    assert f"Valeur exacte : {EXACT}." in won.proto.help
    gross = next(m for m in at.metric if m.label == "Pipeline brut")
    assert gross.value == "2\u202f800\u202f000\u00a0€"  # under 10 M€: exact
