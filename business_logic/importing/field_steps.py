"""One step per field of the canonical record, applied by `build_deals` (docs/definitions.md).

Each step reads the mapped cells of one field, records rejections (row, column, value,
reason) with boolean masks over the whole column, and writes its converted values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.dates import FIRST_YEAR, LAST_YEAR, parse_dates
from business_logic.importing.derive import (
    NO_CODE,
    Derived,
    effective_probability,
)
from business_logic.importing.errors import RowError
from business_logic.importing.numbers import currency_codes, parse_numbers, parse_probabilities
from business_logic.importing.table import OVERSIZED, RawTable
from business_logic.importing.values import factorize, parse_statuses, repeated
from business_logic.stages import STAGE_LABELS_FR

TEXT_FIELDS = ("name", "company", "source", "owner", "sector", "segment", "lost_reason",
               "notes")
DATE_FIELDS = ("created_date", "expected_close_date", "closed_date", "last_activity_date")
_ORDER_NAMES = {"DMY": "JJ/MM/AAAA", "MDY": "MM/JJ/AAAA"}
OUT_OF_RANGE_DATE = f"Date impossible (année hors de {FIRST_YEAR}–{LAST_YEAR})."
#: deals.amount is NUMERIC(14,2): a larger value would fail the whole import at storage.
MAX_AMOUNT = 999_999_999_999.99


class Column:
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
        self.kinds = _coalesced_kinds(raw, headers, self.source)

    def header_at(self, position: int) -> str:
        return self.headers[int(self.source[position])]


def _coalesced_kinds(raw: RawTable, headers: list[str], source: np.ndarray
                     ) -> np.ndarray | None:
    """Each cell's XLSX kind (RawTable.cell_kinds) taken from the header it came from."""
    if not any(h in raw.cell_kinds for h in headers):
        return None
    kinds = np.zeros(len(raw), dtype=np.int8)
    for index, header in enumerate(headers):
        if header in raw.cell_kinds:
            kinds[source == index] = raw.cell_kinds[header][source == index]
    return kinds


class Errors:
    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.items: list[tuple[int, int, RowError]] = []
        self.rejected = np.zeros(len(raw), dtype=bool)

    def add(self, mask: np.ndarray, column: Column, message: str) -> None:
        self.rejected |= mask
        order = {h: i for i, h in enumerate(self.raw.headers)}
        for position in np.flatnonzero(mask):
            header = column.header_at(position)
            value = str(column.cells.iat[position])
            row = int(self.raw.row_numbers[position])
            self.items.append((row, order[header], RowError(row, header, value, message)))

    def add_each(self, positions: np.ndarray, column: Column, messages: list[str]) -> None:
        order = {h: i for i, h in enumerate(self.raw.headers)}
        self.rejected[positions] = True
        for position, message in zip(positions, messages, strict=True):
            header = column.header_at(position)
            row = int(self.raw.row_numbers[position])
            error = RowError(row, header, str(column.cells.iat[position]), message)
            self.items.append((row, order[header], error))

    def sorted(self) -> list[RowError]:
        return [error for _, _, error in sorted(self.items, key=lambda item: item[:2])]


@dataclass
class Build:
    """The state of one `build_deals` call, shared by the steps below."""

    raw: RawTable
    columns: dict[str, Column]
    errors: Errors
    warnings: list[str]
    detected: dict[str, object]
    out: dict[str, object] = field(default_factory=dict)

    @property
    def default_decimal(self) -> str:
        """When no value settles it: `,` (French) unless the file is comma-delimited."""
        return "." if self.raw.delimiter == "," else ","


def convert_amount(build: Build) -> np.ndarray:
    """Amounts (rejected when unreadable or negative); returns the currency of each symbol."""
    n = len(build.raw)
    if "amount" not in build.columns:
        return np.full(n, None, dtype=object)
    column = build.columns["amount"]
    numbers = parse_numbers(column.cells, default_decimal=build.default_decimal,
                            kinds=column.kinds)
    build.errors.add(numbers.invalid | numbers.percent | numbers.fraction, column,
                     "Montant illisible.")
    build.errors.add(numbers.negative, column, "Montant négatif.")
    too_large = ~numbers.negative & (np.nan_to_num(numbers.values) > MAX_AMOUNT)
    build.errors.add(too_large, column, "Montant trop élevé (maximum 999 999 999 999,99).")
    build.out["amount"] = np.where(
        numbers.negative | numbers.percent | numbers.fraction | too_large, np.nan, numbers.values)
    build.detected["decimal"] = numbers.decimal
    return numbers.currency


def reject_oversized_cells(build: Build) -> None:
    """A cell over 1 MB rejects its row, whatever its column (docs/definitions.md, limits); the XLSX
    reader kept only its start (RawTable.cell_kinds)."""
    for header, kinds in build.raw.cell_kinds.items():
        oversized = kinds == OVERSIZED
        if oversized.any():
            build.errors.add(oversized, Column(build.raw, [header]),
                             "Cellule trop longue (plus de 1 Mo).")


def convert_dates(build: Build) -> None:
    """Each date column in the order decided from all its values (docs/definitions.md)."""
    date_orders: dict[str, str] = {}
    for name in DATE_FIELDS:
        if name in build.columns:
            build.out[name] = parse_date_column(build, build.columns[name], date_orders)
    build.detected["date_orders"] = date_orders
    orders = [o for o in date_orders.values() if o != "ISO"]
    build.detected["date_order"] = orders[0] if orders else ("ISO" if date_orders else None)


def parse_date_column(build: Build, column: Column, date_orders: dict[str, str]) -> np.ndarray:
    """The dates of one field's cells; unreadable, impossible and out-of-range dates reject
    their row (docs/definitions.md); the order chosen is recorded per header."""
    dates = parse_dates(column.cells)
    build.errors.add(dates.unreadable, column, "Date illisible.")
    build.errors.add(dates.impossible, column, _impossible_message(dates.order))
    build.errors.add(dates.out_of_range, column, OUT_OF_RANGE_DATE)
    if dates.order:
        for header in column.headers:
            date_orders[header] = dates.order
    if dates.ambiguous:
        build.warnings.append(
            f"Colonne « {', '.join(column.headers)} » : aucune date ne distingue le jour du "
            "mois ; ordre JJ/MM/AAAA (français) retenu."
        )
    return dates.values


def convert_status(build: Build, labels: pd.Series) -> np.ndarray:
    """Explicit status codes (NO_CODE when absent); rejects unknown statuses and rows with
    neither stage nor status."""
    n = len(build.raw)
    explicit_status = np.full(n, NO_CODE, dtype=np.int64)
    status_given = np.zeros(n, dtype=bool)
    if "status" in build.columns:
        column = build.columns["status"]
        statuses = parse_statuses(column.cells)
        build.errors.add(statuses.unknown, column,
                         "Statut inconnu (attendu : ouvert, gagné ou perdu).")
        explicit_status = statuses.codes
        status_given = (column.cells != "").to_numpy(dtype=bool)
    has_label = (labels != "").to_numpy(dtype=bool)
    missing_column = build.columns.get("stage_label") or build.columns["status"]
    build.errors.add(~has_label & ~status_given, missing_column, "Étape et statut manquants.")
    return explicit_status


def convert_deal_id(build: Build) -> None:
    """The CRM's id, rejected when it repeats an earlier row; `L{row}` when there is none."""
    row_numbers = build.raw.row_numbers
    if "deal_id" not in build.columns:
        build.out["deal_id"] = generated_ids(row_numbers)
        return
    column = build.columns["deal_id"]
    ids = column.cells
    present = (ids != "").to_numpy(dtype=bool)
    codes, _ = factorize(ids)
    again = repeated(codes) & present
    if again.any():
        first_row = np.zeros(codes.max() + 1, dtype=np.int64)
        first_row[codes[~again][::-1]] = row_numbers[~again][::-1]
        positions = np.flatnonzero(again)
        build.errors.add_each(positions, column,
                              [f"Identifiant déjà présent à la ligne {int(first_row[codes[p]])}."
                               for p in positions])
    build.out["deal_id"] = ids.where(present, generated_ids(row_numbers))


def warn_derived_stages(build: Build, derived: Derived) -> None:
    """Say which kept rows had their stage decided for them (never silently)."""
    contradicted = derived.contradicted & ~build.errors.rejected
    without_stage = derived.without_stage & ~build.errors.rejected
    if contradicted.any():
        build.warnings.append(
            f"{int(contradicted.sum())} affaire(s) au statut ouvert dont l'étape indique "
            f"gagné/perdu, classée(s) en « {STAGE_LABELS_FR['negotiation']} » : "
            f"{rows_text(build.raw, contradicted)}."
        )
    if without_stage.any():
        build.warnings.append(
            f"{int(without_stage.sum())} affaire(s) ouverte(s) sans étape, classée(s) en "
            f"« {STAGE_LABELS_FR['prospect']} » : {rows_text(build.raw, without_stage)}."
        )


def convert_probability(build: Build, derived: Derived,
                        stage_probabilities: Mapping[str, float] | None) -> None:
    """Won 1, lost 0, open: the file's probability when readable, else the stage's."""
    explicit_probability = np.full(len(build.raw), np.nan)
    if "probability" in build.columns:
        column = build.columns["probability"]
        parsed = parse_probabilities(column.cells, default_decimal=build.default_decimal,
                                     kinds=column.kinds)
        explicit_probability = parsed.values
        build.detected["decimal"] = build.detected["decimal"] or parsed.decimal
        bad = parsed.invalid & derived.open & ~build.errors.rejected
        if bad.any():
            build.warnings.append(
                f"Probabilité illisible ou hors de 0–100 % pour {int(bad.sum())} affaire(s), "
                f"probabilité de l'étape utilisée : {rows_text(build.raw, bad)}."
            )
    build.out["probability"], build.out["probability_explicit"] = effective_probability(
        derived, explicit_probability, stage_probabilities)


def convert_currency(build: Build, symbol_currency: np.ndarray) -> None:
    """The currency column as ISO codes, its blanks filled from the amount's symbol or code."""
    if "currency" not in build.columns:
        build.out["currency"] = symbol_currency
        return
    currency = currency_codes(build.columns["currency"].cells)
    from_symbol = currency.isna().to_numpy() & (symbol_currency != None)  # noqa: E711
    if from_symbol.any():
        currency = currency.where(~from_symbol, pd.Series(symbol_currency, dtype="str"))
    build.out["currency"] = currency


def copy_text_fields(build: Build) -> None:
    for name in TEXT_FIELDS:
        if name in build.columns:
            build.out[name] = text(build.columns[name].cells)


def _impossible_message(order: str | None) -> str:
    if order in _ORDER_NAMES:
        return (f"Date impossible (jour ou mois hors calendrier, ordre {_ORDER_NAMES[order]} "
                "retenu pour la colonne).")
    return "Date impossible (jour ou mois hors calendrier)."


def text(cells: pd.Series) -> pd.Series:
    """Empty cells become missing values."""
    return cells.where(cells != "")


def generated_ids(row_numbers: np.ndarray) -> pd.Series:
    """`L{row}` for a deal without an id of its own (the spreadsheet row is unique)."""
    numbers = pc.cast(pa.array(row_numbers, pa.int64()), pa.string())
    return pd.Series(pd.array(pc.binary_join_element_wise("L", numbers, ""), dtype="str"))


def rows_text(raw: RawTable, mask: np.ndarray, limit: int = 10) -> str:
    rows = raw.row_numbers[mask]
    shown = ", ".join(str(int(r)) for r in rows[:limit])
    more = f" et {len(rows) - limit} autre(s)" if len(rows) > limit else ""
    return f"ligne(s) {shown}{more}"
