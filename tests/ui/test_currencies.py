"""Accueil keeps its totals in the file's main currency and says what it leaves out."""

from __future__ import annotations

import hashlib

import pytest

import database
from business_logic import importing
from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db

MIXED = ("Nom;Étape;Montant\nA;Proposition;1 000 €\nB;Proposition;2 000 €\n"
         "C;Proposition;$5,000\nD;Proposition;$7,000\nE;Proposition;£9\n").encode()


def test_home_totals_exclude_other_currencies_and_say_which(make_app, app_env):
    result = importing.import_bytes(MIXED, "devises.csv")
    database.save_import(app_env, file_name="devises.csv",
                         sha256=hashlib.sha256(MIXED).hexdigest(),
                         report=result.report.to_dict(), deals=result.deals)
    at = make_app()
    assert_clean(at)
    gross = [m.value for m in at.metric if m.label == "Pipeline brut"]
    assert gross == ["3\u202f000\u00a0€"]
    shown = [info.value.replace("\\", "") for info in at.info]  # Markdown escapes dropped
    assert "3\u00a0affaires en USD, GBP sont exclues des totaux (devise principale : EUR)." in shown
