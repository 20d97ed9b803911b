"""The deal key: name + company, case-, accent-, punctuation- and space-insensitive
(docs/history.md, « Rapprocher les affaires de deux imports »).

Regular-expression kernels cost ~0.6 µs per character (0.1 s per 100k keys), so the
cleaning after Unicode NFKD is done on the UTF-8 bytes with numpy: every character that is
neither a letter nor a digit is dropped — ASCII punctuation and spaces, combining accents
(what NFKD splits off `é`), Unicode spaces, punctuation and symbols of the common blocks
(`«`, `’`, `–`, `€`…). Letters of any script are kept. Both snapshots go through the same
function, so two spellings that differ only by those characters get the same key.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SEPARATOR: Final = 0x1F  # between name and company: kept, so "ab"+"c" ≠ "a"+"bc"

# Code point ranges dropped (inclusive): combining marks, Latin-1 punctuation and symbols,
# general punctuation, currency and letterlike-free symbol blocks, CJK punctuation, the
# zero-width no-break space.
_DROPPED: Final = np.array([
    (0x0080, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x02B9, 0x036F),
    (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x2000, 0x206F), (0x20A0, 0x20FF),
    (0x2100, 0x214F), (0x2190, 0x2BFF), (0x2E00, 0x2E7F), (0x3000, 0x303F),
    (0xFE20, 0xFE2F), (0xFE50, 0xFE6F), (0xFEFF, 0xFEFF), (0xFF01, 0xFF0F),
])  # fmt: skip


def text_array(series: pd.Series) -> pa.Array:
    """A text column as one Arrow large_string array (zero-copy for the `str` dtype)."""
    array = series.array
    if hasattr(array, "__arrow_array__"):
        arrow = array.__arrow_array__()
    else:
        arrow = pa.array(series.astype(object).where(series.notna(), None), type=pa.string())
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks() if arrow.num_chunks else pa.array([], pa.string())
    return arrow.cast(pa.large_string())


def _code_points(data: np.ndarray, leads: np.ndarray) -> np.ndarray:
    """The code point of each multi-byte UTF-8 sequence starting at `leads`."""
    last = len(data) - 1  # a truncated sequence reads its own last byte again: harmless
    b0, b1, b2, b3 = (data[np.minimum(leads + k, last)].astype(np.int64) for k in range(4))
    return np.select(
        [b0 < 0xE0, b0 < 0xF0],
        [((b0 & 0x1F) << 6) | (b1 & 0x3F),
         ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)],
        ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F),
    )


_ASCII_KEPT: Final = np.zeros(256, dtype=bool)
_ASCII_KEPT[[*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B), SEPARATOR]] = True
_ASCII_KEPT[0x80:] = True  # multi-byte characters: decided below, on their code point


def _keep_letters_and_digits(text: pa.LargeStringArray) -> pa.LargeStringArray:
    """Drop, byte-wise, every character that is not a letter, a digit or SEPARATOR."""
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[text.offset:
                                                                text.offset + len(text) + 1]
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    offsets = offsets - offsets[0]
    keep_byte = _ASCII_KEPT[data]
    high = np.flatnonzero(data >= 0x80)
    if len(high):
        leads = high[data[high] >= 0xC0]
        code = _code_points(data, leads)
        range_index = np.searchsorted(_DROPPED[:, 0], code, side="right") - 1
        dropped = (range_index >= 0) & (code <= _DROPPED[np.maximum(range_index, 0), 1])
        owner = np.searchsorted(leads, high, side="right") - 1  # the lead of each byte
        keep_byte[high] = ~dropped[owner]
    starts = offsets[:-1]
    lengths = np.zeros(len(text), dtype=np.int64)
    filled = starts < offsets[1:]  # reduceat gives a wrong value for empty strings
    if len(data):
        lengths[filled] = np.add.reduceat(keep_byte, starts[filled], dtype=np.int64)
    new_offsets = np.zeros(len(text) + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    return pa.LargeStringArray.from_buffers(
        len(text), pa.py_buffer(new_offsets), pa.py_buffer(data[keep_byte].tobytes()))


def deal_keys(deals: pd.DataFrame) -> pa.Array:
    """The deal key of each row, null when both name and company are empty (such a deal
    cannot be told apart from another: it is never matched)."""
    if len(deals) == 0:
        return pa.array([], type=pa.large_string())
    name = pc.fill_null(text_array(deals["name"]), "")
    company = pc.fill_null(text_array(deals["company"]), "")
    joined = pc.binary_join_element_wise(name, company,
                                         pa.scalar(chr(SEPARATOR), pa.large_string()))
    keys = _keep_letters_and_digits(pc.utf8_normalize(pc.utf8_lower(joined), "NFKD"))
    empty = pc.equal(pc.binary_length(keys), 1)  # only the separator is left
    return pc.if_else(empty, pa.scalar(None, pa.large_string()), keys)
