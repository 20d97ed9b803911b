"""One step per field of the canonical record, applied by `build_deals` (docs/definitions.md).

Each step reads the mapped cells of one field, records rejections (row, column, value,
reason) with boolean masks over the whole column, and writes its converted values. The
choices a step makes from all of a column's values (decimal mark, date order, scale of the
probabilities) and the rows a warning will name are recorded, not written out: `parts`
words them once every chunk of a file is built, so a file built in chunks reports exactly
what it reports built whole.
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
from business_logic.importing.values import codes_of, parse_statuses, repeated

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

    def rows(self, start: int, stop: int) -> Column:
        """The same column over rows start..stop (a chunk of the file), positions from 0."""
        part = object.__new__(Column)
        part.headers = self.headers
        part.cells = self.cells.iloc[start:stop].reset_index(drop=True)
        part.source = self.source[start:stop]
        part.kinds = None if self.kinds is None else self.kinds[start:stop]
        return part


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
    #: (what, headers, votes, choice) per whole-column choice, in the order made
    choices: list[tuple[str, tuple[str, ...], tuple[int, int] | None, object]] = field(
        default_factory=list)
    #: rows a warning names: "contradicted", "without_stage", "probability"
    flagged: dict[str, np.ndarray] = field(default_factory=dict)

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
    build.choices.append(("decimal", tuple(column.headers), numbers.votes, numbers.decimal))
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
    for name in DATE_FIELDS:
        if name in build.columns:
            build.out[name] = parse_date_column(build, build.columns[name])


def parse_date_column(build: Build, column: Column) -> np.ndarray:
    """The dates of one field's cells; unreadable, impossible and out-of-range dates reject
    their row (docs/definitions.md); the order chosen is recorded (`Build.choices`)."""
    dates = parse_dates(column.cells)
    build.errors.add(dates.unreadable, column, "Date illisible.")
    build.errors.add(dates.impossible, column, _impossible_message(dates.order))
    build.errors.add(dates.out_of_range, column, OUT_OF_RANGE_DATE)
    build.choices.append(("date", tuple(column.headers), dates.votes, dates.order))
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


def repeated_ids(ids: pd.Series, row_numbers: np.ndarray) -> np.ndarray:
    """For each row whose id repeats an earlier row's, the row where it first appeared
    (0 elsewhere). Found on the whole file, so a file built in chunks finds the same."""
    present = (ids != "").to_numpy(dtype=bool)
    codes = codes_of(ids)
    again = repeated(codes) & present
    first_rows = np.zeros(len(ids), dtype=np.int64)
    if again.any():
        first_row = np.zeros(codes.max() + 1, dtype=np.int64)
        first_row[codes[~again][::-1]] = row_numbers[~again][::-1]
        first_rows[again] = first_row[codes[again]]
    return first_rows


def convert_deal_id(build: Build, first_rows: np.ndarray | None) -> None:
    """The CRM's id, rejected when it repeats an earlier row (`first_rows`: repeated_ids);
    `L{row}` when there is none."""
    row_numbers = build.raw.row_numbers
    if "deal_id" not in build.columns:
        build.out["deal_id"] = generated_ids(row_numbers)
        return
    column = build.columns["deal_id"]
    ids = column.cells
    positions = np.flatnonzero(first_rows)
    if len(positions):
        build.errors.add_each(positions, column,
                              [f"Identifiant déjà présent à la ligne {int(first_rows[p])}."
                               for p in positions])
    build.out["deal_id"] = ids.where((ids != "").to_numpy(dtype=bool),
                                     generated_ids(row_numbers))


def warn_derived_stages(build: Build, derived: Derived) -> None:
    """Flag the kept rows that had their stage decided for them (never silently)."""
    build.flagged["contradicted"] = derived.contradicted & ~build.errors.rejected
    build.flagged["without_stage"] = derived.without_stage & ~build.errors.rejected


def convert_probability(build: Build, derived: Derived,
                        stage_probabilities: Mapping[str, float] | None) -> None:
    """Won 1, lost 0, open: the file's probability when readable, else the stage's."""
    explicit_probability = np.full(len(build.raw), np.nan)
    if "probability" in build.columns:
        column = build.columns["probability"]
        parsed = parse_probabilities(column.cells, default_decimal=build.default_decimal,
                                     kinds=column.kinds)
        explicit_probability = parsed.values
        headers = tuple(column.headers)
        build.choices.append(("probability_decimal", headers, parsed.votes, parsed.decimal))
        build.choices.append(("scale", headers, None, parsed.out_of_100))
        build.flagged["probability"] = parsed.invalid & derived.open & ~build.errors.rejected
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
