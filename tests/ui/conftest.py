"""UI fixtures: the real `app.py` under AppTest, pointed at the session's test database."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

import database
from business_logic import importing
from business_logic.demo import DEMO_FILE_NAME, demo_export
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")

# (file, title) of every page, in menu order.
PAGES = (
    ("components/home.py", "Accueil"),
    ("components/evolutions.py", "Évolutions"),
    ("components/pipeline.py", "Pipeline"),
    ("components/marketing.py", "Marketing"),
    ("components/forecast.py", "Prévisions"),
    ("components/objectives.py", "Objectifs"),
    ("components/simulator.py", "Simulateur"),
    ("components/deals.py", "Affaires"),
    ("components/actions.py", "Actions prioritaires"),
    ("components/importer.py", "Import"),
    ("components/settings.py", "Réglages"),
    ("components/definitions.py", "Définitions"),
)


def import_demo(engine: Engine, *, n_deals: int = 300, as_of: dt.date | None = None) -> int:
    """Store the demo export as a snapshot (as the demo button does), return its id."""
    data = demo_export(as_of or dt.date.today(), n_deals)
    result = importing.import_bytes(data, DEMO_FILE_NAME)
    return database.save_import(
        engine, file_name=DEMO_FILE_NAME, sha256=hashlib.sha256(data).hexdigest(),
        report=result.report.to_dict(), deals=result.deals,
    )


def import_demo_history(engine: Engine, *, as_of: dt.date | None = None,
                        weeks: int = 8) -> list[int]:
    """Store the demo history (weekly exports, each with its export date), return the ids."""
    from business_logic.demo_history import demo_history

    ids = []
    for snapshot in demo_history(as_of or dt.date.today(), weeks=weeks):
        result = importing.import_bytes(snapshot.data, snapshot.file_name)
        ids.append(database.save_import(
            engine, file_name=snapshot.file_name, sha256=hashlib.sha256(snapshot.data).hexdigest(),
            report=result.report.to_dict(), deals=result.deals,
            exported_on=snapshot.exported_on))
    return ids


def import_file(engine: Engine, data: bytes, file_name: str = "export.csv") -> int:
    """Store any export as a snapshot through the importer, return its id."""
    result = importing.import_bytes(data, file_name)
    return database.save_import(
        engine, file_name=file_name, sha256=hashlib.sha256(data).hexdigest(),
        report=result.report.to_dict(), deals=result.deals,
    )


@pytest.fixture
def make_app(app_env: Engine) -> Callable[..., AppTest]:
    """A factory of fresh AppTest sessions on the (emptied) test database."""

    def make(page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if page is not None and page != PAGES[0][0]:
            at.switch_page(page).run()
        return at

    return make


@pytest.fixture
def demo_import(app_env: Engine) -> int:
    return import_demo(app_env)


def assert_clean(at: AppTest) -> None:
    """No exception element and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
