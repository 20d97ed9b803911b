"""docs/definitions.md stays true to the code, and the repository cites its own docs."""

from __future__ import annotations

import re

import pytest

from business_logic.metrics import DEFAULT_THRESHOLDS
from business_logic.stages import DEFAULT_PROBABILITIES, STAGE_LABELS_FR
from tests.conftest import REPO_ROOT

DOCS = REPO_ROOT / "docs"
DEFINITIONS = (DOCS / "definitions.md").read_text(encoding="utf-8")


def test_stage_table_gives_the_default_probabilities_of_the_code():
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| (\d+) % \|", DEFINITIONS, re.MULTILINE)
    assert {stage: int(percent) / 100 for stage, _, percent in rows} == DEFAULT_PROBABILITIES
    assert {stage: label.strip() for stage, label, _ in rows} == dict(STAGE_LABELS_FR)


def test_threshold_table_gives_the_defaults_of_the_code():
    section = DEFINITIONS.split("## Seuils", 1)[1].split("\n## ", 1)[0]
    defaults = [cells.split("|")[2].strip() for cells in section.splitlines()
                if cells.startswith("| ") and "---" not in cells][1:]
    t = DEFAULT_THRESHOLDS
    assert defaults == [
        f"{t.cold_days} jours sans activité",
        f"{t.untreated_days} jours ({t.untreated_days * 24} h)",
        f"{t.stale_days} jours",
        f"{t.soon_days} jours",
        f"{round(t.quick_win_probability * 100)} %",
    ]


@pytest.mark.parametrize("path", ["README.md", "docs/architecture.md", "docs/definitions.md",
                                  "docs/cli.md"])
def test_user_docs_never_send_the_reader_outside_the_repository(path):
    text = (REPO_ROOT / path).read_text(encoding="utf-8")
    assert "../shared" not in text and "shared/spec" not in text
