"""RawTable + column mapping → canonical deals and the import report (docs/definitions.md).

Validation is done with boolean masks over whole columns (one step per field in
`field_steps`); a RowError object is built only for a rejected cell. A rejected row is not
imported, every other row is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from business_logic.columns import IGNORE
from business_logic.importing.derive import NO_CODE, STAGE_CODE
from business_logic.importing.errors import ImportFailure, UnknownStageLabels, excerpt
from business_logic.importing.field_steps import Column, repeated_ids
from business_logic.importing.headers import apply_overrides, check_field, suggest_mapping
from business_logic.importing.parts import build_part, finish
from business_logic.importing.reading import read_table
from business_logic.importing.report import ImportResult
from business_logic.importing.table import RawTable
from business_logic.importing.values import factorize
from business_logic.stages import STAGE_ORDER, stage_mapper


@dataclass
class Plan:
    """What the whole file decides before any row is built: the mapped columns, the stage
    of every label (an unknown one fails the import), the footer candidates, the rows whose
    id repeats an earlier one (`repeated_ids`)."""

    raw: RawTable
    mapping: Mapping[str, str]
    columns: dict[str, Column]
    labels: pd.Series
    reached: np.ndarray
    unknown_label: np.ndarray
    candidates: np.ndarray
    first_rows: np.ndarray | None
    stage_probabilities: Mapping[str, float] | None


def plan_build(
    raw: RawTable,
    mapping: Mapping[str, str],
    *,
    stage_mappings: Mapping[str, str] | None = None,
    stage_probabilities: Mapping[str, float] | None = None,
) -> Plan:
    """The whole-file part of `build_deals`; raises what it raises before any row."""
    columns = _columns_by_field(raw, mapping)
    _check_can_build(raw, columns, stage_mappings)
    n = len(raw)
    candidates = np.arange(n) >= n - raw.footer_candidates
    labels = (columns["stage_label"].cells if "stage_label" in columns
              else pd.Series([""] * n, dtype="str"))
    reached, unknown_label = _stage_reached(labels, stage_mappings, candidates)
    first_rows = (repeated_ids(columns["deal_id"].cells, raw.row_numbers)
                  if "deal_id" in columns else None)
    return Plan(raw=raw, mapping=mapping, columns=columns, labels=labels, reached=reached,
                unknown_label=unknown_label, candidates=candidates, first_rows=first_rows,
                stage_probabilities=stage_probabilities)


def build_deals(
    raw: RawTable,
    mapping: Mapping[str, str],
    *,
    stage_mappings: Mapping[str, str] | None = None,
    stage_probabilities: Mapping[str, float] | None = None,
) -> ImportResult:
    """Validate and convert every row; raises UnknownStageLabels before anything else."""
    plan = plan_build(raw, mapping, stage_mappings=stage_mappings,
                      stage_probabilities=stage_probabilities)
    part = build_part(plan, 0, len(raw))
    return ImportResult(deals=part.deals, report=finish(plan, [part]))


def import_bytes(
    data: bytes,
    file_name: str,
    *,
    column_overrides: Mapping[str, str] | None = None,
    remembered_columns: Mapping[str, str] | None = None,
    stage_mappings: Mapping[str, str] | None = None,
    stage_probabilities: Mapping[str, float] | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """read_table → suggest_mapping (remembered, then overrides win) → build_deals."""
    raw, mapping = mapped_table(data, file_name, column_overrides=column_overrides,
                                remembered_columns=remembered_columns, sheet=sheet)
    return build_deals(raw, mapping, stage_mappings=stage_mappings,
                       stage_probabilities=stage_probabilities)


def mapped_table(
    data: bytes,
    file_name: str,
    *,
    column_overrides: Mapping[str, str] | None = None,
    remembered_columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> tuple[RawTable, dict[str, str]]:
    """The file's cells and the mapping of its headers (remembered, then overrides win)."""
    raw = read_table(data, file_name, sheet=sheet)
    mapping = suggest_mapping(raw.headers, remembered_columns)
    if column_overrides:
        mapping = apply_overrides(mapping, column_overrides)
    return raw, mapping


def _columns_by_field(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, Column]:
    by_field: dict[str, list[str]] = {}
    for header, field in mapping.items():
        if header not in raw.cells.columns:
            raise ImportFailure(f"Colonne « {header} » absente du fichier.")
        check_field(field, header)
        if field != IGNORE:
            by_field.setdefault(field, []).append(header)
    order = {h: i for i, h in enumerate(raw.headers)}
    return {field: Column(raw, sorted(headers, key=order.__getitem__))
            for field, headers in by_field.items()}


def _stage_reached(labels: pd.Series, stage_mappings: Mapping[str, str] | None,
                   candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stage codes of the labels (NO_CODE for an empty one), and the rows whose label is
    unknown. Unknown labels raise, except on footer candidates (a "Total" line may hold
    anything in the stage column: it is then not a deal but a footer)."""
    codes, uniques = factorize(labels)
    mapped = stage_mapper(stage_mappings)
    stages = [mapped(label) if label else None for label in uniques]
    is_unknown = np.array([bool(label) and stage is None
                           for label, stage in zip(uniques, stages, strict=True)] + [False])
    unknown_rows = is_unknown[codes]
    if (unknown_rows & ~candidates).any():
        raise UnknownStageLabels(list(dict.fromkeys(labels[unknown_rows & ~candidates])))
    table = np.array([STAGE_CODE[s] if s else NO_CODE for s in stages] + [NO_CODE],
                     dtype=np.int64)
    return table[codes], unknown_rows


def _check_can_build(raw: RawTable, columns: Mapping[str, Column],
                     stage_mappings: Mapping[str, str] | None) -> None:
    """Failures that leave nothing to import: no stage/status column, a mapping to an
    unknown stage, no data row."""
    if "stage_label" not in columns and "status" not in columns:
        found = ", ".join(f"« {excerpt(h, 60)} »" for h in raw.headers[:30])
        if len(raw.headers) > 30:
            found += f" et {len(raw.headers) - 30} autre(s)"
        raise ImportFailure(
            f"Aucune colonne d'étape ni de statut dans « {raw.file_name} » (colonnes : {found}). "
            'Indiquez laquelle contient l\'étape, par exemple --map "COLONNE=stage_label".'
        )
    for label, stage in (stage_mappings or {}).items():
        if stage not in STAGE_ORDER:
            raise ImportFailure(
                f"Étape canonique « {stage} » inconnue pour « {label} » "
                f"(étapes : {', '.join(STAGE_ORDER)})."
            )
    if not len(raw):
        raise ImportFailure(f"« {raw.file_name} » ne contient aucune ligne de données.")
