"""RawTable + column mapping → canonical deals and the import report (docs/definitions.md).

Validation is done with boolean masks over whole columns (one step per field in
`field_steps`); a RowError object is built only for a rejected cell. A rejected row is not
imported, every other row is.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from business_logic.columns import IGNORE, STATUSES, coerce_canonical_dtypes
from business_logic.importing.derive import (
    NO_CODE,
    STAGE_CODE,
    derive_status_and_stage,
    names,
)
from business_logic.importing.errors import ImportFailure, UnknownStageLabels, excerpt
from business_logic.importing.field_steps import (
    Build,
    Column,
    Errors,
    convert_amount,
    convert_currency,
    convert_dates,
    convert_deal_id,
    convert_probability,
    convert_status,
    copy_text_fields,
    reject_oversized_cells,
    text,
    warn_derived_stages,
)
from business_logic.importing.headers import apply_overrides, check_field, suggest_mapping
from business_logic.importing.reading import read_table
from business_logic.importing.report import ImportReport, ImportResult
from business_logic.importing.stage_dates import convert_entry_dates, unknown_stage_date_warnings
from business_logic.importing.table import RawTable, footer_warning
from business_logic.importing.values import factorize
from business_logic.stages import STAGE_ORDER, stage_mapper


def build_deals(
    raw: RawTable,
    mapping: Mapping[str, str],
    *,
    stage_mappings: Mapping[str, str] | None = None,
    stage_probabilities: Mapping[str, float] | None = None,
) -> ImportResult:
    """Validate and convert every row; raises UnknownStageLabels before anything else."""
    columns = _columns_by_field(raw, mapping)
    _check_can_build(raw, columns, stage_mappings)
    n = len(raw)
    candidates = np.arange(n) >= n - raw.footer_candidates
    labels = (columns["stage_label"].cells if "stage_label" in columns
              else pd.Series([""] * n, dtype="str"))
    reached, unknown_label = _stage_reached(labels, stage_mappings, candidates)
    build = Build(
        raw=raw, columns=columns, errors=Errors(raw), warnings=list(raw.warnings),
        detected={
            "encoding": raw.encoding, "delimiter": raw.delimiter, "decimal": None,
            "date_order": None, "date_orders": {},
            "columns": {h: mapping.get(h, IGNORE) for h in raw.headers},
        },
    )
    refused = _refused_at_reading(raw)
    build.errors.rejected |= refused | (candidates & unknown_label)  # no warning names them
    reject_oversized_cells(build)
    symbol_currency = convert_amount(build)
    convert_dates(build)
    convert_entry_dates(build)
    build.warnings += unknown_stage_date_warnings(raw.headers, mapping)
    explicit_status = convert_status(build, labels)
    convert_deal_id(build)
    derived = derive_status_and_stage(reached, explicit_status)
    warn_derived_stages(build, derived)
    convert_probability(build, derived, stage_probabilities)
    convert_currency(build, symbol_currency)
    copy_text_fields(build)
    footers = _settle_read_errors_and_footers(build, refused, candidates)

    out = build.out
    if "closed_date" not in columns and "expected_close_date" in columns:
        # docs/definitions.md: closed_date falls back to expected_close_date for closed deals.
        out["closed_date"] = np.where(derived.closed, out["expected_close_date"],
                                      np.datetime64("NaT"))
    out["stage_label"] = text(labels)
    out["stage"] = names(derived.stage, STAGE_ORDER)
    out["stage_reached"] = names(reached, STAGE_ORDER)
    out["status"] = names(derived.status, STATUSES)
    out["source_row"] = raw.row_numbers

    keep = ~build.errors.rejected
    frame = pd.DataFrame({name: _kept(values, keep) for name, values in out.items()})
    report = ImportReport(
        detected=build.detected,
        rows_read=n - int(footers.sum()),
        rows_imported=int(keep.sum()),
        rows_rejected=int((build.errors.rejected & ~footers).sum()),
        errors=build.errors.sorted(),
        warnings=build.warnings,
    )
    return ImportResult(deals=coerce_canonical_dtypes(frame), report=report)


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
    raw = read_table(data, file_name, sheet=sheet)
    mapping = suggest_mapping(raw.headers, remembered_columns)
    if column_overrides:
        mapping = apply_overrides(mapping, column_overrides)
    return build_deals(raw, mapping, stage_mappings=stage_mappings,
                       stage_probabilities=stage_probabilities)


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


def _refused_at_reading(raw: RawTable) -> np.ndarray:
    refused = np.zeros(len(raw), dtype=bool)
    if raw.cell_errors:
        refused[np.searchsorted(raw.row_numbers, [e.row for e in raw.cell_errors])] = True
    return refused


def _settle_read_errors_and_footers(build: Build, refused: np.ndarray, candidates: np.ndarray
                                    ) -> np.ndarray:
    """Report the cells refused at reading (their rows' other errors are consequences of
    the emptied cell, so only the reading error is kept), then drop as footers the trailing
    candidates that are not valid deals (docs/definitions.md). Returns the footer mask."""
    raw, errors = build.raw, build.errors
    if raw.cell_errors:
        order = {h: i for i, h in enumerate(raw.headers)}
        refused_rows = set(raw.row_numbers[refused].tolist())
        errors.items = [item for item in errors.items if item[0] not in refused_rows]
        errors.items += [(e.row, order[e.column], e) for e in raw.cell_errors]
    footers = candidates & errors.rejected & ~refused
    if footers.any() or raw.footer_blank_rows:
        footer_rows = set(raw.row_numbers[footers].tolist())
        errors.items = [item for item in errors.items if item[0] not in footer_rows]
        build.warnings.insert(len(raw.warnings), footer_warning(
            [*footer_rows, *raw.footer_blank_rows]))
    if footers.all():
        raise ImportFailure(f"« {raw.file_name} » ne contient aucune ligne de données.")
    return footers


def _kept(values: pd.Series | np.ndarray, keep: np.ndarray) -> pd.Series | np.ndarray:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True) if keep.all() else values[keep].reset_index(drop=True)
    return values if keep.all() else np.asarray(values)[keep]


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
