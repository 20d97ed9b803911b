"""Bulk transfer of the canonical frame with PostgreSQL COPY, both directions.

Measured on this machine (benchmarks/RESULTS.md): COPY fed by pyarrow's CSV writer
is ~8x faster than `to_sql`, and `COPY … TO STDOUT` + a CSV reader ~4.5x faster than
`read_sql` at a third of the memory. Row-by-row ORM inserts are never used.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from psycopg import sql
from sqlalchemy import Connection, Engine

from business_logic.columns import CANONICAL_COLUMNS, coerce_canonical_dtypes
from business_logic.stages import effective_probability
from database.errors import unavailability_in_french
from database.settings import get_stage_probabilities

_BATCH_ROWS = 100_000
_ARROW_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "amount": pa.float64(),
    "probability": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "int": pa.int64(),
}
_COPY_COLUMNS = ("import_id", *CANONICAL_COLUMNS)


def _arrow_table(import_id: int, deals: pd.DataFrame) -> pa.Table:
    arrays = [pa.array(pd.Series(import_id, index=deals.index, dtype="int64"))]
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


def _csv_chunks(table: pa.Table) -> Iterator[bytes]:
    # Strings are always quoted, so an empty text is `""` and a NULL an empty field.
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in table.to_batches(max_chunksize=_BATCH_ROWS):
        sink = io.BytesIO()
        pa_csv.write_csv(batch, sink, write_options=options)
        yield sink.getvalue()


def copy_deals_in(connection: Connection, import_id: int, deals: pd.DataFrame) -> None:
    """COPY the canonical frame into `deals` inside the caller's transaction."""
    if deals.empty:
        return
    statement = sql.SQL("COPY deals ({}) FROM STDIN (FORMAT csv)").format(
        sql.SQL(", ").join(sql.Identifier(c) for c in _COPY_COLUMNS)
    )
    driver_connection = connection.connection.driver_connection
    with unavailability_in_french(), driver_connection.cursor() as cursor, \
            cursor.copy(statement) as copy:
        for chunk in _csv_chunks(_arrow_table(import_id, deals)):
            copy.write(chunk)


def load_deals(
    engine: Engine, import_id: int, stage_probabilities: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """The canonical frame of one import, read with `COPY … TO STDOUT`.

    Its `probability` is the effective one under `stage_probabilities` (default: the
    settings in force), computed here by `stages.effective_probability`: a settings change
    changes what is read, never what is stored.
    """
    columns = list(CANONICAL_COLUMNS)
    statement = sql.SQL(
        "COPY (SELECT {} FROM deals WHERE import_id = {} ORDER BY source_row) "
        "TO STDOUT (FORMAT csv)"
    ).format(sql.SQL(", ").join(sql.Identifier(c) for c in columns), sql.Literal(import_id))
    buffer = io.BytesIO()
    with engine.connect() as connection:
        if stage_probabilities is None:
            stage_probabilities = get_stage_probabilities(connection)
        driver_connection = connection.connection.driver_connection
        with unavailability_in_french(), driver_connection.cursor() as cursor, \
                cursor.copy(statement) as copy:
            for block in copy:
                buffer.write(block)
    if buffer.tell() == 0:
        return coerce_canonical_dtypes(pd.DataFrame(columns=columns))
    deals = _read_copy(buffer, columns)  # our own frame: no copy needed to fill it
    deals["probability"] = effective_probability(
        deals["status"], deals["stage"], deals["probability"].to_numpy(na_value=np.nan),
        stage_probabilities,
    )
    return deals


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
    return coerce_canonical_dtypes(table.to_pandas())
