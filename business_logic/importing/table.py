"""RawTable: a file's cells as strings, with the rows a spreadsheet would show.

Shared by the CSV and XLSX readers: find the header, number every record (header = row 1
when it is the first line), drop blank lines and the totals / footers after the data, each
with a warning. Every cell stays a string ('' when empty); parsing numbers and dates is done
later, once per column, so the decimal mark and the date order can be decided from all of a
column's values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.errors import ImportFailure

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
    `cell_kinds` (XLSX only) gives, per header, what the spreadsheet says each cell holds
    (TEXT, NUMBER, PERCENT, DATE below): such cells say their own scale and decimal mark.
    `source_columns[j]` is the record column header j was read from.
    """

    headers: list[str]
    cells: pd.DataFrame
    row_numbers: np.ndarray
    file_name: str
    encoding: str | None = None
    delimiter: str | None = None
    warnings: list[str] = field(default_factory=list)
    cell_kinds: dict[str, np.ndarray] = field(default_factory=dict)
    source_columns: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.cells)

    def preview(self, n: int = 20) -> pd.DataFrame:
        """The first `n` data rows, indexed by their spreadsheet row number."""
        head = self.cells.head(n).copy()
        head.index = pd.Index(self.row_numbers[:n], name="ligne")
        return head


def to_raw_table(records: list[list[str]] | pa.Table, file_name: str,
                 record_rows: np.ndarray | None = None) -> RawTable:
    """Find the header, number the rows, drop blank lines and trailing footers (warned).

    `record_rows` is the spreadsheet row of each record (an XLSX sheet skips the runs of
    empty rows it does not store); 1, 2, 3… by default.
    """
    warnings: list[str] = []
    if isinstance(records, pa.Table):
        columns = [pc.utf8_trim_whitespace(column) for column in records.columns]
    else:
        width = max((len(record) for record in records), default=0)
        columns = [
            pc.utf8_trim_whitespace(pa.array(
                [record[i] if i < len(record) else "" for record in records], pa.large_string()))
            for i in range(width)
        ]
    n_records = len(columns[0]) if columns else 0
    if not n_records:
        raise ImportFailure(f"Le fichier « {file_name} » est vide.")
    filled = np.column_stack([
        np.asarray(pc.not_equal(column, "").to_numpy(zero_copy_only=False), dtype=bool)
        for column in columns
    ])
    filled_counts = filled.sum(axis=1)
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
    extra = [i for i in range(last_named + 1, len(columns)) if filled[header_at + 1 :, i].any()]
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
    footers = data_positions[data_positions >= footer_from]
    if len(blank):
        warnings.append(
            f"{len(blank)} ligne(s) vide(s) ignorée(s) : {_rows_text(row_numbers[blank])}."
        )
    if len(footers):
        warnings.append(
            f"{len(footers)} ligne(s) après les données ignorée(s) (totaux, pied de page "
            f"ou ligne vide) : {_rows_text(row_numbers[footers])}."
        )
    selected = data_positions[(data_filled > 0) & (data_positions < footer_from)]
    if len(selected) and selected[-1] - selected[0] + 1 == len(selected):
        picked = [columns[i].slice(int(selected[0]), len(selected)) for i in keep]
    else:
        indices = pa.array(selected, pa.int64())
        picked = [columns[i].take(indices) for i in keep]
    cells = pd.DataFrame(
        {header: pd.array(column, dtype=_STR) for header, column in zip(headers, picked,
                                                                         strict=True)},
        columns=headers,
    )
    return RawTable(
        headers=headers,
        cells=cells,
        row_numbers=row_numbers[selected],
        file_name=file_name,
        warnings=warnings,
        source_columns=keep,
    )


def _header_position(filled_counts: np.ndarray, nonblank: np.ndarray) -> int:
    """The first line with two filled cells or more: report titles above it are skipped."""
    if filled_counts.max() < 2:
        return int(nonblank[0])
    return int(np.flatnonzero(filled_counts >= 2)[0])


def _footer_start(columns: list, positions: np.ndarray, filled: np.ndarray, width: int) -> int:
    """Position of the first trailing line that is blank or not data.

    Not data: a total or report line ("Total", "Généré le …", "Confidential…"), or a line
    whose only filled cell is the first one (a title or note under the table).
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
