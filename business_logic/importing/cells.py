"""Arrow views of a column of cells: masks, regex tests and the raw UTF-8 bytes.

The parsers test whole columns at once; reading the bytes behind a column lets them skip
every pass a column does not need (no `€` anywhere → no currency pass).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow(cells: pd.Series) -> pa.Array:
    """The cells as one contiguous Arrow large_string array (zero-copy when possible)."""
    array = pa.array(cells.array, type=pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pa.array([], pa.large_string())
    return array


def mask(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def matches(array: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    return mask(pc.match_substring_regex(array, pattern))


@dataclass(frozen=True)
class ColumnBytes:
    """The UTF-8 bytes of a column: `data[starts[i]:starts[i] + lengths[i]]` is cell i."""

    data: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray

    @property
    def blob(self) -> bytes:
        end = int(self.starts[-1] + self.lengths[-1]) if len(self.starts) else 0
        begin = int(self.starts[0]) if len(self.starts) else 0
        return self.data[begin:end].tobytes()

    def byte_at(self, rows: np.ndarray, offset: int) -> np.ndarray:
        """Byte `offset` of each cell in `rows` (callers guarantee the cells are long enough)."""
        return self.data[np.where(rows, self.starts + offset, 0)]


def column_bytes(array: pa.Array) -> ColumnBytes:
    array = pc.fill_null(array.cast(pa.large_string()), "")
    _, offsets_buffer, data_buffer = array.buffers()
    if offsets_buffer is None or not len(array):
        empty = np.zeros(0, dtype=np.int64)
        return ColumnBytes(data=np.zeros(1, dtype=np.uint8), starts=empty, lengths=empty)
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)
    offsets = offsets[array.offset : array.offset + len(array) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(
        0, dtype=np.uint8)
    if not len(data):
        data = np.zeros(1, dtype=np.uint8)
    return ColumnBytes(data=data, starts=offsets[:-1], lengths=np.diff(offsets))
