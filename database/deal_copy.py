"""Bulk transfer of the canonical frame with PostgreSQL COPY, both directions.

Measured on this machine (benchmarks/RESULTS.md): COPY fed by pyarrow's CSV writer
is ~8x faster than `to_sql`, and `COPY … TO STDOUT` + a CSV reader ~4.5x faster than
`read_sql` at a third of the memory. Row-by-row ORM inserts are never used.
"""

from __future__ import annotations

import io
import queue
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from psycopg import sql
from psycopg.copy import QueuedLibpqWriter
from sqlalchemy import Connection, Engine

from business_logic.columns import CANONICAL_COLUMNS, coerce_canonical_dtypes
from business_logic.sources import apply_source_aliases
from business_logic.stages import effective_probability
from database import snapshot_cache
from database.errors import unavailability_in_french
from database.partitions import copy_into
from database.settings import get_stage_probabilities
from database.source_aliases import get_source_aliases

_BATCH_ROWS = 100_000
_ARROW_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "amount": pa.float64(),
    "probability": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "int": pa.int64(),
}
_COPY_COLUMNS = tuple(CANONICAL_COLUMNS)  # import_id: the partition's column default
#: Pieces (psycopg's, ≤ 128 KB each) waiting for the writer thread: ~32 MB, not psycopg's
#: 1,024 (128 MB more at peak when the server is slower than this process).
_QUEUED_PIECES = 256


class _Writer(QueuedLibpqWriter):
    """psycopg's queued writer with a shorter queue: when it is full, making the next
    chunk waits for the server."""

    def __init__(self, cursor) -> None:  # noqa: ANN001 — a psycopg cursor
        super().__init__(cursor)
        self._queue = queue.Queue(maxsize=_QUEUED_PIECES)


def _arrow_table(deals: pd.DataFrame) -> pa.Table:
    arrays = []
    for name, kind in CANONICAL_COLUMNS.items():
        column = deals[name]
        if name == "probability":
            # Only the file's own probability is stored (migration 0002); the effective one
            # is recomputed from the settings when the snapshot is read.
            column = column.where(deals["probability_explicit"].astype(bool))
        if kind == "date":
            arrays.append(pa.array(column, type=pa.timestamp("us")).cast(pa.date32()))
        elif kind == "text":
            # pandas' `str` columns are Arrow-backed: this is zero-copy (1.3 s → 0.01 s / 1M).
            arrays.append(pa.array(column))
        else:
            arrays.append(pa.array(column, type=_ARROW_TYPES[kind], from_pandas=True))
    return pa.Table.from_arrays(arrays, names=list(_COPY_COLUMNS))


def _csv_chunks(table: pa.Table) -> Iterator[tuple[int, bytes]]:
    """(rows, CSV bytes) per batch. Strings are always quoted, so an empty text is `""` and
    a NULL an empty field."""
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in table.to_batches(max_chunksize=_BATCH_ROWS):
        sink = io.BytesIO()
        pa_csv.write_csv(batch, sink, write_options=options)
        yield batch.num_rows, sink.getvalue()


def copy_deals_in(
    connection: Connection,
    import_id: int,
    deals: pd.DataFrame | Iterable[pd.DataFrame],
    rows_sent: Callable[[int], None] | None = None,
    while_sending: Callable[[pa.Table | None], None] | None = None,
) -> pa.Table | None:
    """COPY the canonical frame — or the frames of a file built in chunks, each sent as
    soon as it is made — into the bare partition of `import_id`, created earlier in the
    caller's transaction (`partitions.create_bare_partition`). `rows_sent` is told the
    running count after each batch (the Import page's progress bar); `while_sending` is
    given the Arrow table of what was sent (None when nothing was) after the last frame is
    made, while the server still takes the rows; it is also returned.

    A writer thread sends the batches (psycopg's `QueuedLibpqWriter`): this process makes
    the next chunk while PostgreSQL, in its own process, ingests the previous one.
    """
    frames = [deals] if isinstance(deals, pd.DataFrame) else deals
    statement = copy_into(import_id, _COPY_COLUMNS)
    driver_connection = connection.connection.driver_connection
    tables = []
    sent = 0
    with unavailability_in_french(), driver_connection.cursor() as cursor, \
            cursor.copy(statement, writer=_Writer(cursor)) as copy:
        for frame in frames:
            if frame.empty:
                continue
            table = _arrow_table(frame)
            tables.append(table)
            for rows, chunk in _csv_chunks(table):
                copy.write(chunk)
                sent += rows
                if rows_sent is not None:
                    rows_sent(sent)
        sent_table = (None if not tables else tables[0] if len(tables) == 1
                      else pa.concat_tables(tables))
        if while_sending is not None:
            while_sending(sent_table)
    return sent_table


def _read_back_schema() -> pa.Schema:
    """The types `_read_copy` gives the stored columns (dates as timestamps)."""
    return pa.schema([
        (name, pa.timestamp("us") if kind == "date" else _ARROW_TYPES[kind])
        for name, kind in CANONICAL_COLUMNS.items()
    ])


def stage_cache(folder: Path | None, sent: pa.Table | None) -> Path | None:
    """The snapshot's Arrow file (embedded server only: `folder`), from the rows COPY is
    storing, typed as a read-back of them, in a temporary file that
    `snapshot_cache.publish` names once the import is committed: the first page load
    after an import then maps the file instead of reading 1M rows back from PostgreSQL
    (~6 s, issue 8). Tests check the file reads back equal to PostgreSQL's rows."""
    if not folder or sent is None:
        return None
    try:
        typed = sent.cast(_read_back_schema())
    except pa.ArrowException:  # not the stored types: the first read uses PostgreSQL
        return None
    return snapshot_cache.write_temporary(folder, typed)


def load_deals(
    engine: Engine,
    import_id: int,
    stage_probabilities: Mapping[str, float] | None = None,
    source_aliases: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The canonical frame of one import, in `source_row` order.

    Read from the snapshot's Arrow file when the embedded server keeps one
    (`snapshot_cache`), else with `COPY … TO STDOUT` (then the file is written for next
    time). Its `probability` is the effective one under `stage_probabilities` (default: the
    settings in force), computed here by `stages.effective_probability`: a settings change
    changes what is read, never what is stored. Likewise its sources are renamed by
    `source_aliases` (default: the aliases kept on Réglages, business_logic.sources).
    """
    folder = snapshot_cache.cache_dir(engine)
    with engine.connect() as connection:
        if stage_probabilities is None:
            stage_probabilities = get_stage_probabilities(connection)
        if source_aliases is None:
            source_aliases = get_source_aliases(connection)
        cached = folder and snapshot_cache.cache_file(folder, connection, import_id)
        deals = snapshot_cache.read_cached(cached) if cached else None
        if deals is None:
            deals = _copy_out(connection, import_id)
            if cached and not deals.empty:
                snapshot_cache.write_cached(cached, deals)
    # our own frame (fresh from the file or the CSV): no copy needed to fill it
    deals["probability"] = effective_probability(
        deals["status"], deals["stage"], deals["probability"].to_numpy(na_value=np.nan),
        stage_probabilities,
    )
    return apply_source_aliases(deals, source_aliases)


def _copy_out(connection: Connection, import_id: int) -> pd.DataFrame:
    """The stored columns of one import. No ORDER BY: a whole-partition sort spills to disk
    at 1M rows; rows come back in COPY order, and are sorted here only if they do not."""
    columns = list(CANONICAL_COLUMNS)
    statement = sql.SQL("COPY (SELECT {} FROM deals WHERE import_id = {}) TO STDOUT (FORMAT csv)"
                        ).format(sql.SQL(", ").join(sql.Identifier(c) for c in columns),
                                 sql.Literal(import_id))
    buffer = io.BytesIO()
    driver_connection = connection.connection.driver_connection
    with unavailability_in_french(), driver_connection.cursor() as cursor, \
            cursor.copy(statement) as copy:
        for block in copy:
            buffer.write(block)
    if buffer.tell() == 0:
        return coerce_canonical_dtypes(pd.DataFrame(columns=columns))
    return _read_copy(buffer, columns)


def _read_copy(buffer: io.BytesIO, columns: list[str]) -> pd.DataFrame:
    buffer.seek(0)
    table = pa_csv.read_csv(
        buffer,
        read_options=pa_csv.ReadOptions(column_names=columns),
        convert_options=pa_csv.ConvertOptions(
            column_types={
                name: (pa.timestamp("us") if kind == "date" else _ARROW_TYPES[kind])
                for name, kind in CANONICAL_COLUMNS.items()
            },
            true_values=["t"],
            false_values=["f"],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    rows = table["source_row"]
    if len(rows) > 1 and not pc.all(pc.less(rows[:-1], rows[1:])).as_py():
        table = table.sort_by("source_row")
    return coerce_canonical_dtypes(table.to_pandas())
