"""Persistence: SQLAlchemy 2 models, Alembic migrations, COPY transfers, embedded server.

The names below are re-exported lazily (PEP 562): `from database import X` imports only
X's submodule, so `cli.py delete-import` or `imports` does not pay for pandas and pyarrow
(issue 8: `delete-import` ≤ 1 s as a whole process; benchmarks/cli_startup.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the submodule that defines it.
_EXPORTS: dict[str, str] = {
    "load_deals": "database.deal_copy",
    "EmbeddedDatabaseError": "database.embedded",
    "forget_failed_connections": "database.engine",
    "get_engine": "database.engine",
    "make_engine": "database.engine",
    "resolve_url": "database.config",
    "upgrade_to_head": "database.engine",
    "DatabaseUnavailable": "database.errors",
    "NotPostgresUrl": "database.errors",
    "delete_objective": "database.objectives",
    "get_objectives": "database.objectives",
    "set_objective": "database.objectives",
    "set_objectives": "database.objectives",
    "get_column_mappings": "database.settings",
    "get_stage_mappings": "database.settings",
    "get_stage_probabilities": "database.settings",
    "get_stage_settings": "database.settings",
    "remember_column_mappings": "database.settings",
    "remember_stage_mappings": "database.settings",
    "set_stage_probability": "database.settings",
    "ImportSummary": "database.snapshots",
    "StorageError": "database.snapshots",
    "delete_import": "database.import_removal",
    "get_import_errors": "database.snapshots",
    "import_exists": "database.snapshots",
    "latest_import_id": "database.snapshots",
    "list_imports": "database.snapshots",
    "save_import": "database.snapshots",
    "set_exported_on": "database.snapshots",
    "set_import_name": "database.snapshots",
    "add_source_aliases": "database.source_aliases",
    "get_source_aliases": "database.source_aliases",
    "set_source_aliases": "database.source_aliases",
    "get_thresholds": "database.thresholds",
    "reset_thresholds": "database.thresholds",
    "set_thresholds": "database.thresholds",
}

__all__ = [
    "add_source_aliases",
    "DatabaseUnavailable",
    "delete_import",
    "delete_objective",
    "EmbeddedDatabaseError",
    "forget_failed_connections",
    "get_column_mappings",
    "get_engine",
    "get_import_errors",
    "get_objectives",
    "get_source_aliases",
    "get_stage_mappings",
    "get_stage_probabilities",
    "get_stage_settings",
    "get_thresholds",
    "import_exists",
    "ImportSummary",
    "latest_import_id",
    "list_imports",
    "load_deals",
    "make_engine",
    "NotPostgresUrl",
    "remember_column_mappings",
    "remember_stage_mappings",
    "reset_thresholds",
    "resolve_url",
    "save_import",
    "set_exported_on",
    "set_import_name",
    "set_objective",
    "set_objectives",
    "set_source_aliases",
    "set_stage_probability",
    "set_thresholds",
    "StorageError",
    "upgrade_to_head",
]



def __getattr__(name: str) -> Any:
    """Import the submodule defining `name` on first use, then keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'database' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # the eager form, for type checkers and editors
    from database.config import resolve_url
    from database.deal_copy import load_deals
    from database.embedded import EmbeddedDatabaseError
    from database.engine import (
        forget_failed_connections,
        get_engine,
        make_engine,
        upgrade_to_head,
    )
    from database.errors import DatabaseUnavailable, NotPostgresUrl
    from database.import_removal import delete_import
    from database.objectives import (
        delete_objective,
        get_objectives,
        set_objective,
        set_objectives,
    )
    from database.settings import (
        get_column_mappings,
        get_stage_mappings,
        get_stage_probabilities,
        get_stage_settings,
        remember_column_mappings,
        remember_stage_mappings,
        set_stage_probability,
    )
    from database.snapshots import (
        ImportSummary,
        StorageError,
        get_import_errors,
        import_exists,
        latest_import_id,
        list_imports,
        save_import,
        set_exported_on,
        set_import_name,
    )
    from database.source_aliases import add_source_aliases, get_source_aliases, set_source_aliases
    from database.thresholds import get_thresholds, reset_thresholds, set_thresholds
