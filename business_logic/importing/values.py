"""Statuses, and codes of a column's distinct values (docs/definitions.md, Statut et
probabilité)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from business_logic.columns import STATUSES
from business_logic.importing.cells import arrow
from business_logic.stages import normalize_label

STATUS_WORDS: dict[str, str] = {
    normalize_label(word): status
    for status, words in {
        "open": ("open", "ouvert", "ouverte", "en cours", "in progress", "active", "actif"),
        "won": ("won", "gagné", "gagnée", "signé", "closed won", "win"),
        "lost": ("lost", "perdu", "perdue", "closed lost", "abandonné", "abandonnée"),
    }.items()
    for word in words
}



@dataclass
class ParsedStatuses:
    codes: np.ndarray  # codes into STATUSES, -1 when empty or unknown
    unknown: np.ndarray


def parse_statuses(cells: pd.Series) -> ParsedStatuses:
    """open/won/lost in English or French (ouvert·e, gagné·e, perdu·e…)."""
    codes, uniques = factorize(cells)
    known = [STATUS_WORDS.get(normalize_label(u)) for u in uniques]
    table = np.array([STATUSES.index(s) if s else -1 for s in known] + [-1], dtype=np.int64)
    status_codes = table[codes]
    empty = (cells == "").to_numpy(dtype=bool)
    return ParsedStatuses(codes=status_codes, unknown=~empty & (status_codes == -1))


def factorize(cells: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes in order of first appearance (a code not above all earlier ones is a repeat)."""
    encoded = pc.dictionary_encode(arrow(cells))
    return _codes(encoded), encoded.dictionary.to_pylist()


def codes_of(cells: pd.Series) -> np.ndarray:
    """`factorize`'s codes alone (1M distinct ids: no list of 1M Python strings)."""
    return _codes(pc.dictionary_encode(arrow(cells)))


def _codes(encoded) -> np.ndarray:  # noqa: ANN001 — a pyarrow DictionaryArray
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def repeated(codes: np.ndarray) -> np.ndarray:
    """True where the value already appeared on an earlier row."""
    if not len(codes):
        return np.zeros(0, dtype=bool)
    seen_max = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
    return codes <= seen_max
