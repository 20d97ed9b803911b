"""Which deal of snapshot A is which deal of snapshot B (docs/history.md, « Rapprocher
les affaires de deux imports »).

By the CRM's id when both files carried ids; otherwise by a deal key (name + company, case-,
accent-, punctuation- and space-insensitive). A key (or id) that occurs more than once in
either snapshot is ambiguous: those deals are "non comparables", never matched by guess.
Everything is vectorised (Arrow string kernels + one hash join) so that two 100k-deal
snapshots match in a few tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.history.keys import deal_keys, text_array

MatchMethod = Literal["id", "cle"]


def generated_id_mask(deals: pd.DataFrame) -> np.ndarray:
    """Rows whose deal_id is the importer's own `L{row}` (the file had no id for them).

    Only ids starting with "L" are compared with their row number, so a file with its own
    ids costs one prefix test."""
    mask = np.zeros(len(deals), dtype=bool)
    if len(deals) == 0:
        return mask
    ids = text_array(deals["deal_id"])
    candidates = np.flatnonzero(pc.fill_null(pc.starts_with(ids, "L"), False).to_numpy(
        zero_copy_only=False))
    if len(candidates):
        rows = pd.Series(deals["source_row"]).iloc[candidates].astype("Int64").astype("str")
        expected = pc.binary_join_element_wise(pa.scalar("L", pa.large_string()),
                                               text_array(rows),
                                               pa.scalar("", pa.large_string()))
        same = pc.equal(ids.take(pa.array(candidates)), expected)
        mask[candidates] = pc.fill_null(same, False).to_numpy(zero_copy_only=False)
    return mask


def ids_read_from_file(deals: pd.DataFrame) -> bool:
    """True when at least one deal carries an id of the file (not `L{row}`), or when there
    is no deal at all (nothing contradicts the other snapshot's ids)."""
    return _from_file(generated_id_mask(deals))


def _from_file(generated: np.ndarray) -> bool:
    return not len(generated) or not bool(generated.all())


@dataclass(frozen=True)
class Matching:
    """Positions (0-based rows) of the matched pairs and of the deals left on each side.

    `only_a`: in A, not in B (disparues); `only_b`: in B, not in A (nouvelles);
    `ambiguous_a` / `ambiguous_b`: deals that could not be compared (non comparables).
    """

    method: MatchMethod
    pairs_a: np.ndarray
    pairs_b: np.ndarray
    only_a: np.ndarray
    only_b: np.ndarray
    ambiguous_a: np.ndarray
    ambiguous_b: np.ndarray

    @property
    def unmatched(self) -> int:
        """How many deals could not be compared (both sides)."""
        return int(len(self.ambiguous_a) + len(self.ambiguous_b))


def match_keys(keys_a: pa.Array, keys_b: pa.Array, method: MatchMethod) -> Matching:
    """Match two arrays of identities (ids or deal keys); null never matches.

    One dictionary encoding of both arrays turns every identity into an integer code; the
    occurrence counts per side (bincount) say which codes are ambiguous, and a code → row
    table of B gives the pairs. (One hash pass over both arrays: 0.6 s CPU at 2 × 1M.)
    """
    size_a = len(keys_a)
    encoded = pc.dictionary_encode(pa.concat_arrays([keys_a.cast(pa.large_string()),
                                                     keys_b.cast(pa.large_string())]))
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    codes_a, codes_b = codes[:size_a], codes[size_a:]
    size = len(encoded.dictionary) + 1  # last slot: the "no identity" code −1
    count_a = np.bincount(codes_a[codes_a >= 0], minlength=size)
    count_b = np.bincount(codes_b[codes_b >= 0], minlength=size)
    unique = (count_a <= 1) & (count_b <= 1)
    unique[-1] = False
    ok_a, ok_b = unique[codes_a], unique[codes_b]
    row_in_b = np.full(size, -1, dtype=np.int64)
    row_in_b[codes_b[ok_b]] = np.flatnonzero(ok_b)
    positions_a = np.flatnonzero(ok_a)
    found = row_in_b[codes_a[positions_a]]
    hit = found >= 0
    matched_b = np.zeros(len(keys_b), dtype=bool)
    matched_b[found[hit]] = True
    return Matching(
        method=method,
        pairs_a=positions_a[hit],
        pairs_b=found[hit],
        only_a=positions_a[~hit],
        only_b=np.flatnonzero(ok_b & ~matched_b),
        ambiguous_a=np.flatnonzero(~ok_a),
        ambiguous_b=np.flatnonzero(~ok_b),
    )


def _identities(deals: pd.DataFrame, generated: np.ndarray | None) -> pa.Array:
    """The ids, null where the importer generated them (`generated` None: keep all)."""
    ids = text_array(deals["deal_id"])
    if generated is not None and generated.any():
        ids = pc.if_else(pa.array(generated), pa.scalar(None, pa.large_string()), ids)
    return ids


def match_snapshots(a: pd.DataFrame, b: pd.DataFrame, *, ids_from_file_a: bool | None = None,
                    ids_from_file_b: bool | None = None) -> Matching:
    """Match the deals of A (earlier) and B (later) as docs/history.md says.

    `ids_from_file_*`: whether the snapshot's ids come from the file; None = decide from the
    ids themselves (the importer writes `L{row}` when a row has no id). In id mode, a row
    whose id was generated cannot be compared (its row number says nothing across files).
    """
    generated_a = generated_id_mask(a) if ids_from_file_a is None else None
    generated_b = generated_id_mask(b) if ids_from_file_b is None else None
    from_file_a = _from_file(generated_a) if generated_a is not None else ids_from_file_a
    from_file_b = _from_file(generated_b) if generated_b is not None else ids_from_file_b
    if from_file_a and from_file_b:
        return match_keys(_identities(a, generated_a), _identities(b, generated_b), "id")
    return match_keys(deal_keys(a), deal_keys(b), "cle")
