"""RawTable + column mapping → canonical deals and the import report (metrics.md).

Validation is done with boolean masks over whole columns; a RowError object is built only
for a rejected cell. A rejected row is not imported, every other row is.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.columns import IGNORE, STATUSES, coerce_canonical_dtypes
from business_logic.importing.dates import parse_dates
from business_logic.importing.derive import (
    NO_CODE,
    STAGE_CODE,
    derive_status_and_stage,
    effective_probability,
    names,
)
from business_logic.importing.errors import ImportFailure, RowError, UnknownStageLabels
from business_logic.importing.headers import apply_overrides, check_field, suggest_mapping
from business_logic.importing.numbers import parse_numbers, parse_probabilities
from business_logic.importing.reading import read_table
from business_logic.importing.report import ImportReport, ImportResult
from business_logic.importing.table import RawTable
from business_logic.importing.values import factorize, parse_statuses, repeated
from business_logic.stages import (
    STAGE_LABELS_FR,
    STAGE_ORDER,
    map_stage_label,
)

_TEXT_FIELDS = ("name", "company", "source", "owner", "sector", "segment", "lost_reason",
                "notes")
_DATE_FIELDS = ("created_date", "expected_close_date", "closed_date", "last_activity_date")
_ORDER_NAMES = {"DMY": "JJ/MM/AAAA", "MDY": "MM/JJ/AAAA"}


class _Column:
    """A field's cells coalesced over the headers mapped to it, remembering each cell's header."""

    def __init__(self, raw: RawTable, headers: list[str]) -> None:
        self.headers = headers
        self.cells = raw.cells[headers[0]]
        self.source = np.zeros(len(raw), dtype=np.int64)
        for index, header in enumerate(headers[1:], start=1):
            fill = (self.cells == "").to_numpy(dtype=bool) & (raw.cells[header] != "").to_numpy(
                dtype=bool)
            if fill.any():
                self.cells = self.cells.where(~fill, raw.cells[header])
                self.source[fill] = index
        self.typed = {raw.column_types.get(h) for h in headers}

    def header_at(self, position: int) -> str:
        return self.headers[int(self.source[position])]


class _Errors:
    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.items: list[tuple[int, int, RowError]] = []
        self.rejected = np.zeros(len(raw), dtype=bool)

    def add(self, mask: np.ndarray, column: _Column, message: str) -> None:
        self.rejected |= mask
        order = {h: i for i, h in enumerate(self.raw.headers)}
        for position in np.flatnonzero(mask):
            header = column.header_at(position)
            value = str(column.cells.iat[position])
            row = int(self.raw.row_numbers[position])
            self.items.append((row, order[header], RowError(row, header, value, message)))

    def add_each(self, positions: np.ndarray, column: _Column, messages: list[str]) -> None:
        order = {h: i for i, h in enumerate(self.raw.headers)}
        self.rejected[positions] = True
        for position, message in zip(positions, messages, strict=True):
            header = column.header_at(position)
            row = int(self.raw.row_numbers[position])
            error = RowError(row, header, str(column.cells.iat[position]), message)
            self.items.append((row, order[header], error))

    def sorted(self) -> list[RowError]:
        return [error for _, _, error in sorted(self.items, key=lambda item: item[:2])]


def build_deals(
    raw: RawTable,
    mapping: Mapping[str, str],
    *,
    stage_mappings: Mapping[str, str] | None = None,
    stage_probabilities: Mapping[str, float] | None = None,
) -> ImportResult:
    """Validate and convert every row; raises UnknownStageLabels before anything else."""
    columns = _columns_by_field(raw, mapping)
    if "stage_label" not in columns and "status" not in columns:
        found = ", ".join(f"« {h} »" for h in raw.headers)
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
    n = len(raw)
    if not n:
        raise ImportFailure(f"« {raw.file_name} » ne contient aucune ligne de données.")
    warnings = list(raw.warnings)
    labels = (columns["stage_label"].cells if "stage_label" in columns
              else pd.Series([""] * n, dtype="str"))
    reached = _stage_reached(labels, stage_mappings)
    errors = _Errors(raw)
    detected: dict[str, object] = {
        "encoding": raw.encoding, "delimiter": raw.delimiter, "decimal": None,
        "date_order": None, "date_orders": {},
        "columns": {h: mapping.get(h, IGNORE) for h in raw.headers},
    }
    out: dict[str, object] = {}
    default_decimal = "." if raw.delimiter == "," else ","

    if "amount" in columns:
        column = columns["amount"]
        numbers = parse_numbers(column.cells, default_decimal=default_decimal,
                                typed=column.typed == {"number"})
        errors.add(numbers.invalid | numbers.percent, column, "Montant illisible.")
        errors.add(numbers.negative, column, "Montant négatif.")
        out["amount"] = np.where(numbers.negative | numbers.percent, np.nan, numbers.values)
        detected["decimal"] = numbers.decimal
        symbol_currency = numbers.currency
    else:
        symbol_currency = np.full(n, None, dtype=object)

    date_orders: dict[str, str] = {}
    for field in _DATE_FIELDS:
        if field not in columns:
            continue
        column = columns[field]
        dates = parse_dates(column.cells)
        errors.add(dates.unreadable, column, "Date illisible.")
        errors.add(dates.impossible, column, _impossible_message(dates.order))
        out[field] = dates.values
        if dates.order:
            for header in column.headers:
                date_orders[header] = dates.order
        if dates.ambiguous:
            warnings.append(
                f"Colonne « {', '.join(column.headers)} » : aucune date ne distingue le jour du "
                "mois ; ordre JJ/MM/AAAA (français) retenu."
            )
    detected["date_orders"] = date_orders
    orders = [o for o in date_orders.values() if o != "ISO"]
    detected["date_order"] = orders[0] if orders else ("ISO" if date_orders else None)

    explicit_status = np.full(n, NO_CODE, dtype=np.int64)
    if "status" in columns:
        statuses = parse_statuses(columns["status"].cells)
        errors.add(statuses.unknown, columns["status"],
                   "Statut inconnu (attendu : ouvert, gagné ou perdu).")
        explicit_status = statuses.codes
    has_label = (labels != "").to_numpy(dtype=bool)
    status_given = (columns["status"].cells != "").to_numpy(dtype=bool) if "status" in columns \
        else np.zeros(n, dtype=bool)
    missing = ~has_label & ~status_given
    missing_column = columns.get("stage_label") or columns["status"]
    errors.add(missing, missing_column, "Étape et statut manquants.")

    if "deal_id" in columns:
        ids = columns["deal_id"].cells
        present = (ids != "").to_numpy(dtype=bool)
        codes, _ = factorize(ids)
        again = repeated(codes) & present
        if again.any():
            first_row = np.zeros(codes.max() + 1, dtype=np.int64)
            first_row[codes[~again][::-1]] = raw.row_numbers[~again][::-1]
            positions = np.flatnonzero(again)
            errors.add_each(positions, columns["deal_id"],
                            [f"Identifiant déjà présent à la ligne {int(first_row[codes[p]])}."
                             for p in positions])
        out["deal_id"] = ids.where(present, _generated_ids(raw.row_numbers))
    else:
        out["deal_id"] = _generated_ids(raw.row_numbers)

    derived = derive_status_and_stage(reached, explicit_status)
    contradicted = derived.contradicted & ~errors.rejected
    without_stage = derived.without_stage & ~errors.rejected
    if contradicted.any():
        warnings.append(
            f"{int(contradicted.sum())} affaire(s) au statut ouvert dont l'étape indique "
            f"gagné/perdu, classée(s) en « {STAGE_LABELS_FR['negotiation']} » : "
            f"{_rows(raw, contradicted)}."
        )
    if without_stage.any():
        warnings.append(
            f"{int(without_stage.sum())} affaire(s) ouverte(s) sans étape, classée(s) en "
            f"« {STAGE_LABELS_FR['prospect']} » : {_rows(raw, without_stage)}."
        )

    explicit_probability = np.full(n, np.nan)
    if "probability" in columns:
        column = columns["probability"]
        parsed = parse_probabilities(column.cells, default_decimal=default_decimal,
                                     typed=column.typed == {"number"})
        explicit_probability = parsed.values
        detected["decimal"] = detected["decimal"] or parsed.decimal
        bad = parsed.invalid & derived.open & ~errors.rejected
        if bad.any():
            warnings.append(
                f"Probabilité illisible ou hors de 0–100 % pour {int(bad.sum())} affaire(s), "
                f"probabilité de l'étape utilisée : {_rows(raw, bad)}."
            )
    out["probability"], out["probability_explicit"] = effective_probability(
        derived, explicit_probability, stage_probabilities)

    if "currency" in columns:
        currency = _text(columns["currency"].cells)
        from_symbol = currency.isna().to_numpy() & (symbol_currency != None)  # noqa: E711
        if from_symbol.any():
            currency = currency.where(~from_symbol, pd.Series(symbol_currency, dtype="str"))
    else:
        currency = symbol_currency
    out["currency"] = currency
    for field in _TEXT_FIELDS:
        if field in columns:
            out[field] = _text(columns[field].cells)
    if "closed_date" not in columns and "expected_close_date" in columns:
        out["closed_date"] = np.where(derived.closed, out["expected_close_date"],
                                      np.datetime64("NaT"))
    out["stage_label"] = _text(labels)
    out["stage"] = names(derived.stage, STAGE_ORDER)
    out["stage_reached"] = names(reached, STAGE_ORDER)
    out["status"] = names(derived.status, STATUSES)
    out["source_row"] = raw.row_numbers

    keep = ~errors.rejected
    frame = pd.DataFrame({name: _kept(values, keep) for name, values in out.items()})
    deals = coerce_canonical_dtypes(frame)
    report = ImportReport(
        detected=detected,
        rows_read=n,
        rows_imported=int(keep.sum()),
        rows_rejected=int(errors.rejected.sum()),
        errors=errors.sorted(),
        warnings=warnings,
    )
    return ImportResult(deals=deals, report=report)


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


def _columns_by_field(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, _Column]:
    by_field: dict[str, list[str]] = {}
    for header, field in mapping.items():
        if header not in raw.cells.columns:
            raise ImportFailure(f"Colonne « {header} » absente du fichier.")
        check_field(field, header)
        if field != IGNORE:
            by_field.setdefault(field, []).append(header)
    order = {h: i for i, h in enumerate(raw.headers)}
    return {field: _Column(raw, sorted(headers, key=order.__getitem__))
            for field, headers in by_field.items()}


def _stage_reached(labels: pd.Series, stage_mappings: Mapping[str, str] | None) -> np.ndarray:
    """Stage codes of the labels (NO_CODE for an empty one); unknown labels raise."""
    codes, uniques = factorize(labels)
    stages = [map_stage_label(label, stage_mappings) if label else None for label in uniques]
    unknown = [label for label, stage in zip(uniques, stages, strict=True)
               if label and stage is None]
    if unknown:
        raise UnknownStageLabels(unknown)
    table = np.array([STAGE_CODE[s] if s else NO_CODE for s in stages] + [NO_CODE],
                     dtype=np.int64)
    return table[codes]


def _impossible_message(order: str | None) -> str:
    if order in _ORDER_NAMES:
        return (f"Date impossible (jour ou mois hors calendrier, ordre {_ORDER_NAMES[order]} "
                "retenu pour la colonne).")
    return "Date impossible (jour ou mois hors calendrier)."


def _text(cells: pd.Series) -> pd.Series:
    return cells.where(cells != "")


def _generated_ids(row_numbers: np.ndarray) -> pd.Series:
    """`L{row}` for a deal without an id of its own (the spreadsheet row is unique)."""
    numbers = pc.cast(pa.array(row_numbers, pa.int64()), pa.string())
    return pd.Series(pd.array(pc.binary_join_element_wise("L", numbers, ""), dtype="str"))


def _kept(values: pd.Series | np.ndarray, keep: np.ndarray) -> pd.Series | np.ndarray:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True) if keep.all() else values[keep].reset_index(drop=True)
    return values if keep.all() else np.asarray(values)[keep]


def _rows(raw: RawTable, mask: np.ndarray, limit: int = 10) -> str:
    rows = raw.row_numbers[mask]
    shown = ", ".join(str(int(r)) for r in rows[:limit])
    more = f" et {len(rows) - limit} autre(s)" if len(rows) > limit else ""
    return f"ligne(s) {shown}{more}"
