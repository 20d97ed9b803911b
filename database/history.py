"""Snapshots for the history features (docs/history.md): imports in export-date order, and
their deals loaded as `business_logic.history.Snapshot`s.

Each snapshot is read with one `COPY … TO STDOUT` (database.deal_copy.load_deals) under the
stage probabilities read once for the whole series, so every snapshot of a comparison is
valued under the same settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Engine

from business_logic.history import Snapshot
from database.deal_copy import load_deals
from database.settings import get_stage_probabilities
from database.snapshots import ImportSummary, list_imports


class UnknownImport(LookupError):
    """An import id that is not in the database (French message)."""


def imports_in_order(engine: Engine) -> list[ImportSummary]:
    """Every import, oldest first: by export date, then import id (docs/history.md)."""
    return list_imports(engine)[::-1]


def previous_import(imports: Sequence[ImportSummary], import_id: int) -> ImportSummary | None:
    """The import just before `import_id` in snapshot order (`imports` in any order)."""
    series = sorted(imports, key=lambda s: (s.exported_on, s.import_id))
    ids = [s.import_id for s in series]
    if import_id not in ids:
        raise UnknownImport(f"Import n°{import_id} introuvable.")
    position = ids.index(import_id)
    return series[position - 1] if position > 0 else None


def load_snapshot(engine: Engine, summary: ImportSummary,
                  stage_probabilities: Mapping[str, float] | None = None) -> Snapshot:
    """One import as a Snapshot (its deals, its export date)."""
    deals = load_deals(engine, summary.import_id, stage_probabilities)
    return Snapshot(summary.import_id, summary.exported_on, deals)


def load_snapshots(engine: Engine, summaries: Sequence[ImportSummary],
                   stage_probabilities: Mapping[str, float] | None = None) -> list[Snapshot]:
    """Several imports (e.g. every import, for the trends), in snapshot order, all valued
    under the same stage probabilities (default: the settings in force)."""
    if stage_probabilities is None:
        stage_probabilities = get_stage_probabilities(engine)
    ordered = sorted(summaries, key=lambda s: (s.exported_on, s.import_id))
    return [load_snapshot(engine, s, stage_probabilities) for s in ordered]


def find_import(imports: Sequence[ImportSummary], import_id: int) -> ImportSummary:
    """The summary of `import_id`; UnknownImport when it does not exist."""
    for summary in imports:
        if summary.import_id == import_id:
            return summary
    raise UnknownImport(f"Import n°{import_id} introuvable.")


def comparison_pair(imports: Sequence[ImportSummary], a: int | None = None,
                    b: int | None = None) -> tuple[ImportSummary, ImportSummary]:
    """The two imports a comparison uses (docs/cli.md `diff`): both given; only B given →
    B and the import before it; none → the two latest. UnknownImport (French) when an id
    does not exist or there is no earlier import to compare with."""
    series = sorted(imports, key=lambda s: (s.exported_on, s.import_id))
    if len(series) < 2 and (a is None or b is None):
        raise UnknownImport("Il faut au moins deux imports pour comparer : importez un "
                            "second export du même CRM.")
    if b is None and a is not None:
        a, b = None, a
    later = series[-1] if b is None else find_import(series, b)
    if a is None:
        earlier = previous_import(series, later.import_id)
        if earlier is None:
            raise UnknownImport(f"L'import n°{later.import_id} est le plus ancien : aucun "
                                "import avant lui à comparer.")
        return earlier, later
    return find_import(series, a), later
