"""Cells refused at reading, each rejecting its row (docs/definitions.md, Import rules).

- A cell longer than 1 MB: the row is rejected, the rest of the file is kept.
- An unbalanced quote: a quoted cell that swallowed following lines which parse as
  records (as many cells as the header) is reported on the row where it starts, with the
  number of records it swallowed, so that no record vanishes without a word.

The refused cell is emptied (a 10 MB value is not carried through the import); the report
keeps an excerpt of it.
"""

from __future__ import annotations

import csv

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.errors import RowError, excerpt

#: metrics.md: "a cell of at most 1 MB (that row is rejected)".
MAX_CELL_BYTES = 1 << 20
_EXCERPT = 80


def check_cells(columns: list, headers: list[str], row_numbers: np.ndarray, *,
                delimiter: str | None, header_width: int) -> tuple[list, list[RowError]]:
    """The columns with refused cells emptied, and one RowError per refused cell."""
    errors: list[RowError] = []
    checked = []
    for index, (column, header) in enumerate(zip(columns, headers, strict=True)):
        refused = np.zeros(len(column), dtype=bool)
        lengths = pc.binary_length(column)
        if len(column) and pc.max(lengths).as_py() > MAX_CELL_BYTES:
            too_long = _mask(pc.greater(lengths, MAX_CELL_BYTES))
            for position in np.flatnonzero(too_long):
                value = column[int(position)].as_py()
                errors.append(RowError(
                    int(row_numbers[position]), header, excerpt(value, _EXCERPT),
                    f"Cellule trop longue ({_megabytes(len(value.encode()))}, maximum 1 Mo) : "
                    "ligne rejetée."))
            refused |= too_long
        if delimiter is not None and header_width > 1:
            swallowed = _swallowed_records(column, refused, delimiter, header_width,
                                           cells_after=len(columns) - index - 1)
            for position, count in swallowed:
                errors.append(RowError(
                    int(row_numbers[position]), header,
                    excerpt(column[position].as_py(), _EXCERPT),
                    f"Guillemet non fermé : cette cellule avale {count} ligne(s) suivante(s) "
                    "qui ont la forme d'affaires (non importées) ; fermez le guillemet puis "
                    "réimportez le fichier."))
                refused[position] = True
        if refused.any():
            column = pc.if_else(pa.array(refused), pa.scalar("", column.type), column)
        checked.append(column)
    return checked, errors


def _swallowed_records(column, refused: np.ndarray, delimiter: str, header_width: int,
                       cells_after: int) -> list[tuple[int, int]]:
    """(position, records swallowed) of the cells holding lines shaped like records."""
    multiline = pc.match_substring(column, "\n")
    if not pc.any(multiline).as_py():
        return []
    enough = pc.greater_equal(pc.count_substring(column, delimiter), header_width - 1)
    suspects = np.flatnonzero(_mask(pc.and_(multiline, enough)) & ~refused)
    found = []
    for position in suspects:
        lines = column[int(position)].as_py().splitlines()[1:]
        count = sum(_width(line, delimiter) == header_width for line in lines[:-1])
        if lines and header_width in (_width(lines[-1], delimiter),
                                      _width(lines[-1], delimiter) + cells_after):
            count += 1
        if count:
            found.append((int(position), count))
    return found


def _width(line: str, delimiter: str) -> int:
    """How many cells a line holds, its quotes honoured."""
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return line.count(delimiter) + 1


def _mask(array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} Mo".replace(".", ",")
