"""Cells refused at reading, each rejecting its row (docs/definitions.md, Règles d'import).

- A cell longer than 1 MB: the row is rejected, the rest of the file is kept.
- An unbalanced quote: a quoted cell that swallowed following lines which parse as
  records (as many cells as the header) is reported on the row where it starts, with the
  number of records it swallowed, so that no record vanishes without a word.

The refused cell is emptied (a 10 MB value is not carried through the import); the report
keeps an excerpt of it.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.errors import RowError, excerpt

#: docs/definitions.md: "a cell of at most 1 MB (that row is rejected)".
MAX_CELL_BYTES = 1 << 20
_EXCERPT = 80


def check_cells(columns: list, headers: list[str], row_numbers: np.ndarray, *,
                delimiter: str | None, header_width: int) -> tuple[list, list[RowError]]:
    """The columns with refused cells emptied, and one RowError per refused cell.

    An unbalanced quote is named before the length: the cell it makes is often long, and
    its count of swallowed records is what the user needs to know.
    """
    errors: list[RowError] = []
    checked = []
    for index, (column, header) in enumerate(zip(columns, headers, strict=True)):
        refused = np.zeros(len(column), dtype=bool)
        if delimiter is not None and header_width > 1 and len(column):
            swallowed = _swallowed_records(column, delimiter, header_width,
                                           cells_after=len(columns) - index - 1)
            for position, count in swallowed:
                errors.append(RowError(
                    int(row_numbers[position]), header, _excerpt(column, position),
                    f"Guillemet non fermé : cette cellule avale {_spaced(count)} ligne(s) "
                    "suivante(s) qui ont la forme d'affaires (non importées) ; fermez le "
                    "guillemet puis réimportez le fichier."))
                refused[position] = True
        lengths = pc.binary_length(column)
        if len(column) and pc.max(lengths).as_py() > MAX_CELL_BYTES:
            too_long = _mask(pc.greater(lengths, MAX_CELL_BYTES)) & ~refused
            for position in np.flatnonzero(too_long):
                size = column[int(position)].as_buffer().size
                errors.append(RowError(
                    int(row_numbers[position]), header, _excerpt(column, position),
                    f"Cellule trop longue ({_megabytes(size)}, maximum 1 Mo) : ligne rejetée."))
            refused |= too_long
        if refused.any():
            column = pc.if_else(pa.array(refused), pa.scalar("", column.type), column)
        checked.append(column)
    return checked, errors


def _excerpt(column, position: int) -> str:
    start = column[int(position)].as_buffer()
    head = start.slice(0, min(start.size, _EXCERPT * 4)).to_pybytes()
    text = head.decode("utf-8", errors="ignore")
    return excerpt(text + ("…" * (start.size > len(head))), _EXCERPT)


def _swallowed_records(column, delimiter: str, header_width: int, cells_after: int
                       ) -> list[tuple[int, int]]:
    """(position, records swallowed) of the cells holding lines shaped like records: after
    the cell's first line, each line with as many delimiters as the header (the last one
    may continue with the record's next cells)."""
    if not _holds_newline(column):
        return []
    multiline = pc.match_substring(column, "\n")
    enough = pc.greater_equal(pc.count_substring(column, delimiter), header_width - 1)
    found = []
    for position in np.flatnonzero(_mask(pc.and_(multiline, enough))):
        cell = np.frombuffer(column[int(position)].as_buffer(), dtype=np.uint8)
        count = _record_lines(cell, ord(delimiter), header_width - 1, cells_after)
        if count:
            found.append((int(position), count))
    return found


def _holds_newline(column) -> bool:
    """Whether a line break may be in the column: a search of its bytes (~20x faster than
    a match per cell; the bytes around a slice can only add a false alarm)."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    for chunk in chunks:
        data = chunk.buffers()[2] if len(chunk) else None
        if data is not None and b"\n" in data.to_pybytes():
            return True
    return False


_WINDOW = 1 << 23


def _record_lines(cell: np.ndarray, mark: int, target: int, cells_after: int) -> int:
    """Lines after the first with `target` delimiters, read in 8 MB windows (a 200 MB cell
    of 20M lines costs a few MB, not 20M positions at once)."""
    count, open_delimiters, open_length, first_line = 0, 0, 0, True
    for start in range(0, len(cell), _WINDOW):
        window = cell[start : start + _WINDOW]
        newlines = np.flatnonzero(window == 10)
        bounds = np.concatenate(([0], newlines, [len(window)]))
        per_segment = np.diff(np.searchsorted(np.flatnonzero(window == mark), bounds))
        if not len(newlines):
            open_delimiters += int(per_segment[0])
            open_length += len(window)
            continue
        if not first_line:
            count += open_delimiters + int(per_segment[0]) == target
        first_line = False
        count += int((per_segment[1:-1] == target).sum())
        open_delimiters = int(per_segment[-1])
        open_length = len(window) - int(newlines[-1]) - 1
    if not first_line:
        filled = open_length > (1 if cell[-1] == 13 else 0)
        count += open_delimiters == target or (filled and
                                               open_delimiters == target - cells_after)
    return int(count)


def _mask(array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _spaced(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} Mo".replace(".", ",")
