"""CSV text → one Arrow table of string cells, within the file limits of docs/definitions.md.

Limits, each with a French message rather than a crash or an exhausted memory: at most
`MAX_ROWS` rows (Excel's) and `MAX_COLUMNS` columns per file. They are checked before the
cells are materialised: the first record's width on the sample, the line count when no quote
can hide a newline, and the width of every ragged record as Arrow meets it (a 10 MB line of
5M fields is refused without allocating 5M cells). Cells over 1 MB are handled later, row
by row (`cell_checks`).

Arrow's multithreaded reader does the parsing; the `csv` module takes over for ragged files
(blank lines, rows longer or shorter than the header), streaming the text and building the
Arrow columns in batches so that no file becomes millions of Python strings at once.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.csv as pa_csv

from business_logic.importing.errors import ImportFailure, excerpt
from business_logic.importing.table import ArrowColumns

MAX_ROWS = 1_048_576
MAX_COLUMNS = 512
_BLOCK_BYTES = 16 << 20  # Arrow block: a cell up to this size parses on the fast path
_BATCH_CELLS = 1 << 20
_NEWLINE = b"\n"
# 32-bit offsets: half the memory of large_string for the many short cells of a wide file;
# the kept columns become large_string (pandas) one at a time in to_raw_table.
_CELL = pa.string()
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # the 1 MB rule is per row


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def too_many_rows(file_name: str, rows: int | None = None) -> ImportFailure:
    counted = f"{_count(rows)} lignes" if rows else "trop de lignes"
    return ImportFailure(
        f"« {file_name} » compte {counted} : au plus {_count(MAX_ROWS)} lignes par fichier "
        "(la limite d'Excel). Découpez-le en plusieurs fichiers.")


def too_many_columns(file_name: str, cells: int, where: str, at_least: bool = False
                     ) -> ImportFailure:
    qualifier = "au moins " if at_least else ""
    return ImportFailure(
        f"« {file_name} », {where} : {qualifier}{_count(cells)} cellules, au plus "
        f"{MAX_COLUMNS} colonnes par fichier. Vérifiez le séparateur ou le fichier.")


def is_utf8(payload: bytes) -> bool:
    """Whether the whole payload is valid UTF-8, checked by Arrow without a copy."""
    offsets = pa.array([0, len(payload)], pa.int64()).buffers()[1]
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(payload)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def check_line_count(payload: bytes, file_name: str) -> None:
    """Without any quote, lines are records: too many of them fails before parsing."""
    newline = b"\n" if b"\n" in payload else b"\r"
    lines = payload.count(newline) + (not payload.endswith(newline))
    if lines > MAX_ROWS and b'"' not in payload:
        raise too_many_rows(file_name, lines)


def first_record_width(sample: str, delimiter: str, file_name: str) -> int:
    """Cells of the sample's first record; refuses a file wider than MAX_COLUMNS."""
    first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
    if len(first) > MAX_COLUMNS:
        whole = "\n" in sample or "\r" in sample
        raise too_many_columns(file_name, len(first), "ligne 1", at_least=not whole)
    return max(len(first), 1)


@dataclass
class _Ragged:
    """What Arrow saw of the records that do not have the first record's width."""

    file_name: str
    payload: bytes
    count: int = 0
    too_wide: ImportFailure | None = None

    def __call__(self, row: pa_csv.InvalidRow) -> str:
        if row.actual_columns > MAX_COLUMNS:
            self.too_wide = too_many_columns(self.file_name, row.actual_columns,
                                             self._where(row.text))
            return "error"
        self.count += 1
        return "error" if self.count > MAX_ROWS else "skip"

    def _where(self, text: str) -> str:
        found = self.payload.find(text[:200].encode("utf-8", errors="replace"))
        line = "une ligne"
        if found >= 0:
            line = f"ligne {self.payload.count(_NEWLINE, 0, found) + 1}"
        return f"{line} (« {excerpt(text, 40)} »)"


def arrow_records(data: bytes, encoding: str, delimiter: str, width: int, file_name: str,
                  block_size: int = _BLOCK_BYTES) -> ArrowColumns | None:
    """The records when every one has the first record's width; None when some do not
    (blank lines, ragged rows), for the `csv` module to take over. Raises ImportFailure on
    a limit, pyarrow's errors on anything else."""
    ragged = _Ragged(file_name, data)
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True, encoding=encoding,
                                            block_size=block_size),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False,
                invalid_row_handler=ragged,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": _CELL for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        if ragged.too_wide is not None:
            raise ragged.too_wide from None
        if ragged.count > MAX_ROWS:
            raise too_many_rows(file_name) from None
        raise
    if table.num_rows + ragged.count > MAX_ROWS:
        raise too_many_rows(file_name, table.num_rows + ragged.count)
    return None if ragged.count else ArrowColumns(table.columns)


def python_records(payload: bytes, encoding: str, delimiter: str, file_name: str
                   ) -> ArrowColumns | None:
    """The `csv` module's records, streamed from the bytes and stored as Arrow columns in
    batches; None when the payload, taken for UTF-8, is not."""
    errors = "crm_latin1_fallback" if encoding == "cp1252" else "strict"
    python_encoding = "cp1252" if encoding == "cp1252" else "utf-8"
    text = io.TextIOWrapper(io.BytesIO(payload), encoding=python_encoding, errors=errors,
                            newline="")
    columns: list[list[pa.Array]] = []
    rows = 0
    batch: list[list[str]] = []
    cells = 0
    try:
        for record in csv.reader(text, delimiter=delimiter):
            if len(record) > MAX_COLUMNS:
                where = f"ligne {rows + len(batch) + 1} (« {excerpt(record[0], 40)} »)"
                raise too_many_columns(file_name, len(record), where)
            batch.append(record)
            cells += len(record) + 1
            if cells >= _BATCH_CELLS:
                rows = _add_batch(columns, rows, batch)
                batch, cells = [], 0
                if rows > MAX_ROWS:
                    raise too_many_rows(file_name)
    except UnicodeDecodeError:
        return None
    except csv.Error:
        raise ImportFailure(f"« {file_name} » : CSV illisible vers la ligne "
                            f"{rows + len(batch) + 1} (caractère nul ou enregistrement mal "
                            "formé).") from None
    rows = _add_batch(columns, rows, batch)
    if rows > MAX_ROWS:
        raise too_many_rows(file_name, rows)
    return ArrowColumns([pa.chunked_array(chunks, _CELL) for chunks in columns])


def _add_batch(columns: list[list[pa.Array]], rows: int, batch: list[list[str]]) -> int:
    """Append a batch of records to the column chunks (short records padded with '')."""
    if not batch:
        return rows
    width = max(len(record) for record in batch)
    while len(columns) < width:
        columns.append([pa.array([""] * rows, _CELL)] if rows else [])
    for i, chunks in enumerate(columns):
        chunks.append(pa.array([record[i] if i < len(record) else "" for record in batch],
                               _CELL))
    return rows + len(batch)


def decode(payload: bytes, encoding: str, *, final: bool = True) -> str:
    if encoding == "cp1252":
        return payload.decode("cp1252", errors="crm_latin1_fallback")
    return codecs.getincrementaldecoder("utf-8")(errors="replace").decode(payload, final=final)
