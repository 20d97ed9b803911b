"""Persistence: SQLAlchemy 2 models, Alembic migrations, COPY transfers, embedded server."""

from database.deal_copy import load_deals
from database.embedded import EmbeddedDatabaseError
from database.engine import (
    forget_failed_connections,
    get_engine,
    make_engine,
    resolve_url,
    upgrade_to_head,
)
from database.errors import DatabaseUnavailable, NotPostgresUrl
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
    delete_import,
    get_import_errors,
    import_exists,
    latest_import_id,
    list_imports,
    save_import,
    set_exported_on,
)
from database.thresholds import get_thresholds, reset_thresholds, set_thresholds

__all__ = [
    "delete_objective",
    "get_objectives",
    "set_objective",
    "set_objectives",
    "DatabaseUnavailable",
    "EmbeddedDatabaseError",
    "NotPostgresUrl",
    "ImportSummary",
    "delete_import",
    "forget_failed_connections",
    "get_column_mappings",
    "get_engine",
    "get_import_errors",
    "get_stage_mappings",
    "get_stage_probabilities",
    "get_stage_settings",
    "get_thresholds",
    "import_exists",
    "latest_import_id",
    "list_imports",
    "load_deals",
    "make_engine",
    "remember_column_mappings",
    "remember_stage_mappings",
    "reset_thresholds",
    "resolve_url",
    "save_import",
    "set_exported_on",
    "set_stage_probability",
    "set_thresholds",
    "StorageError",
    "upgrade_to_head",
]
