"""The Affaires page on exports shaped unlike the demo."""

from __future__ import annotations

import pytest

from tests.ui.conftest import assert_clean, import_file

pytestmark = pytest.mark.db

PIPELINE_ONLY_CSV = (
    "Affaire;Étape;Montant;Secteur\n"
    "Alpha;Prospect;1 000;Industrie\n"
    "Beta;Proposition;2 500;Santé\n"
    "Gamma;Négociation;4 000;Industrie\n"
).encode()


def test_a_pipeline_only_export_with_sectors_renders(make_app, app_env):
    """No won deal: the average won deal size is unknown for every sector (issue 7,
    item 10: it crashed with a TypeError in nlargest)."""
    import_file(app_env, PIPELINE_ONLY_CSV)
    at = make_app("components/deals.py")
    assert_clean(at)
    assert any("pas encore de panier moyen" in c.value for c in at.caption)
    [table] = [df.value for df in at.dataframe if "Affaire" in df.value.columns]
    assert list(table["Affaire"]) == ["Gamma", "Beta", "Alpha"]  # amount, descending


def test_the_table_sorts_the_view_once_per_sort(make_app, app_env, monkeypatch):
    """A rerun of Affaires reads the first rows of its sort from the view's memo: sorting a
    million-row column took 0.15–1.4 s on every rerun (issue 8)."""
    import pandas as pd

    import_file(app_env, PIPELINE_ONLY_CSV)
    sorted_columns = []
    real = pd.Series.sort_values

    def recording(series, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        sorted_columns.append(series.name)
        return real(series, *args, **kwargs)

    monkeypatch.setattr(pd.Series, "sort_values", recording)
    at = make_app("components/deals.py")
    at.run()
    at.selectbox(key="deals_sort").set_value("name").run()
    at.run()
    assert [c for c in sorted_columns if c in ("amount", "name")] == ["amount", "name"]
    [table] = [df.value for df in at.dataframe if "Affaire" in df.value.columns]
    assert list(table["Affaire"]) == ["Alpha", "Beta", "Gamma"]
