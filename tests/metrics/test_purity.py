"""Calculators never modify their input and give the same result on a prepared frame; the
whole business_logic package is pure (imports flow one way, no clock)."""

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

from business_logic import metrics
from tests.metrics.frames import D, day, deals

FRAME = deals(
    {"source": "A", "stage": "proposal", "amount": 1000, "created_date": day(-100),
     "expected_close_date": day(5), "last_activity_date": day(-20)},
    {"source": None, "status": "won", "amount": 500, "created_date": day(-60),
     "closed_date": day(-10)},
    {"status": "lost", "stage_reached": "qualified", "amount": None, "created_date": day(-4),
     "closed_date": day(-1)},
    {"stage": "prospect", "created_date": day(-5), "expected_close_date": day(-2)},
)  # fmt: skip

CALCULATORS = {
    "headline": lambda d: metrics.headline_kpis(d, D).to_dict(),
    "forecast": lambda d: metrics.forecast(d, D).to_dict(),
    "alerts": lambda d: metrics.alerts(d, D).to_dict(),
    "by_stage": lambda d: metrics.by_stage(d).to_dict(),
    "by_owner": lambda d: metrics.by_dimension(d, "owner").to_dict(),
    "funnel": lambda d: metrics.funnel(d).to_dict(),
    "lead_velocity": lambda d: metrics.lead_velocity(d, D).to_dict(),
    "deal_velocity": lambda d: metrics.deal_velocity(d).to_dict(),
    "sales_velocity": lambda d: metrics.sales_velocity(d).to_dict(),
    "deal_age": lambda d: metrics.deal_age(d, D).to_dict(),
    "period": lambda d: metrics.period_comparison(d, D, 30).to_dict(),
    "payload": lambda d: metrics.kpis_payload(d, D, 1),
}


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_input_frame_is_not_modified(name):
    frame = FRAME.copy()
    CALCULATORS[name](frame)
    pd.testing.assert_frame_equal(frame, FRAME)


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_prepared_deals_give_the_same_json(name):
    raw = CALCULATORS[name](FRAME)
    prepared = CALCULATORS[name](metrics.prepare_deals(FRAME))
    assert json.dumps(raw, allow_nan=False) == json.dumps(prepared, allow_nan=False)


def test_chunked_and_object_text_columns_give_the_same_json():
    chunked = pd.concat([FRAME.iloc[:2], FRAME.iloc[2:]], ignore_index=True)
    as_objects = FRAME.astype({c: object for c in FRAME.columns if FRAME[c].dtype == "str"})
    expected = json.dumps(metrics.kpis_payload(FRAME, D, 1))
    assert json.dumps(metrics.kpis_payload(chunked, D, 1)) == expected
    assert json.dumps(metrics.kpis_payload(as_objects, D, 1)) == expected
    assert metrics.funnel(as_objects) == metrics.funnel(FRAME)


BUSINESS_LOGIC = Path(__file__).resolve().parents[2] / "business_logic"
#: business_logic is the bottom layer: never the UI, the database, the renderers or I/O.
FORBIDDEN_IMPORTS = ("utils", "components", "database", "app", "cli", "run", "streamlit",
                     "sqlalchemy", "psycopg", "alembic", "fpdf")  # fmt: skip


def _imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def _violations(path: Path) -> list[str]:
    return [module for module in _imported_modules(path)
            if module.split(".")[0] in FORBIDDEN_IMPORTS]


SOURCES = sorted(BUSINESS_LOGIC.rglob("*.py"))


def test_the_scan_sees_every_module_and_would_catch_a_forbidden_import(tmp_path):
    assert len(SOURCES) > 30 and BUSINESS_LOGIC / "weekly_review.py" in SOURCES
    bad = tmp_path / "bad.py"
    bad.write_text("import numpy\nfrom utils.formatting import format_eur\n"
                   "def f():\n    import streamlit as st\n")
    assert _violations(bad) == ["utils.formatting", "streamlit"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(BUSINESS_LOGIC)))
def test_business_logic_imports_only_downwards(path):
    assert _violations(path) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(BUSINESS_LOGIC)))
def test_business_logic_never_reads_the_clock(path):
    text = path.read_text(encoding="utf-8")
    assert "today()" not in text and ".now(" not in text
