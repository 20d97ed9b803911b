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
    """Rows whose deal_id is the importer's own `L{row}` (the file had no id for them)."""
    if len(deals) == 0:
        return np.zeros(0, dtype=bool)
    rows = pd.Series(deals["source_row"]).astype("Int64").astype("str")
    expected = pc.binary_join_element_wise(
        pa.scalar("L", pa.large_string()), text_array(rows), pa.scalar("", pa.large_string()))
    same = pc.equal(text_array(deals["deal_id"]), expected)
    return pc.fill_null(same, False).to_numpy(zero_copy_only=False)


def ids_read_from_file(deals: pd.DataFrame) -> bool:
    """True when at least one deal carries an id of the file (not `L{row}`), or when there
    is no deal at all (nothing contradicts the other snapshot's ids)."""
    return not len(deals) or not bool(generated_id_mask(deals).all())


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


def _occurrences(keys: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """How many times each row's key occurs in its snapshot (0 for null), and the keys
    occurring more than once."""
    encoded = pc.dictionary_encode(keys)
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    present = pc.is_valid(keys).to_numpy(zero_copy_only=False)
    codes = np.where(present, np.nan_to_num(indices, nan=0), 0).astype(np.int64)
    size = len(encoded.dictionary)
    counts = np.bincount(codes[present], minlength=max(size, 1))
    per_row = np.where(present, counts[codes], 0)
    return per_row, encoded.dictionary.filter(pa.array(counts[:size] > 1))


def _comparable(keys: pa.Array, occurrences: np.ndarray, repeated_there: pa.Array) -> np.ndarray:
    """Keys that exist, are unique in their snapshot and not repeated in the other one."""
    elsewhere = pc.is_in(keys, value_set=repeated_there).to_numpy(zero_copy_only=False)
    return (occurrences == 1) & ~elsewhere


def match_keys(keys_a: pa.Array, keys_b: pa.Array, method: MatchMethod) -> Matching:
    """Match two arrays of identities (ids or deal keys); null never matches."""
    occurrences_a, repeated_a = _occurrences(keys_a)
    occurrences_b, repeated_b = _occurrences(keys_b)
    ok_a = _comparable(keys_a, occurrences_a, repeated_b)
    ok_b = _comparable(keys_b, occurrences_b, repeated_a)
    positions_a = np.flatnonzero(ok_a)
    positions_b = np.flatnonzero(ok_b)
    found = pc.index_in(keys_a.take(pa.array(positions_a)),
                        value_set=keys_b.take(pa.array(positions_b)))
    found = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    hit = found >= 0
    pairs_a = positions_a[hit]
    pairs_b = positions_b[found[hit]]
    matched_b = np.zeros(len(keys_b), dtype=bool)
    matched_b[pairs_b] = True
    return Matching(
        method=method,
        pairs_a=pairs_a,
        pairs_b=pairs_b,
        only_a=positions_a[~hit],
        only_b=np.flatnonzero(ok_b & ~matched_b),
        ambiguous_a=np.flatnonzero(~ok_a),
        ambiguous_b=np.flatnonzero(~ok_b),
    )


def _id_identities(deals: pd.DataFrame, *, drop_generated: bool) -> pa.Array:
    ids = text_array(deals["deal_id"])
    if drop_generated and len(deals):
        ids = pc.if_else(pa.array(generated_id_mask(deals)),
                         pa.scalar(None, pa.large_string()), ids)
    return ids


def match_snapshots(a: pd.DataFrame, b: pd.DataFrame, *, ids_from_file_a: bool | None = None,
                    ids_from_file_b: bool | None = None) -> Matching:
    """Match the deals of A (earlier) and B (later) as docs/history.md says.

    `ids_from_file_*`: whether the snapshot's ids come from the file; None = decide from the
    ids themselves (the importer writes `L{row}` when a row has no id). In id mode, a row
    whose id was generated cannot be compared (its row number says nothing across files).
    """
    from_file_a = ids_read_from_file(a) if ids_from_file_a is None else ids_from_file_a
    from_file_b = ids_read_from_file(b) if ids_from_file_b is None else ids_from_file_b
    if from_file_a and from_file_b:
        identities_a = _id_identities(a, drop_generated=ids_from_file_a is None)
        identities_b = _id_identities(b, drop_generated=ids_from_file_b is None)
        return match_keys(identities_a, identities_b, "id")
    return match_keys(deal_keys(a), deal_keys(b), "cle")
