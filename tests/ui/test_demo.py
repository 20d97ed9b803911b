"""The demo export: seeded, French Excel style, and imported by the normal import path."""

from __future__ import annotations

import datetime as dt

from business_logic import importing
from business_logic.demo import demo_export

AS_OF = dt.date(2026, 11, 26)


def test_demo_is_deterministic_and_french_excel_style():
    data = demo_export(AS_OF)
    assert data == demo_export(AS_OF)
    assert data != demo_export(AS_OF, seed=7)
    text = data.decode("cp1252")
    header = text.splitlines()[0]
    assert header.split(";")[:4] == ["ID", "Affaire", "Entreprise", "Étape"]
    assert "\u00a0" in text and " €" in text and "/2026" in text
    assert len(text.splitlines()) == 301


def test_demo_imports_cleanly_with_every_field_recognised():
    result = importing.import_bytes(demo_export(AS_OF, 500), "demo.csv")
    report = result.report
    assert (report.rows_read, report.rows_imported, report.rows_rejected) == (500, 500, 0)
    assert "ignore" not in report.detected["columns"].values()
    deals = result.deals
    assert set(deals["status"]) == {"open", "won", "lost"}
    assert deals["created_date"].max().date() <= AS_OF
    assert {"LinkedIn", "Site web", "Salon", "Recommandation"} <= set(deals["source"])
    open_share = (deals["status"] == "open").mean()
    assert 0.2 < open_share < 0.5
