"""RawTable: a file's cells as strings, with the rows a spreadsheet would show.

Shared by the CSV and XLSX readers: find the header, number every record (header = row 1
when it is the first line), drop blank lines with a warning, and mark the trailing lines
that look like totals / footers. Whether such a line is a footer is decided once the
columns are mapped: a trailing line is a footer only when it is not a valid deal
(docs/definitions.md; "Total SARL" is a client). Every cell stays a string ('' when empty);
parsing numbers and dates is done later, once per column, so the decimal mark and the date
order can be decided from all of a column's values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.cell_checks import check_cells
from business_logic.importing.errors import ImportFailure, RowError

_STR = pd.StringDtype("pyarrow", na_value=np.nan)
# A totals line's first cell is only the word; a report footer starts with its phrase.
_TOTAL = re.compile(
    r"^(sous ?-?total|sous-totaux|totaux|total|total general|grand total|somme|sum|count|"
    r"nombre|moyenne|average)\s*:?$"
)
_FOOTER = re.compile(
    r"^(genere|generated|exporte|exported|export du|export of|rapport genere|report generated|"
    r"confidential|confidentiel|copyright|\(c\)|©|imprime|printed)\b"
)


#: XLSX cell kinds (RawTable.cell_kinds, int8): text or empty, a number cell, a number cell
#: with a percent format (its value is already a fraction), a real date cell, a cell over the
#: 1 MB limit (only its start is kept; its row is rejected).
TEXT, NUMBER, PERCENT, DATE, OVERSIZED = 0, 1, 2, 3, 4


@dataclass
class RawTable:
    """The file's cells as strings, before any mapping.

    `cells` has one column per header (unique names, '' for empty cells) and one row per
    data record; `row_numbers[i]` is the row a spreadsheet shows for `cells.iloc[i]`.
    The last `footer_candidates` rows
    look like totals or footers; `build_deals` drops those that are not valid deals, and
    names them in one warning with the blank lines among them (`footer_blank_rows`).
    `cell_errors` are cells refused at reading (too long, unbalanced quote): their rows are
    rejected, and the cell itself is emptied in `cells`.
    `cell_kinds` (XLSX only) gives, per header, what the spreadsheet says each cell holds
    (TEXT, NUMBER, PERCENT, DATE above): such cells say their own scale and decimal mark.
    `source_columns[j]` is the record column header j was read from.
    """

    headers: list[str]
    cells: pd.DataFrame
    row_numbers: np.ndarray
    file_name: str
    encoding: str | None = None
    delimiter: str | None = None
    warnings: list[str] = field(default_factory=list)
    footer_candidates: int = 0
    footer_blank_rows: list[int] = field(default_factory=list)
    cell_errors: list[RowError] = field(default_factory=list)
    cell_kinds: dict[str, np.ndarray] = field(default_factory=dict)
    source_columns: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.cells)

    def preview(self, n: int = 20) -> pd.DataFrame:
        """The first `n` data rows, indexed by their spreadsheet row number."""
        head = self.cells.head(n).copy()
        head.index = pd.Index(self.row_numbers[:n], name="ligne")
        return head


@dataclass
class ArrowColumns:
    """A reader's columns handed over to `to_raw_table`, which takes them out of this
    holder and releases each one once it is done with it (the peak memory of a large file
    is then about one copy of its cells, docs/definitions.md limits)."""

    columns: list


def to_raw_table(records: list[list[str]] | pa.Table | ArrowColumns, file_name: str, *,
                 delimiter: str | None = None, record_rows: np.ndarray | None = None
                 ) -> RawTable:
    """Find the header, number the rows, drop blank lines (warned), mark trailing footers.

    `delimiter` (CSV) lets the cell checks recognise records swallowed by an unbalanced
    quote. `record_rows` is the spreadsheet row of each record (an XLSX sheet skips the
    runs of empty rows it does not store); 1, 2, 3… by default.
    """
    warnings: list[str] = []
    if isinstance(records, ArrowColumns):
        columns, records.columns = records.columns, []
    elif isinstance(records, pa.Table):
        columns = list(records.columns)
    else:
        width = max((len(record) for record in records), default=0)
        columns = [pa.array([record[i] if i < len(record) else "" for record in records],
                            pa.large_string()) for i in range(width)]
    n_records = len(columns[0]) if columns else 0
    if not n_records:
        raise ImportFailure(f"Le fichier « {file_name} » est vide.")
    filled_counts = np.zeros(n_records, dtype=np.int32)
    for index, column in enumerate(columns):
        columns[index] = column = _trimmed(column)
        filled_counts += _mask(pc.not_equal(column, ""))
    nonblank = np.flatnonzero(filled_counts > 0)
    if not len(nonblank):
        raise ImportFailure(f"Le fichier « {file_name} » est vide.")
    row_numbers = (np.arange(1, n_records + 1, dtype=np.int64) if record_rows is None
                   else np.asarray(record_rows, dtype=np.int64))
    header_at = _header_position(filled_counts, nonblank)
    if header_at > nonblank[0]:
        skipped = row_numbers[nonblank[nonblank < header_at]]
        warnings.append(f"Titre au-dessus de l'en-tête ignoré : {_rows_text(skipped)}.")
    raw_headers = [column[header_at].as_py() for column in columns]
    last_named = max((i for i, name in enumerate(raw_headers) if name), default=0)
    extra = [i for i in range(last_named + 1, len(columns))
             if pc.any(pc.not_equal(columns[i].slice(header_at + 1), "")).as_py()]
    keep = list(range(last_named + 1)) + extra
    headers = _unique_headers([raw_headers[i] for i in keep], warnings)
    if extra:
        warnings.append(
            "Certaines lignes ont plus de cellules que l'en-tête : colonnes ajoutées "
            + ", ".join(f"« {headers[keep.index(i)]} »" for i in extra) + "."
        )
    data_positions = np.arange(header_at + 1, n_records)
    data_filled = filled_counts[header_at + 1 :]
    footer_from = _footer_start(columns, data_positions, data_filled, len(headers))
    blank = data_positions[(data_filled == 0) & (data_positions < footer_from)]
    trailing_blank = data_positions[(data_filled == 0) & (data_positions >= footer_from)]
    if len(blank):
        warnings.append(
            f"{len(blank)} ligne(s) vide(s) ignorée(s) : {_rows_text(row_numbers[blank])}."
        )
    selected = data_positions[data_filled > 0]
    picked = []
    for i in keep:
        picked.append(_rows(columns[i], selected))
        columns[i] = None  # released as soon as it is picked
    del columns
    kept_rows = row_numbers[selected]
    picked, cell_errors = check_cells(picked, headers, kept_rows, delimiter=delimiter,
                                      header_width=last_named + 1)
    frame_columns = {}
    for index, header in enumerate(headers):
        frame_columns[header] = pd.array(picked[index], dtype=_STR)
        picked[index] = None
    cells = pd.DataFrame(frame_columns, columns=headers)
    return RawTable(
        headers=headers,
        cells=cells,
        row_numbers=kept_rows,
        file_name=file_name,
        warnings=warnings,
        footer_candidates=int((selected >= footer_from).sum()),
        footer_blank_rows=[int(row) for row in row_numbers[trailing_blank]],
        cell_errors=cell_errors,
        source_columns=keep,
    )


def footer_warning(rows: list[int]) -> str:
    """The warning naming the trailing lines skipped as totals, footers or blank lines."""
    ordered = np.asarray(sorted(rows), dtype=np.int64)
    return (f"{len(ordered)} ligne(s) après les données ignorée(s) (totaux, pied de page "
            f"ou ligne vide) : {_rows_text(ordered)}.")


_MAX_SLICES = 1_000


def _rows(column, positions: np.ndarray):
    """The cells at `positions` (ascending): zero-copy slices around a few gaps (blank
    lines, the header), a copy only when the gaps are many."""
    if not len(positions):
        return column.slice(0, 0)
    breaks = np.flatnonzero(np.diff(positions) != 1) + 1
    if len(breaks) > _MAX_SLICES:
        return column.take(pa.array(positions, pa.int64()))
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(positions)]))
    pieces = [column.slice(int(positions[a]), int(b - a)) for a, b in zip(starts, ends,
                                                                          strict=True)]
    chunks = [chunk for piece in pieces for chunk in
              (piece.chunks if isinstance(piece, pa.ChunkedArray) else [piece])]
    return pa.chunked_array(chunks, column.type)


def _trimmed(column):
    """Cells without surrounding spaces; a chunk that has none is kept as it is (no copy)."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = []
    for chunk in chunks:
        trimmed = pc.utf8_trim_whitespace(chunk)
        same = pc.sum(pc.binary_length(trimmed)).as_py() == pc.sum(
            pc.binary_length(chunk)).as_py()
        out.append(chunk if same else trimmed)
    return pa.chunked_array(out, column.type)


def _mask(array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _header_position(filled_counts: np.ndarray, nonblank: np.ndarray) -> int:
    """The first line with two filled cells or more: report titles above it are skipped."""
    if filled_counts.max() < 2:
        return int(nonblank[0])
    return int(np.flatnonzero(filled_counts >= 2)[0])


def _footer_start(columns: list, positions: np.ndarray, filled: np.ndarray, width: int) -> int:
    """Position of the first trailing line that is blank or looks like a footer.

    Looks like one: a total or report line ("Total", "Généré le …", "Confidential…"), or a
    line whose only filled cell is the first one (a title or note under the table). Only a
    candidate: it is dropped later if it is not a valid deal.
    """
    start = int(positions[-1]) + 1 if len(positions) else 0
    for position, count in zip(positions[::-1], filled[::-1], strict=True):
        if count == 0:
            start = int(position)
            continue
        cells = [column[int(position)].as_py() for column in columns]
        first = next(value for value in cells if value)
        lone_first_cell = count == 1 and width >= 3 and bool(cells[0])
        words = _words(first)
        if lone_first_cell or _TOTAL.match(words) or _FOOTER.match(words):
            start = int(position)
            continue
        break
    return start


def _words(text: str) -> str:
    """Lower case, accents dropped, spaces kept: "Généré le" → "genere le"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


def _unique_headers(names: list[str], warnings: list[str]) -> list[str]:
    result: list[str] = []
    for index, name in enumerate(names):
        base = name or f"Colonne {index + 1}"
        candidate, counter = base, 2
        while candidate in result:
            candidate = f"{base} ({counter})"
            counter += 1
        if candidate != base:
            warnings.append(f"En-tête « {base} » en double : renommé « {candidate} ».")
        result.append(candidate)
    return result


def _rows_text(rows: np.ndarray, limit: int = 10) -> str:
    shown = ", ".join(str(int(row)) for row in rows[:limit])
    more = f" et {len(rows) - limit} autre(s)" if len(rows) > limit else ""
    return f"ligne(s) {shown}{more}"
