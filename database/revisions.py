"""The head of the migration scripts, read from their text (no Alembic, no SQLAlchemy):
`delete-import` checks the schema with it before touching anything (issue 8)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r"^revision\b[^=\n]*=\s*[\"'](\w+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=\n]*=(.*)$", re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The one head of the migration scripts, read from their text: importing Alembic costs
    a light command (`delete-import`) more than the command itself (issue 8,
    benchmarks/cli_startup.py). None when the scripts do not show exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in _VERSIONS.glob("*.py"):
        source = script.read_text(encoding="utf-8")
        own, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if own is None or down is None:
            return None
        revisions.add(own.group(1))
        parents.update(re.findall(r"[\"'](\w+)[\"']", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
