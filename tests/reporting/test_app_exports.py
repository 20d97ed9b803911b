"""Accueil offers the three exports (built only on click, so not tested here)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, assert_clean, import_demo

pytestmark = pytest.mark.db


def test_home_offers_pdf_xlsx_and_csv_downloads(app_env: Engine) -> None:
    import_demo(app_env)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert_clean(at)
    labels = {key: at.download_button(key=key).label
              for key in ("export_pdf", "export_xlsx", "export_csv")}
    assert labels == {"export_pdf": "Revue hebdomadaire (PDF)",
                      "export_xlsx": "Classeur Excel (XLSX)",
                      "export_csv": "Affaires filtrées (CSV)"}
    assert any(sub.value == "Exporter" for sub in at.subheader)


def test_home_without_data_has_no_export(app_env: Engine) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not [button for button in at.get("download_button")
                if button.key and button.key.startswith("export_")]
